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
WJ = "\u2060"  # word joiner: no line break here, and no width
_OPENERS = set(" \t\n([{—–-“‘«¿¡/\u00a0")
_ELISIONS = re.compile(r"'(?=(?:em|tis|twas|til|cause|round|n'|s\b)(?:\W|$))", re.I)
_YEAR_RANGE = re.compile(r"\b(1[5-9]\d\d|20\d\d)-(1[5-9]\d\d|20\d\d)\b")
_DIGIT_GROUPS = re.compile(r"(?<=\d) (?=\d)|(?<=\)) (?=\d{3}-\d{4})")
_UNIT = re.compile(r"(?<=\d) (?=(?:km|mi|kg|g|cm|mm|m|°C|°F|lakh|ha)\b|%)")
_TITLES = re.compile(r"\b(Mr|Mrs|Ms|Dr|Dra|St|Sr|Sra|Srta|No|Nº|Núm|Vol|pág|Prof)\. (?=\w)")
_CLOCK = re.compile(r"(?<=\d) (?=[ap]\.\s?m\.)", re.I)  # `6:40 p.m.`, `10 a. m.`
_AMPERSAND = re.compile(r" (?=&)")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre")
# A range: number – number, or a date – a date (`March 18 – May 28, 1871`, `1990 - 2000`), spaced or not
_RANGE = re.compile(rf"(?<=\d)[ {NBSP}]*[–—]{WJ}?[ {NBSP}]*(?=\d|(?:{_MONTHS})[ {NBSP}]\d)")
_MONTH_RANGE = re.compile(rf"(?<=\w)(?<=(?:{'|'.join(m[-3:] for m in _MONTHS.split('|'))}))[ {NBSP}]*[–—]{WJ}?[ {NBSP}]*(?=\d)")
_RUN_START_DASH = re.compile(rf"^[–—][ {NBSP}]+(?=[^\s–—])")
# A dash between two words with a space on either side or both: `2019 —Thousands`, `March 3— “We’re`
_SPACED_DASH = re.compile(rf"(?<=\S)(?:[ {NBSP}]+[–—]{WJ}?[ {NBSP}]*|[–—]{WJ}?[ {NBSP}]+)(?=\S)")
_BREAKABLE_BEFORE_EM = re.compile(rf"(?<=[^\s{WJ}])—")


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
    `No.`, `Dr.`, `St.`, `Sra.`, `pág.`; before `a.m.`/`p.m.` and `&`; runs of spaces collapse to one."""
    text = re.sub(r"(?<=\S) {2,}(?=\S)", " ", text)
    text = _DIGIT_GROUPS.sub(NBSP, text)
    text = _UNIT.sub(NBSP, text)
    text = _CLOCK.sub(NBSP, text)
    text = _AMPERSAND.sub(NBSP, text)
    return _TITLES.sub(lambda m: f"{m[1]}.{NBSP}", text)


def set_dashes(text: str, language: str = "en") -> str:
    """Dashes as the best e-books set them (Standard Ebooks' manual, §8; the RAE for Spanish).

    Both languages: a range takes a closed en dash held by word joiners (`1990 - 2000` →
    `1990⁠–⁠2000`, `March 18 – May 28` → `March 18⁠–⁠May 28`).
    English: a dash between words is a closed em dash with a word joiner before it, so it never
    starts a line (`2019 —Thousands` → `2019⁠—Thousands`, `March 3— “We’re` → `March 3⁠—“We’re`,
    `more – the state` → `more⁠—the state`); a text's opening dash loses its space (`— Seattle
    Comrade` → `—Seattle Comrade`).
    Spanish: the raya. Dialogue opens with it closed up (`— Hola` → `—⁠Hola`); an aside is set
    `texto —⁠inciso⁠— texto`, the opening raya spaced before and joined to its word, the closing one
    joined to its word and spaced after (spaced dashes pair up in order: first opens, next closes).
    """
    text = _RANGE.sub(f"{WJ}–{WJ}", text)
    text = _MONTH_RANGE.sub(f"{WJ}–{WJ}", text)  # `18 de marzo – 28 de mayo`
    spanish = language.startswith("es")
    text = _RUN_START_DASH.sub("—" + (WJ if spanish else ""), text)
    if spanish:
        text = _set_rayas(text)
    else:
        text = _SPACED_DASH.sub("—", text)
    return _BREAKABLE_BEFORE_EM.sub(f"{WJ}—", text)


def _set_rayas(text: str) -> str:
    """Spanish asides: each spaced dash opens (`␣—⁠word`) or closes (`word⁠—␣`) by its spacing, and a
    dash spaced on both sides by whether an aside is open."""
    out, last, open_aside = [], 0, False
    for m in _SPACED_DASH.finditer(text):
        raw = m[0]
        space_before, space_after = raw[0] in f" {NBSP}", raw[-1] in f" {NBSP}"
        after = text[m.end()] if m.end() < len(text) else ""
        closes = (space_after and not space_before) or (space_before and space_after and open_aside) \
            or after in ".,;:)?!»”’"
        out.append(text[last:m.start()])
        if closes:
            out.append(f"{WJ}—" + (" " if space_after and after not in ".,;:)?!»”’" else ""))
        else:
            out.append(f" —{WJ}")
        open_aside = not closes
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def typogrify(text: str, language: str = "en") -> str:
    """All the rules above except quote curling, which needs a whole block's context."""
    return set_no_break_spaces(set_dashes(set_dashes_and_ellipses(text), language))
