"""Step 2 of the site, from the issues' entries alone: each edition's index page (the newest issue, then
the archive by volume, links to the other editions and to the catalogs), the stylesheet, and the catalogs."""

from __future__ import annotations

import json
import shutil
from html import escape
from pathlib import Path

from ..errors import InputError
from ..lang.labels import human_size, site_label
from ..output import write_atomically
from ..writers import STYLES
from .archive import ATOM_ACQ, ATOM_NAV, OPDS2, Edition, as_number, editions, index_name
from .opds import atom_catalogs, opds2_catalogs
from .pages import display_name, site_page

def render_index(edition: Edition, all_editions: list[Edition]) -> str:
    lang = edition.language
    t = lambda key, **v: site_label(lang, key, **v)  # noqa: E731
    latest, rest = edition.entries[0], edition.entries[1:]
    others = [e for e in all_editions if e.language != lang]
    nav = ""
    if others:
        links = "".join(f'<li><a href="{index_name(e.language)}" hreflang="{e.language}" lang="{e.language}">'
                        f'{escape(e.name)} — {escape(site_label(e.language, "edition"))}</a></li>' for e in others)
        nav = f'<nav aria-label="{escape(t("other_editions"))}"><ul class="editions">{links}</ul></nav>\n'
    heads = "".join(f"<li>{escape(s['headline'])}</li>" for s in latest["stories"][:8])
    epub = next((f for f in latest["files"] if f["kind"] == "epub"), None)
    latest_html = (
        f'<section class="latest" aria-labelledby="latest">\n<h2 id="latest">{escape(t("latest"))}</h2>\n'
        f'<div class="issue">\n<a class="cover" href="{latest["stem"]}/index.html"><img src="{latest["stem"]}/thumbnail.jpg" '
        f'width="{latest["thumbnail"]["width"]}" height="{latest["thumbnail"]["height"]}" '
        f'alt="{escape(t("cover_alt", title=latest["title"]))}"></a>\n<div>\n'
        f'<h3><a href="{latest["stem"]}/index.html">{escape(display_name(latest))}</a></h3>\n'
        + (f'<ul class="headlines">{heads}</ul>\n' if heads else "")
        + f'<p class="actions"><a href="{latest["stem"]}/index.html">{escape(t("details"))}</a>'
        + (f' · <a href="{latest["stem"]}/{epub["href"]}" type="{epub["type"]}" download>EPUB</a> '
           f'<span class="size">{human_size(epub["size"])}</span>' if epub else "")
        + "</p>\n</div>\n</div>\n</section>\n")

    groups: dict[str, list[dict]] = {}
    for entry in rest:
        groups.setdefault(entry["volume"] or "", []).append(entry)
    def volume_order(volume: str):
        return (volume == "", -float(volume) if volume.replace(".", "", 1).isdigit() else 0, volume)
    archive = ""
    for volume in sorted(groups, key=volume_order):
        # within a volume the numbers are the order, so an undated issue sits among its neighbours
        groups[volume].sort(key=lambda e: (0, -as_number(e["number"])) if as_number(e["number"]) is not None else (1, 0))
        title = t("volume", volume=volume) if volume else t("other_issues")
        items = "".join(
            f'<li><a href="{e["stem"]}/index.html">{escape(display_name(e))}</a>'
            + "".join(f' · <a href="{e["stem"]}/{f["href"]}" type="{f["type"]}" download>'
                      f'{"EPUB" if f["kind"] == "epub" else "Kobo"}</a>'
                      for f in e["files"] if f["kind"] in ("epub", "kepub"))
            + "</li>\n" for e in groups[volume])
        ident = f"volume-{volume or 'none'}"
        archive += f'<section aria-labelledby="{ident}">\n<h3 id="{ident}">{escape(title)}</h3>\n<ul class="archive">\n{items}</ul>\n</section>\n'
    if archive:
        archive = f'<section class="archive" aria-labelledby="archive">\n<h2 id="archive">{escape(t("archive"))}</h2>\n{archive}</section>\n'
    catalogs = (f'<section class="catalogs" aria-labelledby="catalogs">\n<h2 id="catalogs">{escape(t("catalogs"))}</h2>\n'
                f'<p>{escape(t("catalogs_note"))}</p>\n<ul>\n'
                f'<li><a href="opds/{lang}.xml" type="{ATOM_ACQ}">{escape(t("opds1"))}</a> — {escape(edition.name)}</li>\n'
                f'<li><a href="opds/{lang}.json" type="{OPDS2}">{escape(t("opds2"))}</a> — {escape(edition.name)}</li>\n'
                f'<li><a href="opds/root.xml" type="{ATOM_NAV}">{escape(t("opds1"))}</a> — {escape(t("complete"))}</li>\n'
                f'<li><a href="opds/root.json" type="{OPDS2}">{escape(t("opds2"))}</a> — {escape(t("complete"))}</li>\n'
                f'</ul>\n</section>\n')
    alternates = (f'<link rel="alternate" type="{ATOM_ACQ}" href="opds/{lang}.xml" title="{escape(edition.name)} (OPDS)">\n'
                  f'<link rel="alternate" type="{OPDS2}" href="opds/{lang}.json" title="{escape(edition.name)} (OPDS 2)">\n'
                  + "".join(f'<link rel="alternate" hreflang="{e.language}" href="{index_name(e.language)}">\n'
                            for e in others))
    body = (f'<header class="site">\n<h1 class="paper">{escape(edition.name)}</h1>\n{nav}</header>\n<main>\n'
            f'{latest_html}{archive}{catalogs}</main>\n')
    return site_page(lang, f"{edition.name} — {t('all_issues')}", "site.css", body, alternates)


def index_pages(entry_paths: list[str | Path], site: str | Path) -> list[Path]:
    """Every edition's index, the stylesheet and the catalogs, from the issues' entries. Returns the
    files written."""
    site = Path(site)
    entries = []
    for path in entry_paths:
        try:
            entries.append(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError) as err:
            raise InputError(str(path), f"not an issue entry written by `python -m pipeline site-issue` ({err})") from None
    if not entries:
        raise InputError(str(site), "no issues to publish: build some first (`make`)")
    all_editions = editions(entries)
    key = all_editions[0].name
    written = {site / "site.css": (STYLES / "site.css").read_text(encoding="utf-8")}
    for edition in all_editions:
        written[site / index_name(edition.language)] = render_index(edition, all_editions)
    written[site / "index.html"] = written[site / index_name(all_editions[0].language)]
    for name, text in {**atom_catalogs(all_editions, key), **opds2_catalogs(all_editions)}.items():
        written[site / "opds" / name] = text
    for path, text in written.items():
        write_atomically(path, text)
    stems = {entry["stem"] for entry in entries}
    for folder in site.iterdir():  # an issue no longer built is no longer published
        if folder.is_dir() and folder.name not in stems and (folder / "thumbnail.jpg").is_file():
            shutil.rmtree(folder)
    return list(written)
