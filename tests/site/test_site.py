"""The download site (`make site`), its OPDS catalogs and `make serve`: built once per session by make
itself over a small archive in a temporary folder (two English issues, the Spanish sample, the corpus's
undated web copy, and a story printed in both editions), then walked, validated, served and opened in
Debian's chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html

from conftest import MANUSCRIPTS, ROOT, corpus_path

pytestmark = pytest.mark.render  # the slow lane: `pytest -m "not render"` leaves it out

SCHEMAS = ROOT.parent / "shared" / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/terms/}"
ACQUISITION = "http://opds-spec.org/acquisition"
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
SAMPLES = ("sample-en", "sample-web", "muestra-es")
UNDATED = "004_1915e8c0f879c89e"
PAIR = ("pair-en", "pair-es")  # one story in both editions: vol. 20 no. 3
ADDRESS = {"sample-en": "en/v18/n01/", "sample-web": "en/v18/n02/", "muestra-es": "es/v18/n01/",
           UNDATED: f"en/undated/{UNDATED}/", "pair-en": "en/v20/n03/", "pair-es": "es/v20/n03/"}
PAIR_TEXT = {
    "pair-en": ("# RED FLAG\n\n## MOBILIZE THE MASSES FOR COMMUNISM\n\nINTERNATIONAL COMMUNIST WORKERS' PARTY ★ "
                "WWW.ICWPREDFLAG.ORG\n\n\n\n### DOCKERS OF VALPARAÍSO STOP THE SHIP\n\nVALPARAÍSO, March 3—Three "
                "hundred dockers of Valparaíso refused to load the *Santa Rosa* for Maersk on Monday, and the ship "
                "stayed at the quay for two days.\n\nLuisa Fernández, 41, said the 2,400 containers could wait. The "
                "Sindicato Portuario met at the San Antonio gate and read Red Flag together before the shift.\n\n"
                "### \u202eNOISSIMBUS ROF SETON\n\nA second story, whose headline carries a right-to-left override, "
                "and whose words go on long enough to be a story of their own in this issue.\n",
                "language: en\nvolume: 20\nnumber: 3\ndate_start: 2027-03-10\n"),
    "pair-es": ("# BANDERA ROJA\n\n## MOVILIZAR A LAS MASAS POR EL COMUNISMO\n\nPARTIDO COMUNISTA OBRERO INTERNACIONAL ★ "
                "WWW.ICWPREDFLAG.ORG\n\n\n\n### LOS ESTIBADORES DE VALPARAÍSO PARAN EL BARCO\n\nVALPARAÍSO, 3 de "
                "marzo—Trescientos estibadores de Valparaíso se negaron el lunes a cargar el *Santa Rosa* para Maersk, "
                "y el barco se quedó en el muelle dos días.\n\nLuisa Fernández, de 41 años, dijo que los 2,400 "
                "contenedores podían esperar. El Sindicato Portuario se reunió en la puerta de San Antonio y leyó "
                "Bandera Roja antes del turno.\n",
                "publication: Bandera Roja\nlanguage: es\nvolume: 20\nnumber: 3\ndate_start: 2027-03-10\n"),
}
STEMS = SAMPLES + (UNDATED,) + PAIR


def make(*args, timeout=900):
    result = subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    """(manuscripts folder, build folder) of the small archive, with `make site` run over it."""
    base = tmp_path_factory.mktemp("site")
    manuscripts, build = base / "manuscripts", base / "build"
    manuscripts.mkdir()
    shutil.copy(MANUSCRIPTS / "publication.yaml", manuscripts)
    for stem in SAMPLES:
        for suffix in (".txt", ".yaml"):
            if (MANUSCRIPTS / f"{stem}{suffix}").exists():
                shutil.copy(MANUSCRIPTS / f"{stem}{suffix}", manuscripts)
    shutil.copy(corpus_path(UNDATED), manuscripts)  # into /tmp only: the corpus is never copied into the project
    for stem, (text, sidecar) in PAIR_TEXT.items():
        (manuscripts / f"{stem}.txt").write_text(text, encoding="utf-8")
        (manuscripts / f"{stem}.yaml").write_text(sidecar, encoding="utf-8")
    make("site", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
    return manuscripts, build


@pytest.fixture(scope="session")
def site(archive) -> Path:
    return archive[1] / "site"


def feed(path: Path):
    return etree.parse(str(path)).getroot()


# --------------------------------------------------------------------------------------------------
# The files


def test_every_issue_has_its_page_and_files_at_its_address(site, archive):
    build = archive[1]
    for stem in STEMS:
        folder = site / ADDRESS[stem]
        assert (folder / "index.html").is_file()
        for name in (f"{stem}.epub", f"{stem}.kepub.epub", f"{stem}.pdf", f"{stem}.html"):
            assert (folder / name).read_bytes() == (build / stem / name).read_bytes(), name
        page = html.parse(str(folder / "index.html")).getroot()
        sizes = " ".join(page.xpath("//section[@class='downloads']//text()"))
        assert "EPUB" in sizes and "KB" in sizes


def _local_links(path: Path):
    """Every href/src of an HTML page or a catalog, with the file it names."""
    if path.suffix == ".html":
        tree = html.parse(str(path)).getroot()
        # the published address, where there is one: search engines take these only absolute
        for link in tree.xpath("//link[@rel='canonical'] | //link[@hreflang]"):
            del link.attrib["href"]
        for story in tree.xpath("//article"):  # a story's own links lead where the paper printed them
            for link in story.xpath(".//a[starts-with(@href, 'http') or starts-with(@href, 'mailto:')]"):
                del link.attrib["href"]
        refs = [el.get("href") for el in tree.iter() if el.get("href")] + [el.get("src") for el in tree.iter() if el.get("src")]
    elif path.suffix == ".xml":
        # `self` is absolute where the publication says where the site is (Palace's parser wants that)
        refs = [link.get("href") for link in feed(path).iter(f"{ATOM}link") if link.get("rel") != "self"]
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        refs = []

        def walk(node):
            if isinstance(node, dict):
                if isinstance(node.get("href"), str):
                    refs.append(node["href"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
        walk(data)
        refs = [r for r in refs if not r.startswith("https://example.org/red-flag/opds/")]  # `self`, as above
    return refs


def test_every_link_resolves_to_a_file(site):
    pages = list(site.rglob("*.html")) + list((site / "opds").glob("*.xml")) + list((site / "opds").glob("*.json"))
    pages = [p for p in pages if not any(p.name == f"{stem}.html" for stem in STEMS)]  # the issues' own HTML
    checked = 0
    for page in pages:
        for ref in _local_links(page):
            parts = urlsplit(ref)
            assert not parts.scheme and not parts.netloc and not ref.startswith("/"), f"{page}: {ref} is not relative"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site)}: {ref} names no file"
            assert site.resolve() in target.parents or target == site.resolve(), f"{ref} leaves the site"
            checked += 1
    assert checked > 300, checked


def test_index_per_edition_newest_first_undated_last(site):
    english = html.parse(str(site / "index.html")).getroot()
    spanish = html.parse(str(site / "index-es.html")).getroot()
    assert english.get("lang") == "en" and spanish.get("lang") == "es"
    assert english.xpath("//a[@hreflang='es']/@href") == ["index-es.html"]
    assert spanish.xpath("//a[@hreflang='en']/@href") == ["index-en.html"]
    assert (site / "index-en.html").read_text() == (site / "index.html").read_text()
    issue_links = [a.get("href") for a in english.xpath("//main//a") if re.fullmatch(r"en/(v\d+/n\d+|undated/[^/]+)/index\.html", a.get("href", ""))]
    order = list(dict.fromkeys(h.removesuffix("index.html") for h in issue_links))
    assert order == ["en/v20/n03/"]  # the newest, then the rest of its volume (none), then a link per volume
    volumes = english.xpath("//ul[@class='volumes']//a/@href")
    assert volumes == ["en/v20/index.html", "en/v18/index.html", "en/other/index.html"]
    v18 = html.parse(str(site / "en" / "v18" / "index.html")).getroot()
    assert [a.get("href") for a in v18.xpath("//ul[@class='issues']/li/div/a")] == ["../../en/v18/n02/index.html",
                                                                                    "../../en/v18/n01/index.html"]
    assert "1970" not in (site / "index.html").read_text()
    assert "Último número" in spanish.text_content() and "Catálogo OPDS 1.2" in spanish.text_content()


def test_the_issue_page_lists_stories_and_downloads_in_its_language(site):
    page = html.parse(str(site / "es" / "v18" / "n01" / "index.html")).getroot()
    assert page.get("lang") == "es"
    assert page.xpath("//h2/text()") == ["Descargas", "En este número"]
    stories = page.xpath("//section[@class='stories']//h3/a")
    assert len(stories) >= 2 and all(h.text_content().strip() for h in stories)
    assert all((site / "es" / "v18" / "n01" / h.get("href")).is_file() for h in stories)  # each story's own page
    hrefs = page.xpath("//section[@class='downloads']//a/@href")
    assert hrefs[:2] == ["muestra-es.epub", "muestra-es.kepub.epub"] and "muestra-es.html" in hrefs
    assert page.xpath("//a[@href='../../../index-es.html']")
    assert page.xpath("//a[@hreflang='en']/@href") == ["../../../en/v18/n01/index.html"]  # the same number in English
    assert not page.xpath("//script")


def test_every_page_has_a_description_an_icon_and_sized_covers(site):
    pages = [p for p in site.rglob("*.html") if not any(p.name == f"{stem}.html" for stem in STEMS)]
    redirects = [p for p in pages if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")]
    for path in set(pages) - set(redirects):
        page = html.parse(str(path)).getroot()
        assert page.xpath("//meta[@name='description']/@content")[0].strip(), path
        icon = page.xpath("//link[@rel='icon']/@href")[0]
        assert (path.parent / icon).resolve() == (site / "favicon.svg").resolve(), path
        for img in page.xpath("//img[@srcset]"):  # each screen takes the thumbnail its density needs
            widths = [int(part.split()[1][:-1]) for part in img.get("srcset").split(",")]
            assert min(widths) <= 2 * int(img.get("width")) <= max(widths), path
    assert len(redirects) == len(STEMS)


def test_the_undated_issue_is_named_by_its_lead_story(site):
    page = html.parse(str(site / "en" / "undated" / UNDATED / "index.html")).getroot()
    heading = page.xpath("//h1")[0].text_content()
    assert "My Communist Resistance During the ICE Raids Siege" in heading and heading.strip() != "undated"
    assert "My Communist Resistance" in page.xpath("//title")[0].text_content()


def test_the_index_offers_the_newest_issue_s_pdf_and_covers_and_sizes_in_the_archive(site):
    page = html.parse(str(site / "en" / "v18" / "index.html")).getroot()
    rows = page.xpath("//ul[@class='issues']/li")
    assert len(rows) == 2
    for row in rows:
        assert row.xpath(".//img/@src") and re.search(r"EPUB \d+ KB · PDF \d+ KB", row.text_content())
    latest = html.parse(str(site / "index.html")).getroot().xpath("//section[@class='latest']//p[@class='actions']")[0]
    assert [a.get("href") for a in latest.iter("a")] == ["en/v20/n03/pair-en.epub", "en/v20/n03/pair-en.pdf"]


def test_old_addresses_redirect_to_the_new_ones(site):
    for stem in STEMS:
        page = html.parse(str(site / stem / "index.html")).getroot()
        target = f"../{ADDRESS[stem]}index.html"
        assert page.xpath("//meta[@http-equiv='refresh']/@content") == [f"0; url={target}"]
        assert page.xpath("//a/@href") == [target] and (site / stem / target).resolve().is_file()


def test_a_story_page_has_its_issue_its_other_edition_and_its_metadata(site):
    path = site / "en" / "v20" / "n03" / "dockers-of-valparaiso-stop-the-ship.html"
    page = html.parse(str(path)).getroot()
    assert page.xpath("//h1")[0].text_content().strip() == "DOCKERS OF VALPARAÍSO STOP THE SHIP"
    assert "Three hundred dockers" in page.xpath("//article")[0].text_content()
    assert page.xpath("//span[@class='dateline']")
    assert "index.html" in page.xpath("//nav[@class='story-links']//a/@href")
    assert page.xpath("//a[@hreflang='es']/@href") == ["../../../es/v20/n03/los-estibadores-de-valparaiso-paran-el.html"]
    og = dict(zip(page.xpath("//meta[@property]/@property"), page.xpath("//meta[@property]/@content")))
    assert og["og:type"] == "article" and og["og:title"] == "DOCKERS OF VALPARAÍSO STOP THE SHIP"
    assert og["article:published_time"] == "2027-03-10" and og["og:description"].startswith("Three hundred dockers")
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["@type"] == "NewsArticle" and data["headline"] == og["og:title"] and data["datePublished"] == "2027-03-10"
    assert data["isPartOf"]["@type"] == "PublicationIssue" and data["isPartOf"]["issueNumber"] == "3"
    assert data["workTranslation"][0]["inLanguage"] == "es"
    # the other story of the issue has no Spanish version: it links to the Spanish issue instead
    other = html.parse(str(site / "en" / "v20" / "n03" / "index.html")).getroot().xpath("//section[@class='stories']//a/@href")
    assert len(other) == 2
    second = html.parse(str(site / "en" / "v20" / "n03" / other[1])).getroot()
    assert second.xpath("//a[@hreflang='es']/@href") == ["../../../es/v20/n03/index.html"]


def test_a_right_to_left_override_in_a_headline_stays_inside_it(site):
    """U+202E in a headline would reverse whatever follows it in a list or a catalog: each listed value
    is isolated (`<bdi>` in pages, FSI…PDI in the catalogs' text)."""
    for path in (site / "en" / "v20" / "n03" / "index.html", site / "index.html"):
        text = path.read_text(encoding="utf-8")
        assert re.search("<bdi>\u202e[^<]*</bdi>", text), path
        bare = re.sub("<bdi>[^<]*</bdi>|\u2068[^\u2069]*\u2069", "", text)
        assert "\u202e" not in bare, path
    for path in (site / "opds" / "en.xml", site / "opds" / "en.json", site / "feed-en.xml"):
        text = path.read_text(encoding="utf-8")
        assert "\u202e" in text and all(re.search("\u2068[^\u2069]*\u202e[^\u2069]*\u2069", line)
                                         for line in text.splitlines() if "\u202e" in line), path


# --------------------------------------------------------------------------------------------------
# OPDS 1.2


def test_opds1_feeds_carry_their_kind(site):
    root = feed(site / "opds" / "root.xml")
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("type") == "application/atom+xml;profile=opds-catalog;kind=navigation"
    subsections = {link.get("href"): link.get("type") for link in root.iter(f"{ATOM}link") if link.get("rel") == "subsection"}
    assert set(subsections) == {"en.xml", "es.xml", "all.xml"}
    assert root.findtext(f"{ATOM}updated") == "2027-03-10T00:00:00Z"  # the newest issue's date: never the clock
    assert set(subsections.values()) == {"application/atom+xml;profile=opds-catalog;kind=acquisition"}
    assert root.find(f"{ATOM}link[@rel='http://opds-spec.org/crawlable']").get("href") == "all.xml"
    for name in ("en.xml", "es.xml", "all.xml"):
        acquisition = feed(site / "opds" / name)
        assert acquisition.find(f"{ATOM}link[@rel='self']").get("type").endswith(";kind=acquisition")
        assert acquisition.find(f"{ATOM}link[@rel='start']").get("href") == "root.xml"


def test_opds1_every_entry_is_complete(site):
    for name, expected in (("en.xml", 4), ("es.xml", 2), ("all.xml", 6)):
        root = feed(site / "opds" / name)
        for tag in ("id", "title", "updated", "author"):
            assert (root.findtext(f"{ATOM}{tag}") or root.find(f"{ATOM}{tag}/{ATOM}name").text).strip(), (name, tag)
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == expected
        for entry in entries:
            assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
            assert entry.findtext(f"{ATOM}title").strip()
            assert re.fullmatch(r"(19[89]|20\d)\d-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.findtext(f"{ATOM}updated"))
            assert entry.findtext(f"{DC}language") in ("en", "es")
            assert entry.find(f"{ATOM}summary").get("type") == "text"
            assert entry.findtext(f"{ATOM}summary").startswith(("Lead stories: ", "Notas principales: "))
            links = entry.findall(f"{ATOM}link")
            rels = [link.get("rel") for link in links]
            assert "http://opds-spec.org/image" in rels and "http://opds-spec.org/image/thumbnail" in rels
            acquisitions = [link for link in links if link.get("rel", "").startswith(ACQUISITION)]
            types = {link.get("type") for link in acquisitions}
            assert {"application/epub+zip", "application/kepub+zip", "application/pdf"} <= types
            for link in acquisitions:
                target = (site / "opds" / link.get("href")).resolve()
                assert int(link.get("length")) == target.stat().st_size > 0
            issued = entry.findtext(f"{DC}issued")
            assert issued is None or re.fullmatch(r"20\d\d-\d\d-\d\d", issued)
            # what Thorium reads: the date as Atom's `published`, the series as schema:Series, an author
            assert entry.findtext(f"{ATOM}published") == (f"{issued}T00:00:00Z" if issued else None)
            for namespace in ("{http://schema.org}", "{http://schema.org/}"):  # Thorium's, and Palace's and NYPL's
                series = entry.find(f"{namespace}Series")
                assert series.get(f"{namespace}name") in ("Red Flag", "Bandera Roja")
            assert entry.findtext(f"{ATOM}author/{ATOM}name").strip()
    undated = [e for e in feed(site / "opds" / "all.xml").findall(f"{ATOM}entry")
               if any(UNDATED in (link.get("href") or "") for link in e.findall(f"{ATOM}link"))]
    assert len(undated) == 1 and undated[0].find(f"{DC}issued") is None
    assert undated[0].findtext(f"{ATOM}updated") == "1980-01-01T00:00:00Z"  # the EPUB's own fixed stamp, never the clock


def test_opds_feeds_newest_first_undated_last(site):
    """The complete feeds too: the undated issue last, never first by its build time."""
    for name, expected in (("en.xml", ["2027-03-10", "2026-10-28", "2026-10-07", None]),
                           ("all.xml", ["2027-03-10", "2027-03-10", "2026-10-28", "2026-10-07", "2026-10-07", None])):
        root = feed(site / "opds" / name)
        assert [e.findtext(f"{DC}issued") for e in root.findall(f"{ATOM}entry")] == expected, name
    publications = json.loads((site / "opds" / "all.json").read_text(encoding="utf-8"))["publications"]
    assert [p["metadata"].get("published") for p in publications] == expected


# --------------------------------------------------------------------------------------------------
# OPDS 2.0


@pytest.fixture(scope="session")
def opds2_validator():
    """A validator of OPDS 2.0 feeds from ../shared/schemas, every `$ref` served from disk (never the
    network); the Readium schemas' ECMAScript named groups `(?<x>…)` rewritten for Python's `re`."""
    from jsonschema import Draft7Validator, FormatChecker
    from referencing import Registry, Resource

    if not SCHEMAS.is_dir():
        pytest.fail(f"the schemas are missing: {SCHEMAS}")
    registry = Registry()
    for path in SCHEMAS.rglob("*.schema.json"):
        text = re.sub(r"\(\?<([A-Za-z][A-Za-z0-9]*)>", r"(?P<\1>", path.read_text(encoding="utf-8"))
        schema = json.loads(text)
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
    feed_schema = registry.contents("https://drafts.opds.io/schema/feed.schema.json")
    return Draft7Validator(feed_schema, registry=registry, format_checker=FormatChecker())


def test_opds2_feeds_validate(site, opds2_validator):
    for name in ("root.json", "en.json", "es.json", "all.json"):
        data = json.loads((site / "opds" / name).read_text(encoding="utf-8"))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in opds2_validator.iter_errors(data)]
        assert errors == [], (name, errors[:5])
    publications = json.loads((site / "opds" / "all.json").read_text(encoding="utf-8"))["publications"]
    assert len(publications) == 6
    for publication in publications:
        acquisitions = [link for link in publication["links"] if link["rel"].startswith(ACQUISITION)]
        assert {link["type"] for link in acquisitions} >= {"application/epub+zip", "application/kepub+zip"}
        assert all(link["size"] == (site / "opds" / link["href"]).stat().st_size for link in acquisitions)
        # the series where the Readium schema has it, and an author, which Palace and Thorium show
        assert publication["metadata"]["belongsTo"]["series"][0]["name"] in ("Red Flag", "Bandera Roja")
        assert "newspaper" not in publication["metadata"]["belongsTo"]
        assert publication["metadata"]["author"]["name"]


def test_opds2_validator_rejects_a_broken_feed(site, opds2_validator):
    data = json.loads((site / "opds" / "en.json").read_text(encoding="utf-8"))
    del data["publications"][0]["metadata"]["title"]
    data["publications"][1]["links"] = [{"rel": "alternate", "href": "x.html", "type": "text/html"}]
    messages = [e.message for e in opds2_validator.iter_errors(data)]
    assert messages, "a publication without title or acquisition link passed"


# --------------------------------------------------------------------------------------------------
# Incremental


def test_adding_an_issue_rebuilds_only_its_own_outputs(archive, tmp_path):
    manuscripts, build = archive
    pages = [build / "site" / ADDRESS[stem] / "index.html" for stem in STEMS]
    before = {page: page.stat().st_mtime_ns for page in pages}
    shutil.copy(MANUSCRIPTS / "sample-wp-letters.txt", manuscripts)
    shutil.copy(MANUSCRIPTS / "sample-wp-letters.yaml", manuscripts)
    try:
        out = make("site", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
        built = [line.split()[1] for line in out.splitlines() if line.split()]
        assert all("sample-wp-letters" in path or path.endswith("site/index.html") for path in built), built
        assert any(path.endswith("site/index.html") for path in built)
        assert {page: page.stat().st_mtime_ns for page in pages} == before  # no other issue's page rewritten
        assert (build / "site" / "en" / "v18" / "n04" / "index.html").is_file()
        assert "n04/index.html" in (build / "site" / "en" / "v18" / "index.html").read_text()
        again = make("site", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
        assert not [line for line in again.splitlines() if line.startswith(("site", "model", "epub"))], again
    finally:
        for suffix in (".txt", ".yaml"):
            (manuscripts / f"sample-wp-letters{suffix}").unlink()
        make("site", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")  # the catalogs without it again
    assert not (build / "site" / "en" / "v18" / "n04").exists() and not (build / "site" / "sample-wp-letters").exists()


def test_the_site_removes_only_what_it_wrote(archive):
    """A folder the pipeline did not make stays, whatever it holds (a `thumbnail.jpg` too), and so does
    a file put among the site's own; what the site wrote and no longer writes goes."""
    manuscripts, build = archive
    site = build / "site"
    (site / "mirror").mkdir()
    (site / "mirror" / "thumbnail.jpg").write_bytes(b"not ours")
    (site / "en" / "v18" / "notes.txt").write_text("the editor's", encoding="utf-8")
    stale = site / "en" / "v18" / "n01" / "old-story.html"
    manifest = json.loads((build / "site-manifest.json").read_text(encoding="utf-8"))
    manifest["files"].append("en/v18/n01/old-story.html")  # as if an earlier run had written it
    stale.write_text("an old story page", encoding="utf-8")
    (build / "site-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (build / "site-issues.txt").unlink()  # the index step runs again
    try:
        make("site", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
        assert (site / "mirror" / "thumbnail.jpg").read_bytes() == b"not ours"
        assert (site / "en" / "v18" / "notes.txt").is_file()
        assert not stale.exists()
    finally:
        shutil.rmtree(site / "mirror")
        (site / "en" / "v18" / "notes.txt").unlink()


def test_the_search_finds_a_story_and_opens_it_from_disk_and_served(server, browser, site):
    base, _ = server
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        for start in (f"{base}/search-en.html", (site / "search-es.html").as_uri()):
            page.goto(start)
            page.fill("#query", "valpara")  # the start of a word: both editions' stories
            page.wait_for_selector("#results li >> nth=1")
            hrefs = page.eval_on_selector_all("#results a", "links => links.map(a => a.getAttribute('href'))")
            assert set(hrefs[:2]) == {"en/v20/n03/dockers-of-valparaiso-stop-the-ship.html",
                                      "es/v20/n03/los-estibadores-de-valparaiso-paran-el.html"}, hrefs
            assert _axe_violations(page) == []
            page.click("#results a[lang='es']")
            page.wait_for_load_state()
            assert page.url.endswith("/es/v20/n03/los-estibadores-de-valparaiso-paran-el.html")
            assert "Trescientos estibadores" in page.text_content("article")
        page.goto(f"{base}/search-en.html?q=Gratiot+garage")  # words of a story's body, from the address
        page.wait_for_selector("#results li")
        assert page.eval_on_selector("#results a", "a => a.getAttribute('href')") == \
            "en/v18/n01/bus-drivers-organize-across-three-cities.html"
    finally:
        page.close()


def test_the_search_finds_every_headline(server, browser, archive):
    """Every story of every issue, searched by its own headline, comes up among the results."""
    base, _ = server
    page = browser.new_page()
    try:
        page.goto(f"{base}/search-en.html")
        missed = []
        for stem in STEMS:
            entry = json.loads((archive[1] / stem / f"{stem}.entry.json").read_text(encoding="utf-8"))
            for story in entry["stories"]:
                found = page.evaluate("q => siteSearchFind(q).then(r => r.rows.map(row => row[2]))", story["headline"])
                if entry["address"] + story["page"] not in found:
                    missed.append(story["headline"])
        assert missed == []
    finally:
        page.close()


# --------------------------------------------------------------------------------------------------
# Served, and opened in a real browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(archive, tmp_path_factory):
    manuscripts, build = archive
    port = _free_port()
    log = open(tmp_path_factory.mktemp("serve") / "requests.log", "w+")  # the server's request log
    process = subprocess.Popen(["make", "--no-print-directory", "serve", f"PORT={port}",
                                f"MANUSCRIPTS={manuscripts}", f"BUILD={build}"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True)
    first = process.stdout.readline()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            log.seek(0)
            pytest.fail(f"make serve did not listen: {first} {log.read()[-500:]}")
        yield f"http://127.0.0.1:{port}", first
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=10)
        process.stdout.close()
        log.close()


def test_serve_listens_on_loopback_with_opds_types(server, site):
    from urllib.request import urlopen

    base, first = server
    assert "http://127.0.0.1:" in first
    expected = {
        "/opds/root.xml": "application/atom+xml;profile=opds-catalog;kind=navigation",
        "/opds/en.xml": "application/atom+xml;profile=opds-catalog;kind=acquisition",
        "/opds/en.json": "application/opds+json",
        "/en/v18/n01/sample-en.epub": "application/epub+zip",
        "/en/v18/n01/sample-en.kepub.epub": "application/kepub+zip",
        "/en/v18/n01/sample-en.pdf": "application/pdf",
    }
    for path, media_type in expected.items():
        with urlopen(base + path) as answer:
            assert answer.status == 200
            assert answer.headers["Content-Type"] == media_type, path
            assert answer.read() == (site / path.lstrip("/")).read_bytes()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make test` as root (scripts/bootstrap-system)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        try:
            yield chromium
        finally:
            chromium.close()


def _axe_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: {AXE} (make test installs it)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})" for v in result["violations"]]


def test_browser_opens_index_follows_an_issue_and_downloads_its_epub(server, browser, site):
    base, _ = server
    context = browser.new_context(accept_downloads=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        answer = page.goto(base + "/")
        assert answer.status == 200 and answer.headers["content-type"].startswith("text/html")
        assert _axe_violations(page) == []
        page.click("main section.latest h3 a")
        page.wait_for_load_state()
        assert page.url == base + "/en/v20/n03/index.html"
        assert _axe_violations(page) == []
        page.click("section.stories h3 a >> nth=0")  # the issue's first story, on its own page
        page.wait_for_load_state()
        assert page.url == base + "/en/v20/n03/dockers-of-valparaiso-stop-the-ship.html"
        assert _axe_violations(page) == []
        page.click("a[hreflang='es']")  # the same story in the other edition
        page.wait_for_load_state()
        assert page.url == base + "/es/v20/n03/los-estibadores-de-valparaiso-paran-el.html"
        assert _axe_violations(page) == []
        page.goto(base + "/en/v18/n02/index.html")
        with page.expect_download() as download_info:
            page.click("section.downloads a[href='sample-web.epub']")
        # a download ends the page's own request, so its status and type are asked by the browser's fetch
        status, media_type = page.evaluate(
            "fetch('sample-web.epub').then(r => [r.status, r.headers.get('content-type')])")
        assert status == 200
        assert media_type == "application/epub+zip"
        download = download_info.value
        assert download.suggested_filename == "sample-web.epub"
        assert Path(download.path()).read_bytes() == (site / "en" / "v18" / "n02" / "sample-web.epub").read_bytes()
    finally:
        context.close()


def test_axe_finds_the_spanish_pages_clean_too(server, browser):
    base, _ = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        for path in ("/index-es.html", "/es/v18/n01/index.html", f"/en/undated/{UNDATED}/index.html", "/en/v18/index.html",
                     "/es/v18/n01/maquiladoras-de-san-salvador-se-organizan.html", "/search-es.html", "/search-en.html"):
            assert page.goto(base + path).status == 200
            assert _axe_violations(page) == [], path
    finally:
        page.close()


# --------------------------------------------------------------------------------------------------
# Bad input: one line, exit 2, nothing written


@pytest.mark.parametrize("command", [
    ("kepub", "{tmp}/not.epub", "-o", "{tmp}/out.kepub.epub"),
    ("site-issue", "{tmp}/x/x.issue.json", "--site", "{tmp}/site"),
    ("site-index", "{tmp}/x.entry.json", "--site", "{tmp}/site"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, command):
    import sys

    (tmp_path / "not.epub").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "x.issue.json").write_text('{"format": "other"}')
    (tmp_path / "x.entry.json").write_text("{not json")
    args = [part.format(tmp=tmp_path) for part in command]
    result = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out.kepub.epub").exists() and not (tmp_path / "site").exists()


# --------------------------------------------------------------------------------------------------
# Real OPDS clients: Thorium's parser (r2-opds-js) and NYPL's (opds-feed-parser), in node


def test_thorium_and_nypl_read_every_feed_with_dates_series_and_authors(site):
    tools = ROOT / ".tools" / "node_modules"
    if not (tools / "r2-opds-js").is_dir() or not (tools / "opds-feed-parser").is_dir():
        pytest.fail(f"the OPDS clients are missing under {tools} (make test installs them)")
    feeds = sorted((site / "opds").glob("*.xml")) + sorted((site / "opds").glob("*.json"))
    result = subprocess.run(["node", str(ROOT / "tests" / "site" / "opds_clients.js"), *map(str, feeds)],
                            capture_output=True, text=True, timeout=120, env={**os.environ, "NODE_PATH_TOOLS": str(tools)})
    assert result.returncode == 0, result.stderr[-2000:]
    read = json.loads(result.stdout)
    undated_title = json.loads((site.parent / UNDATED / f"{UNDATED}.entry.json").read_text(encoding="utf-8"))["title"]
    publications = 0
    for path in feeds:
        clients = read[path.name]
        if path.suffix == ".xml":
            expected = len(feed(path).findall(f"{ATOM}entry")) if "root" not in path.name else 0
        else:
            expected = len(json.loads(path.read_text(encoding="utf-8")).get("publications", []))
        for name, understood in clients.items():
            found = understood["publications"]
            if name == "nypl" and "root" in path.name:
                continue
            assert len(found) == expected, (path.name, name)
            for publication in found:
                assert publication["title"] and publication["authors"] and publication["acquisitions"] >= 3, (path.name, name)
                assert publication["series"] and publication["series"][0][0] in ("Red Flag", "Bandera Roja"), (path.name, name, publication)
                undated = publication["title"] == undated_title
                assert bool(publication["published"]) is not undated, (path.name, name, publication)
            publications += len(found)
    assert publications > 40
