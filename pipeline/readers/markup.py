"""Inline markup in raw text: markdown remnants (`**`, `*`, links, escapes, hard breaks) to inline nodes.

Only what the paper's exports use is recognised. `_` is never emphasis (fill-in blanks are `\\_\\_\\_`),
and a run of three or more asterisks is text, never emphasis (censored words: `s***`, `bull****`).
Markup nests at most MAX_NESTING deep; deeper, it stays the text it is. Parsing is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Emphasis, Inline, Inlines, LineBreak, Link, Strong, Text
from ..model.inlines import merge_inlines

HARD_BREAK = "\u2028"  # the reader marks a hard line break (two trailing spaces) with LINE SEPARATOR
SOFT_BREAK = "\n"

# Markup inside markup, at most (emphasis in a link in strong text is 3): what markdown-it's CommonMark
# preset allows (maxNesting 20). Real copy nests two or three deep; a paragraph nested 1,000 deep would
# take every function that walks the inlines past Python's recursion limit. Deeper markup stays text.
MAX_NESTING = 20

_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# `[text](url)` is `\[([^\]\n]*)\]\(([^)\s]+)\)`, matched in two halves so that a failure is not read again
_LINK_TEXT = re.compile(r"\[([^\]\n]*)\]\(")
_LINK_TEXT_END = re.compile(r"[\]\n]")  # where a link's text must end: a `[` before it fails the same way
_LINK_URL = re.compile(r"([^)\s]+)\)")
_LINK_URL_END = re.compile(r"[)\s]")  # where its address must end: one starting before fails the same way
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_AUTOLINK_START = re.compile(r"<(?:https?://|mailto:)")
_AUTOLINK_END = re.compile(r"[>\s]")
_PLAIN = re.compile(rf"[^\\\[<*{HARD_BREAK}{SOFT_BREAK}]+")  # text with nothing to parse in it


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
    return merge_inlines(_resolve(_tokenize(text, MAX_NESTING), MAX_NESTING))


def _tokenize(text: str, depth: int) -> list:
    """Text, line breaks, links (their text parsed `depth - 1` deep) and emphasis delimiters.

    A `[` whose link fails where its text must end (at the next `]` or line break) fails likewise for every
    `[` before that point; an address that fails for want of `)` where it must end, every address starting
    before that; a `<http://…` without its `>`, every `<` before the space or `>` it stopped at. Those are
    not tried again, so that a line of 20,000 `[` is read once, not 20,000 times."""
    tokens: list = []
    buf: list[str] = []
    no_link_before = no_url_before = no_autolink_before = 0

    def flush() -> None:
        if buf:
            tokens.append(Text("".join(buf)))
            buf.clear()

    i, n = 0, len(text)
    while i < n:
        if plain := _PLAIN.match(text, i):
            buf.append(plain.group())
            i = plain.end()
            continue
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
        if ch == "[" and i >= no_link_before:
            words = _LINK_TEXT.match(text, i)
            url = _LINK_URL.match(text, words.end()) if words and words.end() >= no_url_before else None
            if url and depth > 0:
                flush()
                tokens.append(Link(url.group(1), merge_inlines(_resolve(_tokenize(words.group(1), depth - 1), depth - 1))))
                i = url.end()
                continue
            if words and not url and words.end() >= no_url_before:
                end = _LINK_URL_END.search(text, words.end())
                if end is None or text[end.start()] != ")":  # not `[x]()`: no address before `end` can close
                    no_url_before = end.start() if end else n
            end = _LINK_TEXT_END.search(text, i + 1)
            no_link_before = end.start() if end else n
        if ch == "<" and i >= no_autolink_before:
            if m := _AUTOLINK.match(text, i):
                flush()
                tokens.append(Link(m.group(1), (Text(m.group(1)),)))
                i = m.end()
                continue
            if _AUTOLINK_START.match(text, i):
                end = _AUTOLINK_END.search(text, i + 1)
                no_autolink_before = end.start() if end else n
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


def _resolve(tokens: list, depth: int) -> list[Inline]:
    """Match emphasis delimiters: a closer takes the nearest opener of the same length, unless the
    emphasis would nest more than `depth` deep (then the closer is left as text, or opens)."""
    out: list = []
    heights: list[int] = []  # how deep the markup of each node of `out` nests (text 0, `*x*` 1)
    openers: dict[str, list[int]] = {"*": [], "**": []}  # positions in `out` of unmatched openers, by length
    dead = -1  # an opener at or before this position of `out` would nest too deep, whatever closes it: text
    for tok in tokens:
        if isinstance(tok, _Delim):
            own = openers[tok.run]
            if own and own[-1] <= dead:
                own.clear()
            if tok.can_close and own:
                pos = own[-1]
                height = 1 + max(heights[pos + 1:], default=0)
                if height > depth:
                    dead = pos
                else:
                    children = tuple(_textify(out[pos + 1:]))
                    for stack in openers.values():  # openers inside are left unmatched: text
                        while stack and stack[-1] >= pos:
                            stack.pop()
                    del out[pos:], heights[pos:]
                    out.append(Strong(children) if len(tok.run) == 2 else Emphasis(children))
                    heights.append(height)
                    continue
            if tok.can_open:
                own.append(len(out))
                out.append(tok)
                heights.append(0)
                continue
            out.append(Text(tok.run))
        else:
            out.append(tok)
        heights.append(_height(tok))
    return _textify(out)


def _height(node) -> int:
    """How deep markup nests in a token: 0 for text, 1 + its children's for a link."""
    return 1 + max(map(_height, node.children), default=0) if isinstance(node, (Emphasis, Strong, Link)) else 0


def _textify(nodes: list) -> list[Inline]:
    """Turn delimiters left unmatched into the text they are."""
    return [Text(n.run) if isinstance(n, _Delim) else n for n in nodes]

