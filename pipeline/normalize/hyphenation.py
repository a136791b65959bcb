"""Deciding a hyphen at a break: `Revolu-|tion` is one word, `anti-|immigrant` a compound.

The issue's own vocabulary decides first (calibre's idea, on whole tokens); a maintained word list with
counts (pyspellchecker) second. The procedure and its thresholds are those of
shared/reference/normalization.md §2, which measured 15/15 on the corpus breaks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*", re.U)
HYPHEN_PREFIXES = frozenset(
    "self ex all quasi anti pro non post pre co multi semi mid inter sub neo ultra counter".split())
SUFFIXES = ("ments", "ment", "ness", "ings", "ing", "ions", "ion", "ies", "ity", "ive", "ous", "ence",
            "ency", "ism", "ated", "able", "ible", "ble", "ier", "ed", "er", "es", "ly", "al", "s")
COMMON = 1000      # a word list count at which a word is "common"
RARE_JOIN = 100    # a joined form rarer than this, of two common parts, is word-list noise (`nextdoor`)


@dataclass(frozen=True)
class Vocabulary:
    """Word counts of one issue: every token, and every in-line hyphenated compound (lowercased)."""

    words: Counter
    compounds: Counter

    @classmethod
    def of(cls, texts) -> Vocabulary:
        words: Counter = Counter()
        compounds: Counter = Counter()
        for text in texts:
            for token in _TOKEN.findall(text):
                token = token.lower().replace("‐", "-")
                if "-" in token:
                    compounds[token] += 1
                    words.update(token.split("-"))
                else:
                    words[token] += 1
        return cls(words, compounds)


@lru_cache(maxsize=4)
def word_list(language: str):
    """The word list (with frequency counts) for a language; None for a language it lacks."""
    from spellchecker import SpellChecker

    try:
        return SpellChecker(language=language.split("-")[0], distance=1).word_frequency
    except ValueError:
        return None


def decide_hyphen(left: str, right: str, vocabulary: Vocabulary, language: str = "en") -> tuple[bool, str]:
    """Whether `left-` at a break followed by `right` is one word. Returns (join, reason).

    `Revolu`,`tion` → (True, …); `anti`,`immigrant` → (False, …); `Pro`,`Palestinian` → (False, …).
    """
    lo_left, lo_right = left.lower(), right.lower()
    joined, compound = lo_left + lo_right, f"{lo_left}-{lo_right}"
    n_joined, n_compound = vocabulary.words[joined], vocabulary.compounds[compound]
    if n_joined or n_compound:
        if n_joined >= n_compound:
            return True, f"the issue writes “{left}{right}” {n_joined}×"
        return False, f"the issue writes “{left}-{right}” {n_compound}×"
    if right[:1].isupper() or left.isupper() and len(left) > 1 or left[-1:].isdigit():
        return False, "capitalised or acronym part"
    words = word_list(language)
    count = (lambda w: words[w] if words is not None and w in words else 0)
    c_left, c_right, c_joined = count(lo_left), count(lo_right), count(joined)
    if c_joined and c_joined < RARE_JOIN and min(c_left, c_right) >= COMMON and min(len(left), len(right)) >= 3:
        return False, "two common words; the joined form is word-list noise"
    if c_joined:
        return True, "in the word list"
    stem = _strip_suffix(joined)
    if stem != joined and (vocabulary.words[stem] or count(stem)):
        return True, f"“{stem}” is a word"
    if lo_left in HYPHEN_PREFIXES and (c_right or vocabulary.words[lo_right]):
        return False, "a hyphenating prefix before a word"
    if c_left >= COMMON and c_right >= COMMON:
        return False, "two common words, no joined form"
    return True, "a soft hyphen by default"


def _strip_suffix(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
