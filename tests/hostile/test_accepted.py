"""Hostile input the pipeline must accept, and make safe: characters XML forbids, UTF-16, raw
markup, links that would run code or read local files, and text shaped to make a pattern run
without end. Each builds (exit 0, nothing on stderr), within the harness's bounds, into well-formed
outputs with no live unsafe link and no temporary file left."""

from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree

from harness import ROOT, WEB_STORY, pipeline, temporaries

pytestmark = pytest.mark.render  # the slow lane: `pytest -m "not render"` leaves it out

LIVE = re.compile(r"^(https?://|mailto:|#)", re.I)
UNSAFE_LINKS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>x</script>",
                "file:///etc/passwd", "../../../etc/passwd", "/etc/passwd", "styles/print.css", "//evil.example/x",
                "%6Aavascript:alert(1)", "mailto-x:evil"]
MARKDOWN = "# RED FLAG\n\n## A Headline for the Story\n\nThe first paragraph of the story, which has words.\n\n"


def hrefs(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)  # well-formed XML, or this raises
    return root.xpath("//*[local-name()='a']/@href")


def build_html_and_epub(tmp_path, text: str | bytes, sidecar: str = "", name: str = "x"):
    """Build the HTML and EPUB of a manuscript; return the HTML bytes, the EPUB's XHTML files, the report."""
    given, build = tmp_path / "in", tmp_path / "build"
    given.mkdir(exist_ok=True)
    manuscript = given / f"{name}.txt"
    manuscript.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if sidecar:
        manuscript.with_suffix(".yaml").write_text(sidecar, encoding="utf-8")
    for command, output in (("html", f"{name}.html"), ("epub", f"{name}.epub")):
        run = pipeline(command, manuscript, "-o", build / output, *(["--report", build / "report.md"] if command == "html" else []))
        assert run.code == 0 and not run.stderr, run.stderr
    assert temporaries(build) == []
    with zipfile.ZipFile(build / f"{name}.epub") as book:
        pages = {n: book.read(n) for n in book.namelist() if n.endswith(".xhtml")}
    return (build / f"{name}.html").read_bytes(), pages, (build / "report.md").read_text(encoding="utf-8")


def assert_safe(html: bytes, pages: dict) -> None:
    for document in [html, *pages.values()]:
        for href in hrefs(document):
            assert LIVE.match(href) or not re.match(r"^[a-z][\w+.-]*:|^/|\.\./", href, re.I), href
            assert not re.match(r"^\s*(javascript|vbscript|data|file):", href, re.I), href
    assert b"<script" not in html and all(b"<script" not in page for page in pages.values())


@pytest.mark.parametrize("url", UNSAFE_LINKS)
def test_unsafe_links_stay_text(tmp_path, url):
    text = MARKDOWN + f"Read [the full statement]({url}) and [our site](https://icwpredflag.org) now.\n"
    html, pages, report = build_html_and_epub(tmp_path, text)
    assert_safe(html, pages)
    assert url.split(":")[0].split("/")[-1] not in {h.split(":")[0] for h in hrefs(html)}
    assert b"the full statement" in html and b'href="https://icwpredflag.org"' in html
    assert "only web" in report and "the full statement" in report  # the editor is told which link went


@pytest.mark.parametrize("character", ["\f", "\ufffe", "\uffff", "\x07", "\x1b", "\x0b"],
                         ids=["form-feed", "U+FFFE", "U+FFFF", "bell", "escape", "vertical-tab"])
def test_characters_xml_forbids_are_removed_and_named(tmp_path, character):
    text = MARKDOWN + f"A sentence with a{character} forbidden character in it.\n\nAnother paragraph.\n"
    html, pages, report = build_html_and_epub(tmp_path, text)
    assert character.encode() not in html
    assert "forbidden character in it" in html.decode() or "forbidden character" in html.decode()
    assert re.search(r"line 7: (removed U\+|1 form feed)", report), report


def test_a_form_feed_is_a_page_break(tmp_path):
    text = "A HEADLINE ON PAGE ONE\n\nThe last paragraph of the page.\n\fA HEADLINE ON PAGE TWO\n\nIts first paragraph.\n"
    html, pages, report = build_html_and_epub(tmp_path, text)
    assert len(re.findall(rb">A HEADLINE ON PAGE (ONE|TWO)</h2>", html)) == 2
    assert not re.search(rb"page\.\s*A HEADLINE ON PAGE TWO", html), "the page break did not end the block"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_decoded(tmp_path, encoding):
    html, pages, report = build_html_and_epub(tmp_path, (MARKDOWN + "El niño leyó «Bandera Roja».\n").encode(encoding))
    assert "El niño leyó" in html.decode()


