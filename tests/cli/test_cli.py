"""The command line: outputs written, and bad input refused with one line naming the file (and
line), exit 2, and nothing left in the output folder."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PUBLICATION, ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


def test_builds_html_and_report(tmp_path):
    out = tmp_path / "build" / "sample-en" / "sample-en.html"
    result = run("html", ROOT / "manuscripts" / "sample-en.txt", "-o", out, "--report", out.with_name("report.md"))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert out.with_name("report.md").read_text(encoding="utf-8").startswith("# Report: Red Flag")


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0 and "html" in result.stdout and "report" in result.stdout


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "the manuscript is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("latin1.txt", "First line\n\nEl caf\u00e9 de la esquina\n".encode("latin-1"), "not UTF-8"),
])
def test_bad_manuscripts_fail_cleanly(tmp_path, name, content, message):
    manuscript = tmp_path / name
    manuscript.write_bytes(content)
    build = tmp_path / "build"
    result = run("html", manuscript, "-o", build / "x" / "x.html", "--report", build / "x" / "report.md",
                 "--publication", PUBLICATION)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(manuscript) in lines[0] and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not build.exists()


def test_the_bad_byte_line_is_named(tmp_path):
    manuscript = tmp_path / "latin1.txt"
    manuscript.write_bytes("one\n\ntwo\n\ncaf\u00e9\n".encode("latin-1"))
    result = run("html", manuscript, "-o", tmp_path / "b" / "x.html")
    assert result.returncode == 2 and f"{manuscript}:5:" in result.stderr


@pytest.mark.parametrize("yaml_text, line, message", [
    ("language: en\nvolume: [16\n", 3, "invalid YAML"),
    ("language: en\ncolour: red\n", 2, "unknown field `colour`"),
    ("volume: sixteen\n", 1, "`volume` must be a whole number"),
    ("date_start: 12/03/2025\n", 1, "YYYY-MM-DD"),
    ("- just\n- a list\n", 1, "expected `key: value`"),
])
def test_bad_sidecars_name_file_and_line(tmp_path, yaml_text, line, message):
    manuscript = tmp_path / "issue.txt"
    manuscript.write_text("HEADLINE HERE\n\nSome text.\n", encoding="utf-8")
    sidecar = tmp_path / "issue.yaml"
    sidecar.write_text(yaml_text, encoding="utf-8")
    build = tmp_path / "build"
    result = run("html", manuscript, "-o", build / "issue.html", "--publication", PUBLICATION)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert f"{sidecar}:{line}:" in result.stderr and message in result.stderr, result.stderr
    assert not build.exists()


def test_a_missing_manuscript_is_a_usage_error(tmp_path):
    result = run("html", tmp_path / "nope.txt", "-o", tmp_path / "x.html")
    assert result.returncode == 2 and "no such manuscript" in result.stderr


def test_sidecar_metadata_wins_over_the_text(tmp_path):
    manuscript = tmp_path / "issue.txt"
    manuscript.write_text(Path(ROOT / "manuscripts" / "sample-en.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "issue.yaml").write_text("number: 7\n", encoding="utf-8")
    result = run("report", manuscript, "--publication", PUBLICATION)
    assert result.returncode == 0, result.stderr
    assert f"| number | 7 | {tmp_path / 'issue.yaml'}:1 |" in result.stdout
    assert "| volume | 18 | manuscript line" in result.stdout


def test_a_manuscript_name_make_could_not_quote_safely_is_refused(tmp_path):
    manuscript = tmp_path / "x`id`.txt"
    manuscript.write_text("A HEADLINE\n\nSome words of a story.\n", encoding="utf-8")
    result = run("html", manuscript, "-o", tmp_path / "b" / "x.html")
    assert result.returncode == 2 and not (tmp_path / "b").exists()
    assert result.stderr == f"error: {manuscript}: a manuscript's name may hold only letters, digits, dots, " \
                            "underscores and hyphens, and not start with a hyphen; rename it\n"
