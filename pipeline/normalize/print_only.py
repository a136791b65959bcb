"""Matter that only works on paper: marked in the model, kept in print, left out of the EPUB and the web page."""

from __future__ import annotations

from dataclasses import replace

from ..lang import phrasebook
from ..model import Box, Issue, Note
from ..model.inlines import plain_text, quote, text_of
from .edit import revise


PAPER_ONLY_KINDS = ("ad", "subscribe", "notice")  # a web box (`see the website`) still points somewhere


def mark_print_only(issue: Issue) -> Issue:
    """A box holding a form to fill in (`I want _____ copies`), a QR code to scan, or `Available at:`
    with no address (the address was a picture) is `print_only`; a report note names its line and
    its words, which the EPUB and the web page do not carry (the print PDF does)."""
    items, notes = [], []
    for item in issue.items:
        if isinstance(item, Box) and item.kind in PAPER_ONLY_KINDS and not item.print_only:
            text = " ".join([plain_text(item.title)] + [text_of(b) for b in item.blocks]).strip()
            if match := phrasebook.search("print_only", text):
                item = replace(item, print_only=True)
                notes.append(Note("mark_print_only", item.source.first,
                                  f"{quote(text)} is print-only ({quote(match[0], 24)}): left out of the EPUB "
                                  "and the web page, kept in print", dropped=text))
        items.append(item)
    return revise(issue, items, notes)
