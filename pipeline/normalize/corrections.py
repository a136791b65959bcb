"""Applying the editor's overrides where the pipeline would have decided: block kinds before the
classifiers run, story headers after the stories are built. (Join and hyphen overrides are applied
by the join step, new-story ones by the segmenter.)"""

from __future__ import annotations

from dataclasses import replace

from ..model import (Article, Box, Caption, Deck, Heading, Headline, Issue, Kicker, ListBlock, Paragraph, Signoff,
                     narrowest_holding)
from ..model.inlines import quote, text_of
from ..readers.markup import parse_inlines
from ..readers.overrides import override_note
from .edit import revise

_MARKABLE = (Paragraph, Heading, ListBlock)


def apply_block_overrides(issue: Issue) -> Issue:
    """`{action: caption, at: 150}` makes the block on line 150 a caption; likewise `box`, `signoff`,
    and `drop` (which the report lists as dropped text)."""
    items, notes = [], []
    for block in issue.items:
        lines = range(block.source.first, block.source.last + 1)
        override = next((o for o in issue.overrides if o.action in ("caption", "box", "signoff", "drop")
                         and o.line in lines), None)
        if override is None or not isinstance(block, _MARKABLE):
            items.append(block)
            continue
        text = text_of(block)
        if override.action == "drop":
            notes.append(override_note(override, f"block {quote(text)} dropped", dropped=text))
            continue
        inlines = block.inlines if not isinstance(block, ListBlock) else parse_inlines(text)
        if override.action == "caption":
            items.append(Caption(inlines, block.source))
        elif override.action == "signoff":
            items.append(Signoff(inlines, block.source))
        else:
            items.append(Box("notice", (), (Paragraph(inlines, block.source),), block.source))
        notes.append(override_note(override, f"block {quote(text)} marked {override.action}"))
    return revise(issue, items, notes)


def apply_story_overrides(issue: Issue) -> Issue:
    """`{action: title, at: 128, value: "…"}` sets the headline of the story holding line 128 (no longer
    derived); `kicker` and `deck` set those."""
    items, notes = list(issue.items), []
    for override in (o for o in issue.overrides if o.action in ("title", "kicker", "deck")):
        k = story_holding(items, override.line)
        if k is None:
            continue
        article = items[k]
        inlines = parse_inlines(override.value)
        source = article.headline.source
        if override.action == "title":
            article = replace(article, headline=Headline(inlines, source))
        elif override.action == "kicker":
            article = replace(article, kicker=Kicker(inlines, source))
        else:
            article = replace(article, deck=Deck(inlines, source))
        items[k] = article
        notes.append(override_note(override, f"story {article.id}: {override.action} set to {quote(override.value)}"))
    return revise(issue, items, notes)


def story_holding(items: list, line: int) -> int | None:
    """The index of the story whose block holds `line` most narrowly (a paragraph joined across a jump
    spans both pages' lines, so the narrowest holder is the one the editor meant)."""
    owner: dict[int, int] = {}
    for k, item in enumerate(items):
        if isinstance(item, Article):
            owner.update((id(part), k) for part in (item.headline, item.kicker, item.deck, *item.body) if part is not None)
    holder = narrowest_holding([part for item in items if isinstance(item, Article)
                                for part in (item.headline, item.kicker, item.deck, *item.body)], line)
    return None if holder is None else owner[id(holder)]
