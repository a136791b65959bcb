"""Saddle-stitch booklets: the pages of a print PDF, two to a sheet side, in the order that reads
right once the printed sheets are stacked, folded in half and stapled on the fold.

For n pages the count is padded to a multiple of 4 with blank pages, placed before the back page
(never after it: the back page stays the back cover). Sheet 1 carries, on its front, the last page
on the left and page 1 on the right; on its back, page 2 on the left and the next-to-last on the
right; and so on inwards. Printed double-sided with "flip on short edge", each back lands upright.

Done with pikepdf (MPL-2.0; qpdf, Apache-2.0): each page becomes a form XObject drawn into its half of
the sheet, so text stays text and fonts are shared, not copied (pdfimpose would do it too, but is
AGPL-3.0). The imposed PDF is checked like the print PDF: the same words as its source, every font
embedded, and no warning from qpdf.
"""

from __future__ import annotations

import io
import subprocess
import time
from dataclasses import dataclass

from ...errors import BuildError
from ...checks.fonts import embedded_fonts
from ...checks.integrity import words

Side = tuple[int | None, int | None]  # (left, right): 0-based page numbers of the source, None for a blank

# the booklets `make booklet` prints: the page it renders, the sheet two of them go on (points, portrait)
BOOKLETS = {
    "letter": {"page": "half-letter", "page_size": (396, 612), "sheet": "Letter", "sheet_size": (612, 792)},
    "tabloid": {"page": "letter", "page_size": (612, 792), "sheet": "tabloid", "sheet_size": (792, 1224)},
}


@dataclass(frozen=True)
class BookletStats:
    """What the report and `make`'s summary say about a booklet."""

    booklet: str  # letter | tabloid
    pages: int  # the pages
    blanks: int
    sheets: int
    seconds: float  # imposition alone

    def instructions(self) -> str:
        """How a volunteer prints it: sheets, the duplex setting, the fold."""
        sheet = BOOKLETS[self.booklet]["sheet"]
        sheets = f"{self.sheets} {sheet} sheet{'s' if self.sheets != 1 else ''}"
        where = "after it" if self.pages == 1 else "before the back page"
        blanks = f" ({self.blanks} blank page{'s' if self.blanks != 1 else ''} {where})" if self.blanks else ""
        return (f"{self.pages + self.blanks} pages{blanks} on {sheets}: print double-sided, flip on short edge, "
                f"at 100% (no fit-to-page); stack the sheets in order, fold in half and staple on the fold")

    def figures(self) -> dict:
        return {"format": "booklet", "booklet": self.booklet, "pages": self.pages, "blanks": self.blanks,
                "sheets": self.sheets, "seconds": self.seconds, "instructions": self.instructions()}


def reading_order(pages: int) -> list[int | None]:
    """The booklet's pages front to back: the source's pages, blanks before the last one, to a multiple of 4."""
    if pages < 1:
        raise BuildError("a booklet needs at least one page")
    padded = -(-pages // 4) * 4
    if pages == 1:
        return [0] + [None] * 3
    return [*range(pages - 1)] + [None] * (padded - pages) + [pages - 1]


def sheet_sides(pages: int) -> list[Side]:
    """Each side of each sheet, in print order (sheet 1 front, sheet 1 back, sheet 2 front, …)."""
    order = reading_order(pages)
    last = len(order) - 1
    sides: list[Side] = []
    for sheet in range(len(order) // 4):
        sides.append((order[last - 2 * sheet], order[2 * sheet]))
        sides.append((order[2 * sheet + 1], order[last - 1 - 2 * sheet]))
    return sides


def impose(pdf: bytes, booklet: str = "letter", title: str = "") -> tuple[bytes, BookletStats]:
    """The booklet PDF of a print PDF whose pages are the booklet's page size. Raises BuildError if
    the pages are another size, or if the imposed PDF loses a word or a font, or qpdf warns."""
    import pikepdf

    spec = BOOKLETS[booklet]
    page_w, page_h = spec["page_size"]
    started = time.perf_counter()
    with pikepdf.open(io.BytesIO(pdf)) as source, pikepdf.new() as out:
        for number, page in enumerate(source.pages, 1):
            size = tuple(round(float(v)) for v in page.mediabox[2:])
            if size != (page_w, page_h) or any(round(float(v)) for v in page.mediabox[:2]):
                raise BuildError(f"page {number} is {size[0]}×{size[1]} pt; a {booklet} booklet takes "
                                 f"{spec['page']} pages ({page_w}×{page_h} pt)")
        pages = len(source.pages)
        sides = sheet_sides(pages)
        for left, right in sides:
            sheet = out.add_blank_page(page_size=(2 * page_w, page_h))
            for slot, index in enumerate((left, right)):
                if index is not None:
                    sheet.add_overlay(source.pages[index],
                                      pikepdf.Rectangle(slot * page_w, 0, (slot + 1) * page_w, page_h))
        out.docinfo["/Title"] = title or str(source.docinfo.get("/Title", ""))
        out.docinfo["/Creator"] = f"pipeline booklet ({booklet}), imposed from {source.docinfo.get('/Producer', 'a print PDF')}"
        if source.Root.get("/Lang") is not None:
            out.Root.Lang = source.Root.Lang
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True)
        warnings = source.get_warnings() + out.get_warnings()
    seconds = time.perf_counter() - started
    if warnings:
        raise BuildError(f"the booklet: qpdf warned: {'; '.join(map(str, warnings[:3]))}")
    imposed = buffer.getvalue()
    check_same_text(pdf, imposed, "the booklet")
    stats = BookletStats(booklet, pages, len(sides) * 2 - pages, len(sides) // 2, round(seconds, 3))
    return imposed, stats


def check_same_text(source: bytes, derived: bytes, what: str) -> None:
    """Every word of the source PDF's text is in the derived PDF's, and every font there is embedded."""
    lost = words(pdf_text(source)) - words(pdf_text(derived))
    if lost:
        raise BuildError(f"{what} lost text of its print PDF: {' '.join(list(lost.elements())[:8])}")
    embedded_fonts(derived)  # raises on a font that is not embedded


def pdf_text(pdf: bytes) -> str:
    """The text poppler reads from a PDF (pdftotext), form XObjects included."""
    result = subprocess.run(["pdftotext", "-q", "-", "-"], input=pdf, capture_output=True)
    if result.returncode:
        raise BuildError(f"pdftotext failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode("utf-8", "replace")
