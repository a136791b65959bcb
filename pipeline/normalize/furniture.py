"""Site furniture: what the website prints around the paper's words (chrome, menus, lines of links) is
dropped with a note for each line, and the page's list of its stories becomes the see-inside box."""

from __future__ import annotations

import re
from dataclasses import replace

from ..lang import phrasebook
from ..lang.patterns import STOP_WORDS
from ..model import Box, Issue, Note, Paragraph, SeeInside, TeaserItem
from ..model.inlines import plain_text, quote, split_inlines, text_of
from ..readers.markup import parse_inlines
from ..readers.overrides import override_note
from .edit import RAW, revise

_TABLE_CELLS = re.compile(r"(?<=\S)(?:\s*\|)+\s*$")  # `Partido Comunista Obrero Internacional | |`
_TEASER_SPLIT = re.compile(r"\s*♦\s*")
_LINK_WORD = re.compile(r"\s*(?:\(article here\)|here|aquí)\s*$", re.I)
HEADER_LINES = 3  # kicker, headline, deck: the most a story's header holds above its first paragraph


def drop_site_furniture(issue: Issue) -> Issue:
    """`Header image`, `line decor`, `BIGGER SMALLER`, the contact line, a table capture's `![]() |`
    and the editor's own `furniture:` lines are dropped wherever they stand; in web copy, the site's
    menus (`Previous Issue`, `RED FLAG Archive`…) where they stand above the first story or below the
    last, and the titles listed above the first story (`Al Interior:` …, `X here ♦ Y here ♦`) become
    the see-inside box. `{action: keep, at: N}` keeps a line the pipeline took for furniture."""
    extra = {phrasebook.fold(line) for line in issue.metadata.furniture}
    items, notes = _cut_chrome_suffixes(list(issue.items))
    web = issue.form == "web"
    first, last = _prose_bounds(items)
    header = _header_start(items, first) if web and last >= 0 else 0  # no body: no title is a teaser
    grid = _teaser_grid(items) if web else {}
    out, teasers = [], []
    for k, item in enumerate(items):
        if not isinstance(item, RAW):
            out.append(item)
            continue
        text = text_of(item)
        lines = range(item.source.first, item.source.last + 1)
        if (kept := issue.overridden("keep", lines)) and _is_furniture(text, extra, web):
            notes.append(override_note(kept, f"{quote(text)} kept: not site furniture"))
            out.append(item)
            continue
        outside = web and (k < header or k > last)
        if outside and phrasebook.fullmatch("see_inside", text):  # `Al Interior:` labels the list that follows
            notes.append(Note("drop_site_furniture", item.source.first, f"the label {quote(text)} of the page's list "
                              f"of titles dropped: the see-inside box has its own", dropped=text))
            continue
        if phrasebook.is_chrome(text) or phrasebook.fold(text) in extra or (
                outside and phrasebook.fold(text) in phrasebook.lines("menu")):
            notes.append(Note("drop_site_furniture", item.source.first, f"site furniture {quote(text)} dropped",
                              dropped=text))
            continue
        if grid.get(k) == "summary":
            notes.append(Note("drop_site_furniture", item.source.first,
                              f"the site's summary of its stories {quote(text)} dropped", dropped=text))
            continue
        if web and _is_link_line(text) and k >= header:  # `pdf version here` under a headline
            notes.append(Note("drop_site_furniture", item.source.first, f"the site's link {quote(text)} dropped",
                              dropped=text))
            continue
        if web and (phrasebook.is_teaser_line(text) or (k < header and _is_title_line(text)) or k in grid
                    or _is_link_line(text)):
            teasers.append(item)
            continue
        out.append(item)
    if teasers:
        box, box_notes = _see_inside(teasers)
        out.insert(next((k for k, item in enumerate(out) if item.source.first > box.source.first), len(out)), box)
        notes += box_notes
    return revise(issue, out, notes)


def _cut_chrome_suffixes(items: list) -> tuple[list, list[Note]]:
    """`January 24 to February 14, 2024  Sitio en Español aquí.` → `January 24 to February 14, 2024`
    (in boxes too: the issue line is a box by now)."""
    out, notes = [], []
    for item in items:
        if isinstance(item, Box):
            blocks, inner = _cut_chrome_suffixes(list(item.blocks))
            item = replace(item, blocks=tuple(blocks))
            notes.extend(inner)  # not notes + inner, a copy of all the notes so far at every box
        elif isinstance(item, RAW) and (suffix := phrasebook.chrome_suffix(text := plain_text(item.inlines))
                                         or _TABLE_CELLS.search(text)):
            notes.append(Note("drop_site_furniture", item.source.first, f"site furniture {quote(suffix.group(0))} "
                              f"cut from the end of {quote(text)}", dropped=suffix.group(0)))
            item = replace(item, inlines=split_inlines(item.inlines, suffix.start())[0])
        out.append(item)
    return out, notes


