"""The download site (`make site` → build/site/): a static page per issue, an index per edition, and the
OPDS 1.2 (Atom) and OPDS 2.0 (JSON) catalogs that e-reader apps browse.

Built in two steps, so that adding an issue rebuilds only its own page and the shared pages:

1. `issue_page(model, site)`, once per issue: reads the issue's model (its own loader) and the files
   present beside it in build/<stem>/, hard-links those files into build/site/<stem>/, draws the
   cover and thumbnail from the EPUB's own cover, writes build/site/<stem>/index.html, and leaves
   a small summary (the *entry*: titles, dates, headlines, files and sizes) at
   build/<stem>/<stem>.entry.json for step 2.
2. `index_pages(entries, site)`: reads only the entries, and writes each edition's index page, the
   stylesheet, and every catalog. Nothing here re-reads a manuscript or a model.

Everything links relatively (`../<stem>/<stem>.epub`, `<stem>/index.html`), so the folder works
copied to any host, in any folder, or opened from disk. Pages are plain semantic HTML and CSS with
no script. Words the site prints are in `labels.SITE_LABELS`, per edition language.

Order: newest first by the issue's first date; issues with a date but no volume or number sort by
date among the others; issues with no date at all (web copy with no sidecar) are never given one
(no 1970): they follow the dated ones, by volume and number where known, then by name, and the
catalogs' required `updated` for them is the time their EPUB was built.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ..cli.summary import human_size
from ..errors import InputError
from ..lang.labels import issue_line_parts, issue_title, label, site_label
from ..model import Article, Paragraph
from ..model.inlines import plain_text
from ..model.issue_json import MODEL_SUFFIX, load_issue_json
from ..output import write_atomically
from ..writers import STYLES

ENTRY_SUFFIX = ".entry.json"
CATALOG_NAMESPACE = uuid.UUID("4f0d7a52-6b55-4b8e-9e0a-4a3c1f6d2b10")  # the catalogs' own ids
ATOM_NAV = "application/atom+xml;profile=opds-catalog;kind=navigation"
ATOM_ACQ = "application/atom+xml;profile=opds-catalog;kind=acquisition"
OPDS2 = "application/opds+json"
KEPUB_TYPE = "application/kepub+zip"
OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"
THUMBNAIL_WIDTH = 400
FIRST_LINE_WORDS = 24
LEAD_STORIES = 3

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


# --------------------------------------------------------------------------------------------------
# Step 1: one issue


def issue_page(model_path: str | Path, site: str | Path) -> dict:
    """Build build/site/<stem>/ for the issue whose model is `model_path`; return its entry (also
    written beside the model)."""
    model_path, site = Path(model_path), Path(site)
    if not model_path.name.endswith(MODEL_SUFFIX) or not model_path.is_file():
        raise InputError(str(model_path), f"not a model (build/<stem>/<stem>{MODEL_SUFFIX}); run `make models`")
    stem = model_path.name[: -len(MODEL_SUFFIX)]
    try:
        issue = load_issue_json(model_path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, UnicodeDecodeError) as err:
        raise InputError(str(model_path), f"not a model written by `python -m pipeline model` ({err}); rebuild it") from None
    built = model_path.parent
    epub = built / f"{stem}.epub"
    if not epub.is_file():
        raise InputError(str(epub), "the issue's EPUB is missing; run `make epub` first")
    folder = site / stem
    folder.mkdir(parents=True, exist_ok=True)

    files = []
    for suffix, kind, media_type in DOWNLOADS + (READ_ONLINE,):
        source = built / f"{stem}{suffix}"
        target = folder / source.name
        if source.is_file():
            _link(source, target)
            files.append({"href": source.name, "kind": kind, "type": media_type, "size": source.stat().st_size})
        elif target.exists():
            target.unlink()  # an output that is gone is no longer offered

    cover, thumbnail = _covers(epub.read_bytes())
    write_atomically(folder / "cover.jpg", cover[0])
    write_atomically(folder / "thumbnail.jpg", thumbnail[0])
    meta = issue.metadata
    stories = [a for a in issue.items if isinstance(a, Article)]
    from ..writers.epub import issue_identifier
    from ..writers.html import issue_description, story_title

    entry = {
        "stem": stem,
        "identifier": issue_identifier(issue),
        "title": issue_title(meta),
        "publication": meta.publication or "",
        "language": meta.language,
        "volume": meta.volume, "number": meta.number,
        "date_start": meta.date_start, "date_end": meta.date_end, "date_text": meta.date_text,
        "issue_line": _issue_line(meta),
        "publisher": meta.publisher, "rights": meta.rights,
        "description": issue_description(issue, LEAD_STORIES),
        "stories": [{"headline": story_title(a), "first_line": _first_line(a),
                     "kicker": plain_text(a.kicker.inlines) if a.kicker else ""} for a in stories],
        "files": files,
        "cover": {"href": "cover.jpg", "type": "image/jpeg", "width": cover[1], "height": cover[2],
                  "size": len(cover[0])},
        "thumbnail": {"href": "thumbnail.jpg", "type": "image/jpeg", "width": thumbnail[1],
                      "height": thumbnail[2], "size": len(thumbnail[0])},
        "built": datetime.fromtimestamp(epub.stat().st_mtime, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    write_atomically(folder / "index.html", render_issue_page(entry))
    write_atomically(built / f"{stem}{ENTRY_SUFFIX}", json.dumps(entry, ensure_ascii=False, indent=1) + "\n")
    return entry


def _link(source: Path, target: Path) -> None:
    """`target` the same file as `source`: a hard link (no copy, no second disk space; the writers
    replace outputs whole, so a later build never changes a published file in place), or a copy
    where links cannot be made (another file system)."""
    if target.exists() and os.path.samefile(source, target):
        return
    tmp = target.with_name(f".{target.name}.tmp")
    if tmp.exists():
        tmp.unlink()
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def _covers(epub: bytes) -> tuple[tuple[bytes, int, int], tuple[bytes, int, int]]:
    """The EPUB's cover image (the manifest's `cover-image` item) and a thumbnail of it, as JPEG
    (bytes, width, height)."""
    from lxml import etree
    from PIL import Image

    book = zipfile.ZipFile(io.BytesIO(epub))
    container = etree.fromstring(book.read("META-INF/container.xml"))
    opf_path = container.find(".//{*}rootfile").get("full-path")
    opf = etree.fromstring(book.read(opf_path))
    item = next(i for i in opf.iter("{*}item") if "cover-image" in (i.get("properties") or "").split())
    data = book.read(os.path.normpath(os.path.join(os.path.dirname(opf_path), item.get("href"))).replace(os.sep, "/"))
    image = Image.open(io.BytesIO(data)).convert("RGB")
    width, height = image.size
    small = image.resize((THUMBNAIL_WIDTH, round(height * THUMBNAIL_WIDTH / width)), Image.LANCZOS)
    out = io.BytesIO()
    small.save(out, "JPEG", quality=82, optimize=True)
    if item.get("media-type") != "image/jpeg":
        full = io.BytesIO()
        image.save(full, "JPEG", quality=88)
        data = full.getvalue()
    return (data, width, height), (out.getvalue(), small.width, small.height)


def _issue_line(meta) -> str:
    parts = issue_line_parts(meta)
    if meta.number and not meta.volume:
        parts.insert(0, f"No. {meta.number}")
    return " · ".join(parts)


def _first_line(article: Article) -> str:
    for block in article.body:
        if isinstance(block, Paragraph):
            words = plain_text(block.inlines).split()
            return " ".join(words[:FIRST_LINE_WORDS]) + ("…" if len(words) > FIRST_LINE_WORDS else "")
    return ""


# --------------------------------------------------------------------------------------------------
# Pages


def _page(lang: str, title: str, css: str, body: str, alternates: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{escape(title)}</title>\n<link rel="stylesheet" href="{css}">\n{alternates}</head>\n'
            f'<body>\n{body}</body>\n</html>\n')


def _display_name(entry: dict) -> str:
    """What names an issue in a list: its issue line, else its lead headline, else its file name."""
    if entry["issue_line"]:
        return entry["issue_line"]
    head = entry["stories"][0]["headline"] if entry["stories"] else entry["stem"]
    return f"{head} ({site_label(entry['language'], 'undated')})"


def render_issue_page(entry: dict) -> str:
    lang = entry["language"]
    t = lambda key, **v: site_label(lang, key, **v)  # noqa: E731
    home = f"../{_index_name(lang)}"
    downloads = []
    for f in entry["files"]:
        if f["kind"] == "html":
            continue
        note = t(f"{f['kind']}_note") if f["kind"] in ("epub", "kepub") else ""
        downloads.append(f'<li><a href="{escape(f["href"])}" type="{f["type"]}" download>{escape(t(f["kind"]))}</a>'
                         f' <span class="size">{human_size(f["size"])}</span>'
                         + (f'<br><span class="note">{escape(note)}</span>' if note else "") + "</li>\n")
    online = next((f for f in entry["files"] if f["kind"] == "html"), None)
    if online:
        downloads.append(f'<li><a href="{escape(online["href"])}">{escape(t("read_online"))}</a>'
                         f' <span class="size">{human_size(online["size"])}</span>'
                         f'<br><span class="note">{escape(t("read_online_note"))}</span></li>\n')
    stories = "".join(
        "<li>" + (f'<p class="kicker">{escape(s["kicker"])}</p>' if s["kicker"] else "")
        + f'<h3>{escape(s["headline"])}</h3>'
        + (f'<p>{escape(s["first_line"])}</p>' if s["first_line"] else "") + "</li>\n"
        for s in entry["stories"])
    name = entry["publication"] or entry["stem"]
    line = entry["issue_line"] or site_label(lang, "undated")
    body = (f'<header class="site">\n<p class="home"><a href="{home}">{escape(t("all_issues"))}</a></p>\n'
            f'<p class="paper">{escape(name)}</p>\n</header>\n<main>\n'
            f'<h1><span class="visually-hidden">{escape(name)} </span>{escape(line)}</h1>\n'
            f'<div class="issue">\n<a class="cover" href="cover.jpg"><img src="thumbnail.jpg" '
            f'width="{entry["thumbnail"]["width"]}" height="{entry["thumbnail"]["height"]}" '
            f'alt="{escape(t("cover_alt", title=entry["title"]))}"></a>\n'
            f'<section class="downloads" aria-labelledby="downloads">\n<h2 id="downloads">{escape(t("downloads"))}</h2>\n'
            f'<ul>\n{"".join(downloads)}</ul>\n</section>\n</div>\n'
            f'<section class="stories" aria-labelledby="in-this-issue">\n'
            f'<h2 id="in-this-issue">{escape(t("in_this_issue"))}</h2>\n<ol>\n{stories}</ol>\n</section>\n</main>\n')
    return _page(lang, entry["title"], "../site.css", body)


PRIMARY_LANGUAGE = "en"  # its edition's index is also `index.html`; else the first edition's is


def _index_name(lang: str) -> str:
    """Each edition's index, `index-<lang>.html` (an issue page cannot know which edition is the
    site's first, so it links there; `index.html` is a copy of the first edition's)."""
    return f"index-{lang}.html"


@dataclass(frozen=True)
class Edition:
    language: str
    name: str
    entries: tuple[dict, ...]  # newest first


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


def editions(entries: list[dict]) -> list[Edition]:
    by_lang: dict[str, list[dict]] = {}
    for entry in entries:
        by_lang.setdefault(entry["language"], []).append(entry)
    out = []
    for lang in sorted(by_lang, key=lambda code: (code != PRIMARY_LANGUAGE, code)):
        items = sorted(by_lang[lang], key=sort_key)
        names = [e["publication"] for e in items if e["publication"]]
        out.append(Edition(lang, max(set(names), key=names.count) if names else lang, tuple(items)))
    return out


def render_index(edition: Edition, all_editions: list[Edition]) -> str:
    lang = edition.language
    t = lambda key, **v: site_label(lang, key, **v)  # noqa: E731
    latest, rest = edition.entries[0], edition.entries[1:]
    others = [e for e in all_editions if e.language != lang]
    nav = ""
    if others:
        links = "".join(f'<li><a href="{_index_name(e.language)}" hreflang="{e.language}" lang="{e.language}">'
                        f'{escape(e.name)} — {escape(site_label(e.language, "edition"))}</a></li>' for e in others)
        nav = f'<nav aria-label="{escape(t("other_editions"))}"><ul class="editions">{links}</ul></nav>\n'
    heads = "".join(f"<li>{escape(s['headline'])}</li>" for s in latest["stories"][:8])
    epub = next((f for f in latest["files"] if f["kind"] == "epub"), None)
    latest_html = (
        f'<section class="latest" aria-labelledby="latest">\n<h2 id="latest">{escape(t("latest"))}</h2>\n'
        f'<div class="issue">\n<a class="cover" href="{latest["stem"]}/index.html"><img src="{latest["stem"]}/thumbnail.jpg" '
        f'width="{latest["thumbnail"]["width"]}" height="{latest["thumbnail"]["height"]}" '
        f'alt="{escape(t("cover_alt", title=latest["title"]))}"></a>\n<div>\n'
        f'<h3><a href="{latest["stem"]}/index.html">{escape(_display_name(latest))}</a></h3>\n'
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
        groups[volume].sort(key=lambda e: (0, -_number(e["number"])) if _number(e["number"]) is not None else (1, 0))
        title = t("volume", volume=volume) if volume else t("other_issues")
        items = "".join(
            f'<li><a href="{e["stem"]}/index.html">{escape(_display_name(e))}</a>'
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
                  + "".join(f'<link rel="alternate" hreflang="{e.language}" href="{_index_name(e.language)}">\n'
                            for e in others))
    body = (f'<header class="site">\n<h1 class="paper">{escape(edition.name)}</h1>\n{nav}</header>\n<main>\n'
            f'{latest_html}{archive}{catalogs}</main>\n')
    return _page(lang, f"{edition.name} — {t('all_issues')}", "site.css", body, alternates)


# --------------------------------------------------------------------------------------------------
# Catalogs


def _updated(entry: dict) -> str:
    """Atom's `updated` of an issue: its first date, else when its EPUB was built (never 1970)."""
    return f"{entry['date_start']}T00:00:00Z" if entry["date_start"] else entry["built"]


