"""Small helpers every normalizing step uses to read blocks and to return a revised issue."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from ..readers.markup import plain_text, strip_markup
from ..model import Emphasis, Foreign, Issue, LineBreak, Link, ListBlock, Note, Strong, Text

_INLINE_FIELDS = ("inlines", "title", "slogan", "dateline")  # the fields of a block that hold an inline run


def revise(issue: Issue, items, notes=()) -> Issue:
    """The issue with new items and the step's notes appended."""
    return replace(issue, items=tuple(items), notes=issue.notes + tuple(notes))


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


def override_note(override, message: str, dropped: str = "") -> Note:
    """The note that an override was applied (its origin first: the build checks every override left one)."""
    return Note("apply_override", override.line, f"{override.origin} {override.action}: {message}", dropped=dropped)


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
