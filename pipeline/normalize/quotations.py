"""Quoted speech set off from the story: a paragraph wholly in italics that opens with a dash."""

from __future__ import annotations

import re

from ..model import BlockQuote, Emphasis, Issue, Note, Paragraph, Text
from ..model.inlines import quote, text_of
from .edit import revise


def find_block_quotes(issue: Issue) -> Issue:
    """Quoted speech set off from the text: a paragraph wholly in italics that opens with a dash,
    `*— "Rats pollute where you are working."*` → BlockQuote. (Runs after the joins, so a quotation
    split by a column break is whole first.)"""
    items, notes = [], []
    for block in issue.items:
        if isinstance(block, Paragraph) and _wholly_emphasis(block) and re.match(r"^[—–-]\s?\S", text_of(block)):
            items.append(BlockQuote(block.inlines, block.source))
            notes.append(Note("find_block_quotes", block.source.first, f"quotation {quote(text_of(block))}"))
        else:
            items.append(block)
    return revise(issue, items, notes)


def _wholly_emphasis(block) -> bool:
    return all(isinstance(n, Emphasis) or (isinstance(n, Text) and not n.text.strip()) for n in block.inlines) \
        and any(isinstance(n, Emphasis) for n in block.inlines)
