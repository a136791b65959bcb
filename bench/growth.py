"""Growth: how the model stage's time grows with the manuscript's size, 100 KB to 5 MB (bench/GROWTH.md).

    .venv/bin/python bench/growth.py                      # every shape, 100 KB … 5 MB: the table in bench/GROWTH.md
    .venv/bin/python bench/growth.py --quick              # every shape, 100 KB … 400 KB, printed only
    .venv/bin/python bench/growth.py --shapes pdf-text,dashes --sizes 100k,200k,400k --steps

The model stage is what `python -m pipeline model x.txt` does: read the manuscript, apply the
sidecars, run every normalizing step, write the JSON model. Each (shape, size) runs in a fresh child
process that first builds a small sample issue once (so the language identifier, the word list and
the imports are loaded before the clock starts), then times the stage on the generated manuscript:
CPU seconds of the child (steadier than wall time on a shared machine), per stage and per step.

Linear growth means the time doubles when the size doubles: the ratio per doubling is ≈ 2 (n log n
gives a little more, and a quadratic step 4). Between 3.2 MB and 5 MB, which is not a doubling, the
ratio is scaled to one: (t₂/t₁) ** (1 / log₂(s₂/s₁)). Timing noise on a busy 2-core VM is about
±15 %; for figures that do not move, count instructions instead (small sizes only, it runs ~50×
slower): `valgrind --tool=callgrind .venv/bin/python bench/growth.py --child FILE`.

The manuscripts are generated, deterministically (a seeded random), in the pipeline's three raw
forms and in shapes meant to break it; every line stays under 20,000 characters (the pipeline's
per-line limit), so each shape is something an editor could hand in:

- pdf-text: an archive of issues as text extracted from the print PDF — masthead, SEE INSIDE teasers,
  kickers, ALL-CAPS headlines, datelines, paragraphs broken mid-sentence and mid-word by columns,
  captions in photo slots, jumps to and from other pages, letters with sign-offs, boxes, issue lines;
- markdown: the same stories as a markdown export — heading levels, emphasis, links, lists, hard breaks;
- web: copy from the website — one paragraph per line, the line of links to the page's stories;
- dashes, brackets, asterisks: blocks of long runs of `-`, `[`/`<http://`, and `*`/`**`/`_` —
  each the worst case of one pattern (the bare-address linker, the inline link parser, emphasis);
- long-lines: paragraphs of lines of ~19,000 characters, and one paragraph of many such lines;
- joins: thousands of blocks, each continuing the one before mid-sentence or mid-word;
- tiny-blocks: a block of one or two characters per line, blank lines between;
- teasers: many SEE INSIDE boxes over many stories sharing their words;
- subheads: long markdown stories cut by many subheads, and many headline-less stories of the same first words;
- foreign: paragraphs quoting words in Cyrillic, Arabic, Devanagari, Greek, Han, Hangul (some emphasised).

Standard library only; the venv's Python runs it (the children import the pipeline).
`make growth` would be: `growth: $(VENV)/.installed` / `$(PY) bench/growth.py $(GROWTH_ARGS)`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
PUBLICATION = ROOT / "manuscripts" / "publication.yaml"
WARMUP = ROOT / "manuscripts" / "sample-en.txt"
SIZES = (100_000, 200_000, 400_000, 800_000, 1_600_000, 3_200_000, 5_000_000)
QUICK_SIZES = (100_000, 200_000, 400_000)
LINE_LIMIT = 20_000  # characters: the pipeline refuses longer lines

# --------------------------------------------------------------------------------------------------
# Words

FUNCTION = ("the of and to in a for on with that as by from at is was are were their they we our it this "
            "but not or who which has have had will would be been when where into than").split()
COMMON = ("workers strike factory wages bosses union meeting city class party communist rent school students "
          "nurses drivers hospital capitalism police war comrades shift pay hours family children water land "
          "food prices march protest leaflet newspaper letter country world power mass movement struggle "
          "company contract profit government election army border rights women men youth teachers miners "
          "dockers cleaners transit garage line plant warehouse farm village month week morning night leaders "
          "organize discuss decided answered explained asked read write build fight need live work together "
          "against every many new old more most other same whole first last long short hard real").split()
SYLLABLES = "ka lo mi ren dor vel sta pri qua bel tor gan sil mar nov ert ulo zen fra cid pol hem".split()
MONTHS = "January February March April May June July August September October November December".split()
COUNTRIES = "USA Mexico Ecuador Nigeria India Kenya Brazil Chile Spain Philippines Haiti Peru".split()


class Writer:
    """Random text in the paper's manner, from one seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def coined(self, syllables: int = 0) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables or self.rng.randint(2, 4)))

    def name(self) -> str:
        return self.coined().capitalize()

    def place(self) -> str:
        return f"{self.coined().upper()} ({self.rng.choice(COUNTRIES)})"

    def date(self) -> str:
        return f"{self.rng.choice(MONTHS)} {self.rng.randint(1, 28)}"

    def word(self) -> str:
        roll = self.rng.random()
        if roll < 0.45:
            return self.rng.choice(FUNCTION)
        if roll < 0.85:
            return self.rng.choice(COMMON)
        if roll < 0.95:
            return self.coined()
        return self.name()

    def sentence(self, markup: bool = False) -> str:
        words = [self.word() for _ in range(self.rng.randint(8, 20))]
        words[0] = words[0].capitalize()
        roll = self.rng.random()
        if roll < 0.05:
            words.insert(self.rng.randint(1, len(words)), f"www.{self.coined()}.org/{self.coined()}.pdf")
        elif roll < 0.08:
            words.insert(self.rng.randint(1, len(words)), f"{self.coined()}@{self.coined()}.org")
        elif roll < 0.12:
            words.insert(self.rng.randint(1, len(words)), f"${self.rng.randint(2, 900)}")
        if markup and self.rng.random() < 0.15:
            k = self.rng.randint(0, len(words) - 2)
            words[k:k + 2] = [f"*{words[k]} {words[k + 1]}*"]
        if markup and self.rng.random() < 0.05:
            k = self.rng.randint(0, len(words) - 1)
            words[k] = f"[{words[k]}](https://icwpredflag.org/{self.coined()})"
        text = " ".join(words)
        if self.rng.random() < 0.2:
            return f'"{text}," said {self.name()}.'
        return text + self.rng.choice(".....!?")

    def paragraph(self, markup: bool = False) -> str:
        return " ".join(self.sentence(markup) for _ in range(self.rng.randint(2, 6)))

    def headline(self) -> str:
        words = [self.rng.choice(COMMON) for _ in range(self.rng.randint(2, 4))] + \
                [self.coined() for _ in range(self.rng.randint(2, 3))]
        self.rng.shuffle(words)
        return " ".join(words).upper()

    def kicker(self) -> str:
        return " ".join(w.capitalize() for w in (self.rng.choice(COMMON), self.coined(), "Study Group")[:self.rng.randint(2, 3)])

    def signoff(self) -> str:
        return f"—{self.rng.choice(('Comrade', 'Worker', 'Student', 'Reader'))} in {self.name()} ({self.rng.choice(COUNTRIES)})"


