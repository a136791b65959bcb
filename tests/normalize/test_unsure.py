"""Structure recovery on input it has never seen: the form is chosen by evidence and said, the text's
language is checked, the editor's own furniture lines and edition names come from publication.yaml,
and wherever the pipeline is unsure the report warns with the line and the override that fixes it."""

import shutil

import pytest

from conftest import MANUSCRIPTS, PUBLICATION
from pipeline.build import load_issue
from pipeline.errors import InputError
from pipeline.model import Article
from pipeline.model.inlines import plain_text
from pipeline.writers.report import render_report

SPANISH = """LOS MAESTROS SE UNEN A LOS PADRES

Los maestros de tres escuelas se reunieron con los padres para hablar del cierre de las escuelas en los barrios
obreros. La junta escolar quiere cerrar once escuelas este año y abrir una cárcel nueva.

"Cierran nuestras escuelas y abren nuevas cárceles", dijo una madre de tres niños. Los maestros prometieron
organizar una asamblea en cada escuela del distrito.
"""


def build(tmp_path, text, sidecar=None, publication=None):
    manuscript = tmp_path / "issue.txt"
    manuscript.write_text(text, encoding="utf-8")
    if sidecar is not None:
        (tmp_path / "issue.yaml").write_text(sidecar, encoding="utf-8")
    pub = PUBLICATION
    if publication is not None:
        pub = tmp_path / "publication.yaml"
        pub.write_text(publication, encoding="utf-8")
    return load_issue(manuscript, pub)


def warnings(issue):
    """The warnings about the text (those about missing sidecar fields are tested with the EPUB)."""
    return [n.message for n in issue.notes if n.level == "warning" and n.step != "check_publication_metadata"]


def test_a_spanish_text_with_no_language_of_its_own_is_set_in_spanish_and_says_so(tmp_path):
    issue = build(tmp_path, SPANISH)
    assert issue.metadata.language == "es" and issue.metadata.publication == "Bandera Roja"  # editions: es
    [warning] = [w for w in warnings(issue) if "reads as Spanish" in w]
    assert "`language: es`" in warning and "issue.yaml" in warning


def test_a_language_the_issue_sidecar_sets_wrongly_is_a_warning_naming_both(tmp_path):
    issue = build(tmp_path, SPANISH, "language: en\n")
    assert issue.metadata.language == "en"  # the editor's word stands
    [warning] = [w for w in warnings(issue) if "reads as Spanish" in w]
    assert "issue.yaml:1" in warning and "language: en" in warning


def test_no_mismatch_no_warning(tmp_path):
    issue = build(tmp_path, SPANISH, "language: es\ndate_start: 2026-03-01\n")
    assert warnings(issue) == []


def test_the_form_and_its_evidence_are_in_the_report(tmp_path):
    issue = build(tmp_path, (MANUSCRIPTS / "sample-static-page.txt").read_text(encoding="utf-8"))
    assert issue.form == "web"
    report = render_report(issue)
    assert "read as web copy: the website's furniture: “Header image” (line 1)" in report
    assert "site furniture “BIGGER SMALLER” dropped" not in report or "line 25" in report
    dropped = [n for n in issue.notes if n.step == "drop_site_furniture" and n.dropped]
    assert {n.dropped for n in dropped} >= {"Header image", "line decor", "BIGGER SMALLER", "Previous Issue"}


def test_the_papers_own_furniture_lines_come_from_publication_yaml(tmp_path):
    text = "Donate to the paper here today\n\n" + SPANISH
    issue = build(tmp_path, text, "language: es\ndate_start: 2026-03-01\n",
                  publication="publication: Red Flag\nfurniture:\n  - Donate to the paper here today\n")
    assert any(n.dropped == "Donate to the paper here today" for n in issue.notes)
    assert "Donate" not in " ".join(plain_text(a.headline.inlines) for a in issue.items if isinstance(a, Article))


@pytest.mark.parametrize("yaml_text, message", [
    ("furniture: Donate\n", "`furniture` must be a list"),
    ("furniture:\n  - [a, b]\n", "one line of text"),
    ("editions: Bandera Roja\n", "`editions` must map"),
    ("editions:\n  spanish: Bandera Roja\n", "not a language tag"),
])
def test_bad_phrase_fields_are_errors_naming_the_line(tmp_path, yaml_text, message):
    with pytest.raises(InputError, match=message):
        build(tmp_path, SPANISH, publication=yaml_text)


def test_a_page_that_is_only_a_site_menu_warns_that_no_story_was_found(tmp_path):
    menu = "Header image\n\nline decor\n\nHome\n\nAbout ICWP\n\nLetters to RED FLAG\n\nPrevious Issue\n\nRED FLAG Archive\n"
    issue = build(tmp_path, menu, "date_start: 2026-03-01\n")
    assert not [i for i in issue.items if isinstance(i, Article)]
    [warning] = warnings(issue)
    assert warning.startswith("no story found in this manuscript") and "{action: new-story, at: N}" in warning


