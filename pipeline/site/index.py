"""Step 2 of the site, from the issues' entries: the pages of every issue whose entry (or whose other
edition) changed, each edition's index and volume pages, the catalogs, the feeds and the search
index, the redirects at old addresses; then whatever the site wrote before and no longer writes goes."""

from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path

from ..errors import InputError
from ..lang.labels import site_label
from ..writers import STYLES
from .archive import (ATOM_ACQ, ATOM_NAV, OPDS2, STORIES_SUFFIX, WORDS_SUFFIX, Edition, as_number, editions,
                      feed_name, index_name, reserved_stem, volume_folder)
from .counterparts import match_stories, pair_up
from .feeds import atom_feed
from .manifest import SiteWriter
from .opds import atom_catalogs, opds2_catalogs
from .render import (cover_image, display_name, download_links, published, render_issue_page, render_redirect,
                     render_story_page, site_page)
from .search import search_files
from .words import listed

FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#b3120f"/>'
           '<path d="M4 3h5.5a3 3 0 0 1 0 6H7l4 4H8.5L5 9.4V13H4z" fill="#fff"/></svg>\n')
ROBOTS = "User-agent: *\nAllow: /\n"


def _issue_row(entry: dict, prefix: str) -> str:
    """One issue in a list: its cover, its name linked to its page, its EPUB and PDF with their sizes."""
    lang = entry["language"]
    page = f'{prefix}{entry["address"]}index.html'
    return (f'<li><a class="thumb" href="{page}" tabindex="-1" aria-hidden="true">'
            f'{cover_image(entry, prefix + entry["address"], "", 64, lazy=True)}</a>'
            f'<div><a href="{page}">{listed(display_name(entry))}</a>'
            + (f'<br><span class="lead">{listed(entry["stories"][0]["headline"])}</span>' if entry["stories"] else "")
            + f'<br><span class="files">{download_links(entry, prefix + entry["address"])}</span></div></li>\n'
            ) if entry["thumbnails"] else f'<li><a href="{page}">{listed(display_name(entry))}</a></li>\n'


def _volumes(edition: Edition) -> list[tuple[str, list[dict]]]:
    """The edition's issues by volume, newest volume first, issues without a volume last; within a
    volume by number (an undated issue sits among its neighbours), else by the archive's order."""
    groups: dict[str, list[dict]] = {}
    for entry in edition.entries:
        groups.setdefault(entry["volume"] or "", []).append(entry)
    for volume, items in groups.items():
        if volume:
            items.sort(key=lambda e: (0, -as_number(e["number"])) if as_number(e["number"]) is not None else (1, 0))
    return sorted(groups.items(), key=lambda kv: (kv[0] == "", -(as_number(kv[0]) or 0)))