# --------------------------------------------------------------------------------------------------
# The shapes: each a function (writer, size in bytes) → manuscript text

def _fill(size: int, header: str, unit) -> str:
    """`header`, then `unit()` texts until `size` bytes (UTF-8) or a little more: the table uses the true size."""
    parts, total = [header], len(header.encode())
    while total < size:
        piece = unit()
        parts.append(piece)
        total += len(piece.encode())
    return "".join(parts)


def _broken(writer: Writer, paragraph: str) -> list[str]:
    """A paragraph as the PDF extract has it: sometimes cut mid-sentence, or mid-word at a hyphen."""
    rng = writer.rng
    words = paragraph.split(" ")
    if len(words) < 12 or rng.random() < 0.6:
        return [paragraph]
    k = rng.randint(4, len(words) - 4)
    if rng.random() < 0.3 and len(words[k]) >= 6 and words[k].isalpha():
        cut = rng.randint(3, len(words[k]) - 3)
        return [" ".join(words[:k] + [words[k][:cut] + "-"]), " ".join([words[k][cut:]] + words[k + 1:])]
    while words[k][:1].isupper():
        k += 1
    return [" ".join(words[:k]), " ".join(words[k:])]


def pdf_text(writer: Writer, size: int) -> str:
    rng = writer.rng
    header = ("RED FLAG\n\nMOBILIZE THE MASSES FOR COMMUNISM\n\n"
              "THE INTERNATIONAL COMMUNIST WORKERS' PARTY  WWW.ICWPREDFLAG.ORG\n\n\n\n")
    number = iter(range(1, 10**6))

    def issue() -> str:
        stories = [writer.headline() for _ in range(rng.randint(6, 10))]
        blocks = ["SEE INSIDE"] + [f"**{h.replace(' ', chr(10), 2)},\nPAGE {rng.randint(2, 8)}**" for h in stories[1:4]]
        jumps = []
        for k, headline in enumerate(stories):
            if rng.random() < 0.4:
                blocks.append(writer.kicker())
            blocks.append(headline)
            body = [f"{writer.place()}, {writer.date()}—{writer.paragraph()}"] + \
                   [writer.paragraph() for _ in range(rng.randint(3, 8))]
            for n, paragraph in enumerate(body):
                blocks += _broken(writer, paragraph)
                if n == 2 and rng.random() < 0.3:
                    blocks.append(f"\n{writer.place()}, {writer.date()}, 2025 —{writer.sentence()}\n")
                if n == 3 and rng.random() < 0.2:
                    blocks.append(" ".join(w.capitalize() for w in writer.sentence().rstrip(".!?").split()[:4]))
            if k < 2 and rng.random() < 0.7:
                blocks[-1] = blocks[-1].rstrip(".!?") + " and"
                blocks.append(f"See: **{headline},** page {rng.randint(2, 8)}")
                jumps.append(headline)
        for _ in range(2):  # letters
            blocks += [writer.headline(), *[writer.paragraph() for _ in range(rng.randint(2, 4))], writer.signoff()]
        blocks.append("PLEASE SEND YOUR LETTERS, COMMENTS AND SUGGESTIONS TO THE EDITORS OF RED FLAG.")
        blocks += ["Read our Pamphlet:", writer.headline(), f"Available at: www.icwpredflag.org/{writer.coined()}.pdf"]
        for headline in jumps:
            blocks.append(f"{headline}, from page 1")
            for _ in range(rng.randint(1, 3)):
                paragraph = writer.paragraph()
                blocks.append(paragraph[0].lower() + paragraph[1:])
        blocks.append(f"Volume 16 Number {next(number)}, March 12 to April 2, 2025\n"
                      f"E-mail: info@icwpredflag.org  www.icwpredflag.org")
        return "\n\n".join(blocks) + "\n\n\n"

    return _fill(size, header, issue)


