"""The print PDF, tested by structure (never by bytes): page size and count, bookmarks, metadata,
fonts embedded, every word found; a broken layout and a missing glyph are caught."""

import io
import re
import subprocess
from functools import lru_cache
from pathlib import Path

import pikepdf
import pyphen
import pytest
from bs4 import BeautifulSoup

from conftest import CORPUS_FILES, MANUSCRIPTS, built, corpus_path
from pipeline.errors import BuildError
from pipeline.checks.integrity import check_pdf_against_html
from pipeline.lang.labels import label, print_language
from pipeline.checks.layout import check_layout
from pipeline.writers.pdf import PAPERS, STYLES, _confined_fetcher, render_pdf

pytestmark = pytest.mark.render  # the slow lane: `pytest -m "not render"` leaves it out

SAMPLES = tuple(sorted(p.stem for p in MANUSCRIPTS.glob("*.txt")))
SIZES = {"letter": (612, 792), "a4": (595, 842), "tabloid": (792, 1224)}  # points


def folder(stem):
    return MANUSCRIPTS if stem in SAMPLES else corpus_path(stem).parent


@lru_cache(maxsize=None)
def rendered(stem, paper):
    issue, html = built(stem)
    pdf, stats = render_pdf(issue, paper, (folder(stem),))
    return pdf, stats


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("stem", CORPUS_FILES + SAMPLES)
def test_pdf_structure(stem, paper):
    pdf, stats = rendered(stem, paper)  # render_pdf itself fails on any lost word or warning
    issue, html = built(stem)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        width, height = (float(v) for v in doc.pages[0].mediabox[2:])
        assert (round(width), round(height)) == SIZES[paper]
        assert len(doc.pages) == stats.pages
        words = len(BeautifulSoup(html, "html.parser").body.get_text().split())
        # measured: 650–900 words a Letter/A4 page, about twice that on tabloid; the bounds leave room for
        # layout changes but fail on runaway pagination (a story a page) or collapsed pages
        dense, sparse = {"letter": (2000, 350), "a4": (2000, 350), "tabloid": (4000, 700)}[paper]
        assert words / dense <= len(doc.pages) <= words / sparse + 2
        with doc.open_outline() as outline:  # section → story, every story under its section
            sections = [item.title for item in outline.root]
            titles = [child.title for item in outline.root for child in item.children]
        headlines = [" ".join(h.get_text().split()) for h in
                     BeautifulSoup(html, "html.parser").select("article.story > header h2")]
        assert titles == headlines
        assert set(sections) <= {label(issue.metadata.language, k) for k in ("front_page", "reports", "letters")}
        # accessible: tagged, its language, its title shown, the outline open on load
        assert "/StructTreeRoot" in doc.Root and doc.Root.MarkInfo.Marked
        assert doc.Root.ViewerPreferences.DisplayDocTitle and doc.Root.PageMode == "/UseOutlines"
        assert "/Metadata" in doc.Root
        info = doc.docinfo
        assert str(info["/Title"]) == BeautifulSoup(html, "html.parser").title.get_text()
        assert str(info["/Author"]) == issue.metadata.publisher
        assert str(info["/Subject"]).startswith(("Lead stories", "Notas principales", issue.metadata.description[:20]))
        assert str(doc.Root.Lang) == print_language(issue.metadata.language)
    assert stats.layout.stranded == []  # render_pdf fails otherwise; the check ran on this very render
    assert any(f.startswith("Oswald") for f in stats.fonts) and any(f.startswith("Linux-Libertine-O") for f in stats.fonts)


def test_every_font_is_embedded():
    pdf, _ = rendered(CORPUS_FILES[1], "letter")
    listing = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True).stdout.decode()
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), listing  # the `emb` column
    assert any("Noto-Sans-CJK-SC" in row[0] for row in rows), "the Chinese caption needs its CJK face"


def test_the_masthead_is_not_bookmarked_and_the_front_page_has_no_running_head():
    pdf, _ = rendered(CORPUS_FILES[0], "letter")
    with pikepdf.open(io.BytesIO(pdf)) as doc, doc.open_outline() as outline:
        assert "RED FLAG" not in [item.title for item in outline.root]
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-", "-"], input=pdf, capture_output=True).stdout.decode()
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-", "-"], input=pdf, capture_output=True).stdout.decode()
    assert "RED FLAG — VOL. 16 NO. 4" not in first and "RED FLAG — VOL. 16 NO. 4" in second
    assert re.search(r"^1 / \d+$", first, re.M) and re.search(r"^2 / \d+$", second, re.M)


