"""Text of the manuscripts as the site shows and searches it: isolated where it is listed (a headline's
right-to-left override cannot reorder the page or the catalog around it), and cut into search words
(case, accents and apostrophes folded, the same rule as the search page's script)."""

from __future__ import annotations

import re
import unicodedata
from html import escape

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
WORD = re.compile(r"\w+")


def listed(text: str) -> str:
    """Manuscript text in a list of the site, escaped and in its own `<bdi>`: whatever direction marks
    it holds end with it."""
    return f"<bdi>{escape(text)}</bdi>"


def isolated(text: str) -> str:
    """Manuscript text for a catalog or a feed (plain text, where no `<bdi>` exists): a value holding
    a direction control is set between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, which ends
    every embedding, override and isolate opened inside it; any other value is left as it is."""
    return f"\u2068{text}\u2069" if BIDI_CONTROLS.search(text) else text


def fold(text: str) -> str:
    """`Huelga en el Puerto` → `huelga en el puerto`; `Ñandú’s` → `nandus`: lower case, apostrophes
    gone, decomposed, every mark gone — step for step what search.js does to what is typed
    (`toLowerCase`, `normalize("NFKD")`, `\\p{M}`)."""
    text = unicodedata.normalize("NFKD", text.lower().replace("'", "").replace("\u2019", ""))
    return "".join(c for c in text if not unicodedata.category(c).startswith("M"))


def words(text: str) -> list[str]:
    """The search words of a text: runs of letters, digits and `_` once folded (search.js: `[\\p{L}\\p{N}_]+`)."""
    return WORD.findall(fold(text))


def story_words(title: str, body: str) -> list[list[str]]:
    """A story's search words: [words of its headline, kicker and deck; the other words of its body],
    each list without repeats, in first-seen order."""
    head = list(dict.fromkeys(words(title)))
    seen = set(head)
    rest = [w for w in dict.fromkeys(words(body)) if w not in seen]
    return [head, rest]
