"""A stop asked for by a signal is never lost: Python ignores an exception a signal handler raises
inside an after-fork hook or a finalizer, so the build would go on and write its output; what commits
an output asks whether a stop was asked for, and writes nothing if so."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

SWALLOWED = """
import signal, sys
from pathlib import Path
from pipeline.errors import Stopped, ask_to_stop
from pipeline.output import write_atomically
try:
    ask_to_stop(signal.SIGTERM)       # what the CLI's handler does
except Stopped:
    pass                              # ... lost, as inside logging's after-fork hook
try:
    write_atomically(sys.argv[1], "the whole issue")
except Stopped as stop:
    print("stopped by", stop.name)
folder = Path(sys.argv[1]).parent
print(sorted(p.name for p in folder.iterdir()) if folder.exists() else "no folder left")
"""


def test_a_stop_whose_exception_was_swallowed_still_writes_nothing(tmp_path):
    out = tmp_path / "build" / "x.pdf"
    done = subprocess.run([sys.executable, "-c", SWALLOWED, str(out)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["stopped by SIGTERM", "no folder left"]
    assert not out.exists()


def test_without_a_stop_the_output_is_written(tmp_path):
    out = tmp_path / "x.html"
    code = "import sys; from pipeline.output import write_atomically; write_atomically(sys.argv[1], 'ok')"
    assert subprocess.run([sys.executable, "-c", code, str(out)], cwd=ROOT).returncode == 0
    assert out.read_text() == "ok"
