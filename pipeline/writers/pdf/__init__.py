"""The print family: the issue's HTML laid out by WeasyPrint with styles/print.css and one paper-*.css.

`render_print` is the one print render, which the print PDF, the booklet and the press PDF all take
(handouts.py: their own stylesheets; impose.py: the booklet's sheets; homecode.py: the back page's QR code).

Nothing is trusted: resources load only from styles/ and the manuscript's folder, every WeasyPrint
warning (a missing glyph, a blocked fetch) fails the build, and after rendering every word of every
story must be found, in order, in the text drawn on the pages (WeasyPrint can drop content in some
column layouts without a word: shared/reference/print.md §0).
"""

from __future__ import annotations

import itertools
import logging
import re
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ...errors import BuildError
from ...checks.fonts import check_coverage, embedded_fonts
from ...checks.integrity import check_pdf_against_html, laid_out_text
from ...lang.labels import label, print_language
from ...limits import run_limited
from ...checks.layout import check_layout
from ...model import Article, Issue
from .. import STYLES
from .homecode import with_home_code
from ..html import render_html

PAPERS = ("letter", "a4", "tabloid")
MAX_RENDERS = 5  # a render, then up to four more: paragraphs set without hyphens, stories started on a new page
HYPHEN_RENDERS = 2  # of which at most two for paragraphs with 3+ hyphenated lines in a row
REQUIRED_FACES = ("Oswald", "Linux-Libertine-O")  # headline and text faces: a silent fallback fails the build


@dataclass(frozen=True)
class PrintStats:
    """What the report says about one render."""

    paper: str
    pages: int
    seconds: float
    peak_mb: int
    fonts: tuple[str, ...]
    text: str = field(default="", repr=False, compare=False)  # what the pages' bodies say, as checked
    layout_warnings: tuple[str, ...] = ()  # the layout check's, each naming its page
    hyphenated: int = 0  # hyphenated line ends
    new_pages: tuple[str, ...] = ()  # stories started on a new page so that no headline is stranded
    layout: object = field(default=None, repr=False, compare=False)  # the whole LayoutReport, for tests
    unhyphenated: int = 0  # paragraphs set again without hyphens (3+ hyphenated lines in a row)

    def figures(self) -> dict:
        """What the report shows: everything but the page geometry."""
        return {"paper": self.paper, "pages": self.pages, "seconds": self.seconds, "peak_mb": self.peak_mb,
                "fonts": list(self.fonts), "layout_warnings": list(self.layout_warnings),
                "hyphenated": self.hyphenated, "new_pages": list(self.new_pages), "unhyphenated": self.unhyphenated}


def render_print(issue: Issue, paper: str, scratch: Path, stylesheets: tuple[Path, ...] | None = None,
                 variant: str | None = None, what: str = "the print render") -> tuple[bytes, PrintStats]:
    """The one print render, for the print PDF, the booklet and the press PDF: `render_pdf` in a
    child process under the render's limits (pipeline/limits.py), its temporary files (WeasyPrint's
    fonts) in `scratch`. The fonts' coverage is checked first, here, outside the limits."""
    import weasyprint  # noqa: F401 — its libraries load here, before the render's limits apply

    stylesheets = stylesheets or print_stylesheets(paper)
    check_print_coverage(issue, stylesheets)  # the faces' character sets are read here, and the child inherits them
    return run_limited(render_pdf, (issue, paper, (Path(issue.path).resolve().parent,), stylesheets, variant),
                       scratch, f"{issue.path}: {what}")


