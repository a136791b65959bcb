"""Rejoining in time linear in the manuscript: the join test reads only a paragraph's end, which must
answer every question it asks as the whole paragraph would, and a paragraph rejoined from thousands
of blocks is merged once."""

from __future__ import annotations

import random
import re
import time

from pipeline.lang.patterns import ends_open, last_word
from pipeline.model import Paragraph
from pipeline.model.inlines import plain_text
from pipeline.normalize.joins import _BREAK_HYPHEN, _UNSPACED_DASH, _runs_on_as_name, join_split_paragraphs, text_end
from pipeline.readers.manuscript import parse_issue

RUNAWAY = 10.0  # seconds: far beyond what this takes (about one); only a runaway gets here

WORDS = ["the", "election", "is", "Revolu-", "anti-", "Russian", "bil-", "said,", "“Hell", "yes!”", ",”", "—", "–",
         "Comrade", "www.icwpredflag.org", "081", "$14", "(USA)", "ended.", "é", "x" * 300, "-" * 40, "…", "a-b-c-",
         "’", "'", "_", "—Seattle", "5", "and", "of"]
SPACES = [" ", " ", " ", "  ", "\n", "\u2028", "\u00a0", " " * 300]


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(SPACES) for _ in range(rng.randint(0, 60))) + rng.choice(["", " "])


def _in_pieces(text: str, rng: random.Random):
    cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(0, 6))))
    pieces = [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]
    return lambda: iter(reversed(pieces))


def test_a_paragraphs_end_answers_as_the_whole_paragraph():
    """Every question the join test asks of the text before a break, asked of `text_end` and of the
    whole text, on random texts given in random pieces: long words, long spaces, dashes, quotes."""
    rng = random.Random(14)
    for _ in range(3_000):
        whole = _random_text(rng).rstrip()
        end = text_end(_in_pieces(whole, rng))
        assert whole.endswith(end) and (end == whole or end[:1].isspace() or whole[-len(end) - 1].isspace())
        assert bool(end) == bool(whole)
        assert ends_open(end) == ends_open(whole)
        assert last_word(end) == last_word(whole)
        hyphen, whole_hyphen = _BREAK_HYPHEN.search(end), _BREAK_HYPHEN.search(whole)
        assert (hyphen and hyphen.group(1)) == (whole_hyphen and whole_hyphen.group(1))
        assert bool(_UNSPACED_DASH.search(end)) == bool(_UNSPACED_DASH.search(whole))
        assert end[-30:] == whole[-30:] and end.endswith(",") == whole.endswith(",")
        assert bool(re.search(r"\b\d{1,4}$", end)) == bool(re.search(r"\b\d{1,4}$", whole))
        for start in ("Revolution", "Khalil"):
            assert _runs_on_as_name(end, last_word(end), start) == _runs_on_as_name(whole, last_word(whole), start)


def test_ten_thousand_blocks_rejoin_into_one_paragraph():
    """Each block continues the one before, mid-sentence or mid-word: 10,000 of them took a minute when
    every join read and copied the whole paragraph joined so far."""
    parts = ["It began like this and"]
    for k in range(10_000):
        parts.append(f"workers of the city number {k} met again in the hall and" if k % 3 else
                     "workers met in the revolu-\n\ntion hall, where")
    issue = parse_issue("\n\n".join(parts), "x.txt")
    started = time.process_time()
    joined = join_split_paragraphs(issue)
    assert time.process_time() - started < RUNAWAY
    assert len(joined.items) == 1 and isinstance(joined.items[0], Paragraph)
    text = plain_text(joined.items[0].inlines)
    assert text.count("revolution hall") == 3334 and text.endswith("number 9998 met again in the hall and workers met in the revolution hall, where")
    assert joined.items[0].source.last == 2 * (len(parts) + 3334) - 1
