"""Text patterns of the paper's raw copy: datelines, sign-offs, jump lines, headline case, open endings.

Pure predicates on plain strings, shared by the classifying and joining steps. Each names the corpus
case it was written for.
"""

from __future__ import annotations

import re
import unicodedata

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
          "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre")
_DASH = r"(?:—|–|--|-)"
_PLACE_WORD = r"[A-ZÁÉÍÓÚÑ][\w.'’-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ /]{_PLACE_WORD}){{0,3}}(?:, [A-Z]{{2}})?(?: \([^)]{{2,40}}\))?"
_DATE = (rf"(?:(?i:{MONTHS})\.?(?:,? \d{{1,2}}\b)?(?:,? \d{{4}})?|\d{{4}}"
         rf"|\d{{1,2}} de (?i:{MONTHS})(?: de \d{{4}})?)")  # Spanish: `3 de octubre de 2026`

# `ECUADOR, March 3—`, `QUITO (Ecuador), 2019 —`, `Petrograd, June, 18, 1917.`, `MOSCOW, 1924:`
PLACE_FIRST_DATELINE = re.compile(rf"^({_PLACE}), {_DATE}\s*(?:{_DASH}|:|\.(?=\s)|$)\s*")
# `March 3, Tel Aviv, Israel—`, `January 23--`, `March 11—`, `3 de octubre—`
DATE_FIRST_DATELINE = re.compile(
    rf"^(?:(?i:{MONTHS}) \d{{1,2}}|\d{{1,2}} de (?i:{MONTHS}))(?:, {_PLACE}(?:, {_PLACE})?)?\s*{_DASH}\s*")

# `—Comrade in Pasadena (USA)`, `— Seattle Comrade`, `—Helen, Jr.`, `-Metal worker comrade in South
# Africa`, `--Student in Quito`
SIGNOFF = re.compile(r"^(?:[—–]|--?)\s?(?=[A-ZÁÉÍÓÚÑ¡¿])[^\"“”«»\n]{1,70}$")
# A dateline with no date, on a story's first paragraph only: `LOS ANGELES –`, `ENGLAND--Over 2000…`,
# `El Salvador—`: a place in capitals before any dash, or a short capitalised place before an unspaced one.
PLACE_ONLY_DATELINE = re.compile(
    r"^(?:[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ.'’-]{2,}(?: [A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ.'’-]+){0,3}(?:, [A-Z]{2})?(?: \([^)]{2,40}\))?"
    r"|[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?: [A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)?(?=—|--))"
    r"\s*(?:—|–|--)\s*(?=[A-ZÁÉÍÓÚÑ“\"¿¡])")

OPEN_QUOTES = "\"“‘'«"
CLOSED_ENDINGS = ".!?…:;)]"
FUNCTION_WORDS = frozenset("""
a an the and or but nor of to in on at by for with from into onto as than that which who whom whose
is are was were be been being has have had do does did will would shall should can could may might
must not its their our my your his her this these those such if so because while when where whereas
about over under after before between among through during against without within upon via per
de la el los las y o en del al con por para que se un una su sus es son
""".split())
STOP_WORDS = FUNCTION_WORDS | {"vs", "vs."}

_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.U)
# A web address in a word: searched in the last word only, where `(?:https?://|www\.)\S+$|\S+\.(?:org|…)/?\S*$`
# on the whole text would try every start of a long word again (20,000 dashes: seconds).
_URL_IN_WORD = re.compile(r"(?:https?://|www\.)\S|\S\.(?:org|com|net|pdf)", re.I)


def normalize_key(text: str) -> str:
    """A comparable key for slugs and boilerplate: `**“Red Flag,”**` → `red flag`."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def dateline_match(text: str) -> re.Match | None:
    """The dateline at the start of `text`, if there is one."""
    return PLACE_FIRST_DATELINE.match(text) or DATE_FIRST_DATELINE.match(text)


def letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def is_all_caps(text: str) -> bool:
    """`WORKERS' STRUGGLES IN ECUADOR` — at least four letters, (nearly) all of them capitals."""
    caps = letters(text)
    return len(caps) >= 4 and sum(c.isupper() for c in caps) >= 0.9 * len(caps)


def is_title_case(text: str) -> bool:
    """`Deepening Communist Relationships`: ≤16 words, ≥75 % of content words capitalised, and no
    sentence end (a final `.`) — `?`, `!` and `:` are allowed (`Will the New AI Make …Easier?`)."""
    text = text.strip()
    words = _WORD.findall(text)
    if not words or len(words) > 16 or text.endswith((".", ",", ";")) or text.endswith(".”"):
        return False
    if re.search(r"[.!?]\s+[a-z]", text):
        return False
    content = [w for w in words if w.lower() not in STOP_WORDS]
    if not content:
        return False
    capital = sum(1 for w in content if w[0].isupper())
    return capital >= 0.75 * len(content) and words[0][0].isupper()


def ends_open(text: str) -> bool:
    """Whether a block stops mid-sentence: `…election is`, `…climate,” explained` (`,”` is open),
    but not `…ended.`, `…said:`, `…(USA)` nor a URL."""
    text = text.rstrip()
    if not text:
        return False
    if _URL_IN_WORD.search(text.rsplit(None, 1)[-1]):  # a block ending on a web address ends there
        return False
    last = text[-1]
    if last in CLOSED_ENDINGS:
        return False
    if last in "”\"’'»":
        before = text[:-1].rstrip()
        return bool(before) and before[-1] == ","
    return True


def starts_continuation(text: str) -> bool:
    """Whether a block starts where a sentence goes on: lowercase, a digit, `$`, `(`.
    `lion. Neither…`, `14% and whites…`; not `"Hell yes!"`, not a web address."""
    text = text.lstrip()
    if not text or text[0] in OPEN_QUOTES:
        return False
    if re.match(r"(?:https?://|www\.)", text, re.I):
        return False
    return text[0].islower() or text[0].isdigit() or text[0] in "$(\\"


def last_word(text: str) -> str:
    words = re.findall(r"[\w'’-]+", text)
    return words[-1] if words else ""


def first_word(text: str) -> str:
    words = re.findall(r"[\w'’-]+", text)
    return words[0] if words else ""


def is_cjk(text: str) -> bool:
    """Mostly Chinese/Japanese/Korean characters (the poster title in 001)."""
    chars = [c for c in text if not c.isspace() and c not in "*"]
    cjk = sum(1 for c in chars if unicodedata.name(c, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")))
    return bool(chars) and cjk >= 0.6 * len(chars)


def is_label(text: str) -> bool:
    """A kicker in sentence case, as the Spanish edition sets them: `Círculo de estudio`, `Obreros
    portuarios` — a few words, capitalised, with no sentence punctuation and no digits."""
    words = text.split()
    return (0 < len(words) <= 5 and len(text) <= 50 and text[0].isupper() and not re.search(r"[\d.,;:!?…]", text))
