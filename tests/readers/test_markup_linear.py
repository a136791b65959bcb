"""The inline parser, bounded: the same nodes as the simple parser it replaced wherever markup nests
less than MAX_NESTING deep (on random strings), deeper markup kept as text, and every line read once."""

from __future__ import annotations

import random
import re
import time

from pipeline.model import Emphasis, LineBreak, Link, Strong, Text
from pipeline.model.inlines import merge_inlines, plain_text
from pipeline.readers.markup import HARD_BREAK, MAX_NESTING, SOFT_BREAK, parse_inlines

RUNAWAY = 10.0  # seconds: far beyond what these take (well under one); only a runaway gets here


def reference_parse(text: str):
    """The parser as it was before its nesting was bounded (it tried the link pattern at every `[`, and
    looked through every opener at every closer): the specification of what markup means."""
    link = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")
    autolink = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
    tokens, buf, i = [], [], 0

    def flush():
        if buf:
            tokens.append(Text("".join(buf)))
            buf.clear()

    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~":
            buf.append(text[i + 1])
            i += 2
        elif ch in (HARD_BREAK, SOFT_BREAK):
            flush()
            tokens.append(LineBreak(hard=ch == HARD_BREAK))
            i += 1
        elif ch == "[" and (m := link.match(text, i)):
            flush()
            tokens.append(Link(m.group(2), reference_parse(m.group(1))))
            i = m.end()
        elif ch == "<" and (m := autolink.match(text, i)):
            flush()
            tokens.append(Link(m.group(1), (Text(m.group(1)),)))
            i = m.end()
        elif ch == "*":
            j = i
            while j < len(text) and text[j] == "*":
                j += 1
            if j - i >= 3:
                buf.append(text[i:j])
            else:
                flush()
                tokens.append(("delim", text[i:j], not (text[j:j + 1] or " ").isspace(),
                               not (text[i - 1] if i else " ").isspace()))
            i = j
        else:
            buf.append(ch)
            i += 1
    flush()
    out, openers = [], []
    for tok in tokens:
        if isinstance(tok, tuple):
            _, run, can_open, can_close = tok
            match = next((k for k in reversed(range(len(openers))) if out[openers[k]][1] == run), None) \
                if can_close else None
            if match is not None:
                pos = openers[match]
                children = tuple(Text(n[1]) if isinstance(n, tuple) else n for n in out[pos + 1:])
                del openers[match:], out[pos:]
                out.append(Strong(children) if len(run) == 2 else Emphasis(children))
            elif can_open:
                openers.append(len(out))
                out.append(tok)
            else:
                out.append(Text(run))
        else:
            out.append(tok)
    return merge_inlines(tuple(Text(n[1]) if isinstance(n, tuple) else n for n in out))


def depth(inlines) -> int:
    return max((1 + depth(n.children) for n in inlines if isinstance(n, (Emphasis, Strong, Link))), default=0)


def _bounded(fn, *args):
    started = time.process_time()
    result = fn(*args)
    assert time.process_time() - started < RUNAWAY, f"{fn.__name__} ran away"
    return result


PIECES = ["a", "b c", " ", "*", "**", "***", "\\*", "\\", "[", "]", "(", ")", "](", "[x](u)", "<", ">", "<http://x",
          "<mailto:a>", "_", "\n", HARD_BREAK, "é", "*a*", "**b**"]


def test_markup_means_what_it_meant():
    rng = random.Random(14)
    for _ in range(6_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        expected = reference_parse(text)
        assert depth(expected) <= MAX_NESTING  # random markup never nests that deep: the bound changes nothing
        assert parse_inlines(text) == expected, text


def test_markup_nested_too_deep_stays_text():
    """`*a **a *a **a …` 1,000 deep took every walker of the inlines past Python's recursion limit: the
    innermost MAX_NESTING levels are markup, the delimiters around them stay the text they are."""
    text = "*a **a " * 1000 + "x" + " a** a*" * 1000
    parsed = _bounded(parse_inlines, text)
    assert depth(parsed) == MAX_NESTING
    assert plain_text(parsed).count("*") == text.count("*") - 3 * MAX_NESTING  # 20 levels: 10 `*…*`, 10 `**…**`
    assert plain_text(parsed).replace("*", "") == text.replace("*", "")
    within = parse_inlines("*" + " ".join(["[a *b **c** d*](u)"] * 3) + "*")
    assert depth(within) == 4  # emphasis over a link over emphasis over strong: well within the bound


def test_a_link_counts_toward_the_bound():
    text = "*a **a " * 20 + "[x](u)" + " a** a*" * 20
    parsed = parse_inlines(text)
    assert depth(parsed) == MAX_NESTING and "[x](u)" not in plain_text(parsed)


def test_no_runaway_on_unclosed_links_and_delimiters():
    """100,000 `[` took the link pattern more than five minutes: a `[` whose link text cannot end is not
    tried again for the `[` after it, nor a `<http://` without its `>`."""
    for text in ("[" * 100_000, "[a" * 50_000, "<http://" * 20_000, "[x](" * 25_000, "](" * 50_000,
                 "*a " * 30_000 + "b* " * 30_000, "**a* " * 20_000, "*a **b " * 10_000, "_a " * 30_000):
        parsed = _bounded(parse_inlines, text)
        assert depth(parsed) <= MAX_NESTING
        assert plain_text(parsed).replace("*", "") == text.replace("*", "")
    assert parse_inlines("[a\n[b](u)") == (Text("[a"), LineBreak(False), Link("u", (Text("b"),)))
    assert parse_inlines("<http://a <http://b>") == (Text("<http://a "), Link("http://b", (Text("http://b"),)))
