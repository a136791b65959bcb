"""The make contract: every manuscript built through one model per issue, incrementally (a second run
does nothing), in parallel, from any folder given as MANUSCRIPTS; quiet, with one line per output and
a summary line per issue; papers side by side; a wrong PAPER refused in one line."""

import re
import shutil
import subprocess

import pytest

from conftest import CORPUS, CORPUS_FILES, ROOT, corpus_path

pytestmark = pytest.mark.render  # the slow lane: `pytest -m "not render"` leaves it out


def make(*args):
    return subprocess.run(["make", "--no-print-directory", *map(str, args)], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture
def samples(tmp_path):
    manuscripts = tmp_path / "manuscripts"
    shutil.copytree(ROOT / "manuscripts", manuscripts)
    return manuscripts, tmp_path / "build", sorted(p.stem for p in manuscripts.glob("*.txt"))


def test_make_builds_incrementally_and_ends_with_a_summary(samples):
    manuscripts, build, stems = samples
    first = make("-j2", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
    assert first.returncode == 0, first.stderr
    for stem in stems:
        for name in (f"{stem}.issue.json", f"{stem}.html", f"{stem}.pdf", f"{stem}.epub", "report.md"):
            assert (build / stem / name).is_file(), name
    lines = first.stdout.splitlines()
    assert not any("-m pipeline" in line for line in lines), "commands are echoed without V=1"
    for stem in stems:  # one progress line per output, with its time
        for kind, name in (("model", f"{stem}.issue.json"), ("pdf", f"{stem}.pdf"), ("epub", f"{stem}.epub")):
            assert any(re.match(rf"{kind}\s+\S*/{re.escape(name)}\s.*\d\.\d s$", line) for line in lines), (kind, stem)
    summary = [line for line in lines if re.match(r"^[\w-]+: \d+ stor", line)]
    assert [line.split(":")[0] for line in summary] == stems
    for line in summary:
        assert re.search(r"^[\w-]+: \d+ stor(y|ies), \d+ warnings?, \d+ pages? \(letter\) · HTML \d+ KB · "
                         r"PDF \d+ KB · EPUB \d+ KB → \S+/report\.md$", line), line
    again = make("-q", "outputs", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
    assert again.returncode == 0, "a second make would rebuild something"
    (manuscripts / f"{stems[0]}.txt").touch()
    assert make("-q", "outputs", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}").returncode == 1


def test_verbose_shows_the_commands(samples):
    manuscripts, build, stems = samples
    result = make("html", "V=1", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
    assert result.returncode == 0, result.stderr
    assert f"-m pipeline model {manuscripts}/{stems[0]}.txt" in result.stdout


def test_papers_live_side_by_side_and_report_never_renders(samples):
    manuscripts, build, stems = samples
    for stem in stems[1:]:
        (manuscripts / f"{stem}.txt").unlink()
    stem = stems[0]
    assert make("pdf", "PAPER=a4", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}").returncode == 0
    assert (build / stem / f"{stem}-a4.pdf").is_file() and not (build / stem / f"{stem}.pdf").exists()
    a4 = (build / stem / f"{stem}-a4.pdf").stat().st_mtime_ns
    report = make("report", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
    assert report.returncode == 0, report.stderr
    assert re.search(rf"^{stem}: \d+ stor", report.stdout, re.M)
    assert not (build / stem / f"{stem}.pdf").exists(), "make report rendered a PDF"
    assert (build / stem / f"{stem}-a4.pdf").stat().st_mtime_ns == a4


def test_a_wrong_paper_is_one_line_naming_the_valid_ones():
    result = make("pdf", "PAPER=legal")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "PAPER=legal" in lines[0] and "letter a4 tabloid" in lines[0], result.stderr


def test_make_builds_the_corpus(tmp_path):
    corpus_path(CORPUS_FILES[0])  # fails (not skips) when the corpus is missing
    result = make(f"MANUSCRIPTS={CORPUS}", f"BUILD={tmp_path}")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("*/*.html")) == sorted(f"{s}.html" for s in CORPUS_FILES)
    # two about the text, one that manuscripts/publication.yaml has no `rights` (the EPUB's dc:rights),
    # and the print render's layout warnings: the line counts what the report lists
    stem = "001_e400677a90466fa2"
    counted = int(re.search(rf"^{stem}: 21 stories, (\d+) warnings", result.stdout, re.M).group(1))
    report = (tmp_path / stem / "report.md").read_text(encoding="utf-8")
    assert f"## Warnings ({counted})" in report and counted >= 3
    assert "no rights: set `rights:` in manuscripts/publication.yaml" in report
    assert "  warning: line " in result.stdout  # the warnings themselves are shown, not only counted


def test_make_help_lists_targets_and_expands_variables():
    result = make("help")
    assert result.returncode == 0 and "test" in result.stdout and "report" in result.stdout
    assert "$(" not in result.stdout


def test_make_says_when_no_structure_could_be_recovered(tmp_path):
    manuscripts = tmp_path / "manuscripts"
    manuscripts.mkdir()
    (manuscripts / "menu.txt").write_text("Header image\n\nline decor\n\nHome\n\nPrevious Issue\n\nRED FLAG Archive\n",
                                          encoding="utf-8")
    (manuscripts / "menu.yaml").write_text("date_start: 2026-03-01\nnumber: 1\nrights: © The paper\n",
                                           encoding="utf-8")  # every field the EPUB wants: no warning about them
    result = make("-j2", f"MANUSCRIPTS={manuscripts}", f"BUILD={tmp_path / 'build'}")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^menu: 0 stories, 1 warning, 1 page \(letter\) .*→ \S+/report\.md$", result.stdout, re.M)
    assert "  warning: line 1: no story found in this manuscript" in result.stdout


@pytest.mark.parametrize("name", ["x`id>PWNED`.txt", "x y.txt", "-rf.txt", "a$(id).txt", "semi;colon.txt"])
def test_a_manuscript_name_that_would_reach_a_shell_is_refused_in_one_line(tmp_path, name):
    manuscripts = tmp_path / "manuscripts"
    manuscripts.mkdir()
    shutil.copy(ROOT / "manuscripts" / "sample-web.txt", manuscripts / name)
    shutil.copy(ROOT / "manuscripts" / "sample-web.txt", manuscripts / "fine.txt")
    build = tmp_path / "build"
    result = make(f"MANUSCRIPTS={manuscripts}", f"BUILD={build}", "html")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{manuscripts}/{name}: a manuscript's name may hold only" in lines[0], result.stderr
    assert not build.exists() and not (ROOT / "PWNED").exists() and not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("name", ["x$(shell touch PWNED).jpg", "a;touch PWNED;.jpg", "a:b.jpg", "with space.jpg",
                                  "-rf.jpg", "x`touch PWNED`.png", "x$$(id).jpg"])
@pytest.mark.parametrize("goal", ["help", "models"])
def test_a_photo_name_that_would_reach_make_or_a_shell_is_refused_in_one_line(tmp_path, name, goal):
    """A photo's name is pasted into the issue's rules, which make reads as make: it is checked in make
    itself, before any rule is read, as a manuscript's name is; nothing runs, nothing is written."""
    manuscripts = tmp_path / "manuscripts"
    shutil.copytree(ROOT / "manuscripts", manuscripts, ignore=shutil.ignore_patterns("*.jpg", "*.png"))
    folder = manuscripts / "sample-photos"
    shutil.copy(ROOT / "manuscripts" / "sample-photos" / "01-rally.jpg", folder / name)
    shutil.copy(ROOT / "manuscripts" / "sample-photos" / "01-rally.jpg", manuscripts / "sample-web.jpg")  # no folder's
    build = tmp_path / "build"
    result = make(f"MANUSCRIPTS={manuscripts}", f"BUILD={build}", goal)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{folder}/{name}: a photo's name may hold only" in lines[0], result.stderr
    assert not build.exists() and not (ROOT / "PWNED").exists() and not (tmp_path / "PWNED").exists()
