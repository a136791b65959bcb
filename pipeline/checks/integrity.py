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

from ..model import Note


def _marks() -> str:
    """Every combining mark (Unicode categories Mn, Mc, Me: planes 0, 1 and 14 hold them all) as a
    regex class body. Python's `\\w` leaves them out, and a word in Devanagari or Bengali is made of
    them: `हिंदी` would read as `ह`, `द`, and a vowel sign lost in print would go unseen."""
    codes = [c for c in (*range(0x20000), *range(0xE0000, 0xE1000)) if unicodedata.category(chr(c))[0] == "M"]
    ranges, start = [], codes[0]
    for before, code in zip(codes, codes[1:] + [None]):
        if code != before + 1:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(before))}" if before > start else re.escape(chr(start)))
            start = code
    return "".join(ranges)


# A word: a letter or digit, then letters, digits, combining marks and the joiners that shape Indic
# and Arabic words (ZWNJ, ZWJ) — `हिंदी`, `क्ष‍त्रिय`, `العربيّة` are one word each.
_WORD = re.compile(rf"[^\W_](?:[^\W_]|[{_marks()}\u200c\u200d])*")
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
_LINE_END_HYPHEN = re.compile(r"([^\W_])[\u2010\u00ad]\n(?=[^\W_])")


def laid_out_text(pages) -> str:
    """The text WeasyPrint draws on the pages' bodies, line by line in document order, each line's
    runs in logical order (as the PDF's text objects are written: `textbox.pango_layout.text`), words
    hyphenated at line ends (WeasyPrint's U+2010) joined again. Read from the laid-out pages rather than
    back out of the PDF: pdftotext returns right-to-left words in visual order, and WeasyPrint's
    ToUnicode maps each glyph to the first cluster it drew, so a Devanagari vowel sign drawn before its
    consonant comes back on the wrong letter (`श्रमिक` → `श्र मक`). Text outside a page's body is left
    out (running heads, page numbers, and columns a broken layout set off the paper), and so are list
    markers (drawn apart from their item's words)."""
    from weasyprint.formatting_structure import boxes  # only the print path pays for WeasyPrint

    lines = []
    for page in pages:
        body = page._page_box  # WeasyPrint exposes no public API for the laid-out page box
        left, top = body.content_box_x(), body.content_box_y()
        right, bottom = left + body.width, top + body.height

        for child in body.children:
            if isinstance(child, boxes.MarginBox):
                continue
            for line in child.descendants():
                if isinstance(line, boxes.LineBox):
                    lines.append("".join(box.text for box in line.descendants() if isinstance(box, boxes.TextBox)
                                         and left - 1 <= box.position_x < right and top - 1 <= box.position_y < bottom
                                         and not str(box.element_tag).endswith("::marker")))
    return _LINE_END_HYPHEN.sub(r"\1", "\n".join(lines))


def word_list(text: str) -> list[str]:
    """The words of `text` in order: case-folded, NFKC-normalised runs of letters and digits."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def check_pdf_against_html(html: str, text: str) -> list[str]:
    """What the PDF lost. Every story must have all its words in the PDF text in order, each
    within MAX_GAP letters of the one before (letters compared with spaces removed: a line may end
    inside a word, where a hyphen was dropped). Every other item of the page (masthead, boxes,
    captions, teasers, set in columns of their own) must have each of its words there. Returns one line per item with a miss, naming it and its first missing words."""
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
