"""Where an issue lives on the download site, `en/v16/n04/`: made from its edition (language), volume
and number, else its first date (`en/2025-03-12/`), else, for an issue the text and the sidecar leave
undated, its file name (`en/undated/<stem>/`). One rule, shared by the site and the QR code."""

from __future__ import annotations

import re

from ..model import Metadata


def issue_address(meta: Metadata, stem: str) -> str:
    """`en/v16/n04/` (relative to the site, always ending in `/`). Two issues of one edition with the
    same volume and number share an address: the site refuses that, naming both."""
    edition = meta.language.lower()
    if meta.volume and meta.number:
        return f"{edition}/v{int(meta.volume)}/n{int(meta.number):02d}/"
    if meta.date_start:
        return f"{edition}/{meta.date_start}/"
    if meta.number:
        return f"{edition}/n{int(meta.number):02d}/"
    return f"{edition}/undated/{stem}/"


def story_page(story_id: str, stem: str) -> str:
    """A story page's file name in its issue's folder: `story-khalil-arrested` → `khalil-arrested.html`;
    the whole id where the short name would say nothing (`story-2`) or take the name of the issue's
    own page or web copy (`index.html`, `<stem>.html`)."""
    slug = story_id.removeprefix("story-")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) or slug.isdigit() or slug in ("index", stem):
        slug = story_id
    return f"{slug}.html"
