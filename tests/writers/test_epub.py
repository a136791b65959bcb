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
from pipeline.checks.integrity import words
from pipeline.checks.validators import ace, epubcheck
from pipeline.model import Article
from pipeline.writers.epub import group_sections, issue_identifier, render_epub
from pipeline.writers.html import story_title

pytestmark = pytest.mark.render  # the slow lane: `pytest -m "not render"` leaves it out

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
                broken = content.replace(b'href="story-', b'href="missing-')
                assert broken != content, "no link to a story to break"
                content = broken
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
    expected = ["cover.xhtml", "titlepage.xhtml", "contents.xhtml"]
    for section in sections:  # no section opener pages: the nav lists the stories once
        expected += [f"{a.id}.xhtml" for a in section.stories]
    assert spine[:len(expected)] == expected
    assert spine[len(expected):] in (["colophon.xhtml"], ["extras.xhtml", "colophon.xhtml"])
    stories = [a for a in issue.items if isinstance(a, Article)]
    assert sorted(a.id for s in sections for a in s.stories) == sorted(a.id for a in stories)  # each once

    nav = xhtml(stem, "nav.xhtml")
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    level_two = [" ".join(a.text.split()) for a in toc.iterfind("x:ol/x:li/x:ol/x:li/x:a", NS)]
    assert level_two == [story_title(a) for s in sections for a in s.stories]
    landmarks = nav.find(".//x:nav[@epub:type='landmarks']", NS)
    assert landmarks.get("hidden") == "hidden"
    assert {a.get(f"{{{NS['epub']}}}type") for a in landmarks.iterfind(".//x:a", NS)} == {"cover", "titlepage", "toc", "bodymatter"}

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
        for note in story.select("p.continued"):  # the pipeline's own words, not the manuscript's
            note.decompose()
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


# --------------------------------------------------------------------------------------------------
# Issue 13: captions in their stories, letters as letters, no repetition, colophon


def story_files(stem):
    """{file name: its text} of every story file of the book."""
    issue, _ = built(stem)
    with zipfile.ZipFile(io.BytesIO(book(stem))) as z:
        return {f"{a.id}.xhtml": " ".join(etree.fromstring(z.read(f"EPUB/{a.id}.xhtml")).xpath("string(//x:body)",
                                                                                                  namespaces=NS).split())
                for a in issue.items if isinstance(a, Article)}


def test_000_captions_in_a_story_photo_gap_are_in_that_story_file():
    """Every caption of 000 whose photo gap lies inside a story (the blocks before and after it in the
    manuscript are that story's), or straight above a story it names, is in that story's file."""
    from pipeline.model import Caption, narrowest_holding
    from pipeline.model.inlines import plain_text

    stem = CORPUS_FILES[0]
    issue, _ = built(stem)
    stories = [a for a in issue.items if isinstance(a, Article)]
    files = story_files(stem)
    lines = corpus_path(stem).read_text(encoding="utf-8").split("\n")
    checked = 0
    for story in stories:
        for caption in (b for b in story.body if isinstance(b, Caption)):
            text = " ".join(plain_text(caption.inlines).split())[:40].replace("\u2060", "")
            assert text in files[f"{story.id}.xhtml"].replace("\u2060", ""), (story.id, text)
            checked += 1
    # the gaps inside a story: the nearest text lines above and below belong to the same story
    for k, line in enumerate(lines, 1):
        if not line.strip() or k < 3 or lines[k - 2].strip() or lines[k - 3].strip():
            continue  # a caption stands after two blank lines at least
        above = next((n for n in range(k - 1, 0, -1) if lines[n - 1].strip()), 0)
        below = next((n for n in range(k + 1, len(lines) + 1) if lines[n - 1].strip()), None)
        holder_above, holder_below = narrowest_holding(stories, above), narrowest_holding(stories, below or 0)
        caption = next((c for a in issue.items for c in ((a,) if isinstance(a, Caption) else
                        a.body if isinstance(a, Article) else ()) if isinstance(c, Caption) and c.source.first == k), None)
        if caption is not None and holder_above is not None and holder_above is holder_below:
            assert caption in holder_above.body, (k, holder_above.id)
            checked += 1
    # the three the issue names
    named = {"QUITO (Ecuador), 2019": "WORKERS DISCUSS DIALECTICAL", "March 3, Tel Aviv, Israel": "These images emphasize",
             "March 1, Rafah, Gaza": "These images emphasize"}
    for words_, title in named.items():
        holder = [name for name, text in files.items() if words_ in text.replace("\u2060", "")]
        assert holder and files[holder[0]].replace("\u2060", "").startswith(title) or any(
            title in files[h] for h in holder), (words_, holder)
    assert checked >= 9
    with zipfile.ZipFile(io.BytesIO(book(stem))) as z:
        extras = z.read("EPUB/extras.xhtml").decode()
    assert "Quito" not in extras and "Tel Aviv" not in extras and "Rafah" not in extras


