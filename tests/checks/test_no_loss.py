"""Nothing lost: every word of each manuscript reaches the HTML, or a report note accounts for it."""

from collections import Counter
from pathlib import Path

import pytest

from conftest import CORPUS_FILES, MANUSCRIPTS, built, corpus_path, html_text
from pipeline.checks.integrity import manuscript_words, missing_words, words

SAMPLES = sorted(p.stem for p in MANUSCRIPTS.glob("*.txt"))


def raw_text(stem):
    path = MANUSCRIPTS / f"{stem}.txt" if stem in SAMPLES else corpus_path(stem)
    return Path(path).read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("stem", CORPUS_FILES + tuple(SAMPLES))
def test_every_word_reaches_the_html(stem):
    issue, html = built(stem)
    expected = manuscript_words(raw_text(stem), issue.notes)
    assert sum(expected.values()) > 100  # the check compares real text, not an empty set
    assert missing_words(expected, html_text(html)) == {}


def test_the_check_catches_a_lost_word():
    issue, html = built(CORPUS_FILES[0])
    expected = manuscript_words(raw_text(CORPUS_FILES[0]), issue.notes)
    damaged = html.replace("Dąbrowski", "")
    assert missing_words(expected, html_text(damaged))["dąbrowski"] >= 1


def test_dropped_text_is_only_what_the_notes_account_for():
    issue, _ = built(CORPUS_FILES[0])
    dropped = [n for n in issue.notes if n.dropped]
    assert {n.step for n in dropped} <= {"stitch_jumps", "fold_repeated_boilerplate", "link_see_inside", "mark_print_only"}
    assert sum(words(n.dropped)["page"] for n in dropped) >= 6  # the six jump lines of 000


def test_print_only_matter_is_left_out_of_the_web_page_and_kept_in_print():
    """001's fill-in subscription form: marked print-only, a note with its line and words; the web page
    (print_edition=False) and the EPUB leave it out, the print edition's HTML keeps it."""
    from pipeline.writers.html import render_html

    issue, html = built(CORPUS_FILES[1])
    notes = [n for n in issue.notes if n.step == "mark_print_only"]
    assert any("copies per issue" in n.dropped and n.line for n in notes)
    web = render_html(issue, print_edition=False)
    assert "copies per issue" in html and "copies per issue" not in web
    expected = manuscript_words(raw_text(CORPUS_FILES[1]), issue.notes)
    assert missing_words(expected, html_text(web)) == Counter()  # every word still accounted for
