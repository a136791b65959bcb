"""calibre's Check book lints an EPUB's CSS with stylelint and reports each "Expected selector X to come
before selector Y" (no-descending-specificity); epub.css gives it nothing to report."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.render  # runs node

STYLELINT = ROOT / ".tools" / "node_modules" / ".bin" / "stylelint"


def test_epub_css_has_no_selector_calibre_would_reorder(tmp_path):
    if not STYLELINT.exists():
        pytest.fail(f"{STYLELINT} is missing (make test installs it)")
    config = tmp_path / "stylelint.json"
    config.write_text(json.dumps({"rules": {"no-descending-specificity": True, "no-duplicate-selectors": True}}))
    result = subprocess.run([str(STYLELINT), "--config", str(config), "--formatter", "json", str(ROOT / "styles" / "epub.css")],
                            capture_output=True, text=True, timeout=120)
    report = json.loads(result.stdout or result.stderr)
    findings = [w["text"] for r in report for w in r["warnings"]]
    assert findings == [] and result.returncode == 0, findings
