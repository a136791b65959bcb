"""Handouts: the saddle-stitch booklet (order, blanks, sheet size), the QR code that leads home (decoded
with zbar from a rendered PNG), and the press PDF (bleed boxes, crop marks seen in a PNG)."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from conftest import MANUSCRIPTS, ROOT
from pipeline.writers.pdf.impose import impose, sheet_sides

pytestmark = pytest.mark.render  # the slow lane: `pytest -m "not render"` leaves it out

# The booklet order for n pages, written out by hand from how a folded booklet reads (0: a blank):
# sheet 1 front (left | right), sheet 1 back, sheet 2 front, …; blanks only just before the back page.
EXPECTED = {
    4: [(4, 1), (2, 3)],
    5: [(5, 1), (2, 0), (0, 3), (4, 0)],
    8: [(8, 1), (2, 7), (6, 3), (4, 5)],
    11: [(11, 1), (2, 0), (10, 3), (4, 9), (8, 5), (6, 7)],
    12: [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)],
}


def numbered_pdf(pages: int, size: str = "5.5in 8.5in") -> bytes:
    """A PDF of `pages` pages, each with its folio in the running foot, as the print PDF has."""
    from weasyprint import HTML

    body = "".join(f'<p style="break-after: page">Text of page {n}.</p>' for n in range(1, pages + 1))
    style = (f"@page {{ size: {size}; @bottom-center {{ content: 'folio ' counter(page); }} }}"
             "body { font-family: 'DejaVu Serif'; }")
    return HTML(string=f"<html><head><style>{style}</style></head><body>{body}</body></html>").write_pdf()


def half_folios(pdf: Path, pattern: str) -> list[tuple[int, int]]:
    """Each imposed page's (left, right) folio read by pdftotext from its halves; 0 where a half is blank."""
    with pikepdf.open(pdf) as doc:
        width, height = (round(float(v)) for v in doc.pages[0].mediabox[2:])
        count = len(doc.pages)
    sides = []
    for page in range(1, count + 1):
        halves = []
        for x in (0, width // 2):
            text = subprocess.run(["pdftotext", "-q", "-f", str(page), "-l", str(page), "-x", str(x), "-y", "0",
                                   "-W", str(width // 2), "-H", str(height), str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout
            found = re.findall(pattern, text)
            assert len(found) <= 1, f"page {page}: more than one folio in a half: {found}"
            assert found or not text.strip(), f"page {page}: a half has text but no folio: {text[:80]!r}"
            halves.append(int(found[0]) if found else 0)
        sides.append(tuple(halves))
    return sides


@pytest.mark.parametrize("pages", sorted(EXPECTED))
def test_booklet_order_and_blanks(pages, tmp_path):
    imposed, stats = impose(numbered_pdf(pages), "letter")
    path = tmp_path / "booklet.pdf"
    path.write_bytes(imposed)
    with pikepdf.open(path) as doc:
        assert len(doc.pages) == stats.sheets * 2
        assert all([round(float(v)) for v in page.mediabox] == [0, 0, 792, 612] for page in doc.pages)
    assert half_folios(path, r"folio (\d+)") == EXPECTED[pages]
    assert stats.blanks == sum(side.count(0) for side in EXPECTED[pages])
    assert [(l + 1 if l is not None else 0, r + 1 if r is not None else 0) for l, r in sheet_sides(pages)] == EXPECTED[pages]


def test_pages_of_another_size_are_refused():
    from pipeline.errors import BuildError

    with pytest.raises(BuildError, match="half-letter"):
        impose(numbered_pdf(4, "letter"), "letter")


def cli(*args):
    result = subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The renders these tests read, made once: sample-en (no `downloads`) as both booklets and print PDF;
    sample-web (`downloads` in its sidecar) as print PDF, booklet and press PDF."""
    out = tmp_path_factory.mktemp("handouts")
    paths = {}
    for name, args in {"en-booklet": ("booklet", "sample-en", "--booklet", "letter"),
                       "en-tabloid": ("booklet", "sample-en", "--booklet", "tabloid"),
                       "en-pdf": ("pdf", "sample-en"),
                       "web-pdf": ("pdf", "sample-web"),
                       "web-booklet": ("booklet", "sample-web"),
                       "web-press": ("press", "sample-web")}.items():
        command, stem, *rest = args
        paths[name] = out / f"{name}.pdf"
        stats = [] if command == "pdf" else ["--stats", out / f"{name}.json"]
        cli(command, MANUSCRIPTS / f"{stem}.txt", "-o", paths[name], *rest, *stats)
    return paths


@pytest.mark.parametrize("booklet, sheet", [("letter", (792, 612)), ("tabloid", (1224, 792))])
def test_a_sample_booklet_reads_in_order_by_its_running_foot(built, booklet, sheet):
    path = built["en-booklet" if booklet == "letter" else "en-tabloid"]
    stats = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    with pikepdf.open(path) as doc:
        assert len(doc.pages) == stats["sheets"] * 2
        assert {tuple(round(float(v)) for v in page.mediabox[2:]) for page in doc.pages} == {sheet}
    n = stats["pages"]
    folios = half_folios(path, rf"(\d+) ?/ ?{n}\b")
    sides = [(l + 1 if l is not None else 0, r + 1 if r is not None else 0) for l, r in sheet_sides(n)]
    assert folios == sides
    assert folios[0] == (n, 1)  # sheet 1 front: the back page on the left, page 1 on the right
    assert "flip on short edge" in stats["instructions"] and f"{stats['sheets']} " in stats["instructions"]


def decode(pdf: Path, page: int, tmp_path: Path) -> tuple[int, str]:
    """zbarimg's exit code and text for one page rendered at 150 dpi."""
    png = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                    str(pdf), str(png)], check=True)
    result = subprocess.run(["zbarimg", "--raw", "-q", f"{png}.png"], capture_output=True, text=True)
    return result.returncode, result.stdout.strip()


def test_the_qr_code_on_the_back_page_decodes_to_the_issue_s_download_page(built, tmp_path):
    sidecar = (MANUSCRIPTS / "sample-web.yaml").read_text(encoding="utf-8")
    base = re.search(r"^downloads:\s*(\S+)", sidecar, re.M).group(1)
    address = f"{base.rstrip('/')}/en/v18/n02/"  # the issue's address on the site: edition, volume, number
    with pikepdf.open(built["web-pdf"]) as doc:
        last = len(doc.pages)
    assert decode(built["web-pdf"], last, tmp_path) == (0, address)
    # the booklet: the back page is on sheet 1 front (on its right half here: a one-page issue's back page is page 1)
    assert decode(built["web-booklet"], 1, tmp_path) == (0, address)
    text = subprocess.run(["pdftotext", "-l", "1", str(built["web-booklet"]), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert address in text.replace("\n", "")


def test_no_address_no_qr_code(built, tmp_path):
    with pikepdf.open(built["en-pdf"]) as doc:
        pages = len(doc.pages)
    for page in range(1, pages + 1):
        code, found = decode(built["en-pdf"], page, tmp_path)
        assert code == 4 and found == ""  # zbarimg: 4 = no symbol found
    text = subprocess.run(["pdftotext", str(built["en-pdf"]), "-"], capture_output=True, text=True).stdout
    assert "e-book, free to download" not in text


def test_the_press_pdf_has_bleed_boxes_and_visible_crop_marks(built, tmp_path):
    bleed = 3 * 72 / 25.4
    with pikepdf.open(built["web-press"]) as doc:
        for page in doc.pages:
            trim = [float(v) for v in page.obj.TrimBox]
            bleeds = [float(v) for v in page.obj.BleedBox]
            media = [float(v) for v in page.obj.MediaBox]
            assert trim[2] - trim[0] == pytest.approx(612) and trim[3] - trim[1] == pytest.approx(792)
            assert [b - t for b, t in zip(bleeds, trim)] == pytest.approx([-bleed, -bleed, bleed, bleed], abs=0.01)
            assert media[0] <= bleeds[0] and media[2] >= bleeds[2]
        assert "PDF/X-4" in str(doc.open_metadata().get("pdfxid:GTS_PDFXVersion"))
    stats = json.loads(built["web-press"].with_suffix(".json").read_text(encoding="utf-8"))
    assert stats["bleed_mm"] == 3 and "612 × 792 pt" in stats["trim"] and stats["pages"] == 1
    # crop marks: dark pixels in each corner's bleed band (they run along the trim lines, so the band is
    # taken to the trim line and a pixel past it: the page's own margin there is blank)
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(built["web-press"]),
                    str(tmp_path / "press")], check=True)
    image = Image.open(tmp_path / "press.png").convert("L")
    band = round((media[2] - trim[2]) * 150 / 72) + 2
    w, h = image.size
    for x, y in ((0, 0), (w - band, 0), (0, h - band), (w - band, h - band)):
        corner = image.crop((x, y, x + band, y + band))
        assert corner.getextrema()[0] < 128, f"no crop mark in the corner at {(x, y)}"


def test_the_report_says_how_to_print_the_booklet_and_what_the_print_shop_needs(built):
    from pipeline.writers.report import read_stats

    lines = dict(read_stats([built["en-booklet"].with_suffix(".json"), built["web-press"].with_suffix(".json")]))
    assert "flip on short edge" in lines["booklet (letter)"] and "Letter sheet" in lines["booklet (letter)"]
    assert "trim size 8.5 × 11 in" in lines["press PDF (letter)"] and "bleed 3 mm" in lines["press PDF (letter)"]


def test_a_wrong_booklet_is_one_line_naming_the_valid_ones():
    result = subprocess.run(["make", "-s", "booklet", "BOOKLET=a4"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert "BOOKLET=a4 is not a booklet" in result.stderr and "letter tabloid" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
