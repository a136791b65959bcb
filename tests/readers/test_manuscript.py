"""The reader: forms recognised from shape alone, faithful blocks with line numbers and gaps."""

import pytest

from conftest import corpus_path
from pipeline.errors import InputError
from pipeline.model import Heading, ListBlock, Paragraph
from pipeline.readers.manuscript import decode_manuscript, parse_issue, read_issue


@pytest.mark.parametrize("stem, form", [("000_05b6c0ec54ee7f0b", "pdf-text"),
                                        ("001_e400677a90466fa2", "markdown"),
                                        ("004_1915e8c0f879c89e", "web")])
def test_recognises_each_corpus_form(stem, form):
    assert read_issue(corpus_path(stem)).form == form


def test_blocks_keep_line_numbers_and_gaps():
    issue = parse_issue("\n\nRED FLAG\n\nfirst\nsecond\n\n\n\nafter a photo gap\n")
    assert [(b.source.first, b.source.last, b.source.gap) for b in issue.items] == [(3, 3, 2), (5, 6, 1), (10, 10, 3)]


def test_web_copy_is_one_block_per_line():
    issue = parse_issue("Title one ♦ Title two ♦\nFirst paragraph.\nSecond paragraph.\n—Comrade\n")
    assert issue.form == "web"
    assert [b.source.first for b in issue.items] == [1, 2, 3, 4]


def test_markdown_headings_and_lists_are_parsed():
    issue = parse_issue("# RED FLAG\n\n## SEE INSIDE\n\n- one\n- two\n\n1. first\n\nplain *text*\n")
    kinds = [type(b) for b in issue.items]
    assert kinds == [Heading, Heading, ListBlock, ListBlock, Paragraph]
    assert issue.items[0].level == 1 and issue.items[3].ordered


def test_whitespace_only_lines_are_blank():
    issue = parse_issue("one\n\u00a0\n\u200b\n \ntwo\n")
    assert len(issue.items) == 2 and issue.items[1].source.gap == 3


def test_crlf_and_bom_are_accepted():
    text = decode_manuscript("\ufeffone\r\n\r\ntwo\r\n".encode(), "x.txt")
    assert text == "one\n\ntwo\n"


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"  \n\n \n", "empty"), (b"\x00\x01\x02binary", "binary"),
    ("caf\u00e9".encode("latin-1"), "not UTF-8"),
])
def test_bad_input_is_refused_with_the_file_named(data, message):
    with pytest.raises(InputError) as err:
        decode_manuscript(data, "manuscripts/bad.txt")
    assert str(err.value).startswith("manuscripts/bad.txt") and message in str(err.value)


def test_telling_the_form_is_linear_in_brackets():
    """`](` with no `)` after it made the markdown-sign pattern scan to the end of the text from each
    one (200 KB: 40 s). A bound only a runaway hits, not a speed assertion."""
    import time

    from pipeline.readers.manuscript import detect_form

    lines = ["[a](" * 4_000] * 50  # 800 KB
    started = time.process_time()
    detect_form(lines, [False] * len(lines))
    assert time.process_time() - started < 30
