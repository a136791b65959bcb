"""Text taken out of a print PDF one printed line per line: recognised, and made a paper again
(furniture dropped, letter-spacing closed, hyphens decided, headlines whole, boxes bounded)."""

import pytest

from pipeline.build import load_issue
from pipeline.errors import InputError
from pipeline.model import Article, Box, Masthead, SeeInside
from pipeline.model.inlines import plain_text, text_of
from pipeline.readers.manuscript import parse_issue

# Our own words, in the shape pdftotext gives a three-column page: no blank lines, lines of about 40
# characters, U+2010 at line ends, a running head and `N / M` at each page's edge, a form feed.
PRINTED = """RED FLAG
M O B I L I Z E T H E M A S S E S
THE PORT WORKERS' PAPER
VOL. 9 NO. 3 · MAY 1 – MAY 21, 2031
SEE INSIDE
DOCK WORKERS HOLD THE LINE · p. 1
T RAMWAY STUDY GROUP
DOCK WORKERS HOLD THE LINE AT
THE NORTH GATE FOR A THIRD WEEK
HARBOR CITY, May 2—The crane operators
stopped work at dawn and the night shift
joined them before the gates were shut. It
was a strike the company said was impos‐
sible, ideologi‐
cally and practically.
The drivers brought bread.
Marta said the union had promised them
a committee for two years, and the com‐
mittee never met once.
Now the workers meet every morning at
the canteen and decide together, and
1 / 2
\fRED FLAG — VOL. 9 NO. 3, MAY 1 – MAY 21, 2031
they voted to send a letter to the port
drivers in the next city, who face the
same contracts and the same managers.
—Port Correspondent
ON THE WEB
More letters and reports are on our site.
RAIL CLEANERS WIN THEIR BREAK ROOM
The cleaners of the central station won
their room after a week of refusing to eat
on the platform in the rain and the cold.
Their next meeting is on Friday.
2 / 2
"""


def _read(tmp_path, text, sidecar=""):
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    if sidecar:
        (tmp_path / "x.yaml").write_text(sidecar, encoding="utf-8")
    (tmp_path / "publication.yaml").write_text("publication: Red Flag\nlanguage: en\n", encoding="utf-8")
    return load_issue(tmp_path / "x.txt")


def _stories(issue):
    return {plain_text(a.headline.inlines): a for a in issue.items if isinstance(a, Article)}


def test_printed_lines_are_recognised_by_their_measure_and_hyphens():
    issue = parse_issue(PRINTED)
    assert issue.form == "pdf-lines"
    assert "column's measure" in issue.notes[0].message and "hyphenated at a line's end" in issue.notes[0].message
    assert [b.source.page for b in issue.items][:1] == [1] and issue.items[-1].source.page == 2


def test_the_same_lines_without_hyphens_or_measure_are_not():
    assert parse_issue("First paragraph of web copy, long enough.\nSecond one.\nThird one here.\n").form == "web"


def test_layout_text_is_refused_in_one_line():
    line = "The strikers met at dawn and voted      the company said the strike was over\n"
    with pytest.raises(InputError, match="-layout"):
        parse_issue(line * 20)


def test_running_heads_folios_and_the_masthead_repeated_are_dropped_and_listed(tmp_path):
    issue = _read(tmp_path, PRINTED)
    dropped = [n for n in issue.notes if n.step == "drop_page_furniture"]
    assert sorted(n.dropped for n in dropped) == ["1 / 2", "2 / 2", "RED FLAG — VOL. 9 NO. 3, MAY 1 – MAY 21, 2031"]
    text = " ".join(text_of(b) for a in _stories(issue).values() for b in a.body)
    assert "/ 2" not in text and "VOL. 9" not in text


def test_a_two_line_headline_stays_whole_under_its_letter_spaced_kicker(tmp_path):
    stories = _stories(_read(tmp_path, PRINTED))
    story = stories["DOCK WORKERS HOLD THE LINE AT THE NORTH GATE FOR A THIRD WEEK"]
    assert text_of(story.kicker) == "TRAMWAY STUDY GROUP"


def test_letter_spaced_slogan_is_closed_up_by_the_word_list(tmp_path):
    masthead = next(i for i in _read(tmp_path, PRINTED).items if isinstance(i, Masthead))
    assert plain_text(masthead.slogan) == "MOBILIZE THE MASSES"


def test_line_end_hyphens_inside_a_block_are_decided(tmp_path):
    issue = _read(tmp_path, PRINTED)
    story = _stories(issue)["DOCK WORKERS HOLD THE LINE AT THE NORTH GATE FOR A THIRD WEEK"]
    text = " ".join(text_of(b) for b in story.body)
    assert "impossible, ideologically and practically" in text and "committee never met" in text
    assert "‐" not in text and "- " not in text


def test_paragraphs_are_rebuilt_from_short_lines_and_the_page_turn_rejoined(tmp_path):
    story = _stories(_read(tmp_path, PRINTED))["DOCK WORKERS HOLD THE LINE AT THE NORTH GATE FOR A THIRD WEEK"]
    starts = [text_of(b).split()[0] for b in story.body if type(b).__name__ == "Paragraph"]
    assert starts == ["The", "The", "Marta", "Now"]  # the first after its dateline; the page turn joined


def test_a_box_in_printed_lines_ends_where_a_headline_begins(tmp_path):
    issue = _read(tmp_path, PRINTED)
    box = next(i for i in issue.items if isinstance(i, Box))
    assert box.kind == "web" and len(box.blocks) == 2
    assert "RAIL CLEANERS WIN THEIR BREAK ROOM" in _stories(issue)


def test_teaser_pages_are_read_back(tmp_path):
    issue = _read(tmp_path, PRINTED)
    teasers = next(i for i in issue.items if isinstance(i, SeeInside))
    assert [plain_text(t.inlines) for t in teasers.items] == ["DOCK WORKERS HOLD THE LINE"]
    assert any(n.dropped.strip() == "· p. 1" for n in issue.notes)


def test_the_sidecar_says_the_form(tmp_path):
    issue = _read(tmp_path, "One line.\nAnother line.\nA third.\n", sidecar="form: markdown\n")
    assert issue.form == "markdown" and "sidecar says `form: markdown`" in issue.notes[0].message
    with pytest.raises(InputError, match="`form` must be one of"):
        _read(tmp_path, "One line.\n", sidecar="form: scroll\n")
