"""The EPUB: valid (EPUBCheck, Ace), structured (spine, nav, NCX, metadata, cover, links), complete
(every story word), reproducible (same SOURCE_DATE_EPOCH, same bytes), Spanish in Spanish."""

import hashlib
import io
import os
import posixpath
import subprocess
import sys
import zipfile
from collections import Counter
from functools import lru_cache

import pytest
from lxml import etree
from PIL import Image

from conftest import CORPUS_FILES, MANUSCRIPTS, PUBLICATION, ROOT, built, corpus_path, html_text
from pipeline.integrity import words
from pipeline.model import Article
from pipeline.validate import ace, epubcheck
from pipeline.writers.epub import group_sections, issue_identifier, render_epub
from pipeline.writers.html import story_title

SAMPLES = tuple(sorted(p.stem for p in MANUSCRIPTS.glob("*.txt")))
ALL = CORPUS_FILES + SAMPLES
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "ncx": "http://www.daisy.org/z3986/2005/ncx/",
      "epub": "http://www.idpf.org/2007/ops"}


@lru_cache(maxsize=None)
def book(stem):
    issue, _ = built(stem)
    return render_epub(issue)


def write(stem, tmp_path):
    path = tmp_path / f"{stem}.epub"
    path.write_bytes(book(stem))
    return path


def opf(stem):
    with zipfile.ZipFile(io.BytesIO(book(stem))) as z:
        return etree.fromstring(z.read("EPUB/content.opf"))


def xhtml(stem, name):
    with zipfile.ZipFile(io.BytesIO(book(stem))) as z:
        return etree.fromstring(z.read(f"EPUB/{name}"))


@pytest.mark.parametrize("stem", ALL)
def test_epubcheck_reports_nothing(stem, tmp_path):
    verdict = epubcheck(write(stem, tmp_path))
    assert verdict.passed and verdict.counts == {"fatals": 0, "errors": 0, "warnings": 0}, verdict.line(stem)


@pytest.mark.parametrize("stem", ALL)
def test_ace_reports_no_violation(stem, tmp_path):
    verdict = ace(write(stem, tmp_path))
    assert verdict.passed and verdict.counts["violations"] == 0, verdict.line(stem)


def test_epubcheck_fails_a_broken_book(tmp_path):
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book("sample-en"))) as src, zipfile.ZipFile(data, "w") as out:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "EPUB/contents.xhtml":
                content = content.replace(b'href="section-', b'href="missing-')
            out.writestr(info, content)
    (tmp_path / "broken.epub").write_bytes(data.getvalue())
    verdict = epubcheck(tmp_path / "broken.epub")
    assert not verdict.passed and verdict.counts["errors"] > 0


@pytest.mark.parametrize("stem", ALL)
def test_reading_order_navigation_and_ncx(stem):
    issue, _ = built(stem)
    root = opf(stem)
    manifest = {i.get("id"): i.get("href") for i in root.iterfind("opf:manifest/opf:item", NS)}
    spine = [manifest[i.get("idref")] for i in root.iterfind("opf:spine/opf:itemref", NS)]
    sections = group_sections(issue)
    expected = ["cover.xhtml", "contents.xhtml"]
    for section in sections:
        expected += [f"section-{section.key}.xhtml"] + [f"{a.id}.xhtml" for a in section.stories]
    assert spine[:len(expected)] == expected and spine[len(expected):] in ([], ["extras.xhtml"])
    stories = [a for a in issue.items if isinstance(a, Article)]
    assert sorted(a.id for s in sections for a in s.stories) == sorted(a.id for a in stories)  # each once

    nav = xhtml(stem, "nav.xhtml")
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    level_two = [" ".join(a.text.split()) for a in toc.iterfind("x:ol/x:li/x:ol/x:li/x:a", NS)]
    assert level_two == [story_title(a) for s in sections for a in s.stories]
    landmarks = nav.find(".//x:nav[@epub:type='landmarks']", NS)
    assert landmarks.get("hidden") == "hidden"
    assert {a.get(f"{{{NS['epub']}}}type") for a in landmarks.iterfind(".//x:a", NS)} == {"cover", "toc", "bodymatter"}

    with zipfile.ZipFile(io.BytesIO(book(stem))) as z:
        ncx = etree.fromstring(z.read("EPUB/toc.ncx"))
    depth = ncx.find("ncx:head/ncx:meta[@name='dtb:depth']", NS).get("content")
    assert depth == "2" and ncx.findall("ncx:navMap/ncx:navPoint/ncx:navPoint", NS)
    orders = [int(p.get("playOrder")) for p in ncx.iter(f"{{{NS['ncx']}}}navPoint")]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)


