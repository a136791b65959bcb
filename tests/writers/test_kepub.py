"""The Kobo edition: the EPUB with Kobo's sentence spans, body wrappers and style, valid (EPUBCheck
0/0/0 for every corpus file and sample), with the EPUB's text unchanged and the same bytes each time."""

import io
import zipfile
from functools import lru_cache

import pytest
from lxml import etree

from conftest import CORPUS_FILES, MANUSCRIPTS, built
from pipeline.checks.validators import epubcheck
from pipeline.writers.epub import render_epub
from pipeline.writers.kepub import kepub_from_epub, split_sentences, transform_document

pytestmark = pytest.mark.render  # the slow lane: `pytest -m "not render"` leaves it out

SAMPLES = tuple(sorted(p.stem for p in MANUSCRIPTS.glob("*.txt")))
ALL = CORPUS_FILES + SAMPLES
X = "{http://www.w3.org/1999/xhtml}"


@lru_cache(maxsize=None)
def books(stem):
    """(EPUB, kepub) bytes of a corpus file or sample."""
    epub = render_epub(built(stem)[0], 1_700_000_000)
    return epub, kepub_from_epub(epub)


def documents(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist() if name.endswith(".xhtml")}


def body_text(data: bytes) -> str:
    return "".join(etree.fromstring(data).find(f"{X}body").itertext())


@pytest.mark.parametrize("stem", ALL)
def test_epubcheck_reports_nothing(stem, tmp_path):
    path = tmp_path / f"{stem}.kepub.epub"
    path.write_bytes(books(stem)[1])
    verdict = epubcheck(path)
    assert verdict.passed and verdict.counts == {"fatals": 0, "errors": 0, "warnings": 0}, verdict.line(path)


@pytest.mark.parametrize("stem", ("000_05b6c0ec54ee7f0b", "muestra-es", "sample-multilingual"))
def test_every_document_keeps_its_text_in_kobo_spans(stem):
    epub, kepub = books(stem)
    before, after = documents(epub), documents(kepub)
    assert before.keys() == after.keys()
    spans = 0
    for name, data in after.items():
        root = etree.fromstring(data)
        body = root.find(f"{X}body")
        assert body_text(data).replace("\u2060-\u2060", "\u2011") == body_text(before[name]), name
        columns = body[0]
        assert len(body) == 1 and columns.get("id") == "book-columns" and columns[0].get("id") == "book-inner", name
        assert root.find(f"{X}head/{X}style[@class='kobostylehacks']") is not None, name
        ids = [s.get("id") for s in body.iter(f"{X}span") if s.get("class") == "koboSpan"]
        assert len(ids) == len(set(ids)), f"{name}: a Kobo span id twice"
        spans += len(ids)
        for element in body.iter(f"{X}p"):  # every word of a paragraph is in a Kobo span
            loose = (element.text or "") + "".join(child.tail or "" for child in element)
            assert not loose.strip(), f"{name}: text outside Kobo spans: {loose[:60]!r}"
    assert spans > 50


def test_sentences_and_paragraph_numbers_as_kobo_counts_them():
    page = (b'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title>'
            b'</head><body><h1>Title</h1><p>One. "Two!" Three? <em>Four.</em> Five</p>\n<ul>\n<li>A. B</li>\n</ul>'
            b'<p><img src="a.jpg" alt="x"/> After</p><pre>Kept. As is.</pre></body></html>')
    body = etree.fromstring(transform_document(page)).find(f"{X}body")
    spans = [(s.get("id"), s.text) for s in body.iter(f"{X}span") if s.get("class") == "koboSpan"]
    assert spans == [("kobo.1.1", "Title"), ("kobo.2.1", "One. "), ("kobo.2.2", '"Two!" '), ("kobo.2.3", "Three? "),
                     ("kobo.2.4", "Four."), ("kobo.2.5", " Five"), ("kobo.3.1", "A. "), ("kobo.3.2", "B"),
                     ("kobo.4.1", None), ("kobo.4.2", " After")]
    assert body.find(f".//{X}pre").text == "Kept. As is."
    assert body.find(f".//{X}img").getparent().get("id") == "kobo.4.1"


def test_split_sentences_gives_the_text_back():
    for text in ("", "  ", "Mr. Smith went. Then?! “Yes.” … no", "No end", "Dots... and more. "):
        assert "".join(split_sentences(text)) == text
    assert split_sentences("One. Two") == ["One. ", "Two"]
    assert split_sentences("Vol. 16") == ["Vol. ", "16"]  # as Kobo does: abbreviations split too


def test_cover_is_named_and_bytes_are_stable():
    epub, kepub = books("sample-en")
    assert kepub_from_epub(epub) == kepub
    with zipfile.ZipFile(io.BytesIO(kepub)) as z:
        assert z.namelist()[0] == "mimetype" and z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        opf = etree.fromstring(z.read("EPUB/content.opf"))
    covers = [i for i in opf.iter("{http://www.idpf.org/2007/opf}item") if "cover-image" in (i.get("properties") or "")]
    assert len(covers) == 1 and covers[0].get("media-type") == "image/jpeg"
    assert kepub_from_epub(kepub) == kepub  # a kepub is left as it is