def test_raw_markup_is_text(tmp_path):
    text = MARKDOWN + '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:x">a</a>\n'
    html, pages, report = build_html_and_epub(tmp_path, text, 'publication: "<script>alert(2)</script>"\n')
    assert_safe(html, pages)
    assert b"&lt;script&gt;" in html and b"<img" not in html


def test_a_link_inside_its_folder_is_read(tmp_path):
    given = tmp_path / "in"
    given.mkdir()
    (given / "real.txt").write_text(WEB_STORY, encoding="utf-8")
    (given / "x.txt").symlink_to("real.txt")
    run = pipeline("model", given / "x.txt", "-o", tmp_path / "out" / "x.json")
    assert run.code == 0, run.stderr


def test_an_edited_model_cannot_smuggle_a_live_link(tmp_path):
    given = tmp_path / "in"
    given.mkdir()
    (given / "x.txt").write_text(MARKDOWN + "Read [this](https://example.org).\n", encoding="utf-8")
    assert pipeline("model", given / "x.txt", "-o", given / "x.issue.json").code == 0
    model = given / "x.issue.json"
    model.write_text(model.read_text(encoding="utf-8").replace("https://example.org", "javascript:alert(1)"))
    run = pipeline("html", model, "-o", tmp_path / "x.html")
    assert run.code == 0, run.stderr
    html = (tmp_path / "x.html").read_bytes()
    assert_safe(html, {}) and b"javascript:" not in html


# Text shaped to make a pattern backtrack, a rescan repeat, a parser recurse: each must finish
# within the harness's bounds (exit 0 or 2, never a traceback).
PATHOLOGICAL = {
    "dashes": "HEADLINE\n\n" + ("-" * 19_000 + "\n") * 11,
    "dots-and-letters": "HEADLINE\n\n" + ("a." * 9_000 + "\n") * 11,
    "at-signs": "HEADLINE\n\n" + ("a@" * 9_000 + "\n") * 11,
    "brackets": "HEADLINE\n\n" + ("[" * 10_000 + "\n") * 10,
    "link-openers": "HEADLINE\n\n" + ("[a](" * 4_000 + "\n") * 10,
    "emphasis-nested-1000": "HEADLINE\n\n" + "*_" * 500 + "deep" + "_*" * 500 + "\n",
    "emphasis-unclosed": "HEADLINE\n\n" + ("*" * 10_000 + "\n") * 10,
    "hyphen-breaks-10k-blocks": "HEADLINE\n\n" + "".join(f"a line that ends in a bro-\n\nken{k} word.\n\n" for k in range(5_000)),
    "teasers-800kb": "".join(f"Story number {k} here ♦ " for k in range(200)) + "\n"
                     + "".join(f"Story number {k}\nIts only paragraph, number {k}, says the same thing again.\n"
                               for k in range(9_000)),
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_text_finishes(tmp_path, name):
    manuscript = tmp_path / "x.txt"
    manuscript.write_text(PATHOLOGICAL[name], encoding="utf-8")
    run = pipeline("html", manuscript, "-o", tmp_path / "out" / "x.html")
    assert run.code in (0, 2), run.stderr[-2000:]
    if run.code == 2:
        run.error_line  # one line, no traceback
    else:
        etree.parse(str(tmp_path / "out" / "x.html"))


def test_the_print_and_the_epub_of_hostile_text_pass_their_checks(tmp_path):
    """The issue's reproductions end to end: a form feed and U+FFFE made EPUBCheck fail (RSC-016);
    unsafe and relative links became URI actions in the PDF, the relative ones carrying the
    checkout's path. Now EPUBCheck passes and the PDF's only links are web and mail ones."""
    import pikepdf

    from pipeline.checks.validators import epubcheck

    links = "".join(f"[link {k}]({url}) " for k, url in enumerate(UNSAFE_LINKS))
    text = MARKDOWN + f"Page one ends here.\n\fPage two \ufffe starts. {links}and [mail](mailto:a@b.org).\n"
    manuscript = tmp_path / "x.txt"
    manuscript.write_text(text, encoding="utf-8")
    for command, output in (("epub", "x.epub"), ("pdf", "x.pdf")):
        run = pipeline(command, manuscript, "-o", tmp_path / "out" / output)
        assert run.code == 0 and not run.stderr, run.stderr
    verdict = epubcheck(tmp_path / "out" / "x.epub")
    assert verdict.passed, verdict.messages
    pdf = (tmp_path / "out" / "x.pdf").read_bytes()
    with pikepdf.open(tmp_path / "out" / "x.pdf") as document:
        uris = [str(annot.A.URI) for page in document.pages for annot in page.get("/Annots", [])
                if "/A" in annot and "/URI" in annot.A]
        streams = b"".join(obj.read_bytes() for obj in document.objects if isinstance(obj, pikepdf.Stream))
    assert uris == ["mailto:a@b.org"], uris
    assert str(ROOT).encode() not in pdf + streams and str(tmp_path).encode() not in pdf + streams
