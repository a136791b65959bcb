"""The EPUBs as a reader's app opens them: epub.js (the engine of many web and phone readers) in
Debian's chromium renders every spine item of every sample and corpus issue with its text, and every
table-of-contents entry lands on its document; and what calibre and library apps read from the package:
an organisation's author filed under its own name, undated issues told apart by title, and an undated
issue's bytes the same whatever day and file time it is built with."""

from __future__ import annotations

import base64
import io
import os
import re
import zipfile

import pytest
from lxml import etree

from conftest import CORPUS_FILES, PUBLICATION, ROOT, built

pytestmark = pytest.mark.render  # packs EPUBs, runs a browser

TOOLS = ROOT / ".tools" / "node_modules"
CHROMIUM = "/usr/bin/chromium"
BOOKS = ("sample-en", "muestra-es", "sample-web", "sample-multilingual", "sample-photos") + CORPUS_FILES
UNDATED = "004_1915e8c0f879c89e"
OPF = "{http://www.idpf.org/2007/opf}"


def epub_of(stem: str) -> bytes:
    from pipeline.writers.epub import render_epub

    return render_epub(built(stem)[0])


def opf(data: bytes):
    book = zipfile.ZipFile(io.BytesIO(data))
    return etree.fromstring(book.read("EPUB/content.opf"))


def test_the_author_is_filed_under_its_own_name():
    package = opf(epub_of("sample-en"))
    creator = package.find(".//{http://purl.org/dc/elements/1.1/}creator")
    file_as = [m for m in package.iter(f"{OPF}meta") if m.get("refines") == f"#{creator.get('id')}"
               and m.get("property") == "file-as"]
    assert [m.text for m in file_as] == ["International Communist Workers' Party"]


def test_an_undated_issue_is_told_apart_by_its_lead_story():
    title = opf(epub_of(UNDATED)).findtext(".//{http://purl.org/dc/elements/1.1/}title")
    assert title == "Red Flag — My Communist Resistance During the ICE Raids Siege"
    assert opf(epub_of("sample-en")).findtext(".//{http://purl.org/dc/elements/1.1/}title").startswith(
        "Red Flag — Vol. 18 No. 1")


def test_an_undated_issue_has_the_same_bytes_whatever_its_file_time(tmp_path):
    """Its `dcterms:modified` and zip times come from no clock and no file: 1980-01-01, "unknown"."""
    from pipeline.build import load_issue
    from pipeline.writers.epub import render_epub

    from conftest import corpus_path

    copy = tmp_path / f"{UNDATED}.txt"
    copy.write_bytes(corpus_path(UNDATED).read_bytes())
    books = []
    for day in (1_700_000_000, 1_800_000_000):
        os.utime(copy, (day, day))
        books.append(render_epub(load_issue(copy, PUBLICATION)))
    assert books[0] == books[1]
    modified = [m.text for m in opf(books[0]).iter(f"{OPF}meta") if m.get("property") == "dcterms:modified"]
    assert modified == ["1980-01-01T00:00:00Z"]


HARNESS = """
async ([data, width]) => {
  const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0)).buffer;
  const book = ePub(bytes);
  const host = document.createElement("div");
  host.style.width = width + "px"; host.style.height = "700px";
  document.body.appendChild(host);
  const rendition = book.renderTo(host, {width: width, height: 700, flow: "paginated"});
  await book.ready;
  const spine = [];
  for (const item of book.spine.spineItems) {
    await rendition.display(item.href);
    const contents = rendition.getContents()[0];
    const text = contents ? contents.document.body.innerText.trim() : "";
    const images = contents ? Array.from(contents.document.images).filter(i => !i.complete || !i.naturalWidth).length : -1;
    spine.push([item.href, text.length, images]);
  }
  const nav = await book.loaded.navigation;
  const toc = [];
  const walk = async (items) => { for (const item of items) {
    await rendition.display(item.href);
    const where = rendition.currentLocation();
    toc.push([item.href, where && where.start ? where.start.href : null]);
    if (item.subitems && item.subitems.length) await walk(item.subitems);
  } };
  await walk(nav.toc);
  rendition.destroy(); host.remove();
  return {spine, toc};
}
"""


@pytest.fixture(scope="module")
def reader():
    from playwright.sync_api import sync_playwright

    for path in (TOOLS / "epubjs" / "dist" / "epub.min.js", TOOLS / "jszip" / "dist" / "jszip.min.js"):
        if not path.is_file():
            pytest.fail(f"{path} is missing (make test installs epub.js and JSZip)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.set_content("<!DOCTYPE html><html><body></body></html>")
        page.add_script_tag(path=str(TOOLS / "jszip" / "dist" / "jszip.min.js"))
        page.add_script_tag(path=str(TOOLS / "epubjs" / "dist" / "epub.min.js"))
        try:
            yield page
        finally:
            browser.close()


@pytest.mark.parametrize("stem", BOOKS)
def test_epub_js_renders_every_spine_item_and_lands_every_toc_entry(reader, stem):
    data = epub_of(stem)
    result = reader.evaluate(HARNESS, [base64.b64encode(data).decode(), 600])
    spine = result["spine"]
    manifest = opf(data)
    assert len(spine) == len(manifest.findall(f".//{OPF}itemref"))
    empty = [href for href, length, _ in spine if length == 0 and href != "cover.xhtml"]
    assert empty == [], empty
    assert all(broken == 0 for _, _, broken in spine), spine
    assert result["toc"], "no table of contents"
    missed = [(href, landed) for href, landed in result["toc"] if landed != re.sub(r"#.*", "", href)]
    assert missed == [], missed