def markdown(writer: Writer, size: int) -> str:
    rng = writer.rng
    header = ("# RED FLAG\n\n## MOBILIZE THE MASSES FOR COMMUNISM\n\n"
              "THE INTERNATIONAL COMMUNIST WORKERS' PARTY [WWW.ICWPREDFLAG.ORG](http://WWW.ICWPREDFLAG.ORG)\n\n")

    def story() -> str:
        blocks = []
        if rng.random() < 0.4:
            blocks.append(f"## {writer.kicker()}")
        blocks.append(f"# {writer.headline()}")
        blocks.append(f"{writer.place()}, {writer.date()}—{writer.paragraph(markup=True)}")
        for n in range(rng.randint(3, 8)):
            if n == 2 and rng.random() < 0.3:
                blocks.append(f"### {' '.join(w.capitalize() for w in writer.sentence().split()[:4])}")
            if rng.random() < 0.1:
                blocks.append("\n".join(f"- {writer.sentence(markup=True)}" for _ in range(rng.randint(2, 5))))
            elif rng.random() < 0.1:
                blocks.append("  \n".join(writer.sentence() for _ in range(3)))
            else:
                blocks += _broken(writer, writer.paragraph(markup=True))
        if rng.random() < 0.3:
            blocks.append(writer.signoff())
        return "\n\n".join(blocks) + "\n\n"

    return _fill(size, header, story)


