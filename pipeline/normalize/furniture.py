"""Site furniture: what the website prints around the paper's words (chrome, menus, lines of links) is
dropped with a note for each line, and the page's list of its stories becomes the see-inside box."""

from __future__ import annotations

import re
from dataclasses import replace

from ..lang import phrasebook
from ..lang.labels import plural
from ..model import Box, Issue, Note, Paragraph, SeeInside, TeaserItem
from ..model.inlines import plain_text, quote, split_inlines, text_of
from ..readers.markup import parse_inlines
from ..readers.overrides import override_note
from .edit import RAW, revise
from .webpage import LINK_WORD, glued_titles, list_titles, is_body, is_link_line, is_title_line, is_title_list, read_layout

_TABLE_CELLS = re.compile(r"(?<=\S)(?:\s*\|)+\s*$")  # `Partido Comunista Obrero Internacional | |`
_ROLES = {  # what a line the page's layout names is, and what becomes of it
    "page-title": "the page's own title (the site's name for this page of stories)",
    "leaflet": "the site's link to a leaflet or pamphlet",
    "cell": "a cell of the site's header, copied as a table",
    "foreign": "the site's link to a page in another language",
    "links": "the site's links above the page's list of stories (leaflets, pamphlets)",
    "sidebar": "the site's links between its menu and the first story",
}


def drop_site_furniture(issue: Issue) -> Issue:
    """`Header image`, `line decor`, `BIGGER SMALLER`, the contact line, a table capture's `![]() |`
    and the editor's own `furniture:` lines are dropped wherever they stand; in web copy, the site's
    menus (`Previous Issue`, `RED FLAG Archive`…) where they stand above the first story or below the
    last, its links in other languages, the column of links above the page's list of stories and the
    page's own title (webpage.py reads where each stands), and the titles listed above the first story
    (`Al Interior:` …, `X here ♦ Y here ♦`) become the see-inside box. Links the page's layout alone
    says are the site's are listed for review. `{action: keep, at: N}` keeps a line taken for furniture."""
    extra = {phrasebook.fold(line) for line in issue.metadata.furniture}
    cells = {k for k, item in enumerate(issue.items) if isinstance(item, RAW) and _TABLE_CELLS.search(text_of(item))}
    items, notes = _cut_chrome_suffixes(list(issue.items))
    web = issue.form == "web"
    layout = read_layout(items, issue.metadata.language, extra, cells) if web else None
    header, last = (layout.header, layout.last) if layout else (0, -1)
    if layout:  # a table capture's rows above the story are the site's header: `PCOI@anonymousspeech.com | |`
        layout.roles.update({k: "cell" for k in cells if k < header and k not in layout.roles})
    grid = _teaser_grid(items) if web else {}
    out, teasers, doubtful, blurbs = [], [], [], {}
    menu_item = (-2, "")  # the last line dropped as the site's (its index, its words)
    labelled = -1  # the line after a list's label (`En esta página:`)
    grid_titles = {phrasebook.fold(text_of(items[k])) for k, what in grid.items() if what == "title"}
    for k, item in enumerate(items):
        if not isinstance(item, RAW):
            out.append(item)
            continue
        text = text_of(item)
        lines = range(item.source.first, item.source.last + 1)
        role = layout.roles.get(k) if layout else None
        if (kept := issue.overridden("keep", lines)) and (_is_furniture(text, extra, web) or role in _ROLES):
            notes.append(override_note(kept, f"{quote(text)} kept: not site furniture"))
            out.append(item)
            continue
        outside = web and (k < header or k > last)
        if outside and phrasebook.fullmatch("see_inside", text):  # `Al Interior:` labels the list that follows
            notes.append(Note("drop_site_furniture", item.source.first, f"the label {quote(text)} of the page's list "
                              f"of titles dropped: the see-inside box has its own", dropped=text))
            labelled = k + 1
            continue
        if web and k == labelled and (parts := glued_titles(text)):  # `En esta página:` ⏎ `TitleATitleB…`
            teasers.extend(Paragraph(parse_inlines(part), item.source) for part in parts)
            notes.append(Note("drop_site_furniture", item.source.first, f"the page's list of its pieces, its line "
                              f"breaks lost, read as {len(parts)} titles: {', '.join(quote(p, 30) for p in parts)}"))
            continue
        if (phrasebook.is_chrome(text) and (web or not phrasebook.fullmatch("site_links", phrasebook.fold(text)))) \
                or phrasebook.fold(text) in extra or (outside and phrasebook.fold(text) in phrasebook.lines("menu")):
            notes.append(Note("drop_site_furniture", item.source.first, f"site furniture {quote(text)} dropped",
                              dropped=text))
            menu_item = (k, text)
            continue
        if web and menu_item[0] == k - 1 and _ends_menu_item(text, item):  # `Artículos en Serie` ⏎ `de Bandera Roja`
            notes.append(Note("drop_site_furniture", item.source.first, f"{quote(text)} dropped: the end of the site's "
                              f"menu item {quote(menu_item[1])}, carried onto a line of its own", dropped=text))
            continue
        if role in _ROLES:
            notes.append(Note("drop_site_furniture", item.source.first, f"{_ROLES[role]} {quote(text)} dropped",
                              dropped=text))
            if role in ("links", "sidebar"):
                doubtful.append(item)
            continue
        if grid.get(k) == "summary":  # a front page's blurb stays with the teaser it follows
            blurbs[phrasebook.fold(text_of(items[k - 1]))] = item
            notes.append(Note("drop_site_furniture", item.source.first,
                              f"the front page's lines about {quote(text_of(items[k - 1]))} kept with its teaser"))
            continue
        if web and is_link_line(text) and k >= header:  # `pdf version here` under a headline
            notes.append(Note("drop_site_furniture", item.source.first, f"the site's link {quote(text)} dropped",
                              dropped=text))
            continue
        if web and (role == "contents" or is_title_list(text) or (k < header and is_title_line(text))
                    or k in grid or is_link_line(text) or (outside and phrasebook.fold(text) in grid_titles)):
            teasers.append(item)
            continue
        out.append(item)
    if teasers:
        box, box_notes = _see_inside(teasers, blurbs)
        out.insert(next((k for k, item in enumerate(out) if item.source.first > box.source.first), len(out)), box)
        notes += box_notes
    notes += _doubtful_runs(doubtful)
    return revise(issue, out, notes)