@pytest.mark.parametrize("stem", ALL)
def test_no_broken_internal_link(stem):
    with zipfile.ZipFile(io.BytesIO(book(stem))) as z:
        docs = {n[5:]: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xhtml")}
        files = {n[5:] for n in z.namelist()}
    ids = {name: {e.get("id") for e in doc.iter() if e.get("id")} for name, doc in docs.items()}
    checked = 0
    for name, doc in docs.items():
        for element in doc.iter(f"{{{NS['x']}}}a", f"{{{NS['x']}}}img", f"{{{NS['x']}}}link"):
            target = element.get("href") or element.get("src")
            if not target or "://" in target or target.startswith("mailto:"):
                continue
            path, _, fragment = target.partition("#")
            path = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            assert path in files, f"{name}: {target}"
            assert not fragment or fragment in ids.get(path, set()), f"{name}: {target}"
            checked += 1
    assert checked > 5


@pytest.mark.parametrize("stem", ALL)
def test_every_story_word_is_in_the_book(stem):
    _, html = built(stem)
    from bs4 import BeautifulSoup

    expected = Counter()
    for story in BeautifulSoup(html, "html.parser").select("article.story"):
        expected += words(story.get_text())
    with zipfile.ZipFile(io.BytesIO(book(stem))) as z:
        text = " ".join(html_text(z.read(n).decode()) for n in z.namelist()
                        if n.endswith(".xhtml") and n[5:] not in ("nav.xhtml", "contents.xhtml"))
    assert sum(expected.values()) > 100 and expected - words(text) == Counter()


@pytest.mark.parametrize("stem", ALL)
def test_metadata(stem):
    issue, _ = built(stem)
    meta = issue.metadata
    root = opf(stem)
    md = root.find("opf:metadata", NS)
    props = Counter(m.get("property") for m in md.iterfind("opf:meta", NS) if m.get("property"))
    text = lambda q: [e.text for e in md.iterfind(q, NS)]
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == meta.language
    assert text("dc:language") == [meta.language]
    assert text("dc:identifier") == [issue_identifier(issue)] and issue_identifier(issue).startswith("urn:uuid:")
    title = text("dc:title")[0]
    assert title.startswith(meta.publication) and (not meta.number or meta.number in title)
    assert text("dc:publisher") == [meta.publisher] and text("dc:creator") == [meta.publisher]
    assert not meta.date_start or text("dc:date") == [meta.date_start]
    assert text("dc:description")[0] and len(text("dc:subject")) == 2
    if meta.number:
        assert props["belongs-to-collection"] == 1 and props["collection-type"] == 1 and props["group-position"] == 1
        names = {m.get("name"): m.get("content") for m in md.iterfind("opf:meta", NS) if m.get("name")}
        assert names["calibre:series"] == meta.publication and names["calibre:series_index"].isdigit()
    for prop in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                 "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:conformsTo",
                 "a11y:certifiedBy", "dcterms:modified"):
        assert props[prop] >= 1, prop
    cover = [i for i in root.iterfind("opf:manifest/opf:item", NS) if "cover-image" in (i.get("properties") or "")]
    assert len(cover) == 1 and cover[0].get("media-type") == "image/jpeg"
    with zipfile.ZipFile(io.BytesIO(book(stem))) as z:
        image = Image.open(io.BytesIO(z.read("EPUB/" + cover[0].get("href"))))
    assert image.format == "JPEG" and image.size[0] >= 1600 and image.size[1] >= 2560


def test_identifier_is_stable_and_distinct():
    issues = [built(stem)[0] for stem in ALL]
    identifiers = [issue_identifier(i) for i in issues]
    assert len(set(identifiers)) == len(identifiers)
    assert identifiers == [issue_identifier(built(stem)[0]) for stem in ALL]


def test_same_source_date_epoch_same_bytes(tmp_path):
    def build(epoch, out):
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        result = subprocess.run([sys.executable, "-m", "pipeline", "epub", str(corpus_path(CORPUS_FILES[0])), "-o",
                                 str(out), "--publication", str(PUBLICATION)], cwd=ROOT, env=env, capture_output=True)
        assert result.returncode == 0, result.stderr
        return hashlib.sha256(out.read_bytes()).hexdigest()

    first = build(1741737600, tmp_path / "a.epub")
    assert build(1741737600, tmp_path / "b.epub") == first
    assert build(1741737601 + 86400, tmp_path / "c.epub") != first  # the date does reach the bytes
    with zipfile.ZipFile(tmp_path / "a.epub") as z:
        infos = z.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {i.date_time for i in infos} == {(2025, 3, 12, 0, 0, 0)}


def test_spanish_edition_speaks_spanish():
    root = opf("muestra-es")
    assert root.find("opf:metadata/dc:language", NS).text == "es"
    contents = xhtml("muestra-es", "contents.xhtml")
    assert contents.get("lang") == "es" and contents.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert contents.find(".//x:h1", NS).text == "En este número"
    nav_titles = [a.text for a in xhtml("muestra-es", "nav.xhtml").iterfind(".//x:nav/x:ol/x:li/x:a", NS)]
    assert "Primera plana" in nav_titles and "Cartas" in nav_titles


def test_the_chinese_caption_is_tagged():
    issue, _ = built(CORPUS_FILES[1])
    story = next(a for a in issue.items if isinstance(a, Article) and a.id.startswith("story-boeing"))
    doc = xhtml(CORPUS_FILES[1], f"{story.id}.xhtml")
    captions = [c for c in doc.iter(f"{{{NS['x']}}}figcaption") if c.get("lang") == "zh"]
    assert len(captions) == 1 and captions[0].get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"
