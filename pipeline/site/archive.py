"""The archive as the site sees it: the files an issue may offer and their media types, each issue's
entry (build/<stem>/<stem>.entry.json), the editions with their issues in order, and the names the site
keeps for itself (no manuscript may take one).

Order: newest first by the issue's first date; issues with a date but no volume or number sort by
date among the others; issues with no date at all (web copy with no sidecar) are never given one
(no 1970): they follow the dated ones, by volume and number where known, then by name, and the
catalogs' required `updated` for them is the time their EPUB was built.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

ENTRY_SUFFIX = ".entry.json"  # build/<stem>/<stem>.entry.json: what step 2 knows of an issue
STORIES_SUFFIX = ".stories.json"  # build/<stem>/<stem>.stories.json: its stories' pages, read when they change
WORDS_SUFFIX = ".words.json"  # build/<stem>/<stem>.words.json: each story's words, for the search index
LEAD_STORIES = 3  # the headlines that sum an issue up in its description and the catalogs

ATOM_NAV = "application/atom+xml;profile=opds-catalog;kind=navigation"
ATOM_ACQ = "application/atom+xml;profile=opds-catalog;kind=acquisition"
OPDS2 = "application/opds+json"
KEPUB_TYPE = "application/kepub+zip"

# What an issue may have beside its page, in the order listed: (suffix after the stem, kind, media type).
DOWNLOADS = (
    (".epub", "epub", "application/epub+zip"),
    (".kepub.epub", "kepub", KEPUB_TYPE),
    (".pdf", "pdf-letter", "application/pdf"),
    ("-a4.pdf", "pdf-a4", "application/pdf"),
    ("-tabloid.pdf", "pdf-tabloid", "application/pdf"),
    ("-booklet.pdf", "booklet", "application/pdf"),
    ("-booklet-tabloid.pdf", "booklet-tabloid", "application/pdf"),
    ("-press.pdf", "press", "application/pdf"),
    ("-a4-press.pdf", "press-a4", "application/pdf"),
    ("-tabloid-press.pdf", "press-tabloid", "application/pdf"),
)
READ_ONLINE = (".html", "html", "text/html")

# The site's own names at its top (a manuscript's old address, `<stem>/`, is a redirect there, so a stem
# may take none of them), and beside it in build/ (where `<stem>/` is the build folder).
SITE_NAMES = frozenset({"index.html", "site.css", "favicon.svg", "robots.txt", "opds", "search"})
BUILD_NAMES = frozenset({"site", "site-issues.txt", "site-manifest.json"})
PAGE_SIZE = 50  # issues per catalog page: OPDS apps page on with rel="next"

PRIMARY_LANGUAGE = "en"  # its edition's index is also `index.html`; else the first edition's is


def content_type(path: str) -> str:
    """The media type `make serve` gives a file of the site."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".kepub.epub"):
        return KEPUB_TYPE
    if name.endswith(".xml") and "/opds/" in f"/{path}":
        return ATOM_NAV if name == "root.xml" else ATOM_ACQ
    if name.endswith(".json") and "/opds/" in f"/{path}":
        return OPDS2
    return {".epub": "application/epub+zip", ".pdf": "application/pdf", ".html": "text/html; charset=utf-8",
            ".css": "text/css; charset=utf-8", ".jpg": "image/jpeg", ".png": "image/png",
            ".json": "application/json", ".xml": "application/xml"}.get(os.path.splitext(name)[1],
                                                                        "application/octet-stream")


def reserved_stem(stem: str) -> str:
    """Why a manuscript's name cannot be published (its old address, or its build folder, would be a
    file or folder of the site's own), or "" when it can."""
    if stem in BUILD_NAMES:
        return f"build/{stem} is the download site's own"
    if stem in SITE_NAMES or re.fullmatch(r"index-.*\.html|feed-.*\.xml|search-.*\.html|[a-z]{2}(-[a-z0-9]+)?", stem):
        return f"build/site/{stem} is the download site's own"
    return ""


def search_name(lang: str) -> str:
    """The search page in an edition's language (it searches every edition)."""
    return f"search-{lang}.html"


def feed_name(lang: str) -> str:
    """An edition's Atom feed of new issues, for feed readers."""
    return f"feed-{lang}.xml"


def volume_folder(entry: dict) -> str:
    """Where an edition's volume is listed: `en/v16/`; issues without a volume: `en/other/`."""
    edition = entry["language"].lower()
    return f"{edition}/v{int(entry['volume'])}/" if entry["volume"] else f"{edition}/other/"


def index_name(lang: str) -> str:
    """Each edition's index, `index-<lang>.html` (an issue page cannot know which edition is the
    site's first, so it links there; `index.html` is a copy of the first edition's)."""
    return f"index-{lang}.html"


@dataclass(frozen=True)
class Edition:
    language: str
    name: str
    entries: tuple[dict, ...]  # newest first


def editions(entries: list[dict]) -> list[Edition]:
    """The entries by edition (the primary language's first), each edition's issues newest first."""
    by_lang: dict[str, list[dict]] = {}
    for entry in entries:
        by_lang.setdefault(entry["language"], []).append(entry)
    out = []
    for lang in sorted(by_lang, key=lambda code: (code != PRIMARY_LANGUAGE, code)):
        items = sorted(by_lang[lang], key=sort_key)
        names = [e["publication"] for e in items if e["publication"]]
        out.append(Edition(lang, max(set(names), key=names.count) if names else lang, tuple(items)))
    return out


def sort_key(entry: dict):
    """Newest first when sorted ascending: dated issues by date, then volume and number; undated ones
    after every dated one, by volume and number, then by name."""
    def number(value: str) -> float:
        try:
            return float(value)
        except (TypeError, ValueError):
            return -1.0
    dated = bool(entry["date_start"])
    return (0 if dated else 1, _negated(entry["date_start"]), -number(entry["volume"]), -number(entry["number"]),
            entry["stem"])


def _negated(iso: str) -> tuple:
    return tuple(-int(x) for x in iso.split("-")) if iso else ()


def as_number(value: str):
    """A volume or issue number as a number (`4`, `4.5`), or None when it is not one."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else number
