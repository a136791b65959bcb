"""EPUB writer: an issue as a valid, accessible, reproducible EPUB 3 for e-readers.

ebooklib (0.20) only writes the container; every XHTML document (stories, contents, section pages,
cover page, nav) is rendered here, the stories by the HTML writer's own functions so the two cannot
drift. Reading order: cover → "In this issue" → sections (front page, reports, letters), each with
an opener page and one file per story → boxes and notices. Workarounds for ebooklib 0.20 follow
shared/reference/epub.md §3 (its problem numbers are cited).
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape

from ebooklib import epub
from lxml import etree

from ..lang.labels import issue_line_parts, issue_title, label
from ..lang.typography import curl_quotes
from ..model import Article, Box, Caption, Issue, Masthead, Paragraph, SECTIONS, SeeInside
from ..model.inlines import plain_text
from . import STYLES
from .cover import render_cover
from .html import (issue_description, render_article, render_block, render_box, render_issue_line, render_see_inside,
                   story_title)

STYLESHEET = "css/epub.css"
SERIES_NAMESPACE = uuid.UUID("6f1c4b5e-2a0e-4d43-9c4e-7b1f0e6a5d21")  # fixed: identifiers must never change
A11Y_SUMMARY = {
    "en": "Text newspaper issue with a navigable table of contents, headings for every story and "
          "descriptive captions; photographs are not included, their captions are.",
    "es": "Número del periódico en texto, con índice navegable, títulos para cada nota y pies de foto; "
          "las fotografías no se incluyen, sus pies sí.",
}


A11Y_SUMMARY_PHOTOS = {  # when the editor gave photos (pipeline/readers/photos.py): each has its caption as alt text
    "en": "Text newspaper issue with a navigable table of contents, headings for every story and "
          "photographs, each described by its caption.",
    "es": "Número del periódico en texto, con índice navegable, títulos para cada nota y fotografías, "
          "cada una descrita por su pie de foto.",
}


@dataclass(frozen=True)
class Section:
    """A group of stories in the e-book: its key (file name), title and stories in reading order."""

    key: str
    title: str
    stories: tuple[Article, ...]


def render_epub(issue: Issue, source_date_epoch: int | None = None) -> bytes:
    """The EPUB as bytes. Two calls with the same issue and epoch give the same bytes."""
    meta = issue.metadata
    lang = meta.language
    stamp = datetime.fromtimestamp(source_date_epoch if source_date_epoch is not None else issue_epoch(issue),
                                   tz=timezone.utc)
    book = epub.EpubBook()
    book.set_identifier(issue_identifier(issue))
    book.set_title(book_title(issue))
    book.set_language(lang)
    _add_metadata(book, issue, stamp)

    css = epub.EpubItem(uid="css", file_name=STYLESHEET, media_type="text/css",
                        content=(STYLES / "epub.css").read_bytes())
    book.add_item(css)
    book.set_cover("images/cover.jpg", render_cover(issue), create_page=False)  # problem 3: own cover page
    _add_photos(book, issue)

    sections = group_sections(issue)
    pages: list[tuple[str, str, bytes]] = [  # (id, file name, xhtml) in spine order
        ("cover", "cover.xhtml", _page(label(lang, "cover"), lang, _cover_body(issue), "cover")),
        ("titlepage", "titlepage.xhtml", _page(issue_title(meta), lang, _titlepage_body(issue), "titlepage")),
        ("contents", "contents.xhtml", _page(label(lang, "in_this_issue"), lang, _contents_body(issue, sections))),
    ]
    toc: list = [epub.Link("contents.xhtml", label(lang, "in_this_issue"), "toc-contents")]
    stories = [article for section in sections for article in section.stories]
    extras = [item for item in issue.items if not isinstance(item, (Article, Masthead, SeeInside))
              and not _repeats_masthead(item, meta) and not getattr(item, "print_only", False)]
    ending = ("extras.xhtml", label(lang, "from_the_paper")) if extras else ("colophon.xhtml", label(lang, "colophon"))
    following = {a.id: (_story_file(b.id), story_title(b)) for a, b in zip(stories, stories[1:])}
    for section in sections:  # no opener pages: the nav and "In this issue" already list every story
        children = []
        for article in section.stories:
            nxt = following.get(article.id, ending)
            pages.append((article.id, _story_file(article.id),
                          _page(story_title(article), lang, render_article(article, lang, epub=True)
                                + _next_link(nxt, lang))))
            children.append(epub.Link(_nav_href(section, article), story_title(article), f"toc-{article.id}"))
        toc.append((epub.Section(section.title, href=_story_file(section.stories[0].id)), children))  # problem 9
    if extras:
        title = label(lang, "from_the_paper")
        pages.append(("extras", "extras.xhtml", _page(title, lang, _extras_body(extras, lang, title))))
        toc.append(epub.Link("extras.xhtml", title, "toc-extras"))
    pages.append(("colophon", "colophon.xhtml", _page(label(lang, "colophon"), lang, _colophon_body(issue))))
    toc.append(epub.Link("colophon.xhtml", label(lang, "colophon"), "toc-colophon"))

    for uid, name, content in pages:  # problem 4: raw items, never EpubHtml
        book.add_item(epub.EpubItem(uid=uid, file_name=name, media_type="application/xhtml+xml", content=content))
    nav = epub.EpubItem(uid="nav", file_name="nav.xhtml", media_type="application/xhtml+xml",
                        content=_nav(issue, sections, bool(extras)))
    nav.properties = ["nav"]  # problem 10: our own nav with hidden landmarks
    book.add_item(nav)
    book.add_item(epub.EpubNcx())  # problem 8: the spine always names an NCX
    book.toc = toc
    book.spine = [uid for uid, _, _ in pages]

    out = io.BytesIO()
    writer = _ReproducibleWriter(out, book, {
        "mtime": stamp, "epub3_pages": False, "epub3_landmark": False, "epub2_guide": False,  # problem 6
        "play_order": {"enabled": True, "start_from": 1}, "compresslevel": 9, "language": lang,
    })
    writer.process()
    writer.write()
    return out.getvalue()


def _add_photos(book: epub.EpubBook, issue: Issue) -> None:
    """The issue's photos in the package, where the stories' `<img src="photos/…">` points (each read
    and checked again from the photo folder: pipeline/readers/photos.py)."""
    from ..readers.photos import issue_photos, photo_folder, read_photo
    from .html import PHOTO_HREF

    for n, name in enumerate(dict.fromkeys(c.photo for c in issue_photos(issue)), 1):
        data, kind, _, _ = read_photo(photo_folder(issue.path) / name)
        book.add_item(epub.EpubItem(uid=f"photo-{n}", file_name=f"{PHOTO_HREF}{name}", media_type=kind, content=data))


def issue_identifier(issue: Issue) -> str:
    """`urn:uuid:` derived from publication, language, volume and number: the same issue always has the
    same identifier (readers and catalogs key on it)."""
    meta = issue.metadata
    key = "/".join([meta.publication.casefold(), meta.language, meta.volume or "", meta.number or "",
                    "" if meta.volume else meta.date_start])
    return f"urn:uuid:{uuid.uuid5(SERIES_NAMESPACE, key)}"


UNDATED_EPOCH = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip holds: "no date known"


def issue_epoch(issue: Issue) -> int:
    """SOURCE_DATE_EPOCH's default: the issue's first date at midnight UTC. Without one (a web copy with
    no sidecar: a report warning) nothing in the issue tells a date, and a file's or the clock's time
    would make the bytes differ from one checkout or day to the next: 1980-01-01, the zip's first day,
    stands for "unknown" (never 1970, never the build day)."""
    if not issue.metadata.date_start:
        return UNDATED_EPOCH
    return int(datetime.fromisoformat(issue.metadata.date_start).replace(tzinfo=timezone.utc).timestamp())


def book_title(issue: Issue) -> str:
    """The title a library shows: `Red Flag — Vol. 16 No. 4, March 12 – April 2, 2025`; an issue with
    neither number nor date adds its lead headline (`Red Flag — Strike at the Port`), so that several
    undated issues never look identical on a shelf."""
    title = issue_title(issue.metadata)
    if issue_line_parts(issue.metadata):
        return title
    stories = [a for a in issue.items if isinstance(a, Article)]
    lead = next((a for a in stories if not a.headline.derived), stories[0] if stories else None)
    return f"{title} — {story_title(lead)}" if lead else title


def group_sections(issue: Issue) -> list[Section]:
    """The stories by the section the normalizing steps filed them in (front page, reports, letters),
    each in reading order, empty ones left out."""
    lang = issue.metadata.language
    stories = [item for item in issue.items if isinstance(item, Article)]
    groups = [(key, label(lang, "front_page" if key == "front" else key)) for key in SECTIONS]
    return [Section(key, title, tuple(a for a in stories if a.section == key)) for key, title in groups
            if any(a.section == key for a in stories)]


# --------------------------------------------------------------------------------------------------
# Pages

def _page(title: str, lang: str, body: str, body_class: str = "") -> bytes:
    """An XHTML content document: XML declaration (Kindle assumes Latin-1 without it), `lang` and
    `xml:lang`, the z3998 prefix, only title and stylesheet in the head."""
    cls = f' class="{body_class}"' if body_class else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'epub:prefix="z3998: http://www.daisy.org/z3998/2012/vocab/structure/#" lang="{lang}" xml:lang="{lang}">\n'
        f'<head>\n<title>{escape(title)}</title>\n<link rel="stylesheet" type="text/css" href="{STYLESHEET}"/>\n</head>\n'
        f"<body{cls}>\n{body}</body>\n</html>\n"
    ).encode("utf-8")


def _cover_body(issue: Issue) -> str:
    alt = escape(f"{issue_title(issue.metadata)}. " + issue_description(issue))
    return (f'<section epub:type="cover" class="cover">\n'
            f'<img src="images/cover.jpg" alt="{alt}" role="doc-cover"/>\n</section>\n')


def _contents_body(issue: Issue, sections: list[Section]) -> str:
    """"In this issue": each section's stories with kicker, headline and first line; the teasers."""
    lang = issue.metadata.language
    meta = issue.metadata
    parts = [f'<section class="contents" aria-labelledby="contents-title">\n'
             f'<h1 id="contents-title">{escape(label(lang, "in_this_issue"))}</h1>\n'
             f'<p class="issue-line">{escape(issue_title(meta))}</p>\n']
    for item in issue.items:
        if isinstance(item, SeeInside):
            parts.append(render_see_inside(item, lang, href=_story_file))
    for section in sections:
        parts.append(f'<h2 class="section-title">{escape(section.title)}</h2>\n<ol>\n')
        for article in section.stories:
            kicker = f'<span class="kicker">{escape(plain_text(article.kicker.inlines))}</span><br/>' if article.kicker else ""
            parts.append(f'<li>{kicker}<a class="story-title" href="{_story_file(article.id)}">{escape(story_title(article))}</a>'
                         f'<br/><span class="first-line">{escape(_first_line(article))}</span></li>\n')
        parts.append("</ol>\n")
    parts.append("</section>\n")
    return "".join(parts)


