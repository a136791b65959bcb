"""Step 1 of the site, once per issue: its page (cover, downloads with their sizes, "In this issue"), its
files linked in beside it, the cover and thumbnail drawn from the EPUB's cover, and its entry for step 2."""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from ..errors import InputError
from ..lang.labels import human_size, issue_line_parts, issue_title, site_label
from ..model import Article, Paragraph
from ..model.inlines import plain_text
from ..model.issue_json import MODEL_SUFFIX, load_issue_json
from ..output import write_atomically
from .archive import DOWNLOADS, ENTRY_SUFFIX, LEAD_STORIES, READ_ONLINE, index_name

THUMBNAIL_WIDTH = 400
FIRST_LINE_WORDS = 24


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


def site_page(lang: str, title: str, css: str, body: str, alternates: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{escape(title)}</title>\n<link rel="stylesheet" href="{css}">\n{alternates}</head>\n'
            f'<body>\n{body}</body>\n</html>\n')


def display_name(entry: dict) -> str:
    """What names an issue in a list: its issue line, else its lead headline, else its file name."""
    if entry["issue_line"]:
        return entry["issue_line"]
    head = entry["stories"][0]["headline"] if entry["stories"] else entry["stem"]
    return f"{head} ({site_label(entry['language'], 'undated')})"


def render_issue_page(entry: dict) -> str:
    lang = entry["language"]
    t = lambda key, **v: site_label(lang, key, **v)  # noqa: E731
    home = f"../{index_name(lang)}"
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
    return site_page(lang, entry["title"], "../site.css", body)


