"""Inline markdown remnants: emphasis (nested), censoring asterisks, links, escapes, breaks."""

from pipeline.model import Emphasis, LineBreak, Link, Strong, Text
from pipeline.model.inlines import plain_text, split_inlines
from pipeline.readers.markup import HARD_BREAK, parse_inlines


def test_strong_and_emphasis():
    assert parse_inlines("a **b** *c*") == (Text("a "), Strong((Text("b"),)), Text(" "), Emphasis((Text("c"),)))


def test_nested_emphasis_with_the_same_delimiter():
    got = parse_inlines("*in *State and Revolution*, but*")
    assert got == (Emphasis((Text("in "), Emphasis((Text("State and Revolution"),)), Text(", but"))),)


def test_censoring_asterisks_stay_text():
    assert parse_inlines("this s***. bull****!") == (Text("this s***. bull****!"),)


def test_unmatched_delimiters_stay_text():
    assert parse_inlines("a * b and 2*3") == (Text("a * b and 2*3"),)


def test_links_autolinks_and_escapes():
    got = parse_inlines(r"[site](http://x.org) <https://y.org/a> \$5 \_\_")
    assert got == (Link("http://x.org", (Text("site"),)), Text(" "), Link("https://y.org/a", (Text("https://y.org/a"),)),
                   Text(" $5 __"))


def test_strong_across_lines_and_hard_breaks():
    got = parse_inlines(f"**ONE\nTWO**{HARD_BREAK}three")
    assert got == (Strong((Text("ONE"), LineBreak(False), Text("TWO"))), LineBreak(True), Text("three"))


def test_split_inlines_cuts_inside_markup():
    head, tail = split_inlines(parse_inlines("USA, **March 10—Thousands**"), 14)
    assert plain_text(head) == "USA, March 10—" and plain_text(tail) == "Thousands"
    assert isinstance(tail[0], Strong)
