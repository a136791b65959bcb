"""Handouts for events: the saddle-stitch booklet (`make booklet`) and the print shop's PDF (`make press`).

Both render the issue again, through the print writer and so through its checks (every word found on
the laid-out pages, every font embedded, no WeasyPrint warning), with their own stylesheets:
- the booklet: half-letter pages (styles/paper-half-letter.css) for BOOKLET=letter, Letter pages for
  BOOKLET=tabloid, then imposed two to a sheet side (pipeline/writers/pdf/impose.py), and checked again;
- the press PDF: the paper's pages with 3 mm bleed and crop marks (styles/press.css), as PDF/X-4.
"""

from __future__ import annotations

import io
from pathlib import Path

from ...errors import BuildError
from .impose import BOOKLETS, BookletStats, impose
from ...model import Issue
from .. import STYLES
from . import print_stylesheets, render_print

BLEED_MM = 3
PRESS_VARIANT = "pdf/x-4"  # WeasyPrint's PDF/X-4: the GTS identification; RGB kept, no output intent
TRIMS = {"letter": "8.5 × 11 in", "a4": "210 × 297 mm", "tabloid": "11 × 17 in"}


def render_booklet(issue: Issue, booklet: str, scratch: Path) -> tuple[bytes, BookletStats]:
    """The imposed booklet PDF and its figures (the render runs in a limited child, as the print PDF's)."""
    paper = BOOKLETS[booklet]["page"]  # the size of its pages: half-letter for BOOKLET=letter, Letter for tabloid
    pdf, _ = render_print(issue, paper, scratch, print_stylesheets(paper), what="the booklet render")
    return impose(pdf, booklet)


def render_press(issue: Issue, paper: str, scratch: Path) -> tuple[bytes, dict]:
    """The press PDF and what a print shop needs to know: trim size, bleed, page count, fonts."""
    import pikepdf

    pdf, stats = render_print(issue, paper, scratch, (*print_stylesheets(paper), STYLES / "press.css"), PRESS_VARIANT,
                              "the press render")
    bleed = BLEED_MM * 72 / 25.4
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, 1):
            trim, bleeds = _box(page, "/TrimBox"), _box(page, "/BleedBox")
            grown = [a - b for a, b in zip(trim, bleeds)]
            if not all(abs(abs(g) - bleed) < 0.5 for g in grown):
                raise BuildError(f"{issue.path}: the press PDF's page {number} has no {BLEED_MM} mm bleed "
                                 f"(TrimBox {trim}, BleedBox {bleeds})")
        trim = _box(doc.pages[0], "/TrimBox")
        media = _box(doc.pages[0], "/MediaBox")
        version = str(doc.open_metadata().get("pdfxid:GTS_PDFXVersion", ""))
    return pdf, {"format": "press", "paper": paper, "pages": stats.pages, "seconds": stats.seconds,
                 "trim": f"{TRIMS[paper]} ({trim[2] - trim[0]:.0f} × {trim[3] - trim[1]:.0f} pt)",
                 "bleed_mm": BLEED_MM, "media": f"{media[2] - media[0]:.0f} × {media[3] - media[1]:.0f} pt",
                 "variant": version or PRESS_VARIANT.upper(), "fonts": list(stats.fonts)}


def _box(page, name: str) -> list[float]:
    box = page.obj.get(name) or page.obj.get("/MediaBox")
    return [round(float(v), 2) for v in box]
