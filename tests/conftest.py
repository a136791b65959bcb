"""Shared fixtures: the real corpus (which must be there: its absence fails, never skips), built
issues cached per session, and the `--update-golden` switch for the golden cases."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
MANUSCRIPTS = ROOT / "manuscripts"
PUBLICATION = MANUSCRIPTS / "publication.yaml"
CORPUS_FILES = ("000_05b6c0ec54ee7f0b", "001_e400677a90466fa2", "004_1915e8c0f879c89e")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the expected files of tests/cases from the current output (review with git diff)")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def corpus_path(stem: str) -> Path:
    path = CORPUS / f"{stem}.txt"
    if not path.is_file():
        pytest.fail(f"the corpus is missing: {path} (clone the project beside ../shared)")
    return path


@lru_cache(maxsize=None)
def built(stem: str):
    """(issue, html) for a corpus stem or a sample manuscript, built once per test session."""
    from pipeline.build import load_issue
    from pipeline.writers.html import render_html

    path = MANUSCRIPTS / f"{stem}.txt" if (MANUSCRIPTS / f"{stem}.txt").exists() else corpus_path(stem)
    issue = load_issue(path, PUBLICATION)
    return issue, render_html(issue)


def html_text(html: str) -> str:
    """The visible text of an HTML document's body, whitespace folded."""
    from bs4 import BeautifulSoup

    return " ".join(BeautifulSoup(html, "html.parser").body.get_text(" ").split())
