"""The round trip's measure (a test helper): a print PDF of a model, its text taken out the ways editors
take it, read again, and scored against the model that made the PDF.

Checks, each a fraction: stories found by headline, kickers, paragraph starts (found, and none made
up: correct starts over the model's plus the extra ones), words kept in the right story, words added
(anywhere in the issue), jumps kept whole, stories marked incomplete. The overall score is their mean.
Two counts must be 0 whatever the score: page furniture (running heads, folios, masthead repeats) left
in a story, and line-end hyphens left undecided.

`python tests/roundtrip/scoring.py [--layouts …] [--ways …]` prints the table README shows.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.build import load_issue  # noqa: E402
from pipeline.model import Article, BlockQuote, Caption, Headline, Issue, ListBlock, Paragraph, Subhead  # noqa: E402
from pipeline.model.inlines import plain_text, text_of  # noqa: E402

LAYOUTS = ROOT / "tests" / "roundtrip" / "layouts"
WAYS = ("pdf", "pdftotext", "pdftotext-raw", "pdfminer")
CHECKS = ("headlines", "kickers", "paragraph starts", "words kept", "words added", "jumps", "incomplete")
_WORD = re.compile(r"\w+(?:['’‐-]\w+)*")
START_WORDS = 6  # a paragraph start is its first words
_FOLIO = re.compile(r"(?<![\w/])\d{1,3} ?/ ?\d{1,3}(?![\w/])|\b(?:page|página) \d+ of \d+\b", re.I)
_UNDECIDED = re.compile(r"[^\W\d_][‐\u00ad-] +[^\W\d_]|\u00ad")


def words(text: str) -> list[str]:
    """The words of a text as the checks compare them: casefolded, quotes and hyphens made plain."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("‐", "-")
    return _WORD.findall(text)


def start_key(text: str) -> str:
    return " ".join(words(text)[:START_WORDS])


def headline_key(text: str) -> str:
    return " ".join(w for w in words(text.replace("-", " ")))


def _body_text(article: Article) -> list[str]:
    out = []
    for block in article.body:
        if isinstance(block, ListBlock):
            out.extend(plain_text(item) for item in block.items)
        elif hasattr(block, "inlines") or hasattr(block, "dateline"):
            out.append(text_of(block))
    return out


def _starts(article: Article) -> list[str]:
    return [start_key(text_of(b)) for b in article.body if isinstance(b, (Paragraph, BlockQuote)) and text_of(b).strip()]


def _all_text(issue: Issue) -> list[str]:
    out = []
    for item in issue.items:
        if isinstance(item, Article):
            out.extend(text_of(x) for x in (item.kicker, item.headline, item.deck) if x)
            out.extend(_body_text(item))
        else:
            out.append(text_of(item) if not hasattr(item, "items") or isinstance(item, ListBlock) else
                       " ".join(plain_text(t.inlines) for t in getattr(item, "items", ())))
            if hasattr(item, "blocks"):
                out.extend(text_of(b) for b in item.blocks)
                out.append(plain_text(item.title))
    return out


@dataclass
class Score:
    """One re-read scored: passed and total per check, and the two counts that must be 0."""

    passed: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    furniture_left: int = 0
    hyphens_left: int = 0
    misses: list = field(default_factory=list)  # what failed, for a reader of the test's output

    def fraction(self, check: str) -> float | None:
        return self.passed[check] / self.total[check] if self.total[check] else None

    @property
    def overall(self) -> float:
        parts = [f for f in (self.fraction(c) for c in CHECKS) if f is not None]
        return sum(parts) / len(parts)

    def add(self, check: str, ok: bool | float, what: str = "") -> None:
        self.total[check] += 1
        self.passed[check] += float(ok)
        if ok is not True and ok != 1 and what:
            self.misses.append(f"{check}: {what}")


