"""Typography rules, many small cases in one fixture file (tests/fixtures/typography.txt).
In the fixture, `␣` stands for a no-break space (U+00A0) and `‿` for a word joiner (U+2060),
which would be invisible."""

from pathlib import Path

import pytest

from pipeline.lang.typography import NBSP, WJ, curl_quotes, typogrify

FIXTURE = Path(__file__).parents[1] / "fixtures" / "typography.txt"


def load_cases():
    lines = [line for line in FIXTURE.read_text(encoding="utf-8").split("\n") if not line.startswith("#")]
    cases, i = [], 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title = lines[i]
        assert lines[i + 1] == "." and lines[i + 3] == "." and lines[i + 5] == ".", f"malformed case {title!r}"
        source, expected = (lines[k].replace("␣", NBSP).replace("‿", WJ) for k in (i + 2, i + 4))
        cases.append(pytest.param(title, source, expected, id=title))
        i += 6
    return cases


@pytest.mark.parametrize("title, source, expected", load_cases())
def test_typography(title, source, expected):
    language = "es" if title.startswith("[es]") else "en"
    assert typogrify(curl_quotes(source, language), language) == expected


def test_no_break_spaces_are_really_no_break():
    assert typogrify("084 682 6501") == f"084{NBSP}682{NBSP}6501"
    assert typogrify("(323) 812-9155") == f"(323){NBSP}812-9155"


def test_fixture_has_cases():
    assert len(load_cases()) >= 60
