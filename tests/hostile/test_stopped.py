"""A build stopped from outside — by a signal, or by the print render's own CPU and memory limits —
leaves nothing half-written: no temporary file in build/, no `weasyprint-*` folder in $TMPDIR, no
renderer still running; what a SIGKILL left is swept by the next build of that output."""

from __future__ import annotations

import signal
import subprocess
import time

import pytest

from harness import ROOT, leftovers, pipeline, start, temporaries

pytestmark = pytest.mark.render  # the slow lane: `pytest -m "not render"` leaves it out


@pytest.fixture
def model(tmp_path):
    """The model of the sample issue, outside the build folder (so only the PDF's files land there)."""
    path = tmp_path / "model" / "sample-en.issue.json"
    assert pipeline("model", ROOT / "manuscripts" / "sample-en.txt", "-o", path).code == 0
    return path


def running(marker) -> list[str]:
    found = subprocess.run(["pgrep", "-f", str(marker)], capture_output=True, text=True)
    return found.stdout.split()


def render_started(build, process, within: float = 60) -> None:
    """Wait until the render is under way: its scratch folder is there."""
    deadline = time.monotonic() + within
    while not temporaries(build):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the render never started"
        time.sleep(0.05)
    time.sleep(0.5)  # well inside WeasyPrint by now


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_mid_render_leaves_nothing(model, tmp_path, signum):
    build, scratch = tmp_path / "build", tmp_path / "tmp"
    scratch.mkdir()
    process = start("pdf", model, "-o", build / "x.pdf", "--stats", build / "x.pdf.json", env={"TMPDIR": str(scratch)})
    render_started(build, process)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, stderr
    assert stderr.strip().splitlines() == [f"error: {build / 'x.pdf'}: stopped by {signum.name}; nothing written"]
    assert leftovers(build) == [] and leftovers(scratch) == []
    assert running(build) == [], "the renderer outlived the build"


def test_a_kill_mid_render_is_swept_by_the_next_build(model, tmp_path):
    build = tmp_path / "build"
    process = start("pdf", model, "-o", build / "x.pdf")
    render_started(build, process)
    process.kill()
    process.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while running(build) and time.monotonic() < deadline:  # the renderer dies with its parent
        time.sleep(0.1)
    assert running(build) == [], "the renderer outlived the killed build"
    assert temporaries(build), "a SIGKILL cannot be cleaned up after: the next build must sweep"
    again = pipeline("pdf", model, "-o", build / "x.pdf")
    assert again.code == 0, again.stderr
    assert leftovers(build) == ["x.pdf"]


@pytest.mark.parametrize("variable, value, phrase", [
    ("PIPELINE_RENDER_CPU_SECONDS", "1", "limit of 1 s of CPU time"),
    ("PIPELINE_RENDER_MEMORY_MB", "60", "60 MB of memory"),
], ids=["cpu", "memory"])
def test_the_render_limits_stop_a_runaway_in_one_line(model, tmp_path, variable, value, phrase):
    build = tmp_path / "build"
    run = pipeline("pdf", model, "-o", build / "x.pdf", env={variable: value})
    line = run.error_line
    assert run.code == 1 and phrase in line and variable in line, line
    assert line.startswith("error: manuscripts/sample-en.txt: the print render") or "sample-en.txt" in line, line
    assert leftovers(build) == []