def _catalog_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(CATALOG_NAMESPACE, '/'.join(parts))}"


def _summary(entry: dict) -> str:
    """The catalogs' summary: the lead stories (`Lead stories: A; B; C.`), else the description."""
    lead = "; ".join(s["headline"] for s in entry["stories"][:LEAD_STORIES])
    return f"{label(entry['language'], 'lead_stories')}: {lead}." if lead else entry["description"]


def _atom_entry(entry: dict) -> str:
    base = f"../{entry['stem']}/"
    lines = [
        "<entry>",
        f"<title>{escape(entry['title'])}</title>",
        f"<id>{escape(entry['identifier'])}</id>",
        f"<updated>{_updated(entry)}</updated>",
    ]
    if entry["publisher"]:
        lines.append(f"<author><name>{escape(entry['publisher'])}</name></author>")
    if entry["rights"]:
        lines.append(f"<rights>{escape(entry['rights'])}</rights>")
    lines += [f"<dc:identifier>{escape(entry['identifier'])}</dc:identifier>",
              f"<dc:language>{escape(entry['language'])}</dc:language>"]
    if entry["date_start"]:
        lines.append(f"<dc:issued>{entry['date_start']}</dc:issued>")
    if entry["publisher"]:
        lines.append(f"<dc:publisher>{escape(entry['publisher'])}</dc:publisher>")
    if entry["issue_line"]:
        lines.append(f"<dc:bibliographicCitation>{escape(entry['issue_line'])}</dc:bibliographicCitation>")
    summary = _summary(entry)
    if summary:
        lines.append(f'<summary type="text">{escape(summary)}</summary>')
    content = ". ".join(part for part in (entry["issue_line"], entry["description"] if entry["description"] != summary else "")
                        if part)
    if content:
        lines.append(f'<content type="text">{escape(content)}</content>')
    lines += [
        f'<link rel="http://opds-spec.org/image" href={quoteattr(base + "cover.jpg")} type="image/jpeg"/>',
        f'<link rel="http://opds-spec.org/image/thumbnail" href={quoteattr(base + "thumbnail.jpg")} type="image/jpeg"/>',
        f'<link rel="alternate" href={quoteattr(base + "index.html")} type="text/html"/>',
    ]
    for f in entry["files"]:
        if f["kind"] == "html":
            continue
        title = site_label(entry["language"], f["kind"])
        lines.append(f'<link rel="{OPEN_ACCESS}" href={quoteattr(base + f["href"])} type="{f["type"]}" '
                     f'length="{f["size"]}" title={quoteattr(title)}/>')
    lines.append("</entry>")
    return "\n".join(lines)


