"""Sign-offs: the signature closing a letter or report (`—Comrade in Pasadena (USA)`), split from the
block it ends, or a signer's few words on their own line."""

from __future__ import annotations

import re

from ..lang import phrasebook
from ..lang.patterns import SIGNOFF, ends_open
from ..model import Emphasis, Issue, Note, Paragraph, Signoff, Source, Text
from ..model.inlines import merge_inlines, plain_text, quote, text_of
from .edit import revise, split_lines, without_last_line


def split_signoffs(issue: Issue) -> Issue:
    """Sign-offs closing letters: a whole block `—Comrade in Pasadena (USA)`, or the last line of one
    (`…and more papers!` ⏎ `— Seattle Comrade`). Italic dialogue (`*—I'm going to tell you…*`) is not."""
    items, notes = [], []
    blocks = list(issue.items)
    for k, block in enumerate(blocks):
        if _is_undashed_signoff(block, blocks[k - 1] if k else None, blocks[k + 1] if k + 1 < len(blocks) else None):
            items.append(Signoff(merge_inlines((Text("—"),), block.inlines), block.source))  # set like every sign-off
            notes.append(Note("split_signoffs", block.source.first, f"sign-off with no dash {quote(text_of(block))}"))
            continue
        if isinstance(block, Paragraph) and not _all_emphasis(block):
            lines = split_lines(block.inlines)
            last = " ".join(plain_text(lines[-1]).split())
            if _is_signoff(last):
                signoff = Signoff(_em_dash_lead(lines[-1]), Source(block.source.last, block.source.last, 0 if len(lines) > 1 else block.source.gap))
                if len(lines) > 1:
                    items.append(without_last_line(block, lines, hard=True))
                items.append(signoff)
                notes.append(Note("split_signoffs", block.source.last, f"sign-off {quote(last)}"))
                continue
        items.append(block)
    return revise(issue, items, notes)


def _is_undashed_signoff(block, before, after) -> bool:
    """`Camarada en las Maquilas` closing a letter with no dash: a signer's few words on their own line,
    after prose (a sentence of six words or more), with no more prose after them but the paper's reply
    (`Red Flag responds: …`)."""
    if not (isinstance(block, Paragraph) and isinstance(before, Paragraph)):
        return False
    text = text_of(block)
    after_text = text_of(after) if isinstance(after, Paragraph) else ""
    return (len(text.split()) <= 8 and bool(phrasebook.fullmatch("signer", text)) and text[:1].isupper()
            and len(text_of(before).split()) >= 6 and not ends_open(text_of(before))
            and (after is None or not isinstance(after, Paragraph) or len(after_text.split()) <= 12
                 or bool(phrasebook.starts("reply", after_text))))


def _em_dash_lead(inlines):
    """A sign-off's leading hyphen(s) as the paper's em dash: `-Metal worker…` → `—Metal worker…`."""
    first = inlines[0] if inlines else None
    if isinstance(first, Text) and re.match(r"--?(?!-)", first.text):
        return (Text(re.sub(r"^--?\s?", "—", first.text)),) + tuple(inlines[1:])
    return inlines


def _is_signoff(text: str) -> bool:
    """`—Comrade in Pasadena (USA)`, and a signer with a nickname in quotes (`—Camarada “Delia” en El
    Salvador`): quotes around a word or two, not a quotation (`—“I'm going to tell you…”` is dialogue)."""
    plain = _NICKNAME.sub("Name", text)
    return bool(SIGNOFF.match(plain)) and not re.search(r"[.!?]\s+\S", text) and len(text.split()) <= 12


_NICKNAME = re.compile(r"(?<=\S )[“\"«][^“”\"«»]{1,25}[”\"»](?= \S|$)")


def _all_emphasis(block) -> bool:
    return len(block.inlines) == 1 and isinstance(block.inlines[0], Emphasis)