def score(model: Issue, reread: Issue, running_heads: tuple[str, ...] = ()) -> Score:
    """How much of `model`'s structure and words `reread` (its PDF's text, read again) holds."""
    result = Score()
    stories = [a for a in model.items if isinstance(a, Article)]
    found = [a for a in reread.items if isinstance(a, Article)]
    by_headline: dict[str, list[Article]] = {}
    for article in found:
        by_headline.setdefault(headline_key(plain_text(article.headline.inlines)), []).append(article)
    stitched = {m.group(1) for n in model.notes if n.step == "stitch_jumps"
                and (m := re.match(r"story “(.*)” continued from line", n.message))}
    matched: list[tuple[Article, Article | None]] = []
    for story in stories:
        title = plain_text(story.headline.inlines)
        twin = (by_headline.get(headline_key(title)) or [None]).pop(0) if by_headline.get(headline_key(title)) else None
        matched.append((story, twin))
        result.add("headlines", twin is not None, title)
    for story, twin in matched:
        title = plain_text(story.headline.inlines)
        if story.kicker:
            ok = twin is not None and twin.kicker is not None and \
                headline_key(text_of(story.kicker)) == headline_key(text_of(twin.kicker))
            result.add("kickers", ok, f"{text_of(story.kicker)} ({title})")
        want, have = _starts(story), _starts(twin) if twin else []
        right = Counter(want) & Counter(have)
        extra = sum((Counter(have) - Counter(want)).values())
        for key in want:
            result.add("paragraph starts", right[key] > 0, f"{key}… ({title})")
            right[key] -= 1
        for _ in range(extra):
            result.add("paragraph starts", False, f"a start made up in {title}")
        body, kept = Counter(words(" ".join(_body_text(story)))), Counter(words(" ".join(_body_text(twin)))) if twin else Counter()
        total = sum(body.values())
        if total:
            share = sum((body & kept).values()) / total
            result.total["words kept"] += total
            result.passed["words kept"] += share * total
            if share < 0.99:
                result.misses.append(f"words kept: {share:.0%} of {title}")
        if title in stitched:
            tail = [b for b in story.body if isinstance(b, Paragraph)][-1:]
            ok = bool(twin and tail) and start_key(text_of(tail[0])) in " ".join(words(" ".join(_body_text(twin))))
            result.add("jumps", ok, title)
        if story.incomplete:
            result.add("incomplete", bool(twin and twin.incomplete), title)
    made = Counter(words(" ".join(_all_text(model))))
    read = Counter(words(" ".join(_all_text(reread))))
    added = sum((read - made).values())
    result.total["words added"] += sum(read.values())
    result.passed["words added"] += sum(read.values()) - added
    if added:
        result.misses.append(f"words added: {', '.join(sorted((read - made).keys())[:12])}")
    heads = [headline_key(h) for h in running_heads if h]
    model_hyphens = sum(len(_UNDECIDED.findall(t)) for a in stories for t in _body_text(a))
    def furniture(text: str) -> int:
        return len(_FOLIO.findall(text)) + sum(headline_key(text).count(h) for h in heads)

    for article in found:
        for text in _body_text(article):
            result.furniture_left += furniture(text)
            result.hyphens_left += len(_UNDECIDED.findall(text))
    result.hyphens_left = max(0, result.hyphens_left - model_hyphens)
    # what the stories themselves say (`24 / 7`, the paper's name in a sentence) is not furniture
    result.furniture_left = max(0, result.furniture_left - sum(furniture(t) for a in stories for t in _body_text(a)))
    return result


def extract(pdf: Path, way: str, out: Path) -> Path:
    """The text of `pdf` taken out `way` into `out` (a `.txt`), or the PDF itself (`pdf`) copied there."""
    if way == "pdf":
        target = out.with_suffix(".pdf")
        target.write_bytes(pdf.read_bytes())
        return target
    target = out.with_suffix(".txt")
    if way == "pdfminer":
        command = [str(Path(sys.executable).parent / "pdf2txt.py"), str(pdf)]
    else:
        command = ["pdftotext", *(["-raw"] if way == "pdftotext-raw" else []), str(pdf), "-"]
    target.write_text(subprocess.run(command, check=True, capture_output=True, text=True).stdout, encoding="utf-8")
    return target


def render(model: Issue, layout: str, folder: Path) -> Path:
    """The print PDF of `model` in `layout` (`paper` for the paper's own Letter sheets, or a test layout of
    tests/roundtrip/layouts/)."""
    from pipeline.writers.pdf import print_stylesheets, render_pdf

    sheets = print_stylesheets("letter")
    if layout != "paper":
        sheets = (*sheets, LAYOUTS / f"{layout}.css")
    pdf, _ = render_pdf(model, "letter", (Path(model.path).resolve().parent,), sheets)
    path = folder / f"{Path(model.path).stem}-{layout}.pdf"
    path.write_bytes(pdf)
    return path


def reread(manuscript: Path, publication: Path) -> Issue:
    return load_issue(manuscript, publication)


def running_heads(model: Issue) -> tuple[str, ...]:
    """What the paper prints at each page's head: its name and issue line (print.css's running head)."""
    from pipeline.writers.html import issue_title

    return (issue_title(model.metadata),)


def main(argv=None) -> int:
    import argparse

    from tests.conftest import CORPUS, CORPUS_FILES, MANUSCRIPTS, PUBLICATION

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--layouts", nargs="*", default=["paper"])
    parser.add_argument("--ways", nargs="*", default=list(WAYS))
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("-v", action="store_true", help="list what failed")
    args = parser.parse_args(argv)
    sources = [CORPUS / f"{s}.txt" for s in CORPUS_FILES] + sorted(MANUSCRIPTS.glob("*.txt"))
    if args.only:
        sources = [s for s in sources if s.stem in args.only]
    print("| issue | layout | way | " + " | ".join(CHECKS) + " | overall | furniture left | hyphens left |")
    print("|---" * (len(CHECKS) + 6) + "|")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        for source in sources:
            model = load_issue(source, PUBLICATION)
            for layout in args.layouts:
                pdf = render(model, layout, scratch)
                for way in args.ways:
                    folder = scratch / f"{source.stem}-{layout}-{way}"
                    folder.mkdir()
                    text = extract(pdf, way, folder / source.stem)
                    try:
                        result = score(model, reread(text, PUBLICATION), running_heads(model))
                    except Exception as err:  # the table says what failed, and goes on
                        print(f"| {source.stem} | {layout} | {way} | failed: {err} |")
                        continue
                    cells = [f"{f:.0%}" if (f := result.fraction(c)) is not None else "–" for c in CHECKS]
                    print(f"| {source.stem} | {layout} | {way} | " + " | ".join(cells) +
                          f" | {result.overall:.1%} | {result.furniture_left} | {result.hyphens_left} |", flush=True)
                    if args.v:
                        for miss in result.misses[:25]:
                            print(f"    {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
