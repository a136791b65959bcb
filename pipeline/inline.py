"""Inline markup in raw text: markdown remnants (`**`, `*`, links, escapes, hard breaks) to inline nodes.

Only what the paper's exports use is recognised. `_` is never emphasis (fill-in blanks are `\\_\\_\\_`),
and a run of three or more asterisks is text, never emphasis (censored words: `s***`, `bull****`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Emphasis, Inline, Inlines, LineBreak, Link, Strong, Text

HARD_BREAK = "\u2028"  # the reader marks a hard line break (two trailing spaces) with LINE SEPARATOR
SOFT_BREAK = "\n"

_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")


@dataclass(frozen=True)
class _Delim:
    run: str
    can_open: bool
    can_close: bool


def parse_inlines(text: str) -> Inlines:
    """Parse one block's text into inline nodes.

    `**Unlike them,** they said` → Strong("Unlike them,"), Text(" they said");
    `*in *Title*, but*` → Emphasis("in ", Emphasis("Title"), ", but"); `s***` stays text.
    """
    return _merge_text(_resolve(_tokenize(text)))


def _tokenize(text: str) -> list:
    tokens: list = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            tokens.append(Text("".join(buf)))
            buf.clear()

    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
            continue
        if ch in (HARD_BREAK, SOFT_BREAK):
            flush()
            tokens.append(LineBreak(hard=ch == HARD_BREAK))
            i += 1
            continue
        if ch == "[" and (m := _LINK.match(text, i)):
            flush()
            tokens.append(Link(m.group(2), parse_inlines(m.group(1))))
            i = m.end()
            continue
        if ch == "<" and (m := _AUTOLINK.match(text, i)):
            flush()
            tokens.append(Link(m.group(1), (Text(m.group(1)),)))
            i = m.end()
            continue
        if ch == "*":
            j = i
            while j < n and text[j] == "*":
                j += 1
            run = text[i:j]
            before = text[i - 1] if i else " "
            after = text[j] if j < n else " "
            if len(run) >= 3:
                buf.append(run)  # censoring asterisks, never emphasis
            else:
                flush()
                tokens.append(_Delim(run, can_open=not after.isspace(), can_close=not before.isspace()))
            i = j
            continue
        buf.append(ch)
        i += 1
    flush()
    return tokens


def _resolve(tokens: list) -> list[Inline]:
    """Match emphasis delimiters: a closer takes the nearest opener of the same length."""
    out: list = []
    openers: list[int] = []  # positions in `out` of unmatched opening delimiters
    for tok in tokens:
        if isinstance(tok, _Delim):
            if tok.can_close:
                match = next((k for k in reversed(range(len(openers)))
                              if out[openers[k]].run == tok.run), None)
                if match is not None:
                    pos = openers[match]
                    children = tuple(_textify(out[pos + 1:]))
                    del openers[match:]
                    del out[pos:]
                    out.append(Strong(children) if len(tok.run) == 2 else Emphasis(children))
                    continue
            if tok.can_open:
                openers.append(len(out))
                out.append(tok)
                continue
            out.append(Text(tok.run))
        else:
            out.append(tok)
    return _textify(out)


def _textify(nodes: list) -> list[Inline]:
    """Turn delimiters left unmatched into the text they are."""
    return [Text(n.run) if isinstance(n, _Delim) else n for n in nodes]


def _merge_text(nodes: list[Inline]) -> Inlines:
    """Merge adjacent Text nodes (recursively), drop empty ones."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, (Emphasis, Strong)):
            node = type(node)(_merge_text(list(node.children)))
        elif isinstance(node, Link):
            node = Link(node.url, _merge_text(list(node.children)))
        if isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
                continue
        out.append(node)
    return tuple(out)


def merge_inlines(*runs: Inlines) -> Inlines:
    """Concatenate inline runs, merging Text at the seams."""
    return _merge_text([node for run in runs for node in run])


def plain_text(inlines: Inlines) -> str:
    """The words of inline nodes, breaks as spaces: what a reader sees, without the markup."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append(" ")
        else:
            parts.append(plain_text(node.children))
    return "".join(parts)


def map_text(inlines: Inlines, fn) -> Inlines:
    """Apply `fn(str) -> str` to every Text node, keeping the markup around it."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(Text(fn(node.text)))
        elif isinstance(node, Link):
            out.append(Link(node.url, map_text(node.children, fn)))
        elif isinstance(node, (Emphasis, Strong)):
            out.append(type(node)(map_text(node.children, fn)))
        else:
            out.append(node)
    return _merge_text(out)


def strip_markup(inlines: Inlines) -> Inlines:
    """The same words with emphasis removed (links kept): `**SEE INSIDE**` → `SEE INSIDE`."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, (Emphasis, Strong)):
            out.extend(strip_markup(node.children))
        else:
            out.append(node)
    return _merge_text(out)


def split_inlines(inlines: Inlines, offset: int) -> tuple[Inlines, Inlines]:
    """Cut a run after `offset` characters of its plain text (markup is cut too, and kept on both
    sides): `(Text("USA, March 10—Thousands"),)` at 14 → `USA, March 10—` | `Thousands`."""
    head: list[Inline] = []
    tail: list[Inline] = []
    remaining = offset
    for node in inlines:
        size = len(plain_text((node,)))
        if remaining <= 0:
            tail.append(node)
        elif size <= remaining:
            head.append(node)
        elif isinstance(node, Text):
            head.append(Text(node.text[:remaining]))
            tail.append(Text(node.text[remaining:]))
        elif isinstance(node, (Emphasis, Strong, Link)):
            left, right = split_inlines(node.children, remaining)
            wrap = (lambda c: Link(node.url, c)) if isinstance(node, Link) else type(node)
            head.append(wrap(left))
            tail.append(wrap(right))
        remaining -= size
    return _merge_text(head), _merge_text(tail)
