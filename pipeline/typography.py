"""Typography by language, as plain `str → str` rules: quotes, apostrophes, dashes, ellipses, no-break spaces.

Straight quotes are curled from their context; quotes that are already curly are never touched (the
corpus mixes both, even inside one paragraph). Spanish takes «» for straight double quotes (RAE).
Phone numbers and dates are never rewritten: a digit-hyphen-digit is left alone unless it is a year
range (`1919-1920` → `1919–1920`). Written after Standard Ebooks' typogrify (se/typography.py),
without smartypants, whose failures on this copy are listed in shared/reference/normalization.md §5.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
_OPENERS = set(" \t\n([{—–-“‘«¿¡/\u00a0")
_ELISIONS = re.compile(r"'(?=(?:em|tis|twas|til|cause|round|n'|s\b)(?:\W|$))", re.I)
_YEAR_RANGE = re.compile(r"\b(1[5-9]\d\d|20\d\d)-(1[5-9]\d\d|20\d\d)\b")
_DIGIT_GROUPS = re.compile(r"(?<=\d) (?=\d)|(?<=\)) (?=\d{3}-\d{4})")
_UNIT = re.compile(r"(?<=\d) (?=(?:km|mi|kg|g|cm|mm|m|°C|°F|%|lakh|ha)\b)")
_TITLES = re.compile(r"\b(Mr|Mrs|Ms|Dr|St|Sr|Sra|No|Nº|Vol)\. (?=\w)")


def curl_quotes(text: str, language: str = "en") -> str:
    """Straight quotes to curly ones by context, one for one (the length never changes).

    `"Hell yes!" they said` → `“Hell yes!” they said`; `2024—"They` → `2024—“They`;
    `B'Tselem`, `'90s`, `workers'` → `B’Tselem`, `’90s`, `workers’`; in Spanish `"no"` → `«no»`.
    """
    if '"' not in text and "'" not in text:
        return text
    open_double, close_double = ("«", "»") if language.startswith("es") else ("“", "”")
    chars = list(text)
    elided = {m.start() for m in _ELISIONS.finditer(text)}
    for i, ch in enumerate(chars):
        if ch not in "\"'":
            continue
        before = chars[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opening = before in _OPENERS or (before in ",:;" and after.isalpha())
        opening = opening and not after.isspace() and after != ""
        if ch == '"':
            chars[i] = open_double if opening else close_double
        elif i in elided or (before.isalnum() and after.isalpha()) or re.match(r"\d\ds", text[i + 1:i + 4]):
            chars[i] = "’"
        else:
            chars[i] = "‘" if opening else "’"
    return "".join(chars)


def set_dashes_and_ellipses(text: str) -> str:
    """`--`/`---` → `—`, a spaced hyphen → a spaced en dash, year ranges → en dash, `...` → `…`.

    `January 23-- Masses` → `January 23— Masses`; `RED FLAG - Donations` → `RED FLAG – Donations`;
    `(1919-1920)` → `(1919–1920)`; `(323) 812-9155` is left alone.
    """
    text = re.sub(r"-{2,3}", "—", text)
    text = re.sub(r"(?<=\s)-(?=\s)", "–", text)
    text = _YEAR_RANGE.sub(lambda m: f"{m[1]}–{m[2]}" if m[1] < m[2] else m[0], text)
    return re.sub(r"\.\.\.", "…", text)


def set_no_break_spaces(text: str) -> str:
    """No-break spaces where a line must not break: inside digit groups and phone numbers
    (`084 682 6501`, `R100 000`, `(323) 812-9155`), between a number and its unit (`20 km`), after
    `No.`, `Dr.`, `St.`; runs of spaces collapse to one."""
    text = re.sub(r"(?<=\S) {2,}(?=\S)", " ", text)
    text = _DIGIT_GROUPS.sub(NBSP, text)
    text = _UNIT.sub(NBSP, text)
    return _TITLES.sub(lambda m: f"{m[1]}.{NBSP}", text)


def typogrify(text: str, language: str = "en") -> str:
    """All the rules above except quote curling, which needs a whole block's context."""
    return set_no_break_spaces(set_dashes_and_ellipses(text))