def broken_stylesheet(tmp_path: Path) -> Path:
    """print.css plus a fixed height on every story: WeasyPrint then lays the columns that do not fit
    out to the right of the page, off the paper, without a warning (shared/reference/print.md §1)."""
    css = (STYLES / "print.css").read_text(encoding="utf-8").replace("url(fonts/", f"url({STYLES.as_uri()}/fonts/")
    (tmp_path / "broken.css").write_text(css + "\narticle.story { height: 2in; }\n", encoding="utf-8")
    return tmp_path / "broken.css"


@pytest.mark.parametrize("paper", PAPERS)
def test_a_broken_layout_is_caught(tmp_path, paper):
    issue, _ = built(CORPUS_FILES[0])
    with pytest.raises(BuildError, match=r"the PDF lost text — story “Ecuador Study Group WORKERS DISCUSS"):
        render_pdf(issue, paper, (folder(CORPUS_FILES[0]),),
                   stylesheets=(broken_stylesheet(tmp_path), STYLES / f"paper-{paper}.css"))


def test_the_check_names_the_story_and_the_first_missing_words():
    issue, html = built("sample-en")
    pdf, stats = rendered("sample-en", "letter")
    text = stats.text
    assert check_pdf_against_html(html, text) == []
    damaged = re.sub(r"Every\s+decision\s+was\s+taken\s+in\s+a\s+mass\s+meeting", "", text)
    assert damaged != text
    misses = check_pdf_against_html(html, damaged)
    assert len(misses) == 1 and "HOSPITAL CLEANERS STRIKE" in misses[0] and "decision was taken in a mass meeting" in misses[0]


def test_a_missing_glyph_fails_the_build(monkeypatch):
    from dataclasses import replace

    from pipeline.model import Article, Paragraph, Text

    issue, _ = built("sample-en")
    story = next(i for i in issue.items if isinstance(i, Article))
    # U+10FFFD (plane 16 private use): no installed font has a glyph for it
    odd = replace(story, body=story.body + (Paragraph((Text("A character no font has: \U0010fffd."),), story.source),))
    odd_issue = replace(issue, items=(odd,))
    with pytest.raises(BuildError, match=r"no print font has the character .* \(U\+10FFFD"):
        render_pdf(odd_issue, "letter")  # the coverage check, before rendering
    monkeypatch.setattr("pipeline.writers.pdf.check_coverage", lambda *args: None)
    with pytest.raises(BuildError, match="notdef"):
        render_pdf(odd_issue, "letter")  # and, were it to miss one, WeasyPrint's warning


def test_the_fetcher_serves_only_styles_and_the_manuscript_folder(tmp_path):
    fetcher = _confined_fetcher((STYLES, tmp_path))
    (tmp_path / "ok.css").write_text("p {}", encoding="utf-8")
    assert fetcher.fetch((tmp_path / "ok.css").as_uri()) is not None
    assert fetcher.fetch((STYLES / "print.css").as_uri()) is not None
    for url in ("file:///etc/passwd", "http://169.254.169.254/latest/", "https://example.org/x.css",
                (STYLES / ".." / "README.md").resolve().as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_spanish_is_hyphenated_as_spanish():
    pdf, _ = rendered("muestra-es", "letter")
    raw = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True).stdout.decode()
    breaks = re.findall(r"(\w+)\u2010\n(\w+)", raw)
    assert breaks, "no word was hyphenated"
    spanish = pyphen.Pyphen(lang="es")
    for left, right in breaks:
        assert len(left) in spanish.positions(left + right), f"{left}-{right} is not a Spanish break"


def test_the_render_path_logs_no_warning_about_a_missing_library(caplog):
    """WeasyPrint warns and falls back (to fontTools) when a system library is missing: on a fresh
    machine without libharfbuzz-subset0 every render failed. The bootstrap installs what it needs."""
    issue, _ = built(SAMPLES[-1])
    with caplog.at_level("DEBUG", logger="weasyprint"):
        render_pdf(issue, "letter", (MANUSCRIPTS,))
    complaints = [r.getMessage() for r in caplog.records
                  if r.levelno >= 30 or re.search(r"install|instead of|unsupported", r.getMessage(), re.I)]
    assert complaints == []


