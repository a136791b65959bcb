"""Small helpers every normalizing step uses to read blocks and to return a revised issue."""

from __future__ import annotations

from dataclasses import replace

from ..lang.patterns import is_all_caps
from ..model import Heading, Issue, LineBreak, Paragraph, Source
from ..model.inlines import merge_inlines, text_of

RAW = (Paragraph, Heading)  # blocks as the reader left them, not yet said to be anything else


def revise(issue: Issue, items, notes=()) -> Issue:
    """The issue with new items and the step's notes appended."""
    return replace(issue, items=tuple(items), notes=issue.notes + tuple(notes))


def without_last_line(block: Paragraph, lines: list[tuple], hard: bool) -> Paragraph:
    """The block less its last line (`lines`, from `split_lines`); the breaks between the lines left
    are kept, hard or soft."""
    body = merge_inlines(*[run + (LineBreak(hard),) for run in lines[:-2]], lines[-2])
    return Paragraph(body, Source(block.source.first, block.source.last - 1, block.source.gap))


def split_lines(inlines) -> list[tuple]:
    """Split a run at its top-level line breaks."""
    lines: list[list] = [[]]
    for node in inlines:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return [tuple(line) for line in lines if line]


def looks_like_heading(block) -> bool:
    """A heading, or a block of at most 200 characters in capitals that the headings step will make one."""
    if isinstance(block, Heading):
        return True
    text = text_of(block) if isinstance(block, Paragraph) else ""
    return bool(text) and len(text) <= 200 and is_all_caps(text)
