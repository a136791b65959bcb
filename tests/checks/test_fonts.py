"""The print fonts' coverage: every character of every manuscript has a face in the print CSS, and
one that has none is a clear error naming its line before anything is rendered."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, CORPUS_FILES, MANUSCRIPTS, PUBLICATION, ROOT, corpus_path
from pipeline.errors import BuildError
from pipeline.checks.fonts import drawable, named_faces, undrawable
from pipeline.writers import STYLES

PRINT = (STYLES / "print.css", STYLES / "paper-letter.css")


def every_manuscript() -> list[Path]:
    for stem in CORPUS_FILES:
        corpus_path(stem)  # the corpus must be there: its absence fails, never skips
    return sorted(MANUSCRIPTS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("manuscript", every_manuscript(), ids=lambda p: p.name)
def test_every_character_of_every_manuscript_has_a_print_face(manuscript):
    text = manuscript.read_text(encoding="utf-8-sig")
    missing = undrawable(text, drawable(PRINT))
    assert missing == [], ", ".join(f"{c} U+{ord(c):04X}" for c in missing)


def test_the_print_css_names_the_papers_faces_first_and_one_per_script():
    families, files = named_faces(PRINT)
    assert families[:3] == ("Oswald", "Roboto Condensed", "Linux Libertine O")
    for face in ("Noto Naskh Arabic", "Noto Serif Devanagari", "Noto Serif Bengali", "Noto Serif CJK SC",
                 "Noto Kufi Arabic", "Noto Sans Devanagari", "Noto Sans Bengali", "Noto Sans CJK SC"):
        assert face in families
    assert {f.name for f in files} == {"Oswald-Medium.ttf", "Oswald-Bold.ttf", "RobotoCondensed-Medium.ttf",
                                       "RobotoCondensed-Bold.ttf"}


def test_each_script_the_paper_meets_has_a_face_and_invisible_characters_need_none():
    covered = drawable(PRINT)
    for char in "ضहংЖђλ中İçãå":
        assert ord(char) in covered, char
    assert undrawable("A \U0010fffd and \u200d\u00ad\ufe0f, all once: \U0010fffd", covered) == ["\U0010fffd"]


def test_a_face_that_is_not_installed_is_named(tmp_path):
    css = tmp_path / "print.css"
    css.write_text('html { font-family: "Linux Libertine O", "No Such Face Sans", serif; }\n', encoding="utf-8")
    with pytest.raises(BuildError, match="No Such Face Sans are not installed"):
        drawable((css,))


def test_a_character_no_face_has_is_one_error_naming_its_line(tmp_path):
    manuscript = tmp_path / "odd.txt"
    manuscript.write_text("ODD CHARACTERS\n\nA story line.\n\nOne more line with \U0010fffd in it, "
                          "and \U000f0001 too.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pipeline", "pdf", str(manuscript), "-o", str(tmp_path / "odd.pdf"),
                             "--publication", str(PUBLICATION)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{manuscript}:5:" in lines[0] and "U+10FFFD" in lines[0] and "U+F0001" in lines[0]
    assert not (tmp_path / "odd.pdf").exists()
