"""Sorting stories into the paper's sections: the front page, reports, letters (an editor's `section` override wins)."""

from __future__ import annotations

from dataclasses import replace

from ..model import Article, Box, Issue, Masthead, Note, Signoff
from ..readers.overrides import override_note
from .corrections import story_holding as _story_holding
from .edit import revise

FRONT_STORIES = 3


def assign_sections(issue: Issue) -> Issue:
    """Front page: the first stories after a masthead, up to the first box (at most three, the lead
    stories); letters: stories closed by a sign-off; reports: the rest. `{action: section, at: 146,
    value: letters}` puts the story holding line 146 in that section."""
    front: set[str] = set()
    if any(isinstance(item, Masthead) for item in issue.items):
        for item in issue.items:
            if isinstance(item, Article) and len(front) < FRONT_STORIES:
                front.add(item.id)
            elif isinstance(item, Box) and front:
                break
    items, notes = [], []
    everything = list(issue.items)
    moved = {_story_holding(everything, o.line): o for o in issue.overrides if o.action == "section"}
    for k, item in enumerate(issue.items):
        if isinstance(item, Article):
            section = ("front" if item.id in front else
                       "letters" if any(isinstance(b, Signoff) for b in item.body) else "reports")
            if override := moved.get(k):
                section = override.value
                notes.append(override_note(override, f"story {item.id} goes to {section}"))
            item = replace(item, section=section)
            notes.append(Note("assign_sections", item.source.first, f"{item.id}: {section}"))
        items.append(item)
    return revise(issue, items, notes)

