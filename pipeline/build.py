"""The whole pipeline for one manuscript: read it, add the sidecars' metadata, normalize — or open the
model `make` wrote for it once, so that every writer of an issue shares one read."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .errors import InputError
from .model import Issue
from .model.issue_json import MODEL_SUFFIX, load_issue_json
from .normalize import normalize
from .readers.photos import attach_photos
from .readers.overrides import check_overrides_applied, resolve_overrides
from .readers.manuscript import read_issue
from .readers.pdf import read_pdf
from .readers.sidecar import PUBLICATION_FIELDS, apply_sidecars, read_sidecar

SAFE_NAME = re.compile(r"[A-Za-z0-9._][A-Za-z0-9._-]*")  # what make may paste into a recipe (the Makefile checks too)


def load_issue(manuscript: str | Path, publication: str | Path | None = None) -> Issue:
    """`manuscripts/x.txt` (with `x.yaml` and `publication.yaml` beside it, when they exist) → Issue.
    The issue sidecar's overrides are applied, and each must have matched something; the photos in
    the folder `x/` beside it are checked and set above their captions (pipeline/readers/photos.py)."""
    manuscript = Path(manuscript)
    publication = Path(publication) if publication else manuscript.parent / "publication.yaml"
    paper, own = read_sidecar(publication, PUBLICATION_FIELDS), read_sidecar(manuscript.with_suffix(".yaml"))
    issue = read_pdf(manuscript) if manuscript.suffix.lower() == ".pdf" else read_issue(manuscript, own.values.get("form", ""))
    issue = resolve_overrides(replace(issue, metadata=apply_sidecars(issue.metadata, paper, own)), own)
    issue = attach_photos(normalize(issue), manuscript)
    check_overrides_applied(issue)
    return issue


def open_issue(source: str, publication: str | None = None) -> Issue:
    """The normalized issue: read from the model `make` wrote (`build/x/x.issue.json`), or built from
    the manuscript (`manuscripts/x.txt`)."""
    path = Path(source)
    if not path.is_file():
        raise InputError(source, "no such manuscript file")
    if not SAFE_NAME.fullmatch(path.name):
        raise InputError(source, "a manuscript's name may hold only letters, digits, dots, underscores and "
                                 "hyphens, and not start with a hyphen; rename it")
    if path.name.endswith(MODEL_SUFFIX):
        try:
            return load_issue_json(path.read_text(encoding="utf-8"))
        except (ValueError, TypeError, UnicodeDecodeError) as err:
            raise InputError(source, f"not a model written by `python -m pipeline model` ({err}); rebuild it") from None
    return load_issue(path, publication)
