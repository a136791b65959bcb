"""Photos: the folder beside a manuscript, its checks, the `photo` override, and the `<img>` in all
three outputs of the sample issue with photos (images drawn by scripts/make-sample-photos)."""

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from conftest import MANUSCRIPTS, PUBLICATION, ROOT
from pipeline.build import load_issue
from pipeline.errors import InputError
from pipeline.readers.photos import PHOTO_PIXELS, issue_photos

SAMPLE = MANUSCRIPTS / "sample-photos.txt"


@pytest.fixture
def issue_dir(tmp_path):
    """A copy of the sample with photos, its folder and sidecar, to break."""
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    shutil.copy(SAMPLE.with_suffix(".yaml"), tmp_path / "sample-photos.yaml")
    shutil.copytree(MANUSCRIPTS / "sample-photos", tmp_path / "sample-photos")
    return tmp_path


def load(folder: Path):
    return load_issue(folder / SAMPLE.name, PUBLICATION)


def test_captions_take_the_named_photo_then_the_rest_in_name_order():
    issue = load_issue(SAMPLE, PUBLICATION)
    photos = [(c.photo, c.width, c.height) for c in issue_photos(issue)]
    # the override names depot.png for the caption on line 27; the others take 01-…, 02-… in order
    assert photos == [("01-rally.jpg", 1200, 800), ("depot.png", 900, 600), ("02-march.jpg", 800, 1000)]
    assert any(n.step == "apply_override" and "depot.png" in n.message for n in issue.notes)


def test_without_the_override_the_photos_go_in_name_order(issue_dir):
    (issue_dir / "sample-photos.yaml").write_text("volume: 18\nnumber: 3\n", encoding="utf-8")
    assert [c.photo for c in issue_photos(load(issue_dir))] == ["01-rally.jpg", "02-march.jpg", "depot.png"]


def _fails(folder: Path, pattern: str):
    with pytest.raises(InputError, match=pattern) as caught:
        load(folder)
    assert "\n" not in str(caught.value)
    return caught.value


def test_a_file_that_is_not_an_image_is_refused_by_its_content(issue_dir):
    (issue_dir / "sample-photos" / "02-march.jpg").write_text("<svg onload=alert(1)>", encoding="utf-8")
    error = _fails(issue_dir, "not a readable JPEG or PNG")
    assert error.path.endswith("02-march.jpg")


def test_a_gif_named_jpg_is_refused(issue_dir):
    Image.new("RGB", (64, 64)).save(issue_dir / "sample-photos" / "02-march.jpg", format="GIF")
    _fails(issue_dir, "a GIF image; the paper prints JPEG and PNG")


def test_too_many_pixels_and_too_few_are_refused(issue_dir):
    Image.new("1", (9000, PHOTO_PIXELS // 9000 + 10)).save(issue_dir / "sample-photos" / "02-march.jpg", format="PNG")
    _fails(issue_dir, r"9000×\d+ pixels, more than 40,000,000; scale it down")
    Image.new("RGB", (8, 8)).save(issue_dir / "sample-photos" / "02-march.jpg", format="PNG")
    _fails(issue_dir, "at least 16 a side")


def test_a_link_out_of_the_folder_is_refused(issue_dir, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.jpg"
    shutil.copy(issue_dir / "sample-photos" / "01-rally.jpg", outside)
    (issue_dir / "sample-photos" / "02-march.jpg").unlink()
    (issue_dir / "sample-photos" / "02-march.jpg").symlink_to(outside)
    _fails(issue_dir, "not a regular file")


def test_a_photo_without_a_caption_and_a_missing_file_are_errors(issue_dir):
    shutil.copy(issue_dir / "sample-photos" / "01-rally.jpg", issue_dir / "sample-photos" / "03-extra.jpg")
    _fails(issue_dir, r"1 photo\(s\) with no caption to go with \(03-extra.jpg\)")
    (issue_dir / "sample-photos" / "03-extra.jpg").unlink()
    (issue_dir / "sample-photos.yaml").write_text(
        "overrides:\n  - {action: photo, at: 27, file: ../sample-photos.txt}\n", encoding="utf-8")
    error = _fails(issue_dir, r"no file '../sample-photos.txt' in")
    assert error.line == 2


def test_the_cli_exits_2_with_one_line(issue_dir):
    (issue_dir / "sample-photos" / "depot.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    result = subprocess.run([sys.executable, "-m", "pipeline", "html", str(issue_dir / SAMPLE.name), "-o",
                             str(issue_dir / "out.html")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "depot.png" in result.stderr
    assert not (issue_dir / "out.html").exists()


@pytest.mark.render
def test_the_sample_builds_with_its_photos_in_every_format(tmp_path):
    from pipeline.writers.pdf import render_pdf

    issue = load_issue(SAMPLE, PUBLICATION)
    out = tmp_path / "sample-photos.html"
    subprocess.run([sys.executable, "-m", "pipeline", "html", str(SAMPLE), "-o", str(out)], cwd=ROOT, check=True)
    html = out.read_text(encoding="utf-8")
    assert len(re.findall(r'<figure class="photo with-image"[^>]*><img src="data:image/(?:jpeg|png);base64,', html)) == 3
    epub = tmp_path / "sample-photos.epub"
    subprocess.run([sys.executable, "-m", "pipeline", "epub", str(SAMPLE), "-o", str(epub)], cwd=ROOT, check=True)
    with zipfile.ZipFile(epub) as book:
        opf = book.read(next(n for n in book.namelist() if n.endswith(".opf"))).decode()
        for name, kind in (("01-rally.jpg", "image/jpeg"), ("depot.png", "image/png"), ("02-march.jpg", "image/jpeg")):
            assert re.search(rf'href="photos/{re.escape(name)}"[^>]*media-type="{kind}"', opf)
            assert book.read(f"EPUB/photos/{name}") == (MANUSCRIPTS / "sample-photos" / name).read_bytes()
        stories = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
        assert len(re.findall(r'<img src="photos/[^"]+" alt="[A-Z]{4,}[^"]{20,}"', stories)) == 3
    pdf, stats = render_pdf(issue, "letter", (MANUSCRIPTS,))
    (tmp_path / "sample-photos.pdf").write_bytes(pdf)
    listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "sample-photos.pdf")], capture_output=True,
                             text=True, check=True).stdout
    sizes = sorted((int(row.split()[3]), int(row.split()[4])) for row in listing.splitlines()[2:] if row.strip())
    assert sizes == [(800, 1000), (900, 600), (1200, 800)]
    assert stats.layout.stranded == []