def test_right_to_left_words_are_checked_in_logical_order_and_a_dropped_arabic_word_is_caught():
    issue, html = built("sample-multilingual")
    _, stats = rendered("sample-multilingual", "letter")
    assert "يقرأ العمال الجريدة في استراحة الغداء" in " ".join(stats.text.split())  # logical order, as written
    assert check_pdf_against_html(html, stats.text) == []
    damaged = stats.text.replace("الجريدة في استراحة", "في استراحة", 1)
    assert damaged != stats.text
    misses = check_pdf_against_html(html, damaged)
    assert len(misses) == 1 and "العمال يقرؤون الجريدة في المصنع" in misses[0] and "الجريدة في استراحة" in misses[0]


def test_devanagari_and_bengali_words_are_checked_with_their_vowel_signs():
    _, html = built("sample-multilingual")
    _, stats = rendered("sample-multilingual", "letter")
    for word in ("मज़दूरों", "क्रांति", "শ্রমিকদের", "প্রশ্ন"):
        assert word in stats.text
    damaged = stats.text.replace("क्रांति", "क्रांत")  # the vowel sign ि lost
    assert check_pdf_against_html(html, damaged) != []


def test_the_layout_check_catches_a_stranded_headline(monkeypatch):
    """A page filled but for a few lines, then a story: its header fits at the foot, its text does not.
    WeasyPrint leaves the header there (break-after: avoid does not hold); the check says so, and
    render_pdf starts that story on a new page instead."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    filler = "<p>" + "Workers of the world, unite. " * 40 + "</p>"
    story = ('<article id="s" class="story"><header><h2 class="headline">A HEADLINE AT THE FOOT</h2></header>'
             + "<p>" + "The story begins overleaf. " * 60 + "</p></article>")
    for height, stranded in (("9.0in", [("s", 1)]), ("9.3in", []), ("5in", [])):  # 9.3in: the header goes over too
        html = f'<html lang="en-US"><body><main><div style="height:{height}"></div>{story}</main></body></html>'
        pages = HTML(string=html + filler).render(
            stylesheets=[CSS(filename=str(s), font_config=fonts) for s in (STYLES / "print.css", STYLES / "paper-letter.css")],
            font_config=fonts).pages
        assert check_layout(pages).stranded == stranded, height
    # Through render_pdf: a sample with a spacer of a few heights before its second story, which
    # pushes that story's header down the page until, at one of them, it lands at the foot alone.
    import pipeline.writers.pdf as pdf_writer

    issue, _ = built("sample-en")
    plain = pdf_writer.print_html
    spacer = {}

    def with_spacer(html, issue, new_pages=frozenset(), unhyphenated=frozenset()):
        out = plain(html, issue, new_pages, unhyphenated)
        second = out.index("<article", out.index("<article") + 1)
        return out[:second] + f'<div style="height:{spacer["in"]}in"></div>' + out[second:]

    monkeypatch.setattr(pdf_writer, "print_html", with_spacer)
    moved = []
    for spacer["in"] in (6.0, 6.5, 7.0, 7.5, 8.0):
        _, stats = render_pdf(issue, "letter")
        assert stats.layout.stranded == [], spacer  # whatever the spacer, no headline is left at a foot
        moved += stats.new_pages
    assert moved  # at one height at least the header was stranded, and render_pdf moved its story


@pytest.mark.parametrize("stem", CORPUS_FILES)
def test_every_hyphenation_is_one_us_english_patterns_make(stem):
    """Each hyphenated line end of the corpus, against pyphen's en_US: the break must be one it makes
    (lang="en" alone gave British breaks: capit-alism, immig-rants, Minneapol-is)."""
    _, stats = rendered(stem, "letter")
    american = pyphen.Pyphen(lang="en_US")
    breaks = [(word, at) for word, at, lang in stats.layout.breaks if lang.startswith("en")]
    assert len(breaks) >= (10 if stem != CORPUS_FILES[2] else 1)
    wrong = [f"{word[:at]}-{word[at:]}" for word, at in breaks if at not in american.positions(word)]
    assert wrong == []
    assert not any("end of a hyphenated word" in w for w in stats.layout_warnings)


def test_the_teaser_box_gives_each_story_its_page_in_this_pdf():
    pdf, stats = rendered(CORPUS_FILES[0], "letter")
    issue, html = built(CORPUS_FILES[0])
    first = subprocess.run(["pdftotext", "-raw", "-f", "1", "-l", "1", "-", "-"], input=pdf, capture_output=True).stdout.decode()
    teasers = BeautifulSoup(html, "html.parser").select("nav.see-inside a")
    assert len(teasers) >= 3
    pages = [int(n) for n in re.findall(r"· p\.\s*(\d+)", first)]
    assert pages == [stats.layout.starts[a["href"][1:]] for a in teasers]
    assert "of the print edition" not in stats.text and "Continued on page" not in stats.text
