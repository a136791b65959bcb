"""The download site (`make site`), its OPDS catalogs and `make serve`: built once per session by make
itself over a small archive in a temporary folder (two English issues, the Spanish sample, and the
corpus's undated web copy), then walked, validated, served and opened in Debian's chromium."""

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
    make("site", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
    return manuscripts, build


@pytest.fixture(scope="session")
def site(archive) -> Path:
    return archive[1] / "site"


def feed(path: Path):
    return etree.parse(str(path)).getroot()


# --------------------------------------------------------------------------------------------------
# The files


def test_every_issue_has_its_page_and_files(site, archive):
    build = archive[1]
    for stem in SAMPLES + (UNDATED,):
        folder = site / stem
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
        refs = [el.get("href") for el in tree.iter() if el.get("href")] + [el.get("src") for el in tree.iter() if el.get("src")]
    elif path.suffix == ".xml":
        refs = [link.get("href") for link in feed(path).iter(f"{ATOM}link")]
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
    return refs


def test_every_link_resolves_to_a_file(site):
    pages = list(site.rglob("*.html")) + list((site / "opds").glob("*.xml")) + list((site / "opds").glob("*.json"))
    pages = [p for p in pages if not re.fullmatch(r".+/(.+)/\1\.html", p.as_posix())]  # the issues' own HTML
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
    assert checked > 100, checked


def test_index_per_edition_newest_first_undated_last(site):
    english = html.parse(str(site / "index.html")).getroot()
    spanish = html.parse(str(site / "index-es.html")).getroot()
    assert english.get("lang") == "en" and spanish.get("lang") == "es"
    assert english.xpath("//a[@hreflang='es']/@href") == ["index-es.html"]
    assert spanish.xpath("//a[@hreflang='en']/@href") == ["index-en.html"]
    assert (site / "index-en.html").read_text() == (site / "index.html").read_text()
    issue_links = [a.get("href") for a in english.xpath("//main//a") if a.get("href", "").endswith("/index.html")]
    order = list(dict.fromkeys(h.split("/")[0] for h in issue_links))
    assert order == ["sample-web", "sample-en", UNDATED]  # 2026-10-28, 2026-10-07, no date
    assert "1970" not in (site / "index.html").read_text()
    assert "Último número" in spanish.text_content() and "Catálogo OPDS 1.2" in spanish.text_content()
    assert "Archive" in english.text_content() and "Archivo" not in spanish.text_content()  # one Spanish issue


def test_the_issue_page_lists_stories_and_downloads_in_its_language(site):
    page = html.parse(str(site / "muestra-es" / "index.html")).getroot()
    assert page.get("lang") == "es"
    assert page.xpath("//h2/text()") == ["Descargas", "En este número"]
    stories = page.xpath("//section[@class='stories']//h3")
    assert len(stories) >= 2 and all(h.text_content().strip() for h in stories)
    hrefs = page.xpath("//section[@class='downloads']//a/@href")
    assert hrefs[:2] == ["muestra-es.epub", "muestra-es.kepub.epub"] and "muestra-es.html" in hrefs
    assert page.xpath("//a[@href='../index-es.html']")
    assert not page.xpath("//script")


# --------------------------------------------------------------------------------------------------
# OPDS 1.2


def test_opds1_feeds_carry_their_kind(site):
    root = feed(site / "opds" / "root.xml")
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("type") == "application/atom+xml;profile=opds-catalog;kind=navigation"
    subsections = {link.get("href"): link.get("type") for link in root.iter(f"{ATOM}link") if link.get("rel") == "subsection"}
    assert set(subsections) == {"en.xml", "es.xml", "all.xml"}
    assert set(subsections.values()) == {"application/atom+xml;profile=opds-catalog;kind=acquisition"}
    assert root.find(f"{ATOM}link[@rel='http://opds-spec.org/crawlable']").get("href") == "all.xml"
    for name in ("en.xml", "es.xml", "all.xml"):
        acquisition = feed(site / "opds" / name)
        assert acquisition.find(f"{ATOM}link[@rel='self']").get("type").endswith(";kind=acquisition")
        assert acquisition.find(f"{ATOM}link[@rel='start']").get("href") == "root.xml"


def test_opds1_every_entry_is_complete(site):
    for name, expected in (("en.xml", 3), ("es.xml", 1), ("all.xml", 4)):
        root = feed(site / "opds" / name)
        for tag in ("id", "title", "updated", "author"):
            assert (root.findtext(f"{ATOM}{tag}") or root.find(f"{ATOM}{tag}/{ATOM}name").text).strip(), (name, tag)
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == expected
        for entry in entries:
            assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
            assert entry.findtext(f"{ATOM}title").strip()
            assert re.fullmatch(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.findtext(f"{ATOM}updated"))
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
    undated = [e for e in feed(site / "opds" / "all.xml").findall(f"{ATOM}entry")
               if any(UNDATED in (link.get("href") or "") for link in e.findall(f"{ATOM}link"))]
    assert len(undated) == 1 and undated[0].find(f"{DC}issued") is None
    assert "1970" not in undated[0].findtext(f"{ATOM}updated")


def test_opds1_feeds_newest_first(site):
    root = feed(site / "opds" / "en.xml")
    issued = [e.findtext(f"{DC}issued") for e in root.findall(f"{ATOM}entry")]
    assert issued == ["2026-10-28", "2026-10-07", None]


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
    assert len(publications) == 4
    for publication in publications:
        acquisitions = [link for link in publication["links"] if link["rel"].startswith(ACQUISITION)]
        assert {link["type"] for link in acquisitions} >= {"application/epub+zip", "application/kepub+zip"}
        assert all(link["size"] == (site / "opds" / link["href"]).stat().st_size for link in acquisitions)
        assert publication["metadata"]["belongsTo"]["newspaper"]["name"] in ("Red Flag", "Bandera Roja")


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
    stems = SAMPLES + (UNDATED,)
    before = {stem: (build / "site" / stem / "index.html").stat().st_mtime_ns for stem in stems}
    shutil.copy(MANUSCRIPTS / "sample-wp-letters.txt", manuscripts)
    shutil.copy(MANUSCRIPTS / "sample-wp-letters.yaml", manuscripts)
    try:
        out = make("site", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
        built = [line.split()[1] for line in out.splitlines() if line.split()]
        assert all("sample-wp-letters" in path or path.endswith("site/index.html") for path in built), built
        assert any(path.endswith("site/index.html") for path in built)
        assert {stem: (build / "site" / stem / "index.html").stat().st_mtime_ns for stem in stems} == before
        assert "sample-wp-letters/index.html" in (build / "site" / "index.html").read_text()
        again = make("site", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
        assert not [line for line in again.splitlines() if line.startswith(("site", "model", "epub"))], again
    finally:
        for suffix in (".txt", ".yaml"):
            (manuscripts / f"sample-wp-letters{suffix}").unlink()
        make("site", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")  # the catalogs without it again


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
        "/sample-en/sample-en.epub": "application/epub+zip",
        "/sample-en/sample-en.kepub.epub": "application/kepub+zip",
        "/sample-en/sample-en.pdf": "application/pdf",
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
        assert page.url == base + "/sample-web/index.html"
        assert _axe_violations(page) == []
        with page.expect_download() as download_info:
            page.click("section.downloads a[href='sample-web.epub']")
        # a download ends the page's own request, so its status and type are asked by the browser's fetch
        status, media_type = page.evaluate(
            "fetch('sample-web.epub').then(r => [r.status, r.headers.get('content-type')])")
        assert status == 200
        assert media_type == "application/epub+zip"
        download = download_info.value
        assert download.suggested_filename == "sample-web.epub"
        assert Path(download.path()).read_bytes() == (site / "sample-web" / "sample-web.epub").read_bytes()
    finally:
        context.close()


def test_axe_finds_the_spanish_pages_clean_too(server, browser):
    base, _ = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        for path in ("/index-es.html", "/muestra-es/index.html", f"/{UNDATED}/index.html"):
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
