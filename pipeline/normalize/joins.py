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

from ..inline import merge_inlines, plain_text
from ..model import Article, Box, Caption, Emphasis, Issue, Link, ListBlock, Note, Paragraph, Strong, Text
from .edit import override_note, quote, revise, text_of
from .hyphenation import Vocabulary, decide_hyphen, word_list
from .patterns import FUNCTION_WORDS, OPEN_QUOTES, ends_open, first_word, last_word, starts_continuation

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
    return _try_join(first, second, interposed=False, context=context)


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
            lines_are_lines = in_box or context.issue.form == "web"  # no columns broke web copy
            if lines_are_lines and not _continues_line(text_of(out[k]), text_of(block)):
                out.append(block)
                continue
            merged, join_notes = _try_join(out[k], block, interposed=k < len(out) - 1, context=context)
            notes.extend(join_notes)
            if merged is not None:
                out[k] = merged
                continue
        out.append(block)
    return out, notes


def _continues_line(head: str, tail: str) -> bool:
    return (tail[:1].islower() and ends_open(head)) or bool(
        re.search(r"\b\d{1,4}$", head) and re.fullmatch(r"[\d ]+", tail))


def _join_target(out: list) -> int | None:
    """The block a new paragraph may continue: the last one, or the one before captions that sit in a
    photo slot (at most two of them)."""
    k = len(out) - 1
    while k >= 0 and isinstance(out[k], Caption) and len(out) - 1 - k < 2:
        k -= 1
    if k >= 0 and isinstance(out[k], (Paragraph, ListBlock)) and not getattr(out[k], "dateline", ()):
        return k
    return None


def _try_join(first, second: Paragraph, interposed: bool, context: _Context) -> tuple:
    """(the joined block, its notes), or (None, notes) when `second` does not continue `first`.
    An editor's override on either side of the break decides instead of the rules."""
    head = plain_text(first.items[-1] if isinstance(first, ListBlock) else first.inlines).rstrip()
    tail = text_of(second)
    if not head or not tail:
        return None, ()
    where = f"lines {first.source.last}→{second.source.first}"
    seam = range(second.source.first, second.source.last + 1)  # overrides anchor on the block after the break
    issue = context.issue
    if override := issue.overridden("no-join", seam):
        return None, (override_note(override, f"{where} kept apart"),)
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
        return _merge(first, second, "" if not join else None), _with_override(note, forced)
    if forced:
        note = Note("join_split_paragraphs", first.source.last, f"{where}: joined (editor: {forced.origin})")
        return _merge(first, second, " "), _with_override(note, forced)
    if tail[0] in OPEN_QUOTES or not ends_open(head) or (interposed and not starts_continuation(tail)):
        return None, ()
    reason = _join_reason(head, tail, context)
    if not reason:
        return None, ()
    note = Note("join_split_paragraphs", first.source.last,
                f"{where}: {quote(head[-30:])} + {quote(tail[:30])} ({reason})")
    return _merge(first, second, "" if reason == "unspaced dash" else " "), (note,)


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


def _merge(first, second: Paragraph, separator: str | None):
    """`first` followed by `second`'s inlines. `separator` None removes `first`'s final hyphen."""
    def glue(inlines):
        if separator is None:
            return merge_inlines(_drop_last_char(inlines), second.inlines)
        return merge_inlines(inlines, (Text(separator),) if separator else (), second.inlines)

    source = first.source.through(second.source)
    if isinstance(first, ListBlock):
        return replace(first, items=first.items[:-1] + (glue(first.items[-1]),), source=source)
    return replace(first, inlines=glue(first.inlines), source=source)


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


def merge_adjacent_lists(issue: Issue) -> Issue:
    """List items the export separated with blank lines form one list:
    `1. Do you…` ⏎⏎ `2. Which…` ⏎⏎ `3. How…` → one ordered list of three items."""
    out, notes = [], []
    for item in issue.items:
        prev = out[-1] if out else None
        if (isinstance(item, ListBlock) and isinstance(prev, ListBlock) and prev.ordered == item.ordered
                and item.source.gap <= 1):
            out[-1] = replace(prev, items=prev.items + item.items, source=prev.source.through(item.source))
            notes.append(Note("merge_adjacent_lists", item.source.first,
                              f"list item {quote(plain_text(item.items[0]))} joins the list above"))
            continue
        out.append(item)
    return revise(issue, out, notes)
