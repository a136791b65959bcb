"""Stitching continued ("jump") stories: `See X, page 3` in one story, `X, from page 1` heading the rest.

Pairs are found by slug in any order (the continuation may come first in the file); the slug may be a
word-prefix of the other (`MINNEAPOLIS` ↔ `MINNEAPOLIS: MASSES DEFYING …`). A jump with no slug
(`Continued on page 6`) is matched by its story's headline and kicker; most of a slug's words in a
headline are enough (`TEACHERS AND PARENTS` ↔ `TEACHERS AND PARENTS UNITE…`). The continuation's body is
put where the jump-out line was, the seam repaired by the join test, and both jump lines dropped
(and accounted for in the report). A jump whose continuation is missing marks its story incomplete.
"""

from __future__ import annotations

from dataclasses import replace

from ..inline import plain_text
from ..model import Article, Issue, JumpLine, Note, Paragraph
from .edit import quote, revise
from .joins import join_context, join_pair
from .patterns import STOP_WORDS, normalize_key


def stitch_jumps(issue: Issue) -> Issue:
    """`…Rosario added, “Where I live… There` + `See: WORKERS DISCUSS…, page 3` … `WORKERS DISCUSS…,
    from page 1` + `was no crime.` → one story reading `…There was no crime.`"""
    items = list(issue.items)
    continuations = {k: item for k, item in enumerate(items) if _jump_in(item)}
    context = join_context(issue)
    notes: list[Note] = []
    used: set[int] = set()
    for k, item in enumerate(items):
        if not isinstance(item, Article) or k in continuations:
            continue
        body = list(item.body)
        continued_on = item.continued_on
        span = item.source
        for jump in [b for b in body if isinstance(b, JumpLine) and b.direction == "out"]:
            at = body.index(jump)
            match = _find_continuation(_keys(jump, item), continuations, used)
            if match is None:
                del body[at]
                continued_on = jump.page
                notes.append(Note("stitch_jumps", jump.source.first,
                                  f"story {quote(plain_text(item.headline.inlines))} jumps to page {jump.page} "
                                  f"({quote(jump.slug)}), which this manuscript does not have: marked incomplete",
                                  level="warning", dropped=jump.text))
                continue
            used.add(match)
            rest = continuations[match]
            if not rest.body[0].slug:
                notes.append(Note("stitch_jumps", rest.body[0].source.first,
                                  f"continuation {quote(rest.body[0].text)} names no story: joined to "
                                  f"{quote(plain_text(item.headline.inlines))}, the first story jumping with no "
                                  f"match; if that is wrong: {{action: not-jump, at: {rest.body[0].source.first}}}",
                                  level="review"))
            span = span.through(rest.source)
            jump_in = rest.body[0]
            tail = list(rest.body[1:])
            seam = ""
            if at > 0 and tail and isinstance(body[at - 1], Paragraph) and isinstance(tail[0], Paragraph):
                merged, seam_notes = join_pair(body[at - 1], tail[0], context)
                notes.extend(n if n.step == "apply_override" else replace(n, step="stitch_jumps") for n in seam_notes)
                if merged is not None:
                    body[at - 1] = merged
                    tail = tail[1:]
                    seam = ", seam joined"
            body[at:at + 1] = tail
            notes.append(Note("stitch_jumps", jump.source.first,
                              f"story {quote(plain_text(item.headline.inlines))} continued from line "
                              f"{jump_in.source.first} (page {jump.page}){seam}; jump line dropped",
                              dropped=jump.text))
            notes.append(Note("stitch_jumps", jump_in.source.first,
                              f"continuation header {quote(jump_in.text)} dropped", dropped=jump_in.text))
        items[k] = replace(item, body=tuple(body), continued_on=continued_on, source=span)
    for k in continuations:
        if k in used:
            continue
        orphan = continuations[k]
        notes.append(Note("stitch_jumps", orphan.source.first,
                          f"continuation {quote(orphan.body[0].text)} has no story jumping to it: kept on its own",
                          level="warning"))
        items[k] = replace(orphan, body=orphan.body[1:])
    kept = []
    for k, item in enumerate(items):
        if isinstance(item, JumpLine):  # outside any story: nothing to stitch it to
            notes.append(Note("stitch_jumps", item.source.first,
                              f"jump line {quote(item.text)} stands outside any story and matched none: dropped; "
                              f"if it is text, {{action: not-jump, at: {item.source.first}}}",
                              level="warning", dropped=item.text))
        elif k not in used:
            kept.append(item)
    return revise(issue, kept, notes)


def _jump_in(item) -> bool:
    return isinstance(item, Article) and bool(item.body) and isinstance(item.body[0], JumpLine) \
        and item.body[0].direction == "in"


def _keys(jump: JumpLine, article: Article) -> list[str]:
    """What names the story a jump leaves: its slug, or without one the headline and kicker."""
    if jump.slug:
        return [normalize_key(jump.slug)]
    return [normalize_key(plain_text(x.inlines)) for x in (article.headline, article.kicker) if x is not None]


def _find_continuation(keys: list[str], continuations: dict, used: set[int]) -> int | None:
    """The continuation whose slug equals one of `keys`; else one where either is a word-prefix of the
    other; else one whose slug's words (but for small words) are mostly in a key."""
    free = {k: normalize_key(article.body[0].slug) for k, article in continuations.items() if k not in used}
    for test in (_same, _prefix, _overlap):
        for k, other in free.items():
            if other and any(test(key, other) for key in keys if key):
                return k
    # `(Continued from page 8)` names no story: the first such continuation is the likeliest
    return next((k for k, other in free.items() if not other), None)


def _same(key: str, other: str) -> bool:
    return key == other


def _prefix(key: str, other: str) -> bool:
    return other.startswith(key + " ") or key.startswith(other + " ")


def _overlap(key: str, other: str) -> bool:
    mine, theirs = _content_words(key), _content_words(other)
    return bool(mine and theirs) and len(mine & theirs) >= 0.75 * min(len(mine), len(theirs))


def _content_words(text: str) -> set[str]:
    return {w for w in text.split() if w not in STOP_WORDS}