@pytest.mark.parametrize("text, expected", [
    ("A HEADLINE\n\nPlain words here.\n\nANOTHER ONE\n\n\n\nTHIRD\n\nOne line.\n\nFOURTH\n\nAlso one.\n\nFIFTH\n\nAgain.\n",
     "one-paragraph stories in a row"),
    ("WORKERS | ORGANIZE\n\n" + "The workers met on Sunday to plan the strike. " * 3 + "\n", "holds markup debris"),
    ("A HEADLINE\n\nThe " + "word " * 260 + "end.\n", "a paragraph of 262 words"),
    ("A HEADLINE\n\n\n\nwas no crime where I live, and the neighbours know it well enough by now.\n",
     "opens mid-sentence"),
    ("A HEADLINE\n\nThe strike went on.\n\nSee THE STRIKE, page 4\n\nINSIDE\n\nTHE BOSSES, from page 9\n\nNothing.\n",
     "jumps to page 4"),
    ("A HEADLINE\n\nThe strike went on.\n\n" + "*a **a " * 500 + "x" + " a** a*" * 500 + "\n",
     "1960 asterisks printed as they stand in one block (lines 5–5): emphasis nested more than 20 deep"),
])
def test_each_doubt_is_a_warning_with_its_line(tmp_path, text, expected):
    issue = build(tmp_path, text, "date_start: 2026-03-01\nlanguage: en\n")
    found = [n for n in issue.notes if n.level == "warning" and expected in n.message]
    assert found and all(n.line >= 1 for n in found), warnings(issue)


def test_an_issue_with_no_date_says_which_field_supplies_one(tmp_path):
    issue = build(tmp_path, SPANISH, "language: es\n")
    assert any("`date_start: YYYY-MM-DD`" in w for w in warnings(issue))


def test_a_section_override_moves_a_story_and_a_bad_one_is_refused(tmp_path):
    shutil.copy(MANUSCRIPTS / "sample-en.txt", tmp_path / "issue.txt")
    (tmp_path / "issue.yaml").write_text("overrides:\n  - {action: section, at: 67, value: letters}\n")
    issue = load_issue(tmp_path / "issue.txt", PUBLICATION)
    story = next(a for a in issue.items if isinstance(a, Article) and a.headline.source.first == 65)
    assert story.section == "letters"
    assert "| letters | WHY WE NEED A WORLD WITHOUT BORDERS" in render_report(issue)
    (tmp_path / "issue.yaml").write_text("overrides:\n  - {action: section, at: 67, value: sports}\n")
    with pytest.raises(InputError, match="`section` takes a `value` of front, reports, letters"):
        load_issue(tmp_path / "issue.txt", PUBLICATION)


def test_new_story_works_on_a_heading_the_pipeline_made_a_subhead(tmp_path):
    text = ("THE STRIKE GOES ON\n\nThe workers voted again on Monday and the strike goes on for a third week.\n\n"
            "What the Bosses Fear\n\nThe bosses fear that the strike spreads to the other plants in the city.\n")
    assert "What the Bosses Fear" not in [plain_text(a.headline.inlines)
                                          for a in build(tmp_path, text).items if isinstance(a, Article)]
    issue = build(tmp_path, text, "overrides:\n  - {action: new-story, at: 5}\n")
    assert [plain_text(a.headline.inlines) for a in issue.items if isinstance(a, Article)] == [
        "THE STRIKE GOES ON", "What the Bosses Fear"]


def test_mis_decoded_text_is_repaired_and_the_rewrite_accounted_for(tmp_path):
    from pipeline.checks.integrity import manuscript_words, missing_words
    from pipeline.writers.html import render_html
    from conftest import html_text

    text = ("A LETTER FROM A READER\n\nWeā€™re a group of workers who read the paper every week, and we "
            "want to tell you about the bossesā€™ new rules at the plant.\n")  # a Windows-1257 round trip
    issue = build(tmp_path, text, "date_start: 2026-03-01\nlanguage: en\n")
    [note] = [n for n in issue.notes if n.step == "repair_mojibake"]  # one run of text, one note
    assert "Weā€™re" in note.rewritten[0] and "We’re" in note.rewritten[1] and "bosses’ new" in note.rewritten[1]
    html = render_html(issue)
    assert "We’re a group" in html and "ā" not in html
    assert missing_words(manuscript_words(text, issue.notes), html_text(html)) == {}


def test_markup_nested_a_thousand_deep_is_printed_as_typed_with_a_warning(tmp_path):
    """Emphasis 1,000 deep once took every walker of the inlines past Python's recursion limit (an internal
    error): the innermost 20 levels are markup, the rest its asterisks, and a warning names the line."""
    from pipeline.writers.html import render_html

    issue = build(tmp_path, "A HEADLINE\n\nThe strike went on.\n\n" + "*a **a " * 500 + "x" + " a** a*" * 500 + "\n",
                  "date_start: 2026-03-01\nlanguage: en\n")
    [note] = [n for n in issue.notes if "asterisks printed as they stand" in n.message]
    assert note.line == 5 and note.level == "warning"
    html = render_html(issue)
    assert html.count("<em>") == 10 and html.count("<strong>") == 10 and "*a **a *a" in html