def render_pdf(issue: Issue, paper: str = "letter", asset_dirs: tuple[Path, ...] = (),
               stylesheets: tuple[Path, ...] | None = None, pdf_variant: str | None = None) -> tuple[bytes, PrintStats]:
    """The print PDF of an issue and its stats. Raises BuildError on any warning or lost word.
    `stylesheets` replace the paper's (the booklet's half-letter pages, the press PDF's bleed and marks);
    `pdf_variant` is WeasyPrint's (e.g. `pdf/x-4` for the print shop)."""
    from weasyprint import CSS, HTML  # imported here: only the print path pays for WeasyPrint
    from weasyprint.text.fonts import FontConfiguration

    if paper not in PAPERS and stylesheets is None:
        raise BuildError(f"unknown paper {paper!r}; use one of {', '.join(PAPERS)}")
    if stylesheets is None:
        stylesheets = print_stylesheets(paper)
    fetcher = _confined_fetcher((STYLES, *asset_dirs))
    fonts = FontConfiguration()  # without it, @font-face in these stylesheets is silently ignored
    html = with_home_code(render_html(issue), issue)  # the QR code that leads home, when `downloads` is set
    check_coverage(issue, html, stylesheets)  # before rendering: a character no face has is the manuscript's error
    started = time.perf_counter()
    new_pages: set[str] = set()  # stories the layout check moved to a new page
    unhyphenated: set[str] = set()  # paragraphs (`data-p`) it found with 3+ hyphenated lines in a row
    with _captured_warnings() as warnings:
        css = [CSS(filename=str(s), url_fetcher=fetcher, font_config=fonts) for s in stylesheets]
        for attempt in range(MAX_RENDERS):
            document = HTML(string=print_html(html, issue, new_pages, unhyphenated), base_url=f"{STYLES.as_uri()}/",
                            url_fetcher=fetcher).render(stylesheets=css, font_config=fonts)
            layout = check_layout(document.pages)
            if check_pdf_against_html(html, laid_out_text(document.pages)):
                break  # text lost: no second render, the integrity check below says where
            runs = set(layout.hyphen_runs) - unhyphenated
            if runs and attempt < HYPHEN_RENDERS:  # hyphens first: they move every page after them,
                unhyphenated |= runs                # so the page breaks are decided afresh after
                new_pages = set()
                continue
            stranded = {story for story, _ in layout.stranded} - new_pages
            if not stranded:
                break
            new_pages |= stranded
        # tagged whatever the variant (PDF/UA-1 unless the caller asks for another, e.g. the press's pdf/x-4)
        pdf = document.write_pdf(pdf_variant=pdf_variant or "pdf/ua-1", pdf_tags=True, finisher=_finisher)
    seconds = time.perf_counter() - started
    if warnings:
        raise BuildError(f"{issue.path}: WeasyPrint: " + "; ".join(sorted(set(warnings))[:5]))
    text = laid_out_text(document.pages)
    misses = check_pdf_against_html(html, text)
    if misses:
        raise BuildError(f"{issue.path}: the PDF lost text — " + "; ".join(misses[:5]))
    if layout.stranded:
        raise BuildError(f"{issue.path}: the layout check: " + "; ".join(
            f"page {page}: the headline of story {story} stands at the page foot, its story overleaf"
            for story, page in layout.stranded[:5]))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    embedded = tuple(sorted({font.split("+", 1)[-1] for font in embedded_fonts(pdf)}))
    text_faces = REQUIRED_FACES if "<p" in html.split("<main>", 1)[-1] else REQUIRED_FACES[:1]  # no text, no text face
    for face in text_faces:
        if not any(name.startswith(face) for name in embedded):
            raise BuildError(f"{issue.path}: the {face} font was not used (embedded: {', '.join(embedded)}); "
                             "run `make` to fetch and install the fonts")
    return pdf, PrintStats(paper, len(document.pages), round(seconds, 2), peak_mb, embedded, text,
                           tuple(layout.warnings), layout.hyphenated, tuple(sorted(new_pages)), layout,
                           len(unhyphenated))


def print_html(html: str, issue: Issue, new_pages=frozenset(), unhyphenated=frozenset()) -> str:
    """The issue's HTML as the print edition sets it (its words unchanged, so the integrity check
    reads the plain HTML): the language tags pyphen should hyphenate by (`en` → `en-US`); the last
    word of every story paragraph kept whole (`span.last-word`: WeasyPrint 70 has no
    `hyphenate-limit-last`); story paragraphs numbered (`data-p`), and those in `unhyphenated` not
    hyphenated at all (`no-hyphens`: WeasyPrint 70 has no `hyphenate-limit-lines`, so a paragraph
    the layout check found with 3+ hyphenated lines in a row is set again without); the stories in
    `new_pages` starting a page; a mark for each section's
    bookmark, over its stories' (`div.section-mark`); the teaser box's page word
    (`data-page-word`, which print.css puts before each story's page number); photos from the issue's
    photo folder."""
    from lxml import etree, html as lxml_html

    from ...readers.photos import photo_folder
    from ..html import PHOTO_HREF

    root = etree.fromstring(html.encode("utf-8"))
    for element in root.iter():
        for attribute in ("lang", "{http://www.w3.org/XML/1998/namespace}lang"):
            if element.get(attribute):
                element.set(attribute, print_language(element.get(attribute)))
    section, numbers = "", itertools.count()
    stories = {a.id: a for a in issue.items if isinstance(a, Article)}
    for article in root.iter("article"):
        story = stories.get(article.get("id"))
        header = article.find("header")
        if story is not None and story.section and story.section != section and header is not None:
            section = story.section  # the section's bookmark, over its stories' (print.css)
            title = label(issue.metadata.language, "front_page" if section == "front" else section)
            header.insert(0, etree.Element("div", {"class": "section-mark", "data-title": title}))
        if article.get("id") in new_pages:
            article.set("class", f"{article.get('class', '')} new-page")
        for paragraph in article.iter("p", "li", "figcaption"):
            number = str(next(numbers))
            paragraph.set("data-p", number)
            if number in unhyphenated:
                paragraph.set("class", f"{paragraph.get('class', '')} no-hyphens".strip())
            if "continued" not in (paragraph.get("class") or ""):
                _keep_last_word(paragraph)
    for caption in root.iter("figcaption"):  # captions between stories too
        if not any(isinstance(c, etree._Element) and c.get("class") == "last-word" for c in caption.iter()):
            _keep_last_word(caption)
    for nav in root.iter("nav"):
        for link in nav.iter("a"):
            link.set("data-page-word", label(issue.metadata.language, "page_short"))
    folder = photo_folder(issue.path).resolve()
    for image in root.iter("img"):
        if (image.get("src") or "").startswith(PHOTO_HREF):
            image.set("src", (folder / image.get("src")[len(PHOTO_HREF):]).as_uri())
    return "<!DOCTYPE html>\n" + lxml_html.tostring(root, encoding="unicode", method="html")