def _atom_feed(kind: str, ident: str, title: str, updated: str, self_href: str, body: str, lang: str,
               extra_links: str = "", author: str = "") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" '
            f'xmlns:opds="http://opds-spec.org/2010/catalog" xml:lang="{escape(lang)}">\n'
            f"<id>{ident}</id>\n<title>{escape(title)}</title>\n<updated>{updated}</updated>\n"
            + (f"<author><name>{escape(author)}</name></author>\n" if author else "")
            + f'<link rel="self" href="{self_href}" type="{kind}"/>\n'
            f'<link rel="start" href="root.xml" type="{ATOM_NAV}"/>\n{extra_links}{body}\n</feed>\n')


def atom_catalogs(all_editions: list[Edition], key: str) -> dict[str, str]:
    """`opds/root.xml` (navigation) → `opds/<lang>.xml` per edition and `opds/all.xml` (the complete,
    crawlable feed)."""
    everything = sorted((e for ed in all_editions for e in ed.entries), key=lambda e: _updated(e), reverse=True)
    newest = max(_updated(e) for e in everything)
    out = {}
    nav_entries = []
    for edition in all_editions:
        updated = max(_updated(e) for e in edition.entries)
        lang = edition.language
        title = f"{edition.name} — {site_label(lang, 'edition')}"
        publisher = next((e["publisher"] for e in edition.entries if e["publisher"]), "") or edition.name
        out[f"{lang}.xml"] = _atom_feed(
            ATOM_ACQ, _catalog_id(key, lang), title, updated, f"{lang}.xml",
            "\n".join(_atom_entry(e) for e in edition.entries), lang,
            f'<link rel="up" href="root.xml" type="{ATOM_NAV}"/>\n'
            f'<link rel="alternate" href="../{_index_name(lang)}" type="text/html"/>\n', publisher)
        nav_entries.append(
            f"<entry>\n<title>{escape(title)}</title>\n<id>{_catalog_id(key, lang, 'entry')}</id>\n<updated>{updated}</updated>\n"
            f'<content type="text">{escape(site_label(lang, "catalog_edition", name=edition.name))}'
            f' ({escape(site_label(lang, "issues", count=len(edition.entries)))})</content>\n'
            f'<link rel="subsection" href="{lang}.xml" type="{ATOM_ACQ}"/>\n'
            f'<link rel="http://opds-spec.org/sort/new" href="{lang}.xml" type="{ATOM_ACQ}"/>\n</entry>')
    lang = all_editions[0].language
    nav_entries.append(
        f"<entry>\n<title>{escape(site_label(lang, 'complete'))}</title>\n<id>{_catalog_id(key, 'all', 'entry')}</id>\n"
        f"<updated>{newest}</updated>\n<content type=\"text\">{escape(site_label(lang, 'catalog_all'))}</content>\n"
        f'<link rel="subsection" href="all.xml" type="{ATOM_ACQ}"/>\n</entry>')
    name = all_editions[0].name
    crawl = f'<link rel="http://opds-spec.org/crawlable" href="all.xml" type="{ATOM_ACQ}"/>\n'
    out["root.xml"] = _atom_feed(ATOM_NAV, _catalog_id(key, "root"), name, newest, "root.xml",
                                 "\n".join(nav_entries), lang, crawl, name)
    out["all.xml"] = _atom_feed(ATOM_ACQ, _catalog_id(key, "all"), f"{name} — {site_label(lang, 'complete')}", newest,
                                "all.xml", "\n".join(_atom_entry(e) for e in everything), lang,
                                f'<link rel="up" href="root.xml" type="{ATOM_NAV}"/>\n' + crawl, name)
    return out


