"""Text taken out of a print PDF one printed line per line (pdftotext, its `-raw`, pdfminer.six, a
viewer's copy): the evidence that it is that — lines cut at a column's measure, words hyphenated at
their ends — and the refusal of `-layout` text, whose lines hold columns side by side."""

from __future__ import annotations

import re
from statistics import median

BREAK_HYPHENS = "-\u2010\u00ad"  # ASCII, the PDF's own hyphen (U+2010), the soft hyphen
_LINE_END_HYPHEN = re.compile(rf"[^\W\d_][{BREAK_HYPHENS}]$")
_SIDE_BY_SIDE = re.compile(r"\S {3,}\S")  # two columns' text on one line, spaces between them
MIN_LINES = 12  # fewer lines say nothing about a measure


def line_end_hyphens(lines: list[str]) -> int:
    """Lines ending in a word cut at a hyphen (any of BREAK_HYPHENS) before a line that goes on in lowercase."""
    return sum(1 for line, after in zip(lines, lines[1:])
               if _LINE_END_HYPHEN.search(line.rstrip()) and after.lstrip()[:1].islower())


def column_measure(lines: list[str]) -> int:
    """The characters a full printed line of body text holds: the median length of lines that are cut
    mid-sentence (they ran to the measure), or 0 when too few are."""
    full = [len(line.strip()) for line, after in zip(lines, lines[1:])
            if line.strip() and after.strip()[:1].islower() and line.rstrip()[-1:].isalpha() | (line.rstrip()[-1:] in ",‐-\u00ad")]
    return int(median(full)) if len(full) >= MIN_LINES // 2 else 0


def printed_lines_evidence(lines: list[str]) -> str:
    """Why these lines are printed lines of a PDF (in words), or "" when they are not: most lines
    within a column's measure of one another, few longer, and words cut at the lines' ends."""
    filled = [line.strip() for line in lines if line.strip()]
    if len(filled) < MIN_LINES:
        return ""
    measure = column_measure(filled)
    if not measure or measure > 100:
        return ""
    within = sum(1 for line in filled if 0.75 * measure <= len(line) <= 1.2 * measure)
    longer = sum(1 for line in filled if len(line) > 1.6 * measure)
    hyphens = line_end_hyphens(filled)
    if within < 0.45 * len(filled) or longer > 0.1 * len(filled) or hyphens < 2:
        return ""
    return (f"{within} of {len(filled)} lines within a column's measure (about {measure} characters), "
            f"{hyphens} words hyphenated at a line's end")


def side_by_side(lines: list[str]) -> int:
    """How many lines hold text in columns side by side (pdftotext `-layout`), when most long ones do."""
    filled = [line.rstrip() for line in lines if line.strip()]
    wide = [line for line in filled if len(line) >= 60]
    split = sum(1 for line in wide if _SIDE_BY_SIDE.search(line.strip()))
    return split if len(filled) >= MIN_LINES and split >= 0.3 * len(filled) else 0
