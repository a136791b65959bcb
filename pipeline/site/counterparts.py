"""The same issue in the other editions (the same volume and number in another language), and which of
its stories is which: a story and its translation share the words no translation changes — names,
places, numbers — so each story goes with the one sharing most of those, if enough."""

from __future__ import annotations

import json
import math
from pathlib import Path

from .archive import WORDS_SUFFIX

MIN_SHARED = 3  # names and numbers in common, at least
MIN_SCORE = 0.12  # shared / √(|a|·|b|): a translation shares far more than two stories on one theme


def pair_up(entries: list[dict]) -> dict[str, list[dict]]:
    """stem → the other editions' issues of the same volume and number (none without both)."""
    by_key: dict[tuple, list[dict]] = {}
    for entry in entries:
        if entry["volume"] and entry["number"]:
            by_key.setdefault((int(entry["volume"]), int(entry["number"])), []).append(entry)
    out: dict[str, list[dict]] = {}
    for group in by_key.values():
        for entry in group:
            out[entry["stem"]] = sorted((o for o in group if o["language"] != entry["language"]),
                                        key=lambda o: o["language"])
    return out


def _kept_words(path: str) -> list[set[str]]:
    stories = json.loads(Path(path.removesuffix(".entry.json") + WORDS_SUFFIX).read_text(encoding="utf-8"))
    return [{w for w in head + body if len(w) >= 4 or any(c.isdigit() for c in w)} for head, body in stories]


def match_stories(entry: dict, other: dict) -> dict[str, dict]:
    """story id → the other edition's story that is its version, where one is clearly so."""
    mine, theirs = _kept_words(entry["_path"]), _kept_words(other["_path"])
    scores = []
    for i, a in enumerate(mine):
        for j, b in enumerate(theirs):
            shared = len(a & b)
            if shared >= MIN_SHARED and a and b:
                score = shared / math.sqrt(len(a) * len(b))
                if score >= MIN_SCORE:
                    scores.append((-score, i, j))
    found, taken = {}, set()
    for _, i, j in sorted(scores):
        if entry["stories"][i]["id"] not in found and j not in taken:
            found[entry["stories"][i]["id"]] = other["stories"][j]
            taken.add(j)
    return found
