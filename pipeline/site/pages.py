"""Step 1 of the site, once per issue: its files linked in at its address (`build/site/en/v16/n04/`), the
cover and thumbnails drawn from the EPUB's cover, and what step 2 needs from it, beside its model: the
entry (titles, dates, stories, files and sizes), its stories' pages as HTML, and their words for search."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

from ..errors import InputError
from ..lang.labels import issue_line_parts
from ..model import Article, Box, ListBlock, Paragraph
from ..model.inlines import plain_text
from ..model.issue_json import MODEL_SUFFIX, load_issue_json
from ..output import write_atomically
from ..writers.address import issue_address, story_page
from .archive import DOWNLOADS, ENTRY_SUFFIX, LEAD_STORIES, READ_ONLINE, STORIES_SUFFIX, WORDS_SUFFIX, reserved_stem
from .words import story_words

THUMBNAIL_WIDTHS = (100, 200, 400)  # shown 64 and 192 CSS px wide, on plain screens and dense ones
FIRST_LINE_WORDS = 24


def issue_page(model_path: str | Path, site: str | Path) -> dict:
    """Publish the issue whose model is `model_path` at its address in `site`; return its entry (also
    written beside the model, with its stories and their words)."""
    model_path, site = Path(model_path), Path(site)
    if not model_path.name.endswith(MODEL_SUFFIX) or not model_path.is_file():
        raise InputError(str(model_path), f"not a model (build/<stem>/<stem>{MODEL_SUFFIX}); run `make models`")
    stem = model_path.name[: -len(MODEL_SUFFIX)]
    try:
        issue = load_issue_json(model_path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, UnicodeDecodeError) as err:
        raise InputError(str(model_path), f"not a model written by `python -m pipeline model` ({err}); rebuild it") from None
    if why := reserved_stem(stem):
        raise InputError(issue.path, f"this manuscript's name cannot be published: {why}; rename it")
    built = model_path.parent
    epub = built / f"{stem}.epub"
    if not epub.is_file():
        raise InputError(str(epub), "the issue's EPUB is missing; run `make epub` first")
    meta = issue.metadata
    address = issue_address(meta, stem)
    folder = site / address
    _check_address_is_free(folder, stem, issue.path, address)

    files = []
    for suffix, kind, media_type in DOWNLOADS + (READ_ONLINE,):
        source = built / f"{stem}{suffix}"
        if source.is_file():
            _link(source, folder / source.name)
            files.append({"href": source.name, "kind": kind, "type": media_type, "size": source.stat().st_size})
    photos = _link_photos(issue, folder)

    data = epub.read_bytes()
    cover, thumbnails = _covers(data)
    write_atomically(folder / "cover.jpg", cover[0])
    for image, width, height in thumbnails:
        write_atomically(folder / f"thumbnail-{width}.jpg", image)
    stories = [a for a in issue.items if isinstance(a, Article)]
    from ..writers.epub import book_title, issue_identifier
    from ..writers.html import issue_description, render_article, story_title

    pages = [{"id": a.id, "html": render_article(a, meta.language)} for a in stories]
    entry = {
        "stem": stem,
        "address": address,
        "identifier": issue_identifier(issue),
        "title": book_title(issue),
        "publication": meta.publication or "",
        "language": meta.language,
        "volume": meta.volume, "number": meta.number,
        "date_start": meta.date_start, "date_end": meta.date_end, "date_text": meta.date_text,
        "issue_line": _issue_line(meta),
        "publisher": meta.publisher, "rights": meta.rights, "downloads": meta.downloads,
        "description": issue_description(issue, LEAD_STORIES),
        "stories": [{"id": a.id, "page": story_page(a.id, stem), "headline": story_title(a),
                     "kicker": plain_text(a.kicker.inlines) if a.kicker else "",
                     "deck": plain_text(a.deck.inlines) if a.deck else "",
                     "section": a.section, "first_line": _first_line(a), "words": _word_count(a)} for a in stories],
        "files": files,
        "photos": photos,
        "cover": {"href": "cover.jpg", "type": "image/jpeg", "width": cover[1], "height": cover[2],
                  "size": len(cover[0])},
        "thumbnails": [{"href": f"thumbnail-{w}.jpg", "type": "image/jpeg", "width": w, "height": h, "size": len(i)}
                       for i, w, h in thumbnails],
        "modified": _modified(data),
        # the stories' pages change when this does: step 2 rewrites an issue's pages only then
        "digest": hashlib.sha256(json.dumps(pages, ensure_ascii=False).encode()).hexdigest()[:16],
    }
    words = [story_words(" ".join(filter(None, (s["kicker"], s["headline"], s["deck"]))),
                         _story_text(a)) for s, a in zip(entry["stories"], stories)]
    write_atomically(built / f"{stem}{STORIES_SUFFIX}", json.dumps(pages, ensure_ascii=False) + "\n")
    write_atomically(built / f"{stem}{WORDS_SUFFIX}", json.dumps(words, ensure_ascii=False) + "\n")
    write_atomically(built / f"{stem}{ENTRY_SUFFIX}", json.dumps(entry, ensure_ascii=False, indent=1) + "\n")
    return entry


def _check_address_is_free(folder: Path, stem: str, manuscript: str, address: str) -> None:
    """Another issue's EPUB at this address means two issues of one edition claim the same volume and
    number (or date): refused, naming both, before anything of this one is written."""
    for other in sorted(folder.glob("*.epub")) if folder.is_dir() else ():
        name = other.name.removesuffix(".kepub.epub").removesuffix(".epub")
        if name != stem:
            raise InputError(manuscript, f"has the same address on the site ({address}) as {name}: the same "
                                         "edition, volume and number (or date); correct one in its sidecar")


def _link(source: Path, target: Path) -> None:
    """`target` the same file as `source`: a hard link (no copy, no second disk space; the writers
    replace outputs whole, so a later build never changes a published file in place), or a copy
    where links cannot be made (another file system)."""
    if target.exists() and not target.is_symlink() and os.path.samefile(source, target):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    if tmp.exists() or tmp.is_symlink():
        tmp.unlink()
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def _link_photos(issue, folder: Path) -> list[dict]:
    """The issue's photos beside its story pages (`photos/<name>`, as the stories' markup names them)."""
    from ..readers.photos import issue_photos, photo_folder
    from ..writers.html import PHOTO_HREF

    out = []
    for name in dict.fromkeys(c.photo for c in issue_photos(issue)):
        source = photo_folder(issue.path) / name
        _link(source, folder / PHOTO_HREF / name)
        out.append({"href": f"{PHOTO_HREF}{name}", "size": source.stat().st_size})
    return out


def _covers(epub: bytes) -> tuple[tuple[bytes, int, int], list[tuple[bytes, int, int]]]:
    """The EPUB's cover image (the manifest's `cover-image` item) and thumbnails of it, as JPEG
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
    thumbnails = []
    for size in THUMBNAIL_WIDTHS:
        small = image.resize((size, round(height * size / width)), Image.LANCZOS)
        out = io.BytesIO()
        small.save(out, "JPEG", quality=80, optimize=True, progressive=True)
        thumbnails.append((out.getvalue(), small.width, small.height))
    if item.get("media-type") != "image/jpeg":
        full = io.BytesIO()
        image.save(full, "JPEG", quality=88)
        data = full.getvalue()
    return (data, width, height), thumbnails


def _modified(epub: bytes) -> str:
    """The EPUB's `dcterms:modified`: the catalogs' `updated` for an issue (its date, or for an undated
    one the EPUB's own fixed stamp, never the build's clock)."""
    from lxml import etree

    book = zipfile.ZipFile(io.BytesIO(epub))
    opf_path = etree.fromstring(book.read("META-INF/container.xml")).find(".//{*}rootfile").get("full-path")
    opf = etree.fromstring(book.read(opf_path))
    return next((m.text for m in opf.iter("{*}meta") if m.get("property") == "dcterms:modified"), "")


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


def _story_text(article: Article) -> str:
    """Every word of a story's body (paragraphs, subheads, captions, lists, quotes), for the search."""
    parts = []
    for block in article.body:
        if isinstance(block, ListBlock):
            parts += [plain_text(item) for item in block.items]
        elif isinstance(block, Box):
            parts += [plain_text(b.inlines) for b in block.blocks if hasattr(b, "inlines")]
        elif hasattr(block, "inlines"):
            parts.append(plain_text(block.inlines))
    return " ".join(parts)


def _word_count(article: Article) -> int:
    return len(_story_text(article).split())
