"""The round trip: the pipeline's own print PDFs of the corpus and the samples, their text taken out
four ways (the PDF read directly, pdftotext, its -raw, pdfminer.six), read again and scored against
the model that made them (tests/roundtrip/scoring.py; the table is in README).

The issue's bar (PDF ≥ 98 %, pdftotext ≥ 90 %, pdfminer ≥ 85 %) is not reached yet on every input:
the floors here are what the reader reaches today, so that it cannot get worse unseen; the counts
that must be 0 whatever the score are asserted as 0."""

from functools import lru_cache
from pathlib import Path

import pytest

from conftest import CORPUS_FILES, MANUSCRIPTS, PUBLICATION, corpus_path
from scoring import WAYS, extract, render, reread, running_heads, score

pytestmark = pytest.mark.render

SOURCES = (*CORPUS_FILES, "sample-en", "muestra-es-pdf")
FLOOR = {"pdf": 0.78, "pdftotext": 0.42, "pdftotext-raw": 0.48, "pdfminer": 0.42}  # measured, see README


@lru_cache(maxsize=None)
def _model_and_pdf(stem: str, folder: str):
    from pipeline.build import load_issue

    source = MANUSCRIPTS / f"{stem}.txt" if (MANUSCRIPTS / f"{stem}.txt").exists() else corpus_path(stem)
    model = load_issue(source, PUBLICATION)
    return model, render(model, "paper", Path(folder))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return str(tmp_path_factory.mktemp("roundtrip"))


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("stem", SOURCES)
def test_round_trip(stem, way, scratch, tmp_path):
    model, pdf = _model_and_pdf(stem, scratch)
    result = score(model, reread(extract(pdf, way, tmp_path / stem), PUBLICATION), running_heads(model))
    assert result.furniture_left == 0, result.misses
    assert result.overall >= FLOOR[way], "\n".join(result.misses[:20])
