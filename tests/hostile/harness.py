"""Running the pipeline as an attacker or an unlucky editor would: a fresh process per case, under
a memory and time bound that only a runaway hits, and the checks every bad input must pass — its
exit code, one line on stderr naming the file (and line), nothing left half-written."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMORY_BOUND = 4 * 1024 ** 3     # bytes of address space for the pipeline process (its renderer has its own limit)
TIME_BOUND = 300                 # seconds: a runaway, not a slow build
WEB_STORY = (ROOT / "manuscripts" / "sample-web.txt").read_text(encoding="utf-8")


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def error_line(self) -> str:
        """The one line a failed build prints (asserting there is exactly one, and no traceback)."""
        lines = self.stderr.strip().splitlines()
        assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{self.stderr[-2000:]}"
        assert lines[0].startswith("error: "), lines[0]
        assert "Traceback" not in self.stderr and "internal error" not in self.stderr, lines[0]
        return lines[0]


def _bounded(file_size: int | None):
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BOUND, MEMORY_BOUND))
        if file_size is not None:  # a full disk, as far as the process can tell: writes fail with EFBIG
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    return limit


def pipeline(*args, cwd: Path = ROOT, env: dict | None = None, file_size: int | None = None) -> Run:
    """`python -m pipeline ARGS` in a process of its own, bounded in memory and time."""
    result = subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd, capture_output=True,
                            text=True, errors="replace", timeout=TIME_BOUND, preexec_fn=_bounded(file_size),
                            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    return Run(result.returncode, result.stdout, result.stderr)


def start(*args, env: dict | None = None) -> subprocess.Popen:
    """The pipeline started in the background (to be stopped by a signal)."""
    return subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_bounded(None),
                            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def leftovers(folder: Path) -> list[str]:
    """Everything under `folder` (an empty or absent folder gives [])."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def temporaries(folder: Path) -> list[str]:
    """Temporary files and folders a build may leave: `.x.pdf.*.tmp`, `weasyprint-*`."""
    return [name for name in leftovers(folder) if name.endswith(".tmp") or ".tmp/" in name
            or Path(name).name.startswith("weasyprint-")]
