"""The whole pipeline for one manuscript: read it, add the sidecars' metadata, normalize."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .model import Issue
from .normalize import normalize
from .reader import read_issue
from .sidecar import PUBLICATION_FIELDS, apply_sidecars, read_sidecar


def load_issue(manuscript: str | Path, publication: str | Path | None = None) -> Issue:
    """`manuscripts/x.txt` (with `x.yaml` and `publication.yaml` beside it, when they exist) → Issue."""
    manuscript = Path(manuscript)
    publication = Path(publication) if publication else manuscript.parent / "publication.yaml"
    sidecars = (read_sidecar(publication, PUBLICATION_FIELDS), read_sidecar(manuscript.with_suffix(".yaml")))
    issue = read_issue(manuscript)
    issue = replace(issue, metadata=apply_sidecars(issue.metadata, *sidecars))
    return normalize(issue)
