"""The model file between the reader's work and the writers: every issue survives the round trip."""

import pytest

from conftest import CORPUS_FILES, MANUSCRIPTS, built
from pipeline.model.issue_json import dump_issue, load_issue_json

SAMPLES = tuple(sorted(p.stem for p in MANUSCRIPTS.glob("*.txt")))


@pytest.mark.parametrize("stem", CORPUS_FILES + SAMPLES)
def test_an_issue_round_trips_through_json(stem):
    issue, _ = built(stem)
    text = dump_issue(issue)
    assert load_issue_json(text) == issue
    assert dump_issue(load_issue_json(text)) == text  # stable: equal issues, equal files


@pytest.mark.parametrize("text, message", [
    ('{"format": "pipeline-issue", "version": 0, "issue": {}}', "version 1"),
    ('{"format": "pipeline-issue", "version": 1, "issue": {"type": "Os"}}', "unknown node type"),
    ('{"format": "pipeline-issue", "version": 1, "issue": [1]}', "no issue"),
    ('[]', "not a pipeline-issue"),
])
def test_what_is_not_a_model_is_refused(text, message):
    with pytest.raises(ValueError, match=message):
        load_issue_json(text)