def _story_file(story_id: str) -> str:
    """Where a story lives in the book (teasers link there): one file per story."""
    return f"{story_id}.xhtml"


def _first_line(article: Article, words: int = 18) -> str:
    for block in article.body:
        if isinstance(block, Paragraph):
            text = plain_text(block.inlines).split()
            return " ".join(text[:words]) + ("…" if len(text) > words else "")
    return ""


def _nav_href(section: Section, article: Article) -> str:
    """A story's address in the nav and NCX. A section's entry opens its first story's file, so that
    story's own entry points at its article (`file#id`): two entries never share a target (NCX
    playOrder) and the nav stays in reading order."""
    return f"{_story_file(article.id)}#{article.id}" if article is section.stories[0] else _story_file(article.id)


def _next_link(target: tuple[str, str], lang: str) -> str:
    """At the end of a story file: the next story's headline (or what follows the last story), linked."""
    href, title = target
    word = escape(label(lang, "next"))
    return (f'<nav class="next-story" aria-label="{word}">\n<p><a href="{href}">{word}: {escape(title)}</a></p>\n</nav>\n')


def _repeats_masthead(item, meta) -> bool:
    """A box holding only the paper's slogan (or name): the masthead already says it."""
    if not isinstance(item, Box):
        return False
    words = " ".join(plain_text(b.inlines) for b in item.blocks if hasattr(b, "inlines"))
    key = " ".join(words.casefold().split())
    return bool(key) and key in {" ".join(x.casefold().split()) for x in (meta.slogan, meta.publication) if x}