def _number(value: str):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else number


def _opds2_publication(entry: dict) -> dict:
    base = f"../{entry['stem']}/"
    meta = {"@type": "http://schema.org/PublicationIssue", "title": entry["title"],
            "identifier": entry["identifier"], "language": entry["language"], "modified": _updated(entry)}
    if entry["issue_line"]:
        meta["subtitle"] = entry["issue_line"]
    if entry["date_start"]:
        meta["published"] = entry["date_start"]
    if entry["publisher"]:
        meta["publisher"] = entry["publisher"]
    summary = _summary(entry)
    if summary:
        meta["description"] = summary
    periodical = {"name": entry["publication"] or entry["stem"]}
    for field, key in (("volume", "volume"), ("number", "issue")):
        if _number(entry[field]) is not None:
            periodical[key] = _number(entry[field])
    meta["belongsTo"] = {"newspaper": periodical}
    links = [{"rel": "alternate", "href": base + "index.html", "type": "text/html"}]
    for f in entry["files"]:
        if f["kind"] != "html":
            links.append({"rel": OPEN_ACCESS, "href": base + f["href"], "type": f["type"], "size": f["size"],
                          "title": site_label(entry["language"], f["kind"])})
    images = [{"href": base + "cover.jpg", "type": "image/jpeg", "width": entry["cover"]["width"],
               "height": entry["cover"]["height"]},
              {"href": base + "thumbnail.jpg", "type": "image/jpeg", "width": entry["thumbnail"]["width"],
               "height": entry["thumbnail"]["height"]}]
    return {"metadata": meta, "links": links, "images": images}


