"""The text patterns in time linear in the text: the same answers as the patterns they replace, on
random strings, and no runaway on the strings that made those patterns take minutes."""

from __future__ import annotations

import random
import re
import time

from pipeline.lang import phrasebook
from pipeline.model import Link, Text
from pipeline.normalize.boxes import _PAGE_REF
from pipeline.normalize.masthead import _EN_RANGE
from pipeline.lang.patterns import ends_open
from pipeline.normalize.text import _ADDRESS, _CHUNK, _link_text, _long_chunk_addresses, find_addresses

RUNAWAY = 10.0  # seconds: far beyond what these take (well under one); only a runaway gets here

# The patterns as they were: the specification the linear versions must meet.
ADDRESS = re.compile(
    r"(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
    r"|(?P<url>(?:https?://|www\.)[^\s<>\"“”]+"
    r"|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:org|com|net|edu|gov|info)\b(?:/[^\s<>\"“”]*)?)", re.I)
URL_END = re.compile(r"(?:https?://|www\.)\S+$|\S+\.(?:org|com|net|pdf)/?\S*$", re.I)

# Pieces of addresses and of what breaks them; K (Kelvin sign), ı and İ match [A-Za-z] ignoring case.
PIECES = ["a", "Z", "0", "9", "-", "--", ".", "..", "@", "%", "+", "_", "/", ":", "www.", "http://", "https://",
          ".org", ".com", ".info", ".COM", "org", "co", "x", "é", "\u212a", "ı", "İ", " ", "\n", '"', "“", "<", ">",
          "@b.co", ",", ")", "'", "’"]


def _random_texts(seed: int, count: int, longest: int):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(0, longest)))


def _bounded(fn, *args):
    started = time.process_time()
    result = fn(*args)
    assert time.process_time() - started < RUNAWAY, f"{fn.__name__} ran away"
    return result


def test_the_address_pattern_is_the_one_specified():
    assert _ADDRESS.pattern == ADDRESS.pattern and _ADDRESS.flags == ADDRESS.flags


def test_addresses_are_found_as_the_pattern_finds_them():
    """Both ways of finding them — the pattern on a short chunk, the run-by-run scan on a long one — give
    exactly the pattern's matches, on random strings (the scan is run on every chunk here, long or not)."""
    for text in _random_texts(seed=14, count=8_000, longest=40):
        expected = [(m.start(), m.end(), m["email"] is not None) for m in ADDRESS.finditer(text)]
        scanned = [found for chunk in _CHUNK.finditer(text) for found in _long_chunk_addresses(text, *chunk.span())]
        assert list(find_addresses(text)) == expected, text
        assert scanned == expected, text


def test_addresses_in_a_long_chunk():
    text = ("see www.icwpredflag.org/ffde.pdf, " + "-" * 300 + "write.to.ICWP@NYM.HUSH.COM9a" + "a." * 100 + "x.org-"
            + "é-" * 100 + "ab-cd.org.net--" + "w" * 200 + "http://x")
    expected = [(m.start(), m.end(), m["email"] is not None) for m in ADDRESS.finditer(text)]
    assert len(expected) == 4 and list(find_addresses(text)) == expected


def test_no_runaway_on_long_runs_of_address_characters():
    """200,000 dashes took the pattern more than five minutes; every such run now reads in one pass."""
    for unit, size in (("-", 200_000), ("a.", 200_000), ("a-", 40_000), ("x.org.", 40_000), ("--foo@", 40_000),
                       ("%+.-_", 40_000), ("a@b.c", 40_000), ("éa-", 40_000), ("www.", 40_000)):
        text = unit * (size // len(unit))
        found = _bounded(_link_text, text)
        assert "".join(n.text if isinstance(n, Text) else n.children[0].text for n in found) == text
    assert [n for n in _bounded(_link_text, "x@y.org " * 5_000) if isinstance(n, Link)][-1].url == "mailto:x@y.org"


def test_ends_open_reads_a_web_address_as_the_pattern_did():
    rng = random.Random(7)
    words = ["election", "is", "said:", "www.icwpredflag.org", "x.ORG/a", "http://", "https://a", "a.pdf", ".org",
             "-", ",”", "(USA)", "ended.", " ", "  ", "\u2028", "é"]
    for _ in range(20_000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        stripped = text.rstrip()
        expected = bool(stripped) and not URL_END.search(stripped) and (
            stripped[-1] not in ".!?…:;)]" and (stripped[-1] not in "”\"’'»" or stripped[:-1].rstrip()[-1:] == ","))
        assert ends_open(text) == expected, text


def test_ends_open_does_not_run_away_on_a_long_word():
    assert _bounded(ends_open, "-" * 200_000) is True
    assert _bounded(ends_open, "a" * 100_000 + ".org" + "b" * 100_000) is False


def test_chrome_at_a_lines_end_is_found_as_before():
    def reference(line):
        m = re.search(f"(?:{phrasebook.pattern('chrome_suffix').pattern})$", line.rstrip(), re.I)
        return m if m and m.start() > 0 else None

    rng = random.Random(3)
    pieces = ["a", " ", "  ", "\u00a0", "\t", "english site here", "English Site Here.", "Sitio en Español aquí", ".", "x"]
    for _ in range(20_000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        found, expected = phrasebook.chrome_suffix(line), reference(line)
        assert (found and found.span()) == (expected and expected.span()), line


def test_chrome_at_a_lines_end_does_not_run_away_on_long_spaces():
    assert _bounded(phrasebook.chrome_suffix, "a" + " " * 200_000 + "b") is None
    assert _bounded(phrasebook.chrome_suffix, "a" + " " * 200_000 + "English site here.").start() == 1


def test_dates_and_page_references_are_found_as_before():
    """Two patterns that were tried at every letter of a long word (the issue line's first month) or
    every space of a long run (a teaser's page reference) now start only where the word or run does."""
    en_range = re.compile(r"(?P<m1>[A-Za-z]+)\.? (?P<d1>\d{1,2})(?:, (?P<y1>\d{4}))? (?:to|–|-|—) "
                          r"(?:(?P<m2>[A-Za-z]+)\.? )?(?P<d2>\d{1,2}), (?P<y2>\d{4})")
    page_ref = re.compile(r"[,\s]*\b(?:PAGES?|PÁGINAS?)\s+[\d,\sANDY]+$", re.I)
    rng = random.Random(5)
    pieces = ["March", "xMarch", "12", " ", ",", ", ", " to ", "-", "April", "2", "2025", ".", "PAGE", "PAGES", "páginas",
              "3", " AND ", "y", "é", "a"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for old, new in ((en_range, _EN_RANGE), (page_ref, _PAGE_REF)):
            expected, found = old.search(text), new.search(text)
            assert (expected and expected.group(0)) == (found and found.group(0)), text
    assert _bounded(_EN_RANGE.search, "a" * 100_000 + " 12 to") is None
    assert _bounded(_PAGE_REF.search, "X" + " ," * 100_000 + "X") is None
