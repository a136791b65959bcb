"""Runs in another language: marked by script, by py3langid where a script is shared, and not where
there is no evidence (the corpus's English prose stays unmarked)."""

import pytest
from lxml import etree

from conftest import CORPUS_FILES, built
from pipeline.model import Foreign
from pipeline.normalize.scripts import script_of

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def marked(stem):
    """(lang, dir, text) of every element of the issue's HTML carrying a lang, in document order."""
    _, html = built(stem)
    body = etree.fromstring(html.encode("utf-8")).find("body")
    return [(e.get("lang"), e.get("dir"), "".join(e.itertext())) for e in body.iter() if e.get("lang")]


def test_script_of_a_character():
    assert [script_of(c) for c in "bب\u093fж中か,1 \u0301"] == \
        ["LATIN", "ARABIC", "DEVANAGARI", "CYRILLIC", "CJK", "CJK", "", "", "", ""]


def test_the_multilingual_sample_marks_every_language_and_direction():
    found = marked("sample-multilingual")
    assert {lang for lang, _, _ in found} == {"ar", "hi", "bn", "ru", "sr", "el", "tr", "zh", "fr", "pt", "sv"}
    assert all((d == "rtl") == (lang == "ar") for lang, d, _ in found)
    assert ("sr", None, "Српски") in found and ("ru", None, "Русский") in found  # one script, two languages
    assert ("ar", "rtl", "يا عمال العالم، اتحدوا!") in found  # the slogan's closing mark inside its isolate
    assert ("fr", None, "le journal des ouvriers") in found  # the editor's override, by quote
    assert ("pt", None, "Os estivadores do Pireu leem o jornal no intervalo do turno.") in found  # a whole caption


def test_a_block_in_one_language_carries_it_itself():
    _, html = built("sample-multilingual")
    root = etree.fromstring(html.encode("utf-8"))
    headline = root.find(".//article[@id='story-2']//h2")
    assert headline.get("lang") == "ar" and headline.get(XML_LANG) == "ar" and headline.get("dir") == "rtl"
    assert [p.get("lang") for p in root.find(".//article[@id='story-2']").iter("p")] == ["ar", "hi", "bn", "zh", None]


@pytest.mark.parametrize("stem", CORPUS_FILES)
def test_english_prose_is_never_marked(stem):
    issue, _ = built(stem)
    found = marked(stem)
    # the only run in another language in the three real issues: 001's Chinese poster title
    assert found == ([("zh", None, "在斗争中发展壮大马克思主义的理论队伍")] if stem == CORPUS_FILES[1] else [])
    assert len([n for n in issue.notes if n.step == "mark_languages"]) == len(found)  # each told in the report
