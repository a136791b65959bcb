"""Small helpers every normalizing step uses to read blocks and to return a revised issue."""

from __future__ import annotations

from dataclasses import replace

from ..model import Issue


def revise(issue: Issue, items, notes=()) -> Issue:
    """The issue with new items and the step's notes appended."""
    return replace(issue, items=tuple(items), notes=issue.notes + tuple(notes))
