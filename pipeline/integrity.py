"""Nothing lost: every word of a manuscript is in an output, or a note says where and why it went.

Words are compared as multisets of case-folded letter/digit runs, so typography (curly quotes,
dashes, no-break spaces) does not count as a change. The manuscript side subtracts what the notes
dropped (jump lines, folded boilerplate, teaser page numbers) and swaps what they rewrote
(`bil- lion` → `billion`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .model import Note

_WORD = re.compile(r"[^\W_]+", re.U)
_MARKDOWN_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_ORDERED_MARKER = re.compile(r"^\s*\d{1,3}[.)](?=\s)", re.M)


def words(text: str) -> Counter:
    """`“Don’t”—said Dąbrowski` → {don:1, t:1, said:1, dąbrowski:1}."""
    return Counter(word_list(text))


def manuscript_words(raw: str, notes: tuple[Note, ...] = ()) -> Counter:
    """The words an output must carry: the manuscript's (markdown link targets and list numbers are
    markup, not words), less what the notes dropped, with what they rewrote swapped in."""
    expected = words(_ORDERED_MARKER.sub("", _MARKDOWN_LINK_TARGET.sub("]", raw)))
    for note in notes:
        if note.dropped:
            expected -= words(note.dropped)
        if note.rewritten:
            expected -= words(note.rewritten[0])
            expected += words(note.rewritten[1])
    return expected


def missing_words(expected: Counter, output_text: str) -> Counter:
    """Words `expected` holds more often than the output text does."""
    return expected - words(output_text)


# --------------------------------------------------------------------------------------------------
# The print PDF against its HTML

MAX_GAP = 400  # letters a story's next word may lie ahead in the PDF (running heads, page feet)
_LINE_END_HYPHEN = re.compile(r"(\w)[\u2010\u00ad]\s*\n\s*(?=\w)")
_MARKER_LINE = re.compile(r"^[ \t]*(?:\d{1,3}\.|[•◦▪–-])[ \t]*$", re.M)  # list markers, drawn after the text


def pdf_text(pdf: bytes, body_boxes: list[tuple[float, float, float, float]] | None = None) -> str:
    """The text of a PDF in drawing order (`pdftotext -raw`: WeasyPrint draws in document order, where
    pdftotext's own column detection can misorder columns), words hyphenated at line ends (WeasyPrint's
    U+2010) joined again. With `body_boxes` (x, y, width, height in points, one per page) only each
    page's body is read, without the running head and page number (which pdftotext would otherwise
    glue into a word hyphenated across the page break)."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        runs = [["-f", str(first), "-l", str(last), "-x", str(int(x)), "-y", str(int(y)), "-W", str(int(w + 1)),
                 "-H", str(int(h + 1))] for first, last, (x, y, w, h) in _page_runs(body_boxes)] if body_boxes else [[]]
        pages = []
        for crop in runs:
            result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", *crop, handle.name, "-"],
                                    capture_output=True)
            if result.returncode:
                raise RuntimeError(f"pdftotext failed: {result.stderr.decode(errors='replace').strip()}")
            pages.append(result.stdout.decode("utf-8"))
    return _LINE_END_HYPHEN.sub(r"\1", _MARKER_LINE.sub("", "\n".join(pages)))


def _page_runs(boxes: list) -> list[tuple[int, int, tuple]]:
    """Consecutive pages with the same body box, as (first page, last page, box): one pdftotext each
    (most issues have two: the front page, under the masthead, and the rest)."""
    runs: list[list] = []
    for number, box in enumerate(boxes, 1):
        if runs and runs[-1][2] == box:
            runs[-1][1] = number
        else:
            runs.append([number, number, box])
    return [tuple(run) for run in runs]


def word_list(text: str) -> list[str]:
    """The words of `text` in order: case-folded, NFKC-normalised runs of letters and digits."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def check_pdf_against_html(html: str, text: str) -> list[str]:
    """What the PDF lost. Every story must have all its words in the PDF text in order, each
    within MAX_GAP letters of the one before (letters compared with spaces removed: pdftotext
    splits letter-spaced capitals, `T RANSIT`). Every other item of the page (masthead, boxes,
    captions, teasers, whose columns pdftotext may read in another order) must have each of its
    words there. Returns one line per item with a miss, naming it and its first missing words."""
    from lxml import etree  # the HTML is well-formed XHTML (README's contract); lxml parses it in milliseconds

    main = etree.fromstring(html.encode("utf-8")).find(".//main")
    hay = "".join(word_list(text))
    misses = []
    for item in main if main is not None else ():
        needle = word_list(_text(item))
        if item.tag == "article":
            found = _longest_ordered_match(needle, hay)
            if found < len(needle):
                misses.append(f"{_name(item)} from “{' '.join(needle[found:found + 8])}”")
        elif missing := [w for w in needle if w not in hay]:
            misses.append(f"{_name(item)}: “{' '.join(missing[:8])}”")
    return misses


def _text(element) -> str:
    """An element's text as the page shows it: nested runs joined as they stand, `<br/>` a line break."""
    parts = [element.text or ""]
    for child in element:
        parts += ["\n" if child.tag == "br" else _text(child), child.tail or ""]
    return "".join(parts)


def _name(item) -> str:
    if item.tag == "article":
        header = item.find("header")
        title = " ".join(_text(header).split()) if header is not None else item.get("id", "?")
        return f"story “{title[:60]}”"
    words = " ".join(_text(item).split())
    return f"{item.tag}.{'.'.join(item.get('class', '').split())} “{words[:40]}”"


def _longest_ordered_match(needle: list[str], hay: str) -> int:
    """How many of `needle`'s words are found in order in the letter stream `hay`, each within
    MAX_GAP letters of the end of the one before, from the best start of the first word."""
    if not needle:
        return 0
    best, start = 0, hay.find(needle[0])
    while start >= 0:
        pos, matched = start + len(needle[0]), 1
        for word in needle[1:]:
            at = hay.find(word, pos, pos + MAX_GAP + len(word))
            if at < 0:
                break
            pos, matched = at + len(word), matched + 1
        best = max(best, matched)
        if best == len(needle):
            break
        start = hay.find(needle[0], start + 1)
    return best