def render_index(edition: Edition, all_editions: list[Edition]) -> str:
    """`index-<lang>.html`: the newest issue with its headlines and downloads, the rest of its volume,
    then one link per volume (each volume has its own page), the catalogs and the feed."""
    lang = edition.language
    t = lambda key, **v: site_label(lang, key, **v)  # noqa: E731
    latest = edition.entries[0]
    others = [e for e in all_editions if e.language != lang]
    nav = ""
    if others:
        links = "".join(f'<li><a href="{index_name(e.language)}" hreflang="{e.language}" lang="{e.language}">'
                        f'{escape(e.name)} — {escape(site_label(e.language, "edition"))}</a></li>' for e in others)
        nav = f'<nav aria-label="{escape(t("other_editions"))}"><ul class="editions">{links}</ul></nav>\n'
    heads = "".join(f'<li><a href="{latest["address"]}{s["page"]}">{listed(s["headline"])}</a></li>'
                    for s in latest["stories"][:8])
    latest_html = (
        f'<section class="latest" aria-labelledby="latest">\n<h2 id="latest">{escape(t("latest"))}</h2>\n'
        f'<div class="issue">\n<a class="cover" href="{latest["address"]}index.html">'
        f'{cover_image(latest, latest["address"], t("cover_alt", title=latest["title"]), 192)}</a>\n<div>\n'
        f'<h3><a href="{latest["address"]}index.html">{listed(display_name(latest))}</a></h3>\n'
        + (f'<ul class="headlines">{heads}</ul>\n' if heads else "")
        + f'<p class="actions">{download_links(latest, latest["address"])}</p>\n</div>\n</div>\n</section>\n')
    volumes = _volumes(edition)
    volume, current = volumes[0]
    rest = [e for e in current if e is not latest]
    recent = ""
    if rest:
        title = t("volume", volume=volume) if volume else t("other_issues")
        recent = (f'<section aria-labelledby="recent">\n<h2 id="recent">{escape(title)}</h2>\n<ul class="issues">\n'
                  + "".join(_issue_row(e, "") for e in rest) + "</ul>\n</section>\n")
    listing = "".join(f'<li><a href="{volume_folder(items[0])}index.html">'
                      f'{escape(t("volume", volume=v) if v else t("other_issues"))}</a> '
                      f'<span class="count">{escape(t("issues", count=len(items)))}</span></li>\n' for v, items in volumes)
    archive = (f'<section class="archive" aria-labelledby="archive">\n<h2 id="archive">{escape(t("archive"))}</h2>\n'
               f'<ul class="volumes">\n{listing}</ul>\n</section>\n')
    catalogs = (f'<section class="catalogs" aria-labelledby="catalogs">\n<h2 id="catalogs">{escape(t("catalogs"))}</h2>\n'
                f'<p>{escape(t("catalogs_note"))}</p>\n<ul>\n'
                f'<li><a href="opds/{lang}.xml" type="{ATOM_ACQ}">{escape(t("opds1"))}</a> — {escape(edition.name)}</li>\n'
                f'<li><a href="opds/{lang}.json" type="{OPDS2}">{escape(t("opds2"))}</a> — {escape(edition.name)}</li>\n'
                f'<li><a href="opds/root.xml" type="{ATOM_NAV}">{escape(t("opds1"))}</a> — {escape(t("complete"))}</li>\n'
                f'<li><a href="opds/root.json" type="{OPDS2}">{escape(t("opds2"))}</a> — {escape(t("complete"))}</li>\n'
                f'<li><a href="{feed_name(lang)}" type="application/atom+xml">{escape(t("feed"))}</a> — {escape(edition.name)}</li>\n'
                f'</ul>\n</section>\n')
    head = (f'<link rel="alternate" type="{ATOM_ACQ}" href="opds/{lang}.xml" title="{escape(edition.name)} (OPDS)">\n'
            f'<link rel="alternate" type="{OPDS2}" href="opds/{lang}.json" title="{escape(edition.name)} (OPDS 2)">\n'
            f'<link rel="alternate" type="application/atom+xml" href="{feed_name(lang)}" title="{escape(edition.name)}">\n'
            + "".join(f'<link rel="alternate" hreflang="{e.language}" href="{base}{index_name(e.language)}">\n'
                      for e in others if (base := published(latest))))
    body = (f'<main>\n<h1 class="paper">{escape(edition.name)}</h1>\n{nav}'
            f'{latest_html}{recent}{archive}{catalogs}</main>\n')
    description = t("index_description", name=edition.name, count=len(edition.entries))
    return site_page(lang, f"{edition.name} — {t('all_issues')}", "", body, description, head)


def render_volume(edition: Edition, volume: str, items: list[dict]) -> str:
    """`en/v16/index.html`: every issue of one volume, with its cover, lead story and downloads."""
    lang = edition.language
    t = lambda key, **v: site_label(lang, key, **v)  # noqa: E731
    title = t("volume", volume=volume) if volume else t("other_issues")
    body = (f'<main>\n<p class="paper">{escape(edition.name)}</p>\n<h1>{escape(title)}</h1>\n<ul class="issues">\n'
            + "".join(_issue_row(e, "../../") for e in items) + "</ul>\n</main>\n")
    return site_page(lang, f"{edition.name} — {title}", "../../", body,
                     t("volume_description", name=edition.name, volume=title, count=len(items)))


def _load(paths) -> list[dict]:
    entries = []
    for path in paths:
        try:
            entries.append(json.loads(Path(path).read_text(encoding="utf-8")) | {"_path": str(path)})
        except (OSError, ValueError) as err:
            raise InputError(str(path), f"not an issue entry written by `python -m pipeline site-issue` ({err})") from None
    return entries


