"""What the EPUB and the colophon need from the metadata: each missing field is a report warning
naming the field and the sidecar that supplies it."""

from __future__ import annotations

from pathlib import Path

from ..model import Issue, Note
from .edit import revise

# field → (what it gives, which sidecar: "issue" = manuscripts/<stem>.yaml, "paper" = publication.yaml)
NEEDED = (
    ("date_start", "the issue date (the EPUB's dc:date and modified date, the cover's issue line)", "issue"),
    ("number", "the issue number (the series index readers sort issues by, the cover's issue line)", "issue"),
    ("publisher", "the publisher (dc:publisher, the colophon)", "paper"),
    ("website", "the paper's website (the colophon)", "paper"),
    ("rights", "the rights statement (dc:rights, the colophon)", "paper"),
)


def check_publication_metadata(issue: Issue) -> Issue:
    """`no rights: set `rights:` in manuscripts/publication.yaml (the rights statement …)`, one warning
    per field the issue lacks; the EPUB then leaves that entry out (and never dates an issue 1970)."""
    meta = issue.metadata
    stem = Path(issue.path).stem
    notes = []
    for name, gives, where in NEEDED:
        if getattr(meta, name):
            continue
        sidecar = f"manuscripts/{stem}.yaml" if where == "issue" else "manuscripts/publication.yaml"
        notes.append(Note("check_publication_metadata", 0,
                          f"no {name}: set `{name}:` in {sidecar}, for {gives}", level="warning"))
    return revise(issue, issue.items, notes)
