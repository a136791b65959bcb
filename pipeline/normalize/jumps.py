"""Continued ("jump") stories: jump lines found in every phrasing of the phrasebook, then stitched —
`See X, page 3` in one story, `X, from page 1` heading the rest.

Pairs are found by slug in any order (the continuation may come first in the file); the slug may be a
word-prefix of the other (`MINNEAPOLIS` ↔ `MINNEAPOLIS: MASSES DEFYING …`). A jump with no slug
(`Continued on page 6`) is matched by its story's headline and kicker; most of a slug's words in a
headline are enough (`TEACHERS AND PARENTS` ↔ `TEACHERS AND PARENTS UNITE…`). The continuation's body is
put where the jump-out line was, the seam repaired by the join test, and both jump lines dropped
(and accounted for in the report). A jump whose continuation is missing marks its story incomplete.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import replace

from ..lang import phrasebook
from ..lang.patterns import STOP_WORDS, is_all_caps, is_title_case, normalize_key
from ..model import Article, Issue, JumpLine, Note, Paragraph, Source
from ..model.inlines import plain_text, quote, split_inlines, text_of
from ..readers.overrides import override_note
from .edit import RAW, revise, split_lines, without_last_line
from .joins import join_context, join_pair


_SLUG_WORDS = 16  # a jump line's slug is a headline, not a sentence


JUMP_LINE_LONGEST = 200  # characters: longer, it is prose


# Where a jump line can start after the words before it: after a sentence, or after a word's break hyphen.
_SENTENCE_GAP = re.compile(r"(?<=[.!?”\"’)\w]-|[.!?”\"’)] )\s*(?=\(|[A-ZÁÉÍÓÚÑ])")


def find_jump_lines(issue: Issue) -> Issue:
    """Continuation lines, in every phrasing of the phrasebook: `See: **X,**” page 3`, `(Continued on
    page 5)`, `Pasa a la página 6` (out); `X, from page 1`, `CONTINUED FROM PAGE 1: X`, `Viene de la
    página 1: X` (in). One standing as the last line of a block, or closing its last sentence
    (`…the ele-` ⏎ `Continued on page 6`), is split off, so the paragraph is not glued to it."""
    items, notes = [], []
    for block in issue.items:
        if override := issue.overridden("not-jump", range(block.source.first, block.source.last + 1)):
            notes.append(override_note(override, f"{quote(text_of(block))} kept as text, not a jump line"))
            items.append(block)
            continue
        jump = jump_line(text_of(block), block.source) if isinstance(block, RAW) else None
        if jump is None and isinstance(block, Paragraph):
            head, jump = _trailing_jump(block)
            if jump is not None:
                items.append(head)
        if jump:
            notes.append(Note("find_jump_lines", jump.source.first,
                              f"jump {jump.direction}: {quote(jump.slug) if jump.slug else 'no slug'} page {jump.page}"))
        items.append(jump or block)
    return revise(issue, items, notes)


def jump_line(text: str, source: Source) -> JumpLine | None:
    """`text` (a whole block's words) as a jump line, or None. A slug must read as a headline, not a
    sentence (`We met them, from page 1 of…` is prose)."""
    if len(text) > JUMP_LINE_LONGEST:
        return None
    for direction in ("out", "in"):
        if m := phrasebook.fullmatch(f"jump_{direction}", text):
            slug = phrasebook.group(m, "slug").strip(" ,:;“”\"'’()")
            if len(slug.split()) > _SLUG_WORDS or re.search(r"[.!?]\s+\S", slug):
                return None
            if direction == "in" and slug and not (is_all_caps(slug) or is_title_case(slug)):
                return None  # `Lea el artículo de la página 1` is prose; a slug is a headline
            return JumpLine(slug, phrasebook.group(m, "page"), direction, source, text)
    return None


def _trailing_jump(block: Paragraph):
    """(the paragraph without it, the jump) when the block's last line, or its last words after a
    sentence or a hyphen, are a jump line out; (block, None) otherwise."""
    lines = split_lines(block.inlines)
    if len(lines) > 1:
        last = " ".join(plain_text(lines[-1]).split())
        jump = jump_line(last, Source(block.source.last, block.source.last, 0))
        if jump is not None and jump.direction == "out":
            return without_last_line(block, lines, hard=False), jump
    text = plain_text(block.inlines)
    gaps = list(_SENTENCE_GAP.finditer(text))
    rests = _folded_rests(text, [m.end() for m in gaps], JUMP_LINE_LONGEST)  # the words after each of the last
    for m, rest in zip(gaps[len(gaps) - len(rests):], rests):
        jump = jump_line(rest, Source(block.source.last, block.source.last, 0))
        if jump is not None and jump.direction == "out":
            head, _ = split_inlines(block.inlines, len(text[:m.start()].rstrip()))
            return Paragraph(head, block.source, block.dateline), jump
    return block, None


def _folded_rests(text: str, starts: list[int], width: int) -> list[str]:
    """`" ".join(text[start:].split())` for each of the last `starts` (ascending) where that is at most
    `width` long — a run at the end, since a rest only grows towards the start. Built from the end,
    each stretch folded once: folding the whole rest at every sentence of a long paragraph is quadratic."""
    rests: list[str] = []
    rest, stop = "", len(text)
    for start in reversed(starts):
        piece = " ".join(text[start:stop].split())
        apart = stop < len(text) and (text[stop - 1].isspace() or text[stop].isspace())  # else one word goes on
        rest = f"{piece}{' ' if apart else ''}{rest}" if piece and rest else piece or rest
        if len(rest) > width:
            break
        rests.append(rest)
        stop = start
    return rests[::-1]


def stitch_jumps(issue: Issue) -> Issue:
    """`…Rosario added, “Where I live… There` + `See: WORKERS DISCUSS…, page 3` … `WORKERS DISCUSS…,
    from page 1` + `was no crime.` → one story reading `…There was no crime.`"""
    items = list(issue.items)
    continuations = {k: item for k, item in enumerate(items) if _jump_in(item)}
    slugs = _Slugs({k: normalize_key(article.body[0].slug) for k, article in continuations.items()})
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
            match = slugs.find(_keys(jump, item), used)
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


class _Slugs:
    """The continuations' slugs (by the continuation's place in the issue), indexed so that finding the
    one a jump names does not read every slug for every jump (hundreds of jumps in a long manuscript)."""

    def __init__(self, slugs: dict[int, str]):
        self.slugs = slugs
        self.named: dict[str, deque[int]] = {}  # slug → its continuations, in order
        self.extending: dict[str, deque[int]] = {}  # a slug's first words (not all) → its continuations
        self.holding: dict[str, list[int]] = {}  # a slug's word (not a small one) → its continuations
        self.unnamed: deque[int] = deque()  # continuations with no slug
        for k in sorted(slugs):
            slug = slugs[k]
            if not slug:
                self.unnamed.append(k)
                continue
            self.named.setdefault(slug, deque()).append(k)
            words = slug.split(" ")
            for n in range(1, len(words)):
                self.extending.setdefault(" ".join(words[:n]), deque()).append(k)
            for word in _content_words(slug):
                self.holding.setdefault(word, []).append(k)

    def find(self, keys: list[str], used: set[int]) -> int | None:
        """The first continuation not `used` whose slug equals one of `keys`; else one where either is a
        word-prefix of the other; else one whose slug's words (but for small words) are mostly in a key;
        else the first with no slug, as `(Continued from page 8)` names no story and is the likeliest."""
        keys = [key for key in keys if key]
        same = [_first_free(self.named.get(key), used) for key in keys]
        if found := [k for k in same if k is not None]:
            return min(found)
        prefix = [_first_free(self.extending.get(key), used) for key in keys] + [
            _first_free(self.named.get(" ".join(words[:n])), used)
            for words in (key.split(" ") for key in keys) for n in range(1, len(words))]
        if found := [k for k in prefix if k is not None]:
            return min(found)
        for k in sorted({k for key in keys for word in _content_words(key) for k in self.holding.get(word, ())}):
            if k not in used and any(_overlap(key, self.slugs[k]) for key in keys):
                return k
        return _first_free(self.unnamed, used)


def _first_free(continuations: deque[int] | None, used: set[int]) -> int | None:
    """The first of `continuations` not `used` (the used ones before it are dropped: they stay used)."""
    while continuations and continuations[0] in used:
        continuations.popleft()
    return continuations[0] if continuations else None


def _same(key: str, other: str) -> bool:
    return key == other


def _prefix(key: str, other: str) -> bool:
    return other.startswith(key + " ") or key.startswith(other + " ")


def _overlap(key: str, other: str) -> bool:
    mine, theirs = _content_words(key), _content_words(other)
    return bool(mine and theirs) and len(mine & theirs) >= 0.75 * min(len(mine), len(theirs))


def _content_words(text: str) -> set[str]:
    return {w for w in text.split() if w not in STOP_WORDS}