def opds2_catalogs(all_editions: list[Edition]) -> dict[str, str]:
    """The same catalogs in OPDS 2.0: `opds/root.json` → `opds/<lang>.json`, `opds/all.json`."""
    def feed(title, self_href, extra, **content):
        links = [{"rel": "self", "href": self_href, "type": OPDS2},
                 {"rel": "start", "href": "root.json", "type": OPDS2}] + extra
        return json.dumps({"metadata": {"title": title, **content.pop("metadata", {})}, "links": links, **content},
                          ensure_ascii=False, indent=1) + "\n"
    everything = sorted((e for ed in all_editions for e in ed.entries), key=lambda e: _updated(e), reverse=True)
    up = [{"rel": "up", "href": "root.json", "type": OPDS2}]
    out, navigation = {}, []
    for edition in all_editions:
        lang = edition.language
        title = f"{edition.name} — {site_label(lang, 'edition')}"
        out[f"{lang}.json"] = feed(title, f"{lang}.json", up, publications=[_opds2_publication(e) for e in edition.entries],
                                   metadata={"numberOfItems": len(edition.entries),
                                             "modified": max(_updated(e) for e in edition.entries)})
        navigation.append({"href": f"{lang}.json", "title": title, "type": OPDS2, "rel": "subsection"})
    lang, name = all_editions[0].language, all_editions[0].name
    navigation.append({"href": "all.json", "title": site_label(lang, "complete"), "type": OPDS2, "rel": "subsection"})
    out["all.json"] = feed(f"{name} — {site_label(lang, 'complete')}", "all.json", up,
                           publications=[_opds2_publication(e) for e in everything],
                           metadata={"numberOfItems": len(everything)})
    out["root.json"] = feed(name, "root.json", [], navigation=navigation)
    return out


# --------------------------------------------------------------------------------------------------
# Step 2: the shared pages


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
        written[site / _index_name(edition.language)] = render_index(edition, all_editions)
    written[site / "index.html"] = written[site / _index_name(all_editions[0].language)]
    for name, text in {**atom_catalogs(all_editions, key), **opds2_catalogs(all_editions)}.items():
        written[site / "opds" / name] = text
    for path, text in written.items():
        write_atomically(path, text)
    stems = {entry["stem"] for entry in entries}
    for folder in site.iterdir():  # an issue no longer built is no longer published
        if folder.is_dir() and folder.name not in stems and (folder / "thumbnail.jpg").is_file():
            shutil.rmtree(folder)
    return list(written)


# --------------------------------------------------------------------------------------------------
# What the server says each file is


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