def _teaser_grid(items: list) -> dict[int, str]:
    """A web issue page's grid of stories: each title printed twice in a row, then the site's summary
    (`Forging Communist Unity ♦ Capitalism Kills ♦ Tens of thousands…`). {index: "title" or "summary"}."""
    grid: dict[int, str] = {}
    for k in range(len(items) - 1):
        a, b = items[k], items[k + 1]
        if isinstance(a, RAW) and isinstance(b, RAW) and _is_title_line(text_of(a)) \
                and phrasebook.fold(text_of(a)) == phrasebook.fold(text_of(b)):
            grid[k] = grid[k + 1] = "title"
            after = items[k + 2] if k + 2 < len(items) else None
            summary = text_of(after) if isinstance(after, RAW) else ""
            if ("♦" in summary or summary.endswith(("...", "…"))) and not phrasebook.is_teaser_line(summary):
                grid[k + 2] = "summary"
    titles: dict[str, list[int]] = {}  # a headline printed at the top and again over its story
    for k, item in enumerate(items):
        if isinstance(item, RAW) and _is_title_line(text_of(item)) and k not in grid:
            titles.setdefault(phrasebook.fold(text_of(item)), []).append(k)
    for places in titles.values():
        last = places[-1]
        if len(places) > 1 and last + 1 < len(items) and isinstance(items[last + 1], Paragraph) \
                and _is_body(text_of(items[last + 1])):
            grid.update({k: "title" for k in places[:-1]})
    return grid


def _is_furniture(text: str, extra: set[str], web: bool) -> bool:
    folded = phrasebook.fold(text)
    return phrasebook.is_chrome(text) or folded in extra or (web and folded in phrasebook.lines("menu"))


def _prose_bounds(items: list) -> tuple[int, int]:
    """The indexes of the first and last paragraphs of body text (len(items) and -1 without any)."""
    body = [k for k, item in enumerate(items) if isinstance(item, Paragraph) and _is_body(text_of(item))]
    return (body[0], body[-1]) if body else (len(items), -1)


def _is_body(text: str) -> bool:
    """A paragraph of the story, not a title, a menu or a line of links: mostly lowercase words, and it
    ends a sentence or runs long (`“Red Flag is on My Mind. Please Put Me In.”` is a title)."""
    if phrasebook.is_teaser_line(text) or phrasebook.is_chrome(text):
        return False
    words = text.split()
    capitalised = sum(w[:1].isupper() for w in words if w.lower() not in STOP_WORDS)
    if capitalised >= 0.6 * max(1, sum(w.lower() not in STOP_WORDS for w in words)):
        return False
    return len(words) >= 20 or (len(words) >= 6 and bool(re.search(r"[.…!?][”\"’»)]?$", text.rstrip())))


def _is_prose(text: str) -> bool:
    """Running text, not a title or a menu line: a dozen words ending a sentence, or twenty-five."""
    words = len(text.split())
    return words >= 25 or (words >= 12 and text.rstrip()[-1:] in ".!?…”\"»)")


def _header_start(items: list, first: int) -> int:
    """Where the first story's header starts: up to HEADER_LINES title lines right above its first
    paragraph (`El Salvador May Day:` ⏎ `We Shall Be All`), furniture and teaser lines not counted."""
    k, start, taken = first, first, 0
    while k > 0 and taken < HEADER_LINES:
        item = items[k - 1]
        text = text_of(item) if isinstance(item, RAW) else ""
        k -= 1
        if text and (phrasebook.is_chrome(text) or _is_link_line(text)):  # `BIGGER SMALLER`, `pdf version here`
            continue
        if not text or not _is_title_line(text) or not _in_latin(text) or phrasebook.is_teaser_line(text) \
                or phrasebook.fold(text) in phrasebook.lines("menu"):
            break
        start, taken = k, taken + 1
    return start


def _is_link_line(text: str) -> bool:
    """A line of the site pointing elsewhere: `pdf version here`, `India (article here)`."""
    return _is_title_line(text) and bool(_LINK_WORD.search(text)) and not text.endswith(":")


def _is_title_line(text: str) -> bool:
    """A line that can name a story: short, and not a sentence."""
    return len(text.split()) <= 20 and not _is_prose(text)


def _in_latin(text: str) -> bool:
    """Mostly Latin letters: a header of an English or Spanish page, not the site's link to an Arabic one."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c < "\u0250" for c in letters) >= 0.8 * len(letters)


def _see_inside(blocks: list) -> tuple[SeeInside, list[Note]]:
    """The listed titles as teasers, once each: a line of links is split at its `♦` and loses its link
    words (`Minneapolis here ♦` → `Minneapolis`); a title printed twice in a row is kept once."""
    teasers, notes, seen = [], [], set()
    for block in blocks:
        text = text_of(block)
        parts = [p for p in _TEASER_SPLIT.split(text) if p.strip()] if "♦" in text else [text]
        for part in parts:
            title = _LINK_WORD.sub("", part).strip()
            key = phrasebook.fold(title)
            if key in seen:
                notes.append(Note("drop_site_furniture", block.source.first, f"teaser {quote(title)} repeated: kept once",
                                  dropped=title))
                continue
            seen.add(key)
            teasers.append(TeaserItem(block.inlines if title == text else parse_inlines(title)))
            if title != part.strip():
                notes.append(Note("drop_site_furniture", block.source.first, f"link word dropped from teaser "
                                  f"{quote(part)}", dropped=part.strip()[len(title):]))
    source = blocks[0].source.through(blocks[-1].source)
    notes.append(Note("drop_site_furniture", source.first, f"the page's list of {len(teasers)} titles "
                      f"(lines {source.first}–{source.last}) read as the see-inside box"))
    return SeeInside(tuple(teasers), source), notes

