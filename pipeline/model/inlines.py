"""The words of the model's nodes: inline runs merged, cut, mapped and read as plain text, and a block's
text as one line (what steps, writers and the report compare and quote)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from . import Emphasis, Foreign, Inline, Inlines, LineBreak, Link, ListBlock, Strong, Text


def _merge_text(nodes: list[Inline]) -> Inlines:
    """Merge adjacent Text nodes (recursively), drop empty ones. (Each run of texts is joined once: adding
    them one by one would copy the growing text at each, and 40,000 stray `*` are 40,000 texts.)"""
    out: list[Inline] = []
    texts: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            texts.append(node.text)
            continue
        if isinstance(node, (Emphasis, Strong)):
            node = type(node)(_merge_text(list(node.children)))
        elif isinstance(node, Link):
            node = Link(node.url, _merge_text(list(node.children)))
        if any(texts):
            out.append(Text("".join(texts)))
        texts.clear()
        out.append(node)
    if any(texts):
        out.append(Text("".join(texts)))
    return tuple(out)


def merge_inlines(*runs: Inlines) -> Inlines:
    """Concatenate inline runs, merging Text at the seams."""
    return _merge_text([node for run in runs for node in run])


def plain_text(inlines: Inlines) -> str:
    """The words of inline nodes, breaks as spaces: what a reader sees, without the markup."""
    return "".join(text_pieces(inlines))


def text_pieces(inlines: Inlines, line_break: str = " ") -> list[str]:
    """The text of every Text node in reading order, markup unwrapped, and `line_break` for each line
    break: `(Text("a "), Emphasis((Text("b"),)), LineBreak())` → `["a ", "b", " "]`."""
    pieces: list[str] = []

    def collect(nodes) -> None:
        for node in nodes:
            if isinstance(node, Text):
                pieces.append(node.text)
            elif isinstance(node, LineBreak):
                pieces.append(line_break)
            else:
                collect(node.children)

    collect(inlines)
    return pieces


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


_INLINE_FIELDS = ("inlines", "title", "slogan", "dateline", "blurb")  # the fields of a block that hold an inline run


def text_of(block) -> str:
    """A block's words as one line: `**See:** X` → `See: X`; a list's items one after another
    (blocks without text give "")."""
    if isinstance(block, ListBlock):
        return " ".join(" ".join(plain_text(item).split()) for item in block.items)
    inlines = getattr(block, "inlines", None)
    return " ".join(plain_text(strip_markup(inlines)).split()) if inlines is not None else ""


def quote(text: str, width: int = 48) -> str:
    """A short quotation of `text` for the report: `“The April Presidential elec…”`."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= width else text[: width - 1] + '…'}”"


def map_inlines(node, fn, skip=()):
    """Apply `fn` to every inline run inside a block or article, however deep (not inside `skip` types)."""
    if isinstance(node, tuple):
        return tuple(map_inlines(child, fn, skip) for child in node)
    if not is_dataclass(node) or isinstance(node, (Text, Emphasis, Strong, Link, LineBreak, Foreign) + tuple(skip)):
        return node
    changes = {}
    for f in fields(node):
        value = getattr(node, f.name)
        if f.name in _INLINE_FIELDS and isinstance(value, tuple):
            changes[f.name] = fn(value) if value else value
        elif isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value):
            changes[f.name] = tuple(fn(v) for v in value)  # a list's items, a masthead's lines
        elif isinstance(value, tuple) or is_dataclass(value):
            changes[f.name] = map_inlines(value, fn, skip)
    return replace(node, **changes) if changes else node
