"""Links a reader may follow: web, mail and in-issue addresses; any other link is shown as its text."""

from __future__ import annotations

from ..model import Emphasis, Issue, Link, Note, Strong
from ..model.inlines import map_inlines, merge_inlines, plain_text, quote
from .edit import revise


def unlink_unsafe_addresses(issue: Issue) -> Issue:
    """`[the statement](javascript:alert(1))` → `the statement` as plain text, and a note to review
    naming the address; `https://`, `http://`, `mailto:` and `#story` links stay. A `file:` link or a
    relative path would resolve against the build machine's folders; a `javascript:`, `vbscript:` or
    `data:` one would run code on a reader's device."""
    items, notes = [], []
    for item in issue.items:
        found: list[tuple[str, str]] = []

        def unlink(run):
            out = []
            for node in run:
                if isinstance(node, Link) and not node.live:
                    found.append((node.url, plain_text(node.children)))
                    out.extend(unlink(node.children))
                elif isinstance(node, Link):
                    out.append(Link(node.url, unlink(node.children)))
                elif isinstance(node, (Emphasis, Strong)):
                    out.append(type(node)(unlink(node.children)))
                else:
                    out.append(node)
            return merge_inlines(out)

        items.append(map_inlines(item, unlink))
        notes += [Note("unlink_unsafe_addresses", item.source.first,
                       f"the link {quote(text, 40)} to {quote(url, 60)} is shown as text: only web (http, https), "
                       "mail (mailto) and in-issue (#) links are live; write the full web address if it is one",
                       "review") for url, text in found]
    return revise(issue, items, notes)