def _keep_last_word(paragraph) -> None:
    """Wrap the last word of `paragraph`, and the last before each `<br>` in it, in `<span
    class="last-word">` (never hyphenated)."""
    segments: list[list] = [[]]  # runs of (element, "text" | "tail") in reading order, cut at each <br>

    def walk(element):
        if element.tag == "br":
            segments.append([])
        else:
            segments[-1].append((element, "text"))
        for child in element:
            walk(child)
            segments[-1].append((child, "tail"))

    walk(paragraph)
    for segment in reversed(segments):
        for element, where in reversed(segment):
            if (getattr(element, where) or "").strip():
                _wrap_last_word(element, where)
                break


def _wrap_last_word(element, where: str) -> None:
    from lxml import etree

    text = getattr(element, where)
    match = re.search(r"(\S+)(\s*)$", text)
    if len(match.group(1)) < 6:  # hyphenate-limit-chars: 6 3 3 — too short to be broken anyway
        return
    span = etree.Element("span", {"class": "last-word"})
    span.text, span.tail = match.group(1), match.group(2)
    if where == "text":
        element.text = text[:match.start()]
        element.insert(0, span)
    else:
        element.tail = text[:match.start()]
        element.addnext(span)


def _finisher(document, pdf) -> None:
    """After WeasyPrint writes the PDF's objects: viewers open the outline (the stories by section)."""
    pdf.catalog["PageMode"] = "/UseOutlines"


def print_stylesheets(paper: str) -> tuple[Path, ...]:
    """print.css and the paper's own sheet."""
    return (STYLES / "print.css", STYLES / f"paper-{paper}.css")


def check_print_coverage(issue: Issue, stylesheets: tuple[Path, ...]) -> None:
    """The coverage check alone, run before the limited render forks: the faces' character sets are
    read here, in the parent, and the child inherits them (read in the child, under its memory limit,
    they could fail in fc-list instead of in the render)."""
    check_coverage(issue, with_home_code(render_html(issue), issue), stylesheets)


def _confined_fetcher(roots: tuple[Path, ...]):
    """A URL fetcher that serves `data:` URLs and files under `roots`, and refuses everything else
    (the refusal becomes a WeasyPrint warning, and so a failed build)."""
    from weasyprint.urls import URLFetcher

    allowed = tuple(Path(r).resolve() for r in roots)

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in allowed):
                    raise ValueError(f"not under styles/ or the manuscript's folder: {url}")
            elif scheme != "data":
                raise ValueError(f"only data: and local files may be loaded: {url}")
            return super().fetch(url, headers)

    return ConfinedFetcher(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=5)


class _captured_warnings:
    """Collect what WeasyPrint logs at WARNING or above while rendering."""

    def __enter__(self) -> list[str]:
        self.messages: list[str] = []
        self.handler = logging.Handler(logging.WARNING)
        self.handler.emit = lambda record: self.messages.append(record.getMessage())
        self.logger = logging.getLogger("weasyprint")
        self.logger.addHandler(self.handler)
        return self.messages

    def __exit__(self, *exc) -> None:
        self.logger.removeHandler(self.handler)

