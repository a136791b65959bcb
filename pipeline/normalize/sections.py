"""Sorting stories into the paper's sections: the front page, reports, letters (an editor's `section`
override wins); a web page's kind — front page, article, letters page — decided from its own evidence,
said in the report, and a letters page's pieces filed as letters."""

from __future__ import annotations

from dataclasses import replace

from ..lang import phrasebook
from ..model import Article, Box, Issue, Masthead, Note, Paragraph, SeeInside, Signoff
from ..model.inlines import quote, text_of
from ..readers.overrides import override_note
from .corrections import story_holding as _story_holding
from .edit import revise

FRONT_STORIES = 3
FRONT_TEASERS = 3  # a list of this many titles or more, over several lines, is the issue's contents
NAMEPLATES = ("red flag newspaper", "bandera roja periodico", "bandera roja periódico")


def assign_sections(issue: Issue) -> Issue:
    """Front page: the first stories after a masthead, up to the first box (at most three, the lead
    stories); letters: stories closed by a sign-off; reports: the rest. A web page is first read as a
    whole (page_kind): on a letters page every piece is a letter, on a front page the lead stories are
    the front page's, on an article page a piece is a letter when it is signed, titled as one
    (`Letter: …`) or opens with a salutation (`Dear Comrades,`). `{action: section, at: 146, value:
    letters}` puts the story holding line 146 in that section."""
    kind, notes = (page_kind(issue) if issue.form == "web" else ("", []))
    front: set[str] = set()
    if any(isinstance(item, Masthead) for item in issue.items) or kind == "front":
        for item in issue.items:
            if isinstance(item, Article) and len(front) < FRONT_STORIES:
                front.add(item.id)
            elif isinstance(item, Box) and front:
                break
    items = []
    everything = list(issue.items)
    moved = {_story_holding(everything, o.line): o for o in issue.overrides if o.action == "section"}
    for k, item in enumerate(issue.items):
        if isinstance(item, Article):
            section = ("front" if item.id in front else
                       "letters" if kind == "letters" or _signed(item) or (kind and _reads_as_letter(item))
                       else "reports")
            if override := moved.get(k):
                section = override.value
                notes.append(override_note(override, f"story {item.id} goes to {section}"))
            item = replace(item, section=section)
            notes.append(Note("assign_sections", item.source.first, f"{item.id}: {section}"))
        items.append(item)
    return revise(issue, items, notes)


def page_kind(issue: Issue) -> tuple[str, list[Note]]:
    """What a web page is, from its own evidence: a letters page says so over its letters (`Letters to
    Red Flag`, `Cartas`, `More Letters`, `Letters: …`), or most of its pieces are signed; a front page
    lists the issue's stories (a list of titles over several lines) under the paper's nameplate or
    issue line; any other page is an article page. A decision on weak evidence is a review line."""
    stories = [item for item in issue.items if isinstance(item, Article)]
    dropped = [n for n in issue.notes if n.step == "drop_site_furniture" and n.dropped]
    label = next((n for n in dropped if phrasebook.fullmatch("letters_label", n.dropped)), None)
    head = next((x for a in stories[:1] for x in (a.kicker, a.headline) if x is not None and not getattr(x, "derived", False)
                 and phrasebook.fullmatch("letters_label", text_of(x))), None)
    signed = [a for a in stories if _signed(a)]
    lists = [item for item in issue.items if isinstance(item, SeeInside) and len(item.items) >= FRONT_TEASERS
             and item.source.last > item.source.first]
    nameplate = next((n for n in dropped if phrasebook.fold(n.dropped) in NAMEPLATES), None)
    issue_line = next((b for b in issue.items if isinstance(b, Box) and b.kind == "contact"
                       and phrasebook.search("issue_line", " ".join(text_of(x) for x in b.blocks))), None)
    at = min([item.source.first for item in issue.items] + [n.line for n in dropped], default=1)
    if label is not None and ((lists and label.line != at) or (stories and label.line > stories[0].source.first)):
        label = None  # `Letters to Red Flag` in a front page's menu, or in the menu under the story
    if label is not None or head is not None:
        said = label.dropped if label is not None else text_of(head)
        why, line, sure = f"it says so over its letters ({quote(said)}, line {label.line if label else head.source.first})", at, True
        kind = "letters"
    elif len(stories) >= 2 and len(signed) * 3 >= len(stories) * 2 and not lists:
        why, kind = f"{len(signed)} of its {len(stories)} pieces are signed, and nothing else says what it is", "letters"
        sure = len(signed) == len(stories)  # every piece a letter by its own signature: the page's kind changes nothing
    elif lists:
        box = lists[0]
        evidence = (f"the nameplate {quote(nameplate.dropped)}" if nameplate else
                    f"the issue line at line {issue_line.source.first}" if issue_line else "")
        why = (f"it lists {len(box.items)} of the issue's stories (lines {box.source.first}–{box.source.last})"
               + (f" under {evidence}" if evidence else ""))
        sure, kind = bool(evidence) or any(n.dropped and phrasebook.fold(n.dropped) in phrasebook.lines("menu")
                                           for n in dropped), "front"
    else:
        why, sure, kind = ("it holds " + (f"{len(stories)} pieces" if len(stories) != 1 else "one story")
                           + " and no list of the issue's stories nor a letters label"), bool(stories), "article"
    name = {"front": "a front page", "letters": "a letters page", "article": "an article page"}[kind]
    other = {"front": "an article page", "letters": "an article page (each piece filed by its own evidence)",
             "article": "a letters page"}[kind]
    fix = ("; to file a story elsewhere, {action: section, at: N, value: reports}" if kind != "article"
           else "; to file a story as a letter, {action: section, at: N, value: letters}")
    message = f"the page is {name}: {why}" + ("" if sure else f"; it could be {other}{fix}")
    return kind, [Note("assign_sections", at, message, level="info" if sure else "review")]


def _signed(article: Article) -> bool:
    return any(isinstance(b, Signoff) for b in article.body)


def _reads_as_letter(article: Article) -> bool:
    """A piece of a web page that is a letter by its own words: titled as one (`Letter: Why I Joined`,
    `Carta desde Gaza: …`), calling itself one (`Esta carta…`, `I am writing to you`) or opening with a
    salutation (`Dear Comrades,`, `Queridos camaradas,`)."""
    titles = [text_of(x) for x in (article.kicker, article.headline) if x is not None and not getattr(x, "derived", False)]
    first = next((b for b in article.body if isinstance(b, Paragraph)), None)
    prose = " ".join(text_of(b) for b in article.body if isinstance(b, Paragraph))
    return any(phrasebook.starts("letter_title", t) for t in titles) or bool(phrasebook.search("letter_words", prose)) or (
        first is not None and bool(phrasebook.fullmatch("salutation", text_of(first))))
