"""Reader: the print PDF itself (`manuscripts/X.pdf`) to an Issue of blocks, from what its text lost —
each character's font, size and place (pdfplumber, on pdfminer.six).

Lines are rebuilt from characters in the order the PDF draws them (a WeasyPrint PDF draws a page's
columns in reading order), a space wherever the gap between two letters is wider than the line's
letter spacing. What a line is comes from its type: the largest lines in the headline face are
headlines (a two-line headline one block), a small one over a headline its kicker, a bold one between
paragraphs a subhead, italic text smaller than the body a caption; a paragraph starts where its first
line is indented, or after a space or a short line. The running heads and folios are what stands in
the page's top and bottom margins: each is left out, and listed. Printed lines are numbered in
reading order, and those numbers are the "manuscript lines" the report and the overrides name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from ..errors import InputError
from ..lang import phrasebook
from ..lang.labels import plural
from ..lang.patterns import ends_open
from ..limits import PDF_BYTES, PDF_PAGES, read_bounded
from ..model import Caption, Heading, Issue, LineBreak, Metadata, Note, Paragraph, Source, Text

MARGIN = 0.07  # of the page's height, top and bottom: where running heads and folios stand
HEADLINE = 1.6  # times the body's size: a headline
LARGER = 1.15  # …a subhead or deck is at least this much larger, or bold in the headline face


@dataclass
class Line:
    """One printed line: its text, place (points, from the page's top-left), size and face."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    number: int = 0

    @property
    def face(self) -> str:
        """The font's family: `Linux-Libertine-O-Italic` → `Linux-Libertine-O`."""
        return re.sub(r"[-,]?(?:Bold|Italic|Oblique|Medium|Regular|Semibold|Light|Black)+$", "", self.font)

    @property
    def italic(self) -> bool:
        return bool(re.search(r"Italic|Oblique", self.font))

    @property
    def bold(self) -> bool:
        return bool(re.search(r"Bold|Black|Semibold", self.font))


def read_pdf(path: str | Path) -> Issue:
    """A print PDF to an Issue of headings, paragraphs and captions in reading order. A PDF that cannot
    be read — encrypted, broken, scanned with no text — is one line, naming the file."""
    path = Path(path)
    read_bounded(path, PDF_BYTES, "PDF manuscript")  # a regular file of its own folder, bounded in size
    pages = _read_lines(path)
    lines = [line for page in pages for line in page]
    if not any(line.text.strip() for line in lines):
        raise InputError(str(path), "this PDF has no text layer (a scan?): the pipeline reads a PDF's text, "
                                    "not its pictures; give the text or a PDF made with text")
    for number, line in enumerate(lines, start=1):
        line.number = number
    return _issue(str(path), pages)


def _read_lines(path: Path) -> list[list[Line]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > PDF_PAGES:
                raise InputError(str(path), f"this PDF has {len(pdf.pages)} pages, more than the {PDF_PAGES} an issue may have")
            return [_page_lines(page, k) for k, page in enumerate(pdf.pages, start=1)]
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(str(path), "this PDF is encrypted; give a copy saved without a password") from None
    except Exception as err:  # pdfminer raises many kinds on a broken file: every one is bad input here
        cause = err.args[0] if err.args else None  # pdfplumber wraps pdfminer's own errors
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(str(path), "this PDF is encrypted; give a copy saved without a password") from None
        reason = str(err).splitlines()[0][:80] if str(err) else type(err).__name__
        raise InputError(str(path), f"not a PDF this pipeline can read ({reason})") from None


def _page_lines(page, number: int) -> list[Line]:
    """The page's printed lines, in the order its characters are drawn."""
    height = float(page.height)
    lines, run = [], []
    for char in page.chars:
        if not char["text"].strip() or not char.get("upright", True):
            if run and char["text"].strip() == "":
                continue
        if run and _new_line(run[-1], char):
            lines.append(_line(run, number))
            run = []
        run.append(char)
    if run:
        lines.append(_line(run, number))
    for line in lines:
        line.top, line.bottom = line.top / height, line.bottom / height  # as a share of the page
    return [line for line in lines if line.text]


def _new_line(before: dict, char: dict) -> bool:
    size = max(before["size"], char["size"])
    return (abs(char["top"] - before["top"]) > 0.35 * size and abs(char["bottom"] - before["bottom"]) > 0.35 * size) \
        or char["x0"] < before["x0"] - 0.5 or char["x0"] - before["x1"] > 1.2 * size


def _line(chars: list[dict], page: int) -> Line:
    gaps = [b["x0"] - a["x1"] for a, b in zip(chars, chars[1:])]
    spacing = median(gaps) if gaps else 0.0  # a letter-spaced line's letters stand this far apart
    size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
    threshold = max(spacing, 0) + 0.17 * size
    text = chars[0]["text"]
    for gap, char in zip(gaps, chars[1:]):
        text += (" " if gap > threshold and not text.endswith(" ") else "") + char["text"]
    font = Counter(c["fontname"].split("+", 1)[-1] for c in chars).most_common(1)[0][0]
    return Line(" ".join(text.split()), page, min(c["x0"] for c in chars), max(c["x1"] for c in chars),
                min(c["top"] for c in chars), max(c["bottom"] for c in chars), size, font)


def _issue(path: str, pages: list[list[Line]]) -> Issue:
    lines = [line for page in pages for line in page]
    sizes = Counter()
    for line in lines:
        sizes[(line.face, line.size)] += len(line.text)
    body_face, body = sizes.most_common(1)[0][0]
    notes, kept = [], []
    for line in lines:
        if line.top < MARGIN or line.bottom > 1 - MARGIN:
            where = "head" if line.top < MARGIN else "foot"
            notes.append(Note("read_pdf", line.number, f"page {line.page}: {quote_line(line)} in the page's {where} "
                                                       "margin (a running head or folio) left out", dropped=line.text))
        else:
            kept.append(line)
    columns = _column_lefts(kept, body_face, body)
    items, summary = _blocks(kept, body_face, body, columns)
    pages_read = "; ".join(f"page {page}: {', '.join(f'{plural(n, kind)}' for kind, n in sorted(counts.items()))}"
                           for page, counts in sorted(summary.items()))
    note = Note("read_issue", 1, f"read as a print PDF: {plural(len(pages), 'page')}, {plural(len(lines), 'printed line')} "
                                 f"(body text {body_face} {body:g} pt); {pages_read}")
    return Issue(path=path, form="pdf", metadata=Metadata(), items=tuple(items), notes=(note, *notes))


def quote_line(line: Line) -> str:
    return f"“{line.text[:60]}”"


def _column_lefts(lines: list[Line], face: str, size: float) -> dict[int, list[float]]:
    """Per page, the left edges body text lines share (the columns'; an indented line stands right of one)."""
    out: dict[int, list[float]] = {}
    for page in {line.page for line in lines}:
        edges = Counter(round(line.x0) for line in lines if line.page == page and _is_body(line, face, size))
        out[page] = sorted(x for x, n in edges.items() if n >= 3)
    return out


def _is_body(line: Line, face: str, size: float) -> bool:
    return line.face == face and abs(line.size - size) < 0.05 * size and not line.italic


def _kind(line: Line, face: str, size: float) -> str:
    """What a line is by its type: headline, head (the headline face, small: kicker, subhead, label),
    caption, deck, text (body and boxes)."""
    if line.size >= HEADLINE * size:
        return "headline"
    if line.face != face:
        return "head"
    if line.italic and line.size < 0.97 * size:
        return "caption"
    if line.size >= LARGER * size:
        return "deck" if line.italic else "head"
    return "text"


def _blocks(lines: list[Line], face: str, size: float, columns: dict) -> tuple[list, dict]:
    items, kinds, summary = [], [], {}
    run: list[Line] = []
    run_kind = ""

    def flush(gap: int = 1):
        nonlocal run_kind
        if run:
            block = _block(run, run_kind, gap)
            items.append(block)
            kinds.append(run_kind)
            counts = summary.setdefault(run[0].page, Counter())
            counts[{"headline": "headline", "caption": "caption", "head": "heading line"}.get(run_kind, "paragraph")] += 1
        run.clear()

    gap = 1
    for line in lines:
        kind = _kind(line, face, size)
        if run and not _continues(run, run_kind, line, kind, columns, size):
            flush(gap)  # one blank line's worth: two would say a photo stood between, which a PDF shows otherwise
        if not run:
            run_kind = kind
        run.append(line)
    flush(gap)
    for k in range(len(items) - 1):  # a line in the headline face right over a headline: its kicker
        block, after = items[k], items[k + 1]
        if kinds[k] == "head" and isinstance(after, Heading) and after.level == 1 \
                and block.source.first == block.source.last:
            items[k] = Heading(2, block.inlines, block.source)
    return items, summary


def _block(run: list[Line], kind: str, gap: int):
    source = Source(run[0].number, run[-1].number, gap, run[0].page)
    if kind == "headline" or (kind == "head" and run[0].bold and len(run) <= 3 and not _teaser(run[0])
                              and not phrasebook.fullmatch("see_inside", run[0].text)):
        return Heading(1 if kind == "headline" else 3, (Text(" ".join(line.text for line in run)),), source)
    inlines = []
    for line in run:
        if inlines:
            inlines.append(LineBreak())
        inlines.append(Text(line.text))
    if kind == "caption":
        return Caption(tuple(inlines), source)
    return Paragraph(tuple(inlines), source)


def _teaser(line: Line) -> bool:
    return bool(re.search(r"·\s*(?:p\.|pág\.)\s*\d", line.text))


def _continues(run: list[Line], kind: str, line: Line, line_kind: str, columns: dict, size: float) -> bool:
    """Whether `line` goes on the block `run` holds."""
    last = run[-1]
    if line_kind != kind or abs(line.size - last.size) > 0.05 * size or line.font != last.font and kind != "text":
        return False
    height = (last.bottom - last.top)
    if kind in ("headline", "head"):
        # a headline's lines follow at its own leading, and so do the masthead's; a kicker, a label,
        # a teaser is a line of its own
        close = line.page == last.page and 0 <= line.top - last.bottom < (0.6 if kind == "headline" else 1.2) * height
        return close and (kind == "headline" or not (last.bold or line.bold or _teaser(last) or _teaser(line)))
    if kind in ("caption", "deck"):
        return line.page == last.page and line.top - last.bottom < 0.5 * height
    left = _left(line, columns)
    indent = line.x0 - left
    if 0.5 * size <= indent <= 3 * size:
        return False  # a first line set in: a new paragraph
    same_column = line.page == last.page and abs(_left(last, columns) - left) < 1 and line.top > last.top
    if same_column and (line.top - last.bottom) * 792 > 0.7 * size:
        return False  # a space between: a new paragraph (or a box, a list item)
    right = max(x.x1 for x in run if abs(_left(x, columns) - _left(last, columns)) < 1)
    short = last.x1 < right - 2.0 * size
    return not (short and not ends_open(last.text))


def _left(line: Line, columns: dict) -> float:
    lefts = [x for x in columns.get(line.page, []) if x <= line.x0 + 0.5]
    return lefts[-1] if lefts else line.x0
