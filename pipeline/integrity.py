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
    text = unicodedata.normalize("NFKC", text).casefold()
    return Counter(_WORD.findall(text))


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
