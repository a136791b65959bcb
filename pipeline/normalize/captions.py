"""Captions back in their stories: a caption left between stories goes to the neighbouring story it
speaks of, at the place its photo stood (above the headline's story it precedes, or at the end of the
story it follows). Only a caption that belongs to no story stays outside (the EPUB's "From the paper").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model import Article, Caption, Issue, Note, Signoff
from ..model.inlines import plain_text, quote, text_of
from .edit import revise

_WORD = re.compile(r"[^\W\d_]{4,}")
# Words that say nothing about what a photo shows: months, weekdays, and words of any caption.
_COMMON = frozenset("""
january february march april june july august september october november december
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
monday tuesday wednesday thursday friday saturday sunday
with that this these those from their they them there have were which while where when
against over into about after before other others during people workers photo foto
para como contra entre sobre desde donde cuando trabajadores
""".split())


def place_captions_in_stories(issue: Issue) -> Issue:
    """A caption (or a run of them) outside the stories joins the adjacent story that shares the most
    telling words with it: capitalised words (places, peoples) found in few of the issue's stories
    (`QUITO (Ecuador)` → the Ecuador story). On a tie, the story below it, where it goes first; sharing
    no such word with either neighbour, it stays apart (a review note).
    Joining the story above, it goes at the end (before the sign-off). `Tel Aviv … Gaza`, `Rafah, Gaza`
    above `These images emphasize unity…` go into that story."""
    items = list(issue.items)
    stories = [_story_words(a) for a in items if isinstance(a, Article)]
    spread = Counter(w for words in stories for w in words)
    limit = max(2, len(stories) // 6)  # a word in more stories than this is the paper's, not the photo's
    notes: list[Note] = []
    placed: dict[int, tuple[list, list]] = {}  # index of story → (captions first, captions last)
    keep = []
    i = 0
    while i < len(items):
        if not isinstance(items[i], Caption):
            keep.append(i)
            i += 1
            continue
        j = i
        while j < len(items) and isinstance(items[j], Caption):
            j += 1
        run = items[i:j]
        before = i - 1 if i > 0 and isinstance(items[i - 1], Article) else None
        after = j if j < len(items) and isinstance(items[j], Article) else None
        words = {w for w in set().union(*(_names(text_of(c)) for c in run)) if spread[w] <= limit}
        scores = {k: len(words & _story_words(items[k])) for k in (before, after) if k is not None}
        best = max(scores.values(), default=0)
        target = (after if after is not None and scores.get(after, 0) == best else before) if best else None
        if target is None:
            keep.extend(range(i, j))
            for c in run:
                notes.append(Note("place_captions_in_stories", c.source.first,
                                  f"caption {quote(text_of(c))} belongs to no neighbouring story: kept apart",
                                  level="review"))
        else:
            placed.setdefault(target, ([], []))[0 if target == after else 1].extend(run)
            shared = sorted(words & _story_words(items[target]))
            why = f"shares {', '.join(shared[:4])}"
            for c in run:
                notes.append(Note("place_captions_in_stories", c.source.first,
                                  f"caption {quote(text_of(c))} placed in story {items[target].id} ({why})"))
        i = j
    out = []
    for k in keep:
        item = items[k]
        if k in placed:
            first, last = placed[k]
            body = list(item.body)
            end = len(body)
            while end and isinstance(body[end - 1], Signoff):
                end -= 1
            body = first + body[:end] + last + body[end:]
            span = item.source
            for c in first + last:
                span = span.through(c.source)
            item = replace(item, body=tuple(body), source=replace(span, gap=item.source.gap))
        out.append(item)
    return revise(issue, out, notes)


def _words(text: str) -> set[str]:
    return {w for w in (m.casefold() for m in _WORD.findall(text)) if w not in _COMMON}


def _names(text: str) -> set[str]:
    """The caption's capitalised words (places, peoples, organisations: `Quito`, `Ecuador`, `Zionist`),
    the ones that tie a photo to a story; a caption's common words tie it to any story."""
    return {w.casefold() for w in _WORD.findall(text) if w[0].isupper()} - _COMMON


def _story_words(article: Article) -> set[str]:
    parts = [text_of(article.headline)] + ([text_of(article.kicker)] if article.kicker else [])
    parts += [text_of(b) + " " + plain_text(getattr(b, "dateline", ()))
              for b in article.body if not isinstance(b, Caption)]
    return _words(" ".join(parts))
