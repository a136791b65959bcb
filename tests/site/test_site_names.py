"""No manuscript may take a name the download site keeps for itself: its build folder would be the site
(`site.txt`), or its old address a file of the site's own (`index.html.txt`, `site.css.txt`, `opds.txt`,
`en.txt`). Refused by make before anything is built, in one line naming the manuscript, exit 2."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import MANUSCRIPTS, ROOT
from pipeline.site.archive import reserved_stem

pytestmark = pytest.mark.render  # runs make


@pytest.mark.parametrize("name", ["site", "index.html", "site.css", "opds", "index-en.html", "search-es.html",
                                  "feed-en.xml", "en", "es-mx", "site-manifest.json", "site-issues.txt"])
def test_a_name_of_the_site_s_own_is_refused_by_make(tmp_path, name):
    manuscripts = tmp_path / "manuscripts"
    manuscripts.mkdir()
    shutil.copy(MANUSCRIPTS / "sample-web.txt", manuscripts / f"{name}.txt")
    shutil.copy(MANUSCRIPTS / "sample-web.txt", manuscripts / "fine.txt")
    build = tmp_path / "build"
    for goal in ("html", "site"):
        result = subprocess.run(["make", "--no-print-directory", f"MANUSCRIPTS={manuscripts}", f"BUILD={build}", goal],
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and f"{manuscripts}/{name}.txt: this name is the download site's own" in lines[0], lines
        assert not build.exists()


@pytest.mark.parametrize("name, refused", [("site", True), ("index.html", True), ("favicon.svg", True), ("en", True),
                                           ("000_05b6c0ec54ee7f0b", False), ("sample-en", False), ("english", False)])
def test_the_command_line_refuses_the_same_names(name, refused):
    assert bool(reserved_stem(name)) is refused