def _titlepage_body(issue: Issue) -> str:
    """The title page: the paper's name, its slogan, the issue line, the publisher."""
    meta = issue.metadata
    lang = meta.language
    lines = [f'<h1 id="titlepage-title" class="nameplate">{escape(meta.publication or issue_title(meta))}</h1>']
    if meta.slogan:
        lines.append(f'<p class="slogan">{escape(meta.slogan)}</p>')
    if issue_line := render_issue_line(meta):
        lines.append(f'<p class="issue-line">{issue_line}</p>')
    if meta.publisher:
        lines.append(f'<p class="publisher">{escape(curl_quotes(meta.publisher, lang))}</p>')
    return (f'<section epub:type="titlepage" class="titlepage" aria-labelledby="titlepage-title">\n'
            + "\n".join(lines) + "\n</section>\n")


def _colophon_body(issue: Issue) -> str:
    """The colophon and imprint, from the publication's metadata: who publishes it, where to find the
    paper and its issues, the rights; what is missing is a report warning (check_publication_metadata)."""
    meta = issue.metadata
    lang = meta.language
    issue_line = render_issue_line(meta)
    rows = [f'<p class="issue-line">{escape(meta.publication)}{" · " + issue_line if issue_line else ""}</p>']
    if meta.publisher:
        rows.append(f'<p>{escape(label(lang, "published_by"))} {escape(curl_quotes(meta.publisher, lang))}.</p>')
    for key, url in (("website", meta.website), ("downloads_at", meta.downloads)):
        if url:
            rows.append(f'<p>{escape(label(lang, key))}: <a href="{escape(url)}">{escape(url)}</a></p>')
    if meta.rights:
        rows.append(f'<p class="rights">{escape(meta.rights)}</p>')
    rows.append(f'<p class="made">{escape(label(lang, "made_with"))}</p>')
    title = escape(label(lang, "colophon"))
    return (f'<section epub:type="colophon" role="doc-colophon" class="colophon" aria-labelledby="colophon-title">\n'
            f'<h1 id="colophon-title">{title}</h1>\n<section epub:type="imprint" aria-label="{escape(label(lang, "imprint"))}">\n'
            + "\n".join(rows) + "\n</section>\n</section>\n")