def web(writer: Writer, size: int) -> str:
    rng = writer.rng
    titles = [writer.headline().title() for _ in range(3)]
    header = " ♦ ".join(f"{t} here" for t in titles) + " ♦\n"

    def story() -> str:
        lines = [writer.headline().title()]
        if rng.random() < 0.2:
            lines.append("pdf version here")
        lines += [writer.paragraph() for _ in range(rng.randint(3, 8))]
        if rng.random() < 0.5:
            lines.append(writer.signoff())
        return "\n".join(lines) + "\n"

    return _fill(size, header, story)


def _line(unit: str, limit: int = LINE_LIMIT - 100) -> str:
    return unit * (limit // len(unit))


def dashes(writer: Writer, size: int) -> str:
    """The bare-address linker's worst cases: runs of address characters with no address in them; and
    long runs of spaces inside a line (where the site's chrome ending a line was looked for)."""
    units = ["-", "a-", "a.", "x.org.", "--foo@", "w.w.w.", "%+.-_", "a@b.c", "spaces"]

    def block() -> str:
        unit = writer.rng.choice(units)
        return ("a" + " " * (LINE_LIMIT - 200) + "b" if unit == "spaces" else _line(unit)) + "\n\n"

    return _fill(size, "DASHES\n\n", block)


def brackets(writer: Writer, size: int) -> str:
    """The inline parser's link and autolink patterns, tried at every `[` and `<`."""
    units = ["[", "[a", "<http://", "[x](", "](", "<mailto:a"]
    return _fill(size, "BRACKETS\n\n", lambda: _line(writer.rng.choice(units)) + "\n\n")


def asterisks(writer: Writer, size: int) -> str:
    """Emphasis: runs of delimiters, deep nesting (`*a **a *a …`), and openers never closed."""
    units = ["*a ", "**a* ", "*a **a ", "_a ", "a* ", "**a ", "* "]

    def block() -> str:
        roll = writer.rng.random()
        if roll < 0.3:  # nested 2,000 deep: `*a **a *a **a … a** a* a** a*`
            depth = 1000
            return "*a **a " * depth + "x" + " a** a*" * depth + "\n\n"
        return _line(writer.rng.choice(units)) + "\n\n"

    return _fill(size, "ASTERISKS\n\n", block)


def long_lines(writer: Writer, size: int) -> str:
    """Lines of ~19,000 characters of prose: a paragraph each, and paragraphs of many of them."""
    def block() -> str:
        lines = []
        for _ in range(writer.rng.choice((1, 1, 4))):
            words: list[str] = []
            while sum(map(len, words)) + len(words) < LINE_LIMIT - 1000:
                words.append(writer.sentence())
            lines.append(" ".join(words))
        return "\n".join(lines) + "\n\n"

    return _fill(size, "LONG LINES\n\n", block)


def joins(writer: Writer, size: int) -> str:
    """Stories of 200 blocks, each continuing the one before: mid-sentence, mid-word, after a comma."""
    rng = writer.rng

    def story() -> str:
        blocks = [writer.headline(), "It began like this and"]
        for _ in range(200):
            words = writer.paragraph().rstrip(".!?").split()
            words[0] = words[0].lower()
            roll = rng.random()
            if roll < 0.3:
                blocks += [" ".join(words) + " revolu-", "tionary " + rng.choice(FUNCTION)]
            else:
                blocks.append(" ".join(words) + rng.choice((" and", ",", " of the")))
        return "\n\n".join(blocks) + ".\n\n"

    return _fill(size, "", story)


def tiny_blocks(writer: Writer, size: int) -> str:
    """Blocks of one or two characters, blank lines between: the most items per byte."""
    return _fill(size, "TINY\n\n", lambda: writer.rng.choice(("a", "I", "—", "*", "1", "x.", "A-")) + "\n\n")


def teasers(writer: Writer, size: int) -> str:
    """Many SEE INSIDE boxes, every teaser made of words every story uses."""
    rng = writer.rng
    words = COMMON[:12]

    def unit() -> str:
        blocks = ["SEE INSIDE"] + [f"**{' '.join(rng.sample(words, 3)).upper()}, PAGE 2**" for _ in range(3)]
        for _ in range(3):
            blocks.append(" ".join(rng.sample(words, 4)).upper())
            blocks.append(f"{writer.place()}, {writer.date()}—" + " ".join(rng.sample(words, 10)) + ". " + writer.paragraph())
        return "\n\n".join(blocks) + "\n\n"

    opening = "The workers of the city met again and\n\ndecided to strike. The bosses of the port were\n\nangry.\n\n"
    return _fill(size, "RED FLAG\n\n" + opening, unit)


def subheads(writer: Writer, size: int) -> str:
    """Long markdown stories cut by subheads with no sign-off, and headline-less stories of one title."""
    rng = writer.rng

    def unit() -> str:
        if rng.random() < 0.5:
            blocks = [f"# {writer.headline()}"]
            for _ in range(200):
                blocks += [f"### {writer.kicker()}", writer.paragraph()]
            return "\n\n".join(blocks) + "\n\n"
        return "\n\n".join(f"— — —\n\n\n\nThe workers of the city met again. {writer.paragraph()}" for _ in range(20)) + "\n\n"

    return _fill(size, "# RED FLAG\n\n", unit)


FOREIGN = ("рабочие", "слово", "Српски", "العمال", "اتحدوا", "मज़दूर", "एकता", "εργάτες", "工人", "労働者", "노동자")


def foreign(writer: Writer, size: int) -> str:
    """Stories whose paragraphs quote words in other scripts, some inside emphasis (the runs that
    mark_languages marks), and whole paragraphs in one of them."""
    rng = writer.rng

    def story() -> str:
        blocks = [writer.headline(), f"{writer.place()}, {writer.date()}—{writer.paragraph()}"]
        for _ in range(rng.randint(3, 8)):
            words = writer.paragraph().split()
            for _ in range(rng.randint(1, 12)):
                word = rng.choice(FOREIGN)
                words.insert(rng.randint(0, len(words)), f"*{word}*" if rng.random() < 0.3 else word)
            blocks.append(" ".join(words))
        if rng.random() < 0.2:
            blocks.append(" ".join(rng.choice(FOREIGN[:2]) for _ in range(12)) + ".")
        return "\n\n".join(blocks) + "\n\n"

    return _fill(size, "", story)


SHAPES = {
    "pdf-text": pdf_text, "markdown": markdown, "web": web, "dashes": dashes, "brackets": brackets,
    "asterisks": asterisks, "long-lines": long_lines, "joins": joins, "tiny-blocks": tiny_blocks,
    "teasers": teasers, "subheads": subheads, "foreign": foreign,
}


def manuscript(shape: str, size: int, seed: int = 14) -> str:
    return SHAPES[shape](Writer(seed), size)


# --------------------------------------------------------------------------------------------------
# The child: one timed model stage

def child(path: str) -> None:
    """Time the model stage on `path`, after one untimed build of the sample; print JSON."""
    sys.path.insert(0, str(ROOT))
    import pipeline.build as build
    from pipeline.model.issue_json import dump_issue

    build.load_issue(WARMUP, PUBLICATION)
    stages: dict[str, float] = {}
    real_read, real_normalize = build.read_issue, build.normalize

    def timed(name, fn, *args):
        started = time.process_time()
        result = fn(*args)
        stages[name] = stages.get(name, 0.0) + time.process_time() - started
        return result

    def read_issue(*args):
        return timed("read_issue", real_read, *args)

    def normalize(issue, steps=None):
        import pipeline.normalize as normalize_module

        for step in steps or normalize_module.STEPS:
            issue = timed(step.__name__, step, issue)
        return issue

    build.read_issue, build.normalize = read_issue, normalize
    wall, cpu = time.perf_counter(), time.process_time()
    issue = build.load_issue(path, PUBLICATION)
    timed("dump_issue", dump_issue, issue)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    stages["other"] = max(0.0, cpu - sum(stages.values()))
    print(json.dumps({"cpu": cpu, "wall": wall, "items": len(issue.items), "form": issue.form,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "stages": stages}))


def run_child(path: Path, timeout: float) -> dict:
    try:
        done = subprocess.run([str(PY), __file__, "--child", str(path)], capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode:
        return {"error": (done.stderr.strip().splitlines() or ["?"])[-1][:200]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------------
# The table

def per_doubling(t1: float, t2: float, s1: int, s2: int) -> float:
    """The time ratio scaled to one doubling of the size."""
    return (t2 / t1) ** (1 / math.log2(s2 / s1)) if t1 > 0 and t2 > 0 and s2 > s1 else float("nan")


def human(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size / 1e3:g} KB"


def _parts(result: dict) -> tuple[float, float]:
    """(reading the manuscript, the normalizing steps) of a child's CPU seconds."""
    stages = result["stages"]
    return stages.get("read_issue", 0.0), sum(v for k, v in stages.items() if k not in ("read_issue", "dump_issue", "other"))


def shape_table(shape: str, rows: list[tuple[int, int, dict]], steps: bool) -> list[str]:
    out = [f"### {shape}", "", "| size | bytes | items | model CPU s | per doubling | steps CPU s | per doubling "
           "| reader CPU s | per doubling | wall s | peak MB |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    previous = None
    for size, actual, result in rows:
        if "cpu" not in result:
            why = f"> {result['timeout']:g} s (killed)" if "timeout" in result else f"failed: {result.get('error')}"
            out.append(f"| {human(size)} | {actual:,} | | {why} | | | | | | | |")
            previous = None
            continue
        read, normalize = _parts(result)
        figures = (result["cpu"], normalize, read)
        ratios = [f"{per_doubling(p, f, previous[0], actual):.2f}" if previous else "" for p, f in
                  zip(previous[1] if previous else figures, figures)]
        out.append(f"| {human(size)} | {actual:,} | {result['items']:,} | {figures[0]:.2f} | {ratios[0]} | "
                   f"{figures[1]:.2f} | {ratios[1]} | {figures[2]:.2f} | {ratios[2]} | {result['wall']:.2f} | "
                   f"{result['peak_mb']:.0f} |")
        previous = (actual, figures)
    done = [(size, actual, r) for size, actual, r in rows if "cpu" in r]
    if len(done) >= 2:
        (n1, s1, first), (n2, s2, last) = done[0], done[-1]
        out += ["", f"{human(n1)} → {human(n2)}: size × {s2 / s1:.0f}, time × {last['cpu'] / first['cpu']:.0f} "
                f"(ratio per doubling over the whole range: {per_doubling(first['cpu'], last['cpu'], s1, s2):.2f}; "
                f"the steps alone: {per_doubling(_parts(first)[1], _parts(last)[1], s1, s2):.2f})."]
    if steps and len(done) >= 2:
        (n1, s1, small), (n2, s2, large) = done[-2], done[-1]
        out += ["", f"Slowest stages at {human(n2)} (CPU s), with their ratio per doubling from {human(n1)}:", "",
                "| stage | CPU s | per doubling |", "|---|---:|---:|"]
        for name, seconds in sorted(large["stages"].items(), key=lambda kv: -kv[1])[:6]:
            before = small["stages"].get(name, 0.0)
            ratio = f"{per_doubling(before, seconds, s1, s2):.2f}" if before > 0.01 else "—"
            out.append(f"| {name} | {seconds:.2f} | {ratio} |")
    return out + [""]


def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "pipeline"], capture_output=True, text=True,
                               cwd=ROOT).stdout.strip()
    except OSError:
        commit, dirty = "?", ""
    python = subprocess.run([str(PY), "--version"], capture_output=True, text=True).stdout.strip()
    return [f"| CPU | {cpu}, {os.cpu_count()} cores |", f"| system | {platform.system()} {platform.release()} |",
            f"| Python | {python} |", f"| project | commit {commit}{' with uncommitted changes' if dirty else ''} |",
            f"| load average at start | {' '.join(f'{x:.2f}' for x in os.getloadavg())} |"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the model stage against the manuscript's size.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="sizes 100 KB, 200 KB, 400 KB; print, write nothing")
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"comma-separated, of: {', '.join(SHAPES)}")
    parser.add_argument("--sizes", help="comma-separated sizes, e.g. 100k,200k,1.6m (default 100 KB … 5 MB)")
    parser.add_argument("--steps", action="store_true", help="also list the slowest stages at the largest size")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before one child is killed; "
                        "the shape's larger sizes are then skipped")
    parser.add_argument("--write", metavar="FILE", help="write the manuscripts here (one per shape and size) and stop")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "bench" / "GROWTH.md")
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    if not PY.exists():
        print("error: .venv is missing; run `make` once first", file=sys.stderr)
        return 2
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(unknown)}")
    sizes = [int(float(s[:-1]) * {"k": 1e3, "m": 1e6}[s[-1].lower()]) if s[-1].lower() in "km" else int(s)
             for s in args.sizes.split(",")] if args.sizes else (QUICK_SIZES if args.quick else SIZES)
    started_at, started = dt.datetime.now(), time.perf_counter()
    lines = []
    with tempfile.TemporaryDirectory(prefix="pipeline-growth-") as work:
        for shape in shapes:
            rows = []
            for size in sizes:
                text = manuscript(shape, size)
                path = Path(args.write or work) / f"{shape}-{size // 1000}k.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                if args.write:
                    continue
                result = run_child(path, args.timeout) if not (rows and "timeout" in rows[-1][2]) else rows[-1][2]
                actual = len(text.encode())
                rows.append((size, actual, result))
                shown = f"{result['cpu']:.2f} s CPU" if "cpu" in result else json.dumps(result)
                print(f"{shape:<12} {human(size):>8} {actual:>10,} bytes  {shown}", flush=True)
            if rows:
                lines += shape_table(shape, rows, args.steps)
    if args.write or args.quick:
        return 0
    minutes = (time.perf_counter() - started) / 60
    command = " ".join([".venv/bin/python", "bench/growth.py", *(argv if argv is not None else sys.argv[1:])])
    report = ["# Growth of the model stage with the manuscript's size", "",
              f"Written by `bench/growth.py` on {started_at:%Y-%m-%d %H:%M} (local time); the run took {minutes:.0f} min.",
              f"Command: `{command}`", "", "| machine | |", "|---|---|", *machine(), "",
              "CPU s is the child process's CPU time for the model stage (read, sidecars, every normalizing step, "
              "the JSON model), after a warm-up build that loads the language identifier and the word list. "
              "The ratio per doubling is ≈ 2 for linear growth (4 for quadratic); from 3.2 MB to 5 MB it is scaled "
              "to one doubling. Timing noise on this shared 2-core VM is about ±15 % (another job takes a core).", "",
              *lines]
    args.output.write_text("\n".join(report), encoding="utf-8")
    print(f"written {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