@pytest.mark.parametrize("stem", [CORPUS_FILES[0], CORPUS_FILES[2], "sample-wp-letters"])
def test_letters_carry_letter_semantics(stem):
    issue, _ = built(stem)
    letters = [a for a in issue.items if isinstance(a, Article) and a.section == "letters"]
    assert letters, "no letters to check"
    for article in letters:
        root = xhtml(stem, f"{article.id}.xhtml")
        node = root.find(f".//x:article[@id='{article.id}']", NS)
        assert node.get(f"{{{NS['epub']}}}type") == "z3998:letter"
        signatures = node.findall(".//x:p[@epub:type='z3998:signature']", NS)
        assert len(signatures) == sum(1 for b in article.body if type(b).__name__ == "Signoff") >= 1
    others = [a for a in issue.items if isinstance(a, Article) and a.section != "letters"]
    for article in others:
        node = xhtml(stem, f"{article.id}.xhtml").find(f".//x:article[@id='{article.id}']", NS)
        assert node.get(f"{{{NS['epub']}}}type") is None


def test_salutation_is_marked():
    from pipeline.model import Headline, Paragraph, Signoff, Source, Text
    from pipeline.writers.html import render_article

    src = Source(1, 1)
    letter = Article("story-x", Headline((Text("A letter"),), src),
                     (Paragraph((Text("Dear comrades,"),), src), Paragraph((Text("We met today and talked."),), src),
                      Signoff((Text("—A Comrade"),), src)), src, section="letters")
    html = render_article(letter, "en", epub=True)
    assert '<p class="salutation" epub:type="z3998:salutation">Dear comrades,</p>' in html
    assert 'epub:type="z3998:signature">—A Comrade</p>' in html
    assert "epub:type" not in render_article(letter, "en")  # the HTML page has no EPUB vocabulary


@pytest.mark.parametrize("stem", [CORPUS_FILES[0], CORPUS_FILES[1]])
def test_nothing_listed_twice(stem):
    """Each headline once in the nav and once in "In this issue"; the teaser box once; no opener pages."""
    issue, _ = built(stem)
    with zipfile.ZipFile(io.BytesIO(book(stem))) as z:
        names = z.namelist()
        text = {n: z.read(n).decode() for n in names if n.endswith(".xhtml")}
    assert not any(posixpath.basename(n).startswith("section-") for n in names)
    assert sum(t.count('class="see-inside"') for t in text.values()) == sum(
        1 for i in issue.items if type(i).__name__ == "SeeInside")
    for a in (a for a in issue.items if isinstance(a, Article)):
        title = story_title(a).replace("&", "&amp;")
        assert text["EPUB/nav.xhtml"].count(f">{title}</a>") == 1, title
        contents = text["EPUB/contents.xhtml"].split('<nav class="see-inside"')[0] + \
            text["EPUB/contents.xhtml"].split("</nav>")[-1]  # the teasers may name a story too
        assert contents.count(f">{title}</a>") == 1, title


@pytest.mark.parametrize("stem", [CORPUS_FILES[0], CORPUS_FILES[2]])
def test_next_story_links_and_colophon(stem):
    issue, _ = built(stem)
    stories = [a for s in group_sections(issue) for a in s.stories]
    for a, b in zip(stories, stories[1:]):
        links = xhtml(stem, f"{a.id}.xhtml").findall(".//x:nav[@class='next-story']//x:a", NS)
        assert [link.get("href") for link in links] == [f"{b.id}.xhtml"]
    colophon = " ".join(xhtml(stem, "colophon.xhtml").xpath("string(//x:body)", namespaces=NS).split())
    assert words(issue.metadata.publisher) - words(colophon) == Counter() and issue.metadata.website in colophon
    assert "’" in colophon and "'" not in colophon  # the publisher's apostrophe is curled


def test_rights_and_dates_from_the_sidecar(tmp_path):
    """`rights` reaches dc:rights and the colophon; an issue without a date warns and is not dated 1970."""
    from dataclasses import replace

    issue, _ = built(CORPUS_FILES[2])
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(book(CORPUS_FILES[2]))).read("EPUB/content.opf"))
    modified = root.find(".//opf:meta[@property='dcterms:modified']", NS).text
    if not issue.metadata.date_start:
        assert not modified.startswith("1970")
        assert any(n.level == "warning" and "date_start" in n.message and ".yaml" in n.message for n in issue.notes)
    ruled = replace(issue, metadata=replace(issue.metadata, rights="© The Paper, 2026"))
    with zipfile.ZipFile(io.BytesIO(render_epub(ruled))) as z:
        assert b"<dc:rights>\xc2\xa9 The Paper, 2026</dc:rights>" in z.read("EPUB/content.opf")
        assert "© The Paper, 2026" in z.read("EPUB/colophon.xhtml").decode()
    if not issue.metadata.rights:
        assert any(n.level == "warning" and "rights" in n.message and "publication.yaml" in n.message
                   for n in issue.notes)
