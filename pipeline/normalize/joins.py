"""Rejoining what column and page breaks split: paragraphs cut mid-sentence, words cut at a hyphen,
list items cut in two, and numbered or bulleted items the blank lines made into separate lists.

The join test is shared/reference/normalization.md §3 (0 false joins on the corpus in its trial): the
signals in order of strength, never joining onto or from a heading, caption, box, jump line or
sign-off, and looking past a caption that sits in a photo slot between the two halves.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..lang.patterns import FUNCTION_WORDS, OPEN_QUOTES, ends_open, first_word, last_word, starts_continuation
from ..model import (Article, Box, Caption, Emphasis, Issue, LineBreak, Link, ListBlock, Note, Paragraph, Source,
                     Strong, Text)
from ..model.inlines import merge_inlines, plain_text, quote, text_of
from ..readers.overrides import override_note
from .edit import revise
from ..readers.pdftext import BREAK_HYPHENS
from .hyphenation import Vocabulary, decide_hyphen, word_list

END_WORDS = 8  # whole words of a paragraph's end the join test reads, at least (`_runs_on_as_name` counts 8)
_SPACE = re.compile(r"\s")
_WORD_CHAR = re.compile(r"[\w'’-]")  # what `last_word` looks for
_BREAK_HYPHEN = re.compile(r"(?<!\w)([^\W_]+)-$")
_LEADING_LETTERS = re.compile(r"^([^\W\d_]+)")
_UNSPACED_DASH = re.compile(r"[^\W\d_][—–]$")


@dataclass(frozen=True)
class _Context:
    vocabulary: Vocabulary
    bigrams: Counter
    issue: Issue


def join_split_paragraphs(issue: Issue) -> Issue:
    """`The April Presidential election is` ⏎⏎ `to decide which…` → one paragraph;
    `…owes them $14 bil-` ⏎⏎ caption ⏎⏎ `lion. Neither…` → `…$14 billion. Neither…` with the caption kept."""
    items, notes = _join_run(issue.items, join_context(issue))
    return revise(issue, items, notes)


def join_context(issue: Issue) -> _Context:
    """What the join test knows of an issue: its vocabulary and word pairs (and the issue itself:
    its language, its overrides)."""
    texts = [text_of(b) for b in _walk(issue.items)]
    return _Context(Vocabulary.of(texts), _bigrams(texts), issue)


def join_pair(first, second: Paragraph, context: _Context):
    """(joined block or None, notes): whether `second` continues `first` (a story's seam at a jump)."""
    first = _Rejoined.of(first)
    joins, separator, notes = _try_join(first, second, interposed=False, context=context)
    return (first.joined(second, separator).finished() if joins else None), notes


@dataclass
class _Rejoined:
    """A paragraph (or a list, its last item) and what joined onto it so far, merged once at the end:
    merging at every join would copy the growing paragraph each time (10,000 joined blocks: a minute).
    `runs` are the inline runs of its text, in order: its own, then each separator and block joined on."""

    block: Paragraph | ListBlock
    runs: list
    source: Source

    @classmethod
    def of(cls, block) -> _Rejoined:
        if isinstance(block, _Rejoined):
            return block
        return cls(block, [block.items[-1] if isinstance(block, ListBlock) else block.inlines], block.source)

    def joined(self, second: Paragraph, separator: str | None) -> _Rejoined:
        """With `second` joined on after `separator`; None drops the break hyphen ending the text."""
        if separator is None:
            last = next(k for k in range(len(self.runs) - 1, -1, -1) if self.runs[k])
            self.runs[last] = _drop_last_char(self.runs[last])
        elif separator:
            self.runs.append((Text(separator),))
        self.runs.append(second.inlines)
        self.source = self.source.through(second.source)
        return self

    def end(self, whole_list: bool = False) -> str:
        """The end of its plain text (`text_end`); with `whole_list`, of a list's items one after another."""
        items = [[item] for item in self.block.items[:-1]] if whole_list and isinstance(self.block, ListBlock) else []
        items.append(self.runs)

        def pieces():
            for k in range(len(items) - 1, -1, -1):
                yield from _pieces_from_end(items[k])
                if k:
                    yield " "

        return text_end(pieces)

    def finished(self):
        inlines = merge_inlines(*self.runs)
        if isinstance(self.block, ListBlock):
            return replace(self.block, items=self.block.items[:-1] + (inlines,), source=self.source)
        return replace(self.block, inlines=inlines, source=self.source)


def _pieces_from_end(runs):
    """The plain text of inline runs set one after another (breaks as spaces), in pieces from its end."""
    for run in reversed(runs):
        for node in reversed(run):
            if isinstance(node, Text):
                yield node.text
            elif isinstance(node, LineBreak):
                yield " "
            else:
                yield from _pieces_from_end([node.children])


def text_end(pieces) -> str:
    """The end of a text (`pieces()` gives it in pieces from its end), right-stripped, in whole words: at
    least END_WORDS of them, 30 characters and one word character — all the join test reads (the last
    words and characters, a quotation of 30) — or the whole text when it is shorter. So a paragraph that
    grows by a thousand joins is not read whole at each of them."""
    width = 256
    while True:
        text, whole = _last_characters(pieces(), width)
        text = text.rstrip()
        if whole:
            return text
        if space := _SPACE.search(text):  # the first word may be cut short: drop it
            end = text[space.end():]
            if len(end.split()) >= END_WORDS and len(end) >= 30 and _WORD_CHAR.search(end):
                return end
        width *= 2


def _last_characters(pieces, width: int) -> tuple[str, bool]:
    """The last `width` characters of the text in `pieces` (from its end), and whether that is all of it."""
    taken: list[str] = []
    size = 0
    for piece in pieces:
        if size + len(piece) >= width:
            taken.append(piece[len(piece) - (width - size):])
            return "".join(reversed(taken)), False
        taken.append(piece)
        size += len(piece)
    return "".join(reversed(taken)), True


def _walk(items):
    for item in items:
        yield item
        if isinstance(item, Box):
            yield from _walk(item.blocks)
        elif isinstance(item, Article):
            yield from _walk(item.body)


def _bigrams(texts) -> Counter:
    pairs: Counter = Counter()
    for text in texts:
        words = re.findall(r"[\w'’]+", text.lower())
        pairs.update(zip(words, words[1:]))
    return pairs


def _join_run(blocks, context: _Context, in_box: bool = False) -> tuple[list, list[Note]]:
    """Join within one run of blocks. In a box, and in web copy (which no column broke), lines are
    lines: only a lowercase continuation (`…from well-` ⏎ `wishers and…`) or the rest of a split number
    (`…and 081` ⏎⏎ `553 5880`) joins."""
    out: list = []
    notes: list[Note] = []
    for block in blocks:
        if isinstance(block, Box):
            inner, inner_notes = _join_run(block.blocks, context, in_box=True)
            block = replace(block, blocks=tuple(inner))
            notes.extend(inner_notes)
        elif isinstance(block, Paragraph) and (k := _join_target(out)) is not None:
            first = _Rejoined.of(out[k])
            lines_are_lines = in_box or context.issue.form == "web"  # no columns broke web copy
            forced = context.issue.overridden("join", range(block.source.first, block.source.last + 1))
            if lines_are_lines and not forced and not _continues_line(first.end(whole_list=True), text_of(block)):
                out.append(block)
                continue
            joins, separator, join_notes = _try_join(first, block, interposed=k < len(out) - 1, context=context)
            notes.extend(join_notes)
            if joins:
                out[k] = first.joined(block, separator)
                continue
        out.append(block)
    return [b.finished() if isinstance(b, _Rejoined) else b for b in out], notes


def _continues_line(head: str, tail: str) -> bool:
    return (tail[:1].islower() and ends_open(head)) or bool(
        re.search(r"\b\d{1,4}$", head) and re.fullmatch(r"[\d ]+", tail))


def _join_target(out: list) -> int | None:
    """The block a new paragraph may continue: the last one, or the one before captions that sit in a
    photo slot (at most two of them)."""
    k = len(out) - 1
    while k >= 0 and isinstance(out[k], Caption) and len(out) - 1 - k < 2:
        k -= 1
    if k >= 0 and (isinstance(out[k], _Rejoined)  # a paragraph (or list) rejoined so far
                   or isinstance(out[k], (Paragraph, ListBlock)) and not getattr(out[k], "dateline", ())):
        return k
    return None


def _try_join(first: _Rejoined, second: Paragraph, interposed: bool, context: _Context) -> tuple:
    """(whether `second` continues `first`, the separator between them, the notes); a separator None drops
    the break hyphen. An editor's override on either side of the break decides instead of the rules."""
    head = first.end()
    tail = text_of(second)
    if not head or not tail:
        return False, "", ()
    where = f"lines {first.source.last}→{second.source.first}"
    seam = range(second.source.first, second.source.last + 1)  # overrides anchor on the block after the break
    issue = context.issue
    if override := issue.overridden("no-join", seam):
        return False, "", (override_note(override, f"{where} kept apart"),)
    forced = issue.overridden("join", seam)
    if (m := _BREAK_HYPHEN.search(head)) and (r := _LEADING_LETTERS.match(tail)):
        left, right = m.group(1), r.group(1)
        join, reason = decide_hyphen(left, right, context.vocabulary, context.issue.metadata.language)
        if issue.form == "web":  # nothing hyphenates web copy: a hyphen ending its line is the word's own
            join, reason = False, "web copy is never hyphenated at a line's end"
        for action, decision in (("keep-hyphen", False), ("drop-hyphen", True)):
            if override := issue.overridden(action, seam):
                join, reason = decision, f"editor: {override.origin}"
                forced = forced or override
        word = f"{left}{right}" if join else f"{left}-{right}"
        note = Note("join_split_paragraphs", first.source.last,
                    f"{where}: {left}-|{right} → {word} ({reason})",
                    rewritten=(f"{left}- {right}", word))
        return True, None if join else "", _with_override(note, forced)
    if forced:
        note = Note("join_split_paragraphs", first.source.last, f"{where}: joined (editor: {forced.origin})")
        return True, " ", _with_override(note, forced)
    if tail[0] in OPEN_QUOTES or not ends_open(head) or (interposed and not starts_continuation(tail)):
        return False, "", ()
    reason = _join_reason(head, tail, context)
    if not reason:
        return False, "", ()
    note = Note("join_split_paragraphs", first.source.last,
                f"{where}: {quote(head[-30:])} + {quote(tail[:30])} ({reason})")
    return True, "" if reason == "unspaced dash" else " ", (note,)


def _with_override(note: Note, override) -> tuple[Note, ...]:
    return (note, override_note(override, note.message)) if override else (note,)


def _join_reason(head: str, tail: str, context: _Context) -> str:
    """Why `tail` continues `head` (both known open-ended, `tail` not quoted), or "" when it does not."""
    if _UNSPACED_DASH.search(head):
        return "unspaced dash"
    if starts_continuation(tail):
        return "lowercase start"
    end, start = last_word(head), first_word(tail)
    if end.lower() in FUNCTION_WORDS:
        return f"ends on “{end}”"
    words = word_list(context.issue.metadata.language)
    if head.endswith(",") and words is not None and start.lower() not in words:
        return f"comma before the name “{start}”"
    if context.bigrams[(end.lower(), start.lower())] >= 2:
        return f"“{end} {start}” recurs in the issue"
    if _runs_on_as_name(head, end, start):
        return f"the name “{end} {start}” runs on"
    return ""


def _runs_on_as_name(head: str, end: str, start: str) -> bool:
    """`…movements after the Russian` ⏎⏎ `Revolution. Khalil…`: a capitalised word that does not
    begin a sentence, ending a paragraph of running prose, before another capitalised word."""
    if not (end[:1].isupper() and start[:1].isupper() and head.endswith(end)) or end.isupper():
        return False
    before = head[: -len(end)].rstrip()
    return len(head.split()) >= 8 and bool(before) and before[-1] not in ".!?:;\"“"


def _drop_last_char(inlines):
    """The run without its last character (the break hyphen), looking inside markup."""
    if not inlines:
        return inlines
    *rest, last = inlines
    if isinstance(last, Text):
        return tuple(rest) + ((Text(last.text.rstrip()[:-1]),) if len(last.text.rstrip()) > 1 else ())
    if isinstance(last, (Emphasis, Strong)):
        return tuple(rest) + (type(last)(_drop_last_char(last.children)),)
    if isinstance(last, Link):
        return tuple(rest) + (Link(last.url, _drop_last_char(last.children)),)
    return inlines


_LINE_END_HYPHEN = re.compile(rf"(?<![^\W\d_])([^\W\d_]+)[{BREAK_HYPHENS}]$")


def join_hyphenated_lines(issue: Issue) -> Issue:
    """A word cut at a hyphen where a printed line ended, inside one block, decided as at a block's
    break (hyphenation.py; the editor's `keep-hyphen` / `drop-hyphen` on the line after): `ideologi‐` ⏎
    `cally` → `ideologically`, `anti-` ⏎ `immigrant` → `anti-immigrant`. The hyphen may be ASCII,
    the PDF's own (U+2010) or a soft hyphen. Web copy is never hyphenated at a line's end."""
    if issue.form == "web":
        return issue
    context = join_context(issue)
    notes: list[Note] = []

    def block(item):
        if isinstance(item, Box):
            return replace(item, blocks=tuple(block(b) for b in item.blocks))
        if isinstance(item, Article):
            return replace(item, body=tuple(block(b) for b in item.body))
        if isinstance(item, ListBlock):
            return replace(item, items=tuple(_dehyphenate(run, item.source.first, context, notes) for run in item.items))
        if hasattr(item, "inlines") and hasattr(item, "source") and any(isinstance(n, LineBreak) for n in item.inlines):
            return replace(item, inlines=_dehyphenate(item.inlines, item.source.first, context, notes))
        return item

    return revise(issue, [block(item) for item in issue.items], notes)


def _dehyphenate(inlines, first: int, context: _Context, notes: list[Note]):
    """The run with each `word-` ⏎ `rest` at a soft line break decided; the k-th break of a block
    stands before its manuscript line first + k."""
    out = list(inlines)
    line = first
    k = 0
    while k < len(out):
        node = out[k]
        if isinstance(node, LineBreak):
            line += 1
            before, after = (out[k - 1] if k else None), (out[k + 1] if k + 1 < len(out) else None)
            if (not node.hard and isinstance(before, Text) and isinstance(after, Text)
                    and (m := _LINE_END_HYPHEN.search(before.text)) and (r := _LEADING_LETTERS.match(after.text))):
                left, right = m.group(1), r.group(1)
                join, reason = decide_hyphen(left, right, context.vocabulary, context.issue.metadata.language)
                forced = None
                for action, decision in (("keep-hyphen", False), ("drop-hyphen", True)):
                    if override := context.issue.overridden(action, range(line, line + 1)):
                        join, reason, forced = decision, f"editor: {override.origin}", override
                word = f"{left}{right}" if join else f"{left}-{right}"
                head = before.text[:m.start(1)] + (left if join else f"{left}-")
                out[k - 1:k + 2] = [Text(head + after.text)]
                note = Note("join_hyphenated_lines", line - 1, f"lines {line - 1}→{line}: {left}-|{right} → {word} "
                            f"({reason})", rewritten=(f"{left}- {right}", word))
                notes.extend(_with_override(note, forced))
                continue  # out[k - 1] is the joined text: look at what follows it
        k += 1
    return merge_inlines(tuple(out))


def merge_adjacent_lists(issue: Issue) -> Issue:
    """List items the export separated with blank lines form one list:
    `1. Do you…` ⏎⏎ `2. Which…` ⏎⏎ `3. How…` → one ordered list of three items."""
    out, notes = [], []
    merged: dict[int, list] = {}  # position in `out` of a list that others joined → its items (one tuple each)
    for item in issue.items:
        prev = out[-1] if out else None
        if (isinstance(item, ListBlock) and isinstance(prev, ListBlock) and prev.ordered == item.ordered
                and item.source.gap <= 1):
            merged.setdefault(len(out) - 1, [prev.items]).append(item.items)  # joined once, at the end
            out[-1] = replace(prev, source=prev.source.through(item.source))
            notes.append(Note("merge_adjacent_lists", item.source.first,
                              f"list item {quote(plain_text(item.items[0]))} joins the list above"))
            continue
        out.append(item)
    for k, parts in merged.items():
        out[k] = replace(out[k], items=tuple(entry for part in parts for entry in part))
    return revise(issue, out, notes)
