"""Stitching continued ("jump") stories: `See X, page 3` in one story, `X, from page 1` heading the rest.

Pairs are found by slug in any order (the continuation may come first in the file); the slug may be a
word-prefix of the other (`MINNEAPOLIS` ↔ `MINNEAPOLIS: MASSES DEFYING …`). The continuation's body is
put where the jump-out line was, the seam repaired by the join test, and both jump lines dropped
(and accounted for in the report). A jump whose continuation is missing marks its story incomplete.
"""

from __future__ import annotations

from dataclasses import replace

from ..inline import plain_text
from ..model import Article, Issue, JumpLine, Note, Paragraph
from .edit import quote, revise
from .joins import join_context, join_pair
from .patterns import normalize_key


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
            match = _find_continuation(jump, continuations, used)
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
    kept = [item for k, item in enumerate(items) if k not in used]
    return revise(issue, kept, notes)


def _jump_in(item) -> bool:
    return isinstance(item, Article) and bool(item.body) and isinstance(item.body[0], JumpLine) \
        and item.body[0].direction == "in"


def _find_continuation(jump: JumpLine, continuations: dict, used: set[int]) -> int | None:
    """The continuation whose slug equals the jump's, or where either is a word-prefix of the other."""
    key = normalize_key(jump.slug)
    best = None
    for k, article in continuations.items():
        if k in used:
            continue
        other = normalize_key(article.body[0].slug)
        if other == key:
            return k
        if best is None and (other.startswith(key + " ") or key.startswith(other + " ")):
            best = k
    return best
