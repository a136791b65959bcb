"""Printed lines of a PDF (form `pdf-lines`) made blocks again: the page furniture dropped (running
heads, folios, the masthead repeated at page tops), letter-spaced words closed up, the pipeline's own
print conventions read back (`· p. N` after a teaser, a made-up headline's `…`), and the lines joined
into paragraphs and headlines by their lengths against the column's measure.

Every step here leaves any other form as it is: in those, blank lines already cut the blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..lang import phrasebook
from ..lang.labels import label
from ..lang.patterns import dateline_match, ends_open, is_all_caps, is_title_case, SIGNOFF
from ..model import Heading, Issue, LineBreak, Note, Paragraph, Source, Strong, Text
from ..model.inlines import quote, text_of
from ..readers.pdftext import BREAK_HYPHENS, column_measure
from .edit import revise
from .hyphenation import word_list

BOUNDARY_LINES = 3  # lines at a page's head and foot where its furniture stands
_FOLIO = re.compile(r"(?:(?:page|p\.|página|pág\.)\s*)?(\d{1,3})(?:\s*(?:/|of|de)\s*(\d{1,3}))?", re.I)
_GLUED_FOLIO = re.compile(r"\s+(\d{1,3}) ?/ ?(\d{1,3})$")
_TEASER_PAGE = re.compile(r"(\s*·\s*(?:p\.|pág\.|pp\.|page|página)\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)(?!\d)", re.I)
_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){2,}[^\W\d_](?!\S)")  # `M O B I L I Z E`
_SPLIT_CAPITAL = re.compile(r"(?<![\w’'])([A-ZÁÉÍÓÚÑ]) ([A-ZÁÉÍÓÚÑ]{2,})\b")  # `E CUADOR`
_WORD = re.compile(r"[^\W_]+", re.U)
_ISSUE_LINE = re.compile(r"\b(?:vol|no|núm)\.\s*\d|\b1[89]\d\d\b|\b2[01]\d\d\b", re.I)  # dates end a heading
WORD_COST = 22  # about log(the word list's total count): each word's log-probability, so fewer, likelier words win
SHORT_LINE = 0.78  # of the measure: a line ending a sentence this short ends its paragraph
UNSURE = (0.7, 0.9)  # …and between these, the report asks the editor to look


def _lines(issue: Issue):
    """The positions of the printed lines still standing as the reader left them."""
    return [k for k, item in enumerate(issue.items) if _is_line(item)]


def _is_line(item) -> bool:
    return isinstance(item, Paragraph) and item.source.first == item.source.last and len(item.inlines) == 1 \
        and isinstance(item.inlines[0], Text)


def drop_page_furniture(issue: Issue) -> Issue:
    """Running heads, folios and the masthead repeated at page tops, found as what stands at the pages'
    heads and feet (`RED FLAG — VOL. 16 NO. 4, …` on every page, `3 / 11`), dropped, each listed;
    a folio glued onto a line (`…the Chinese 1 / 11`) is cut off it."""
    if issue.form != "pdf-lines":
        return issue
    items, notes = list(issue.items), []
    positions = _lines(issue)
    pages: dict[int, list[int]] = {}
    for k in positions:
        pages.setdefault(items[k].source.page, []).append(k)
    known = len(pages) > 1 or 0 not in pages
    boundary = {k for ks in pages.values() for k in ks[:BOUNDARY_LINES] + ks[-BOUNDARY_LINES:]} if known else set(positions)
    shapes = Counter(_shape(text_of(items[k])) for k in boundary)
    folios = [_folio(text_of(items[k])) for k in positions]
    totals = Counter(f[1] for f in folios if f and f[1])
    total = totals.most_common(1)[0][0] if totals and totals.most_common(1)[0][1] >= 2 else ""
    masthead = set(_words(" ".join(text_of(items[k]) for k in positions[:8])))
    name = _words(text_of(items[positions[0]])) if positions else []
    drop: dict[int, str] = {}
    for k, folio in zip(positions, folios):
        text, page = text_of(items[k]), items[k].source.page
        if folio and ((known and folio[0] == str(page) and (folio[1] or k in boundary))
                      or (not known and total and folio[1] == total)):
            drop[k] = "folio"
        elif k in boundary and len(text) <= 120 and len(_words(text)) >= 2 \
                and shapes[_shape(text)] >= max(2, len(pages) // 2) and re.search(r"\d", text):
            drop[k] = "running head"
        elif k in boundary and k not in positions[:8] and len(_words(text)) >= 4 and re.search(r"\d", text) \
                and (set(_words(text)) <= masthead or _words(text)[:len(name)] == name):
            drop[k] = "masthead repeated"  # the paper's name and issue line over a page
    kept = []
    for k, item in enumerate(items):
        if k in drop:
            text = text_of(item)
            notes.append(Note("drop_page_furniture", item.source.first,
                              f"{drop[k]} {quote(text)} (page {item.source.page or '?'}) dropped", dropped=text))
            continue
        if total and _is_line(item) and (m := _GLUED_FOLIO.search(text_of(item))) and m.group(2) == total:
            text = text_of(item)
            item = replace(item, inlines=(Text(text[:m.start()]),))
            notes.append(Note("drop_page_furniture", item.source.first,
                              f"folio {quote(m.group(0).strip())} cut off the line it was glued to", dropped=m.group(0)))
        kept.append(item)
    return revise(issue, kept, notes)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def _folio(text: str):
    m = _FOLIO.fullmatch(text.strip())
    return (m.group(1), m.group(2) or "") if m else None


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def close_letter_spacing(issue: Issue) -> Issue:
    """Words the print set letter-spaced, as extractors hand them over, closed up: `M O B I L I Z E
    T H E M A S S E S` → `MOBILIZE THE MASSES` (wider gaps, or else the word list, say where words
    end), `E CUADOR` → `ECUADOR`; runs of spaces (a justified line's) become one."""
    if issue.form != "pdf-lines":
        return issue
    vocabulary = Counter(w for item in issue.items if _is_line(item) for w in _words(text_of(item)))
    words = word_list(issue.metadata.language)
    items, notes = [], []
    for item in issue.items:
        if _is_line(item):
            raw = item.inlines[0].text
            text = _close_spaced(raw, vocabulary, words)
            text = _SPLIT_CAPITAL.sub(lambda m: _closed_capital(m, vocabulary, words), text)
            text = " ".join(text.split())
            if text.replace(" ", "") != raw.replace(" ", "") or _words(text) != _words(raw):
                if _words(text) != _words(raw):
                    notes.append(Note("close_letter_spacing", item.source.first,
                                      f"letter-spaced {quote(' '.join(raw.split()))} → {quote(text)}",
                                      rewritten=(" ".join(raw.split()), text)))
            item = replace(item, inlines=(Text(text),))
        items.append(item)
    return revise(issue, items, notes)


def _close_spaced(text: str, vocabulary: Counter, words) -> str:
    """`M O B I L I Z E   T H E` → `MOBILIZE THE`: where the gaps are wider between words (pdfminer),
    they cut; else the letters are cut into the likeliest words."""
    def close(m: re.Match) -> str:
        letters = m.group(0)
        return " ".join(_segment(letters.replace(" ", ""), vocabulary, words))

    if re.search(r"(?:[^\W\d_] ){2,}[^\W\d_] {2,}[^\W\d_]", text):  # wide gaps between the words
        return re.sub(r"(?<!\S)(?:[^\W\d_] )+[^\W\d_](?!\S)", lambda m: m.group(0).replace(" ", ""), text)
    return _SPACED.sub(close, text)


def _segment(letters: str, vocabulary: Counter, words) -> list[str]:
    """The letters cut into words, most likely first (each word scored by the issue's use of it, then
    the word list's count): `MOBILIZETHEMASSES` → `MOBILIZE`, `THE`, `MASSES`."""
    import math

    lower = letters.lower()
    best: list[tuple[float, int]] = [(0.0, 0)] + [(-math.inf, 0)] * len(lower)
    for end in range(1, len(lower) + 1):
        for start in range(max(0, end - 20), end):
            word = lower[start:end]
            count = vocabulary[word] * 100 + (words[word] if words is not None and word in words else 0)
            if not count:
                continue
            score = best[start][0] + math.log(count) - WORD_COST
            if score > best[end][0]:
                best[end] = (score, start)
    if best[-1][0] == -math.inf:
        return [letters]
    cuts, end = [], len(lower)
    while end:
        start = best[end][1]
        cuts.append(letters[start:end])
        end = start
    return cuts[::-1]


def _closed_capital(m: re.Match, vocabulary: Counter, words) -> str:
    letter, rest = m.group(1), m.group(2)
    joined = (letter + rest).lower()
    known = vocabulary[joined] or (words is not None and joined in words)
    alone = letter.lower() in ("a", "i", "o", "y", "e", "u") and (vocabulary[rest.lower()] or (words and rest.lower() in words))
    return letter + rest if known and not alone else m.group(0)


def read_teaser_pages(issue: Issue) -> Issue:
    """The print edition's SEE INSIDE teasers read back: the lines after SEE INSIDE up to the last
    `· p. N` are teasers, one before each page (which is dropped; the story it names is linked later),
    however the columns of the box came out: `HOSPITAL CLEANERS STRIKE · p. 1 WHY WE NEED … · p. 1` →
    **HOSPITAL CLEANERS STRIKE**, **WHY WE NEED …**."""
    if issue.form not in ("pdf-lines", "pdf"):
        return issue
    items, notes = list(issue.items), []
    out, k = [], 0
    while k < len(items):
        item = items[k]
        out.append(item)
        k += 1
        if not (_is_line(item) and phrasebook.fullmatch("see_inside", text_of(item))):
            continue
        run, taken = [], 0
        while k + len(run) < len(items) and _is_line(items[k + len(run)]) and len(run) < 24:
            line = items[k + len(run)]
            if not _heading_like(_TEASER_PAGE.sub("", text_of(line))):
                break
            run.append(line)
            if _TEASER_PAGE.search(text_of(line)):
                taken = len(run)
        text, first = "", None
        for line in run[:taken]:
            first = first or line
            text = f"{text} {text_of(line)}".strip()
            pieces = _TEASER_PAGE.split(text)
            if len(pieces) == 1:
                continue
            for teaser, page in zip(pieces[::2], _TEASER_PAGE.findall(text)):
                notes.append(Note("read_teaser_pages", line.source.first,
                                  f"teaser page {quote(page.strip(' ·'))} dropped", dropped=page))
                source = Source(first.source.first, line.source.last, max(1, first.source.gap), first.source.page)
                out.append(Paragraph((Strong((Text(teaser.strip()),)),), source))
            text, first = pieces[-1].strip(), (line if pieces[-1].strip() else None)
        k += taken
    return revise(issue, out, notes)


def join_printed_lines(issue: Issue) -> Issue:
    """Printed lines made paragraphs and headlines again, from their lengths against the column's
    measure: a line that ends a sentence well short of the measure ends its paragraph; a line cut
    mid-sentence or at a hyphen goes on; lines in capitals that wrap into each other are one headline
    (`WORKERS DISCUSS DIALECTICAL` ⏎ `MATERIALISM AND COMMUNIST REVOLUTION`). A paragraph end the
    lengths leave in doubt is a review line, with the override that decides it."""
    if issue.form != "pdf-lines":
        return issue
    items = list(issue.items)
    measure = column_measure([text_of(b) for b in items if _is_line(b)]) or 40
    continued = {label(lang, "continued") for lang in ("en", "es")}
    out, notes, run = [], [], []

    def flush():
        if run:
            out.append(_block(run))
            run.clear()

    for k, item in enumerate(items):
        if not _is_line(item):
            flush()
            out.append(item)
            continue
        if run:
            after = items[k + 1] if k + 1 < len(items) and _is_line(items[k + 1]) else None
            same, doubt = _same_block(run, item, after, measure, continued)
            where = item.source.first
            if issue.overridden("no-join", range(where, where + 1)):
                same, doubt = False, ""
            elif issue.overridden("join", range(where, where + 1)):
                same, doubt = True, ""
            if doubt:
                flip = "no-join" if same else "join"
                notes.append(Note("join_printed_lines", where,
                                  f"{doubt}; if that is wrong: {{action: {flip}, at: {where}}}", level="review"))
            if not same:
                flush()
        run.append(item)
    flush()
    return revise(issue, out, notes)


def _block(run: list[Paragraph]):
    """The lines of one block: a headline's are one line again, a paragraph's keep their breaks."""
    texts = [text_of(b) for b in run]
    source = Source(run[0].source.first, run[-1].source.last, max(1, run[0].source.gap), run[0].source.page)
    if len(run) > 1 and all(_heading_like(t) for t in texts):
        return Paragraph((Text(" ".join(texts)),), source)
    inlines = []
    for text in texts:
        if inlines:
            inlines.append(LineBreak())
        inlines.append(Text(text))
    return Paragraph(tuple(inlines), source)


def _heading_like(text: str) -> bool:
    return len(text) <= 120 and is_all_caps(text) and not re.search(r"(?:https?://|www\.)", text, re.I)


def _same_block(run: list, line: Paragraph, after, measure: int, continued: set[str]) -> tuple[bool, str]:
    """Whether `line` goes on the block of `run`, and a doubt for the report ("" when sure)."""
    last, text = text_of(run[-1]), text_of(line)
    if line.source.gap or line.source.page != run[-1].source.page:
        return False, ""  # a blank line or a page's end: the joins decide (they rejoin what a column cut)
    if any(c.startswith(text) for c in continued) or last in continued:
        return False, ""  # the print's own "The rest of this story is not in this edition."
    first_words = text.split()[0] if text.split() else ""
    if _heading_like(last) or _heading_like(text):
        if not (_heading_like(last) and _heading_like(text)) or last.endswith(":") or SIGNOFF.match(text) \
                or _ISSUE_LINE.search(last) or phrasebook.fullmatch("see_inside", last):
            return False, ""  # a kicker over its headline, the masthead's lines: apart
        longest = max(len(text_of(b)) for b in (*run, line))
        return len(last) + 1 + len(first_words) > longest, ""  # it wrapped: the next word did not fit
    if len(run) == 1 and is_title_case(last) and len(last) < 0.85 * measure and text[:1].isupper():
        return False, ""  # a headline or subhead in Title Case over its first line
    if last.endswith("…") and _opens(last[:-1], text):
        return False, ""  # a made-up headline (the first words and `…`) over its story
    if re.search(rf"[^\W\d_][{BREAK_HYPHENS}]$", last) and text[:1].isalpha():
        return True, ""
    if dateline_match(text) or SIGNOFF.match(text) or phrasebook.fullmatch("jump_in", text):
        return False, ""
    if ends_open(last):
        return True, ""
    if is_title_case(text) and after is not None and not ends_open(text) and len(text) < 0.8 * measure:
        return False, ""  # a subhead standing between two paragraphs
    fill = len(last) / measure
    if fill < UNSURE[0] or fill > UNSURE[1]:
        return fill >= SHORT_LINE, ""
    same = fill >= SHORT_LINE
    doubt = (f"the line before ends a sentence at {fill:.0%} of the column's measure: "
             + ("read as the same paragraph" if same else "read as a new paragraph"))
    return same, doubt


def _opens(head: str, text: str) -> bool:
    words = head.split()
    return len(words) >= 3 and " ".join(words[:3]).casefold() in text.casefold()


def mark_made_up_headlines(issue: Issue) -> Issue:
    """The print edition's made-up headline (a story's first words and `…`, over it) read as a
    headline again: `Mahmoud Khalil was a graduate student at Columbia…` ⏎ `March 11—Mahmoud Khalil…`."""
    if issue.form != "pdf-lines":
        return issue
    items, notes = list(issue.items), []
    for k, item in enumerate(items[:-1]):
        after = items[k + 1]
        if isinstance(item, Paragraph) and isinstance(after, Paragraph) and not any(
                isinstance(n, LineBreak) for n in item.inlines):
            text = text_of(item)
            if text.endswith("…") and len(text) <= 120 and _opens(text[:-1], " ".join(text_of(after).split()[:20])):
                items[k] = Heading(0, item.inlines, item.source)
                notes.append(Note("mark_made_up_headlines", item.source.first, f"made-up headline {quote(text)}"))
    return revise(issue, items, notes)


def read_continued_notices(issue: Issue) -> Issue:
    """The print edition's "The rest of this story is not in this edition." (or the Spanish "El resto de
    esta nota no está en esta edición.") ending a story read back: the story is marked incomplete (the
    page is not printed: `?`) and the line, which every output writes again, is dropped."""
    if issue.form not in ("pdf-lines", "pdf"):
        return issue
    notices = {" ".join(label(lang, "continued").split()) for lang in ("en", "es")}
    items, notes = [], []
    for item in issue.items:
        body = getattr(item, "body", None)
        if body and isinstance(body[-1], Paragraph) and " ".join(text_of(body[-1]).split()) in notices:
            text = text_of(body[-1])
            notes.append(Note("read_continued_notices", body[-1].source.first,
                              f"{quote(text)}: the story is marked incomplete", dropped=text))
            item = replace(item, body=body[:-1], continued_on=item.continued_on or "?")
        items.append(item)
    return revise(issue, items, notes)
