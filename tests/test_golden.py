"""Golden cases: each folder of tests/cases holds a raw snippet (`input.txt`, optional `metadata.yaml`)
and the HTML its issue renders to (`expected.html`). `pytest --update-golden` rewrites the expected
files; review the change with `git diff` before committing it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.normalize import normalize
from pipeline.readers.manuscript import decode_manuscript, parse_issue
from pipeline.readers.sidecar import apply_sidecars, read_sidecar
from pipeline.writers.html import render_items

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if (p / "input.txt").exists())


def render_case(case: Path) -> str:
    raw = (case / "input.txt").read_bytes()
    issue = parse_issue(decode_manuscript(raw, str(case / "input.txt")), "input.txt")
    issue = replace(issue, metadata=apply_sidecars(issue.metadata, read_sidecar(case / "metadata.yaml")))
    return render_items(normalize(issue))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path, update_golden: bool):
    actual = render_case(case)
    expected_file = case / "expected.html"
    if update_golden:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"{case.name}: no expected.html (run pytest --update-golden, then review it)"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_there_are_golden_cases():
    assert len(CASES) >= 20