def _extras_body(items, lang: str, title: str) -> str:
    parts = [f'<section aria-labelledby="extras-title">\n<h1 id="extras-title">{escape(title)}</h1>\n']
    for item in items:
        if isinstance(item, Box):
            parts.append(render_box(item, 'epub:type="z3998:sidebar"'))
        elif isinstance(item, Caption):
            parts.append(render_block(item))
    parts.append("</section>\n")
    return "".join(parts)


def _nav(issue: Issue, sections: list[Section], extras: bool) -> bytes:
    """The navigation document: a two-level table of contents (sections → stories) and hidden landmarks."""
    lang = issue.metadata.language
    toc = [f'<li><a href="contents.xhtml">{escape(label(lang, "in_this_issue"))}</a></li>\n']
    for section in sections:
        stories = "".join(f'<li><a href="{_nav_href(section, a)}">{escape(story_title(a))}</a></li>\n' for a in section.stories)
        toc.append(f'<li><a href="{_story_file(section.stories[0].id)}">{escape(section.title)}</a>\n<ol>\n{stories}</ol>\n</li>\n')
    if extras:
        toc.append(f'<li><a href="extras.xhtml">{escape(label(lang, "from_the_paper"))}</a></li>\n')
    toc.append(f'<li><a href="colophon.xhtml">{escape(label(lang, "colophon"))}</a></li>\n')
    first = _story_file(sections[0].stories[0].id) if sections else "contents.xhtml"
    body = (
        f'<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">\n'
        f'<h1 id="toc-title">{escape(label(lang, "contents"))}</h1>\n<ol>\n{"".join(toc)}</ol>\n</nav>\n'
        f'<nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-label="{escape(label(lang, "landmarks"))}">\n<ol>\n'
        f'<li><a epub:type="cover" href="cover.xhtml">{escape(label(lang, "cover"))}</a></li>\n'
        f'<li><a epub:type="titlepage" href="titlepage.xhtml">{escape(issue_title(issue.metadata))}</a></li>\n'
        f'<li><a epub:type="toc" href="contents.xhtml">{escape(label(lang, "in_this_issue"))}</a></li>\n'
        f'<li><a epub:type="bodymatter" href="{first}">{escape(label(lang, "first_story"))}</a></li>\n'
        "</ol>\n</nav>\n"
    )
    return _page(label(lang, "contents"), lang, body)


