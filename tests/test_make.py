"""The make contract: every manuscript built, incrementally (a second run does nothing), in parallel,
from any folder given as MANUSCRIPTS."""

import shutil
import subprocess

from conftest import CORPUS, CORPUS_FILES, ROOT, corpus_path


def make(*args):
    return subprocess.run(["make", "--no-print-directory", *map(str, args)], cwd=ROOT, capture_output=True, text=True)


def test_make_builds_incrementally(tmp_path):
    manuscripts = tmp_path / "manuscripts"
    shutil.copytree(ROOT / "manuscripts", manuscripts)
    build = tmp_path / "build"
    stems = sorted(p.stem for p in manuscripts.glob("*.txt"))
    first = make("-j2", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
    assert first.returncode == 0, first.stderr
    for stem in stems:
        assert (build / stem / f"{stem}.html").is_file() and (build / stem / "report.md").is_file()
    again = make("-q", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
    assert again.returncode == 0, "a second make would rebuild something"
    (manuscripts / f"{stems[0]}.txt").touch()
    assert make("-q", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}").returncode == 1


def test_make_builds_the_corpus(tmp_path):
    corpus_path(CORPUS_FILES[0])  # fails (not skips) when the corpus is missing
    result = make(f"MANUSCRIPTS={CORPUS}", f"BUILD={tmp_path}")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("*/*.html")) == sorted(f"{s}.html" for s in CORPUS_FILES)


def test_make_help_lists_targets():
    result = make("help")
    assert result.returncode == 0 and "test" in result.stdout and "report" in result.stdout
