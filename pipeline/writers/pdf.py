"""PDF writer: the issue's HTML laid out by WeasyPrint with styles/print.css and one paper-*.css.

Nothing is trusted: resources load only from styles/ and the manuscript's folder, every WeasyPrint
warning (a missing glyph, a blocked fetch) fails the build, and after rendering every word of every
story must be found, in order, in the text drawn on the pages (WeasyPrint can drop content in some
column layouts without a word: shared/reference/print.md §0).
"""

from __future__ import annotations

import logging
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import BuildError
from ..fonts import check_coverage
from ..integrity import check_pdf_against_html, laid_out_text
from ..model import Issue
from . import STYLES
from .homecode import with_home_code
from .html import render_html

PAPERS = ("letter", "a4", "tabloid")
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

    def figures(self) -> dict:
        """What the report shows: everything but the page geometry."""
        return {"paper": self.paper, "pages": self.pages, "seconds": self.seconds, "peak_mb": self.peak_mb,
                "fonts": list(self.fonts)}


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
    with _captured_warnings() as warnings:
        css = [CSS(filename=str(s), url_fetcher=fetcher, font_config=fonts) for s in stylesheets]
        document = HTML(string=html, base_url=f"{STYLES.as_uri()}/", url_fetcher=fetcher).render(
            stylesheets=css, font_config=fonts)
        pdf = document.write_pdf(pdf_variant=pdf_variant)
    seconds = time.perf_counter() - started
    if warnings:
        raise BuildError(f"{issue.path}: WeasyPrint: " + "; ".join(sorted(set(warnings))[:5]))
    text = laid_out_text(document.pages)
    misses = check_pdf_against_html(html, text)
    if misses:
        raise BuildError(f"{issue.path}: the PDF lost text — " + "; ".join(misses[:5]))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    embedded = tuple(sorted({font.split("+", 1)[-1] for font in _font_names(pdf)}))
    text_faces = REQUIRED_FACES if "<p" in html.split("<main>", 1)[-1] else REQUIRED_FACES[:1]  # no text, no text face
    for face in text_faces:
        if not any(name.startswith(face) for name in embedded):
            raise BuildError(f"{issue.path}: the {face} font was not used (embedded: {', '.join(embedded)}); "
                             "run `make` to fetch and install the fonts")
    return pdf, PrintStats(paper, len(document.pages), round(seconds, 2), peak_mb, embedded, text)


def print_stylesheets(paper: str) -> tuple[Path, ...]:
    """print.css and the paper's own sheet."""
    return (STYLES / "print.css", STYLES / f"paper-{paper}.css")


def check_print_coverage(issue: Issue, paper: str) -> None:
    """The coverage check alone, for the command line to run before it forks the limited render: the
    faces' character sets are read here, in the parent, and the child inherits them (read in the
    child, under its memory limit, they could fail in fc-list instead of in the render)."""
    check_coverage(issue, with_home_code(render_html(issue), issue), print_stylesheets(paper))


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


def _font_names(pdf: bytes) -> set[str]:
    """The base names of the fonts in a PDF, each checked to be embedded (poppler's `pdffonts`: a
    process costs less than importing a PDF library into this one)."""
    import subprocess

    result = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True)
    if result.returncode:
        raise BuildError(f"pdffonts failed: {result.stderr.decode(errors='replace').strip()}")
    names = set()
    for line in result.stdout.decode("utf-8", "replace").splitlines()[2:]:  # after the header and its rule
        parts = line.split()
        if len(parts) < 6:
            continue
        if parts[-5] != "yes":  # columns end: emb sub uni object-number generation
            raise BuildError(f"font {parts[0]} is not embedded in the PDF")
        names.add(parts[0])
    return names
