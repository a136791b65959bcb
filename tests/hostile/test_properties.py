"""Property: whatever manuscript and sidecar the pipeline is given — random text, or a real sample
mutated — the command line ends with exit 0 or 2 and never a traceback, and any HTML it writes is
well-formed XHTML with no live link but web, mail and in-issue ones."""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from harness import ROOT

SAMPLES = [(ROOT / "manuscripts" / name).read_text(encoding="utf-8")
           for name in ("sample-en.txt", "sample-web.txt", "muestra-es-pdf.txt", "sample-wp-letters.txt")]
SIDECARS = [(ROOT / "manuscripts" / name).read_text(encoding="utf-8")
            for name in ("sample-web.yaml", "muestra-es-pdf.yaml", "publication.yaml")]
# What raw issues are made of, and what breaks parsers: markup, line ends, scripts, controls
PIECES = ["\n", "\n\n", "\n\n\n", "  \n", "# ", "## ", "- ", "1. ", "* ", "**", "*", "_", "[", "]", "(", ")",
          "](", "](javascript:x)", "](https://x.org)", "](#a)", "<script>", "&amp;", "&", "<", ">", "\"", "'", "—",
          "-\n", "here ♦ ", "Continued on page 3", "(Continued from page 1)", "RED FLAG", "SEE INSIDE", "—Worker",
          "www.icwpredflag.org", "a@b.org", "\f", "\ufffe", "\x07", "\x1b", "\u202e", "\u200b", "\ufeff", "\t",
          "ñ", "«", "»", "النضال", "हिंदी", "中文", "Русский", "ε", "💥", "\u0301", "  ", "...", "--"]
WORDS = st.sampled_from(["The", "workers", "strike", "HEADLINE", "Los", "obreros", "comrade", "ICE", "2025", "p.",
                         "bro-", "ken", "Minneapolis,", "Jan."])
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), WORDS, st.text(max_size=8)), max_size=120).map(" ".join)
YAML_PIECES = ["volume: ", "number: ", "date_start: ", "date_end: ", "language: ", "publication: ", "overrides:\n",
               "  - {action: title, at: 3, value: x}\n", "  - {action: join, quote: the}\n", "- ", "&a ", "*a", "!!str ",
               "!!python/object:os.system ", "? ", ": ", "{", "}", "[", "]", "\n", "  ", "'", '"', "\\x00", "2025-02-30",
               "1999-01-01", "es", "xx", "9999", "~", "|", ">"]
YAML = st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=6)), max_size=40).map("".join)


@st.composite
def mutated(draw, originals: list[str]):
    """A real sample with slices cut, repeated or swapped for hostile pieces."""
    text = draw(st.sampled_from(originals))
    for _ in range(draw(st.integers(1, 8))):
        if not text:
            break
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 400)))
        how = draw(st.sampled_from(["cut", "repeat", "insert", "replace"]))
        piece = draw(st.sampled_from(PIECES + YAML_PIECES))
        text = {"cut": text[:a] + text[b:], "repeat": text[:b] + text[a:b] + text[b:],
                "insert": text[:a] + piece + text[a:], "replace": text[:a] + piece + text[b:]}[how]
    return text


def build(manuscript: str, sidecar: str | None) -> tuple[int, str, bytes | None]:
    """The command line, in this process: exit code, stderr, and the HTML if one was written."""
    from pipeline.cli import main

    with tempfile.TemporaryDirectory() as folder:
        given_text = Path(folder) / "x.txt"
        given_text.write_text(manuscript, encoding="utf-8", errors="surrogatepass")
        if sidecar is not None:
            (Path(folder) / "x.yaml").write_text(sidecar, encoding="utf-8", errors="surrogatepass")
        output = Path(folder) / "out" / "x.html"
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            code = main(["html", str(given_text), "-o", str(output)])
        return code, errors.getvalue(), output.read_bytes() if output.exists() else None


def check(manuscript: str, sidecar: str | None) -> None:
    code, errors, html = build(manuscript, sidecar)
    event(f"exit {code}")
    assert code in (0, 2), errors
    assert "Traceback" not in errors and "internal error" not in errors, errors
    if code == 2:
        assert len(errors.strip().splitlines()) == 1 and re.match(r"error: \S*x\.(txt|yaml)\b", errors), errors
        assert html is None
        return
    root = etree.fromstring(html)  # well-formed XHTML, or this raises
    for href in root.xpath("//*[local-name()='a']/@href"):
        assert re.match(r"^(https?://|mailto:|#)", href, re.I), href


RUNS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RUNS
@given(TEXT, st.none() | YAML)
def test_random_manuscripts_and_sidecars(manuscript, sidecar):
    check(manuscript, sidecar)


@RUNS
@given(mutated(SAMPLES), st.none() | mutated(SIDECARS))
def test_mutated_samples(manuscript, sidecar):
    check(manuscript, sidecar)