def _ends_menu_item(text: str, item) -> bool:
    """A line that only finishes the site's line above it: no blank line between, a few words starting
    lowercase (`de Bandera Roja` under `Artículos en Serie`)."""
    return item.source.gap == 0 and text[:1].islower() and len(text.split()) <= 5 and is_title_line(text)


def _doubtful_runs(dropped: list) -> list[Note]:
    """One review line per run of lines dropped on their place alone (the column of links over the
    page's list of stories, the links under the site's menu), naming each and the override keeping it."""
    notes, runs = [], []
    for block in dropped:
        if runs and block.source.first - runs[-1][-1].source.last <= 8:
            runs[-1].append(block)
        else:
            runs.append([block])
    for run in runs:
        shown = ", ".join(quote(text_of(b), 40) for b in run[:4]) + (f" and {len(run) - 4} more" if len(run) > 4 else "")
        first, last = run[0].source.first, run[-1].source.last
        where = f"line {first}" if first == last else f"lines {first}–{last}"
        keep = (f"{{action: keep, at: {first}}}" if len(run) == 1
                else f"{{action: keep, at: N}} with its line N (the first: {{action: keep, at: {first}}})")
        notes.append(Note("drop_site_furniture", first,
                          f"{plural(len(run), 'line')} dropped as the site's links by where they stand ({where}: "
                          f"{shown}); if one is the paper's, {keep}", level="review"))
    return notes


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
        if isinstance(a, RAW) and isinstance(b, RAW) and is_title_line(text_of(a)) \
                and phrasebook.fold(text_of(a)) == phrasebook.fold(text_of(b)):
            grid[k] = grid[k + 1] = "title"
            after = items[k + 2] if k + 2 < len(items) else None
            summary = text_of(after) if isinstance(after, RAW) else ""
            if ("♦" in summary or summary.endswith(("...", "…"))) and not phrasebook.is_teaser_line(summary):
                grid[k + 2] = "summary"
    titles: dict[str, list[int]] = {}  # a headline printed at the top and again over its story
    for k, item in enumerate(items):
        if isinstance(item, RAW) and is_title_line(text_of(item)) and k not in grid:
            titles.setdefault(phrasebook.fold(text_of(item)), []).append(k)
    for places in titles.values():
        last = places[-1]
        if len(places) > 1 and last + 1 < len(items) and isinstance(items[last + 1], Paragraph) \
                and is_body(text_of(items[last + 1])):
            grid.update({k: "title" for k in places[:-1]})
    return grid


def _is_furniture(text: str, extra: set[str], web: bool) -> bool:
    folded = phrasebook.fold(text)
    return (phrasebook.is_chrome(text) and (web or not phrasebook.fullmatch("site_links", folded))) \
        or folded in extra or (web and folded in phrasebook.lines("menu"))


def _see_inside(blocks: list, blurbs: dict) -> tuple[SeeInside, list[Note]]:
    """The listed titles as teasers, once each: a line of links is split at its `♦` and loses its link
    words (`Minneapolis here ♦` → `Minneapolis`); a title printed twice in a row is kept once, with the
    front page's lines about it (`blurbs`, by folded title) as its blurb."""
    teasers, notes, seen = [], [], set()
    for block in blocks:
        text = text_of(block)
        parts = list_titles(text)
        for part in parts:
            title = LINK_WORD.sub("", part).strip()
            key = phrasebook.fold(title)
            if key in seen:
                notes.append(Note("drop_site_furniture", block.source.first, f"teaser {quote(title)} repeated: kept once",
                                  dropped=title))
                continue
            seen.add(key)
            blurb = blurbs[key].inlines if key in blurbs else ()
            teasers.append(TeaserItem(block.inlines if title == text else parse_inlines(title), blurb=blurb))
            if title != part.strip():
                notes.append(Note("drop_site_furniture", block.source.first, f"link word dropped from teaser "
                                  f"{quote(part)}", dropped=part.strip()[len(title):]))
    source = blocks[0].source.through(blocks[-1].source)
    for blurb in blurbs.values():
        source = source.through(blurb.source)
    notes.append(Note("drop_site_furniture", source.first, f"the page's list of {len(teasers)} titles "
                      f"(lines {source.first}–{source.last}) read as the see-inside box"))
    return SeeInside(tuple(teasers), source), notes

