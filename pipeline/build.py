"""The whole pipeline for one manuscript: read it, add the sidecars' metadata, normalize."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .model import Issue
from .normalize import normalize
from .readers.photos import attach_photos
from .readers.overrides import check_overrides_applied, resolve_overrides
from .readers.manuscript import read_issue
from .readers.sidecar import PUBLICATION_FIELDS, apply_sidecars, read_sidecar


def load_issue(manuscript: str | Path, publication: str | Path | None = None) -> Issue:
    """`manuscripts/x.txt` (with `x.yaml` and `publication.yaml` beside it, when they exist) → Issue.
    The issue sidecar's overrides are applied, and each must have matched something; the photos in
    the folder `x/` beside it are checked and set above their captions (pipeline/readers/photos.py)."""
    manuscript = Path(manuscript)
    publication = Path(publication) if publication else manuscript.parent / "publication.yaml"
    paper, own = read_sidecar(publication, PUBLICATION_FIELDS), read_sidecar(manuscript.with_suffix(".yaml"))
    issue = read_issue(manuscript)
    issue = resolve_overrides(replace(issue, metadata=apply_sidecars(issue.metadata, paper, own)), own)
    issue = attach_photos(normalize(issue), manuscript)
    check_overrides_applied(issue)
    return issue