# --------------------------------------------------------------------------------------------------
# Metadata and the container


def _add_metadata(book: epub.EpubBook, issue: Issue, stamp: datetime) -> None:
    meta = issue.metadata
    if meta.publisher:
        book.add_author(meta.publisher, uid="author-1")  # problem 1: unique creator ids
        # an organisation files under its own name: without this calibre files "International Communist
        # Workers' Party" as "Party, International Communist Workers'"
        book.add_metadata(None, "meta", meta.publisher, {"refines": "#author-1", "property": "file-as"})
        book.add_metadata("DC", "publisher", meta.publisher)
    if meta.date_start:
        book.add_metadata("DC", "date", meta.date_start)
    if meta.rights:
        book.add_metadata("DC", "rights", meta.rights)
    description = issue_description(issue)
    if description:
        book.add_metadata("DC", "description", description)
    for subject in (label(meta.language, "subject_news"), label(meta.language, "subject_periodical")):
        book.add_metadata("DC", "subject", subject)
    if meta.publication and meta.number:
        position = meta.number if not meta.volume else f"{int(meta.volume) * 100 + int(meta.number)}"
        book.add_metadata(None, "meta", meta.publication, {"property": "belongs-to-collection", "id": "series"})
        book.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
        book.add_metadata(None, "meta", position, {"refines": "#series", "property": "group-position"})
        book.add_metadata(None, "meta", "", {"name": "calibre:series", "content": meta.publication})
        book.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": position})
    # EPUB Accessibility 1.1, ordered by property then value (Standard Ebooks' template)
    for prop, value in (
        ("schema:accessMode", "textual"), ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "alternativeText"), ("schema:accessibilityFeature", "displayTransformability"),
        ("schema:accessibilityFeature", "readingOrder"), ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"), ("schema:accessibilityFeature", "unlocked"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", _summary(issue)),
    ):
        book.add_metadata(None, "meta", value, {"property": prop})
    book.add_metadata(None, "meta", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA",
                      {"property": "dcterms:conformsTo", "id": "conformance"})
    book.add_metadata(None, "meta", meta.publisher or meta.publication or "publisher",
                      {"property": "a11y:certifiedBy", "refines": "#conformance"})


def _summary(issue: Issue) -> str:
    from ..readers.photos import issue_photos

    summaries = A11Y_SUMMARY_PHOTOS if issue_photos(issue) else A11Y_SUMMARY
    return summaries.get(issue.metadata.language[:2], summaries["en"])


class _ReproducibleWriter(epub.EpubWriter):
    """ebooklib's writer with a deterministic zip (fixed times and modes, problem 11), `xml:lang` on
    <package> (problem 7) and the NCX depth computed (problem 10)."""

    def write(self):
        self.out = _FixedZip(self.file_name, self.options["mtime"], compresslevel=self.options["compresslevel"])
        self.out.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        self._write_container()
        self._write_opf()
        self._write_items()
        self.out.close()

    def _write_opf_file(self, root):
        root.set("{http://www.w3.org/XML/1998/namespace}lang", self.options["language"])
        root.set("dir", "ltr")
        super()._write_opf_file(root)

    def _get_ncx(self):
        ncx = etree.fromstring(super()._get_ncx())
        depth = 2 if any(isinstance(entry, tuple) for entry in self.book.toc) else 1
        for node in ncx.iter("{http://www.daisy.org/z3986/2005/ncx/}meta"):
            if node.get("name") == "dtb:depth":
                node.set("content", str(depth))
        return etree.tostring(ncx, xml_declaration=True, encoding="utf-8")


class _FixedZip(zipfile.ZipFile):
    """A zip whose entries all carry the same time and mode (0644, Unix), whatever the clock."""

    def __init__(self, file, stamp: datetime, compresslevel: int):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self._date_time = max(stamp, datetime(1980, 1, 1, tzinfo=timezone.utc)).timetuple()[:6]

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if isinstance(name, zipfile.ZipInfo):
            name = name.filename
        info = zipfile.ZipInfo(name, date_time=self._date_time)
        info.external_attr = 0o100644 << 16
        info.create_system = 3
        info.compress_type = compress_type if compress_type is not None else zipfile.ZIP_DEFLATED
        super().writestr(info, data, compresslevel=compresslevel)
