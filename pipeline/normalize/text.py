"""Text steps over every block's inline content: mojibake repair, bare web and e-mail addresses as
links, and typography in the issue's language."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace

import ftfy

from ..inline import map_text, merge_inlines
from ..model import Emphasis, Foreign, Headline, Issue, LineBreak, Link, Note, Strong, Text
from ..typography import curl_quotes, typogrify
from .edit import quote, revise

_ADDRESS = re.compile(
    r"(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
    r"|(?P<url>(?:https?://|www\.)[^\s<>\"“”]+"
    r"|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:org|com|net|edu|gov|info)\b(?:/[^\s<>\"“”]*)?)", re.I)
_TRAILING = ".,;:!?)]’”'\"*"
_INLINE_FIELDS = ("inlines", "title", "slogan", "dateline")


def repair_mojibake(issue: Issue) -> Issue:
    """Text decoded with the wrong charset somewhere upstream: `doesnâ€™t` → `doesn’t`.
    ftfy with its quote-uncurling, ligature and width changes turned off (they would rewrite good text)."""
    items, notes = [], []
    for item in issue.items:
        changes: list[tuple[str, str]] = []

        def fix(text: str) -> str:
            fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False)
            if fixed != text:
                changes.append((text, fixed))
            return fixed

        items.append(_map_inlines(item, lambda run: map_text(run, fix)))
        notes += [Note("repair_mojibake", item.source.first, f"mis-decoded text repaired: {quote(before, 40)} → {quote(after, 40)}",
                       rewritten=(before, after)) for before, after in changes]
    return revise(issue, items, notes)


def link_bare_addresses(issue: Issue) -> Issue:
    """Web and e-mail addresses written out become links: `www.icwpredflag.org/ffde.pdf` →
    <a href="https://www.icwpredflag.org/ffde.pdf">; `ICWPREDFLAG@NYM.HUSH.COM` → mailto:icwpredflag@nym.hush.com.
    Headlines are left alone: they are link targets themselves (contents, bookmarks)."""
    return revise(issue, [_map_inlines(item, _link_run, skip=(Headline,)) for item in issue.items])


def apply_typography(issue: Issue) -> Issue:
    """Curly quotes (by context, across markup), dashes, ellipses and no-break spaces in the issue's
    language: `"Hell yes!"` → `“Hell yes!”`, `January 23--` → `January 23—`."""
    language = issue.metadata.language

    def typeset(run):
        return map_text(_curl_run(run, language), typogrify)

    return revise(issue, [_map_inlines(item, typeset) for item in issue.items])


def _map_inlines(node, fn, skip=()):
    """Apply `fn` to every inline run inside a block or article, however deep (not inside `skip` types)."""
    if isinstance(node, tuple):
        return tuple(_map_inlines(child, fn, skip) for child in node)
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
            changes[f.name] = _map_inlines(value, fn, skip)
    return replace(node, **changes) if changes else node


def _link_run(run):
    out = []
    for node in run:
        if isinstance(node, Text):
            out.extend(_link_text(node.text))
        elif isinstance(node, (Emphasis, Strong)):
            out.append(type(node)(_link_run(node.children)))
        else:
            out.append(node)  # existing links and breaks are kept as they are
    return merge_inlines(out)


def _link_text(text: str):
    out, pos = [], 0
    for m in _ADDRESS.finditer(text):
        found = m.group(0).rstrip(_TRAILING)
        if not found or "." not in found:
            continue
        out.append(Text(text[pos:m.start()]))
        if m.group("email"):
            href = "mailto:" + found.lower()
        elif "://" in found:
            href = found
        else:
            host, _, path = found.partition("/")
            href = f"https://{host.lower()}" + (f"/{path}" if path else "")
        out.append(Link(href, (Text(found),)))
        pos = m.start() + len(found)
    out.append(Text(text[pos:]))
    return out


def _curl_run(run, language: str):
    """Curl the straight quotes of a whole run at once, so a quote's neighbours across markup count:
    `"*Red Flag*"` has its closing quote after the emphasis."""
    texts: list[str] = []

    def collect(nodes):
        for node in nodes:
            if isinstance(node, Text):
                texts.append(node.text)
            elif isinstance(node, LineBreak):
                texts.append("\n")
            else:
                collect(node.children)

    collect(run)
    flat = "".join(texts)
    curled = curl_quotes(flat, language)
    if curled == flat:
        return run
    pieces = iter(_split_like(curled, texts))

    def rebuild(nodes):
        out = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(Text(next(pieces)))
            elif isinstance(node, LineBreak):
                next(pieces)
                out.append(node)
            elif isinstance(node, Link):
                out.append(Link(node.url, rebuild(node.children)))
            else:
                out.append(type(node)(rebuild(node.children)))
        return tuple(out)

    return rebuild(run)


def _split_like(text: str, parts: list[str]) -> list[str]:
    out, pos = [], 0
    for part in parts:
        out.append(text[pos:pos + len(part)])
        pos += len(part)
    return out