def _check(entries: list[dict]) -> None:
    """One issue per address, and no manuscript name the site keeps for itself: refused, naming it."""
    seen: dict[str, dict] = {}
    for entry in sorted(entries, key=lambda e: e["stem"]):
        if why := reserved_stem(entry["stem"]):
            raise InputError(entry["_path"], f"this manuscript's name cannot be published: {why}; rename it")
        if entry["address"] in seen:
            raise InputError(entry["_path"], f"has the same address on the site ({entry['address']}) as "
                                             f"{seen[entry['address']]['stem']}: the same edition, volume and number "
                                             "(or date); correct one in its sidecar")
        seen[entry["address"]] = entry


def index_pages(entry_paths: list[str | Path], site: str | Path) -> list[Path]:
    """Everything of the site but the issues' own files, from the entries. Returns the files written."""
    site = Path(site)
    entries = _load(entry_paths)
    if not entries:
        raise InputError(str(site), "no issues to publish: build some first (`make`)")
    _check(entries)
    all_editions = editions(entries)
    writer = SiteWriter(site)
    version = _sources_digest()
    pairs = pair_up(entries)
    addresses = {e["address"] for e in entries}
    for entry in entries:  # each issue's page and its stories' pages, when they or their other editions changed
        others = pairs.get(entry["stem"], [])
        digest = hashlib.sha256(json.dumps([version, _public(entry)] + [_public(o) for o in others],
                                           sort_keys=True).encode()).hexdigest()
        pages = [f"{entry['address']}index.html"] + [f"{entry['address']}{s['page']}" for s in entry["stories"]]
        writer.own_issue_files(entry)
        if not writer.unchanged(entry["stem"], digest, pages):
            _write_issue_pages(writer, entry, others)
        for old in writer.addresses(entry["stem"], entry["address"]):  # where it was published before
            if old in addresses:  # now another issue's address
                continue
            writer.write(f"{old}index.html", render_redirect(entry["language"], "../" * old.count("/")
                                                             + entry["address"] + "index.html", entry["title"]))
    key = all_editions[0].name
    writer.write("site.css", (STYLES / "site.css").read_text(encoding="utf-8"))
    writer.write("favicon.svg", FAVICON)
    writer.write("robots.txt", ROBOTS)
    for edition in all_editions:
        writer.write(index_name(edition.language), render_index(edition, all_editions))
        for volume, items in _volumes(edition):
            writer.write(f"{volume_folder(items[0])}index.html", render_volume(edition, volume, items))
        writer.write(feed_name(edition.language), atom_feed(edition))
    writer.write("index.html", writer.text(index_name(all_editions[0].language)))
    for name, text in {**atom_catalogs(all_editions, key), **opds2_catalogs(all_editions)}.items():
        writer.write(f"opds/{name}", text)
    words = {e["stem"]: json.loads(Path(e["_path"].removesuffix(".entry.json") + WORDS_SUFFIX).read_text(encoding="utf-8"))
             for e in entries}
    for name, text in search_files(all_editions, words).items():
        writer.write(name, text)
    return writer.finish()


def _write_issue_pages(writer: SiteWriter, entry: dict, others: list[dict]) -> None:
    stories = json.loads(Path(entry["_path"].removesuffix(".entry.json") + STORIES_SUFFIX).read_text(encoding="utf-8"))
    html_of = {s["id"]: s["html"] for s in stories}
    matches = [match_stories(entry, other) for other in others]
    writer.write(f"{entry['address']}index.html", render_issue_page(entry, others))
    items = entry["stories"]
    for k, story in enumerate(items):
        pairs = [(other, found.get(story["id"])) for other, found in zip(others, matches)]
        neighbours = (items[k - 1] if k else None, items[k + 1] if k + 1 < len(items) else None)
        writer.write(f"{entry['address']}{story['page']}",
                     render_story_page(entry, story, html_of[story["id"]], pairs, neighbours))


def _public(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if k != "_path"}


def _sources_digest() -> str:
    """The site's own code: a change to how pages are made remakes every page."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(here.glob("*.py")) + [here.parent / "writers" / "html.py", here.parent / "lang" / "labels.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()

