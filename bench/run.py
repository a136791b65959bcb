"""The pipeline's benchmark: one command, a table in bench/RESULTS.md.

    .venv/bin/python bench/run.py            # the real figures: 5 paired repetitions, a 50-issue archive
    .venv/bin/python bench/run.py --quick    # a smoke run: 1 repetition, a 6-issue archive

What it measures, on this machine, with every output written to a temporary folder (never build/):

1. Per corpus file (../shared/corpus/*.txt, read where it lies): the pipeline's HTML, EPUB and PDF
   (`python -m pipeline FORMAT`, as `make` calls it) against its peers on the same input —
   pandoc `-t html` and `-t epub3`, calibre `ebook-convert` (txt → epub), and bare WeasyPrint: the
   `weasyprint` command of the venv on the very HTML the pipeline lays out (its HTML writer's output,
   without the screen stylesheet) with the same print stylesheets, base URL and fetch limits.
   Paired: in each repetition the pipeline and its peers run one after the other, the order rotating,
   so that load on the machine falls on both; the ratio shown is the median of the per-repetition
   ratios (with their range). One unrecorded warm-up run of each command comes first.
2. An archive: the corpus copied N times under numbered names, built by `make` (its default
   target, the Makefile as it is) at -j1 and -j2 from clean; then a no-op `make` and a one-issue
   rebuild (one manuscript touched).
3. Growth: one issue concatenated 1×–4×, its HTML (and PDF at 1× and 2×) timed.

Wall time is perf_counter around the child; CPU time (user + system) and peak resident memory come
from os.wait4, so they cover the child and every process it waited for (pdftotext, make's recipes);
peak memory is the largest single process's, not a sum. A peer whose command is not installed is
reported as missing, one that fails as failed: no figure is ever made up.

Standard library only (the venv's Python runs it; the venv's own packages are used by the children).
A full run takes about 25 minutes on a quiet 2-core machine, a --quick one about 6; run it on a quiet
machine, with nobody editing the project (the results say so when its sources changed mid-run).
`make bench` would be: `bench: $(VENV)/.installed $(FONTS)` / `$(PY) bench/run.py $(BENCH_ARGS)`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STYLES = ROOT / "styles"
VENV_BIN = ROOT / ".venv" / "bin"
PY = VENV_BIN / "python"
PUBLICATION = ROOT / "manuscripts" / "publication.yaml"  # what `make` falls back to for a folder without one
PAPER = "letter"

# The HTML the pipeline lays out for its PDF: render_html(issue) with no stylesheet (pipeline/writers/pdf.py).
BARE_HTML_SNIPPET = """\
import sys
from pipeline.build import load_issue
from pipeline.writers.html import render_html
manuscript, publication, out = sys.argv[1:4]
try:
    issue = load_issue(manuscript, publication)
except TypeError:  # a load_issue without the publication argument
    issue = load_issue(manuscript)
with open(out, "w", encoding="utf-8") as handle:
    handle.write(render_html(issue))
"""

# Where the pipeline's PDF time goes, through public functions only: one in-process run.
BREAKDOWN_SNIPPET = """\
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from pipeline.build import load_issue
from pipeline.writers.html import render_html
from pipeline.writers.pdf import render_pdf
import weasyprint
t1 = time.perf_counter()
manuscript, publication, paper, bare_html = sys.argv[1:5]
seen = {"html": [], "css": []}
class HTML(weasyprint.HTML):  # what the pipeline hands WeasyPrint, to compare with the bare run's input
    def __init__(self, *args, **kwargs):
        seen["html"].append(kwargs.get("string"))
        super().__init__(*args, **kwargs)
class CSS(weasyprint.CSS):
    def __init__(self, *args, **kwargs):
        seen["css"].append(Path(str(kwargs.get("filename") or "?")).name)
        super().__init__(*args, **kwargs)
weasyprint.HTML, weasyprint.CSS = HTML, CSS
try:
    issue = load_issue(manuscript, publication)
except TypeError:
    issue = load_issue(manuscript)
t2 = time.perf_counter()
render_html(issue)
t3 = time.perf_counter()
pdf, stats = render_pdf(issue, paper, (Path(manuscript).resolve().parent,))
t4 = time.perf_counter()
try:
    bare = Path(bare_html).read_text(encoding="utf-8")
    same = len(seen["html"]) == 1 and seen["html"][0] == bare
except OSError:
    same = None
print(json.dumps({"imports": t1 - t0, "load_issue": t2 - t1, "render_html": t3 - t2,
                  "render_pdf": t4 - t3, "weasyprint": getattr(stats, "seconds", None),
                  "same_html": same, "stylesheets": seen["css"]}))
"""


# --------------------------------------------------------------------------------------------------
# Running and measuring one command


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    rc: int
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return self.rc == 0


def measure(cmd: list[str], cwd: Path = ROOT, env: dict | None = None, timeout: float = 1800) -> Run:
    """Run `cmd` to the end; its wall time, CPU time (user + sys, with its waited-for descendants) and
    peak RSS (MB, the largest single process). Output is discarded but for stderr's tail."""
    with open(os.devnull, "wb") as devnull, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=devnull, stderr=err, start_new_session=True)

        def kill() -> None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-4000:].decode("utf-8", "replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, tail)


def first_error(run: Run) -> str:
    """A short reason for a failed run: its last non-empty stderr line."""
    lines = [line.strip() for line in run.stderr.splitlines() if line.strip()]
    reason = lines[-1] if lines else ""
    if run.rc < 0:
        reason = f"killed by signal {-run.rc}" + (f"; {reason}" if reason else "")
    return reason[:160]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------
# Paired comparisons


@dataclass
class Contender:
    name: str
    cmd: list[str] | None  # None: the tool is missing on this machine
    note: str = ""  # why it is missing, or what exactly it runs
    env: dict | None = None
    peer: bool = False  # a peer tool, not the pipeline
    runs: list[Run] = field(default_factory=list)
    failure: str = ""

    @property
    def state(self) -> str:
        if self.cmd is None:
            return "missing"
        if self.failure:
            return "failed"
        return "ok" if self.runs else "not run"


def run_paired(contenders: list[Contender], reps: int, warmup: bool, timeout: float) -> None:
    """Warm up each, then `reps` rounds; in round i the order is rotated by i. A contender that fails
    once is marked failed and leaves the rounds (its partial figures are not reported)."""
    live = [c for c in contenders if c.cmd is not None]
    if warmup:
        for c in live:
            run = measure(c.cmd, env=c.env, timeout=timeout)
            if not run.ok:
                c.failure = f"exit {run.rc}: {first_error(run)}"
        live = [c for c in live if not c.failure]
    for i in range(reps):
        shift = i % len(live) if live else 0
        for c in live[shift:] + live[:shift]:
            if c.failure:
                continue
            run = measure(c.cmd, env=c.env, timeout=timeout)
            if run.ok:
                c.runs.append(run)
            else:
                c.failure = f"exit {run.rc}: {first_error(run)}"
                c.runs.clear()


def median(values: list[float]) -> float:
    return statistics.median(values)


def paired_ratios(a: Contender, b: Contender, attr: str) -> list[float]:
    """a/b for each round both completed (rounds are aligned: both ran every round or failed)."""
    return [getattr(x, attr) / getattr(y, attr) for x, y in zip(a.runs, b.runs) if getattr(y, attr) > 0]


def fmt_ratio(ratios: list[float]) -> str:
    if not ratios:
        return "—"
    text = f"{median(ratios):.2f}"
    if len(ratios) > 1:
        text += f" ({min(ratios):.2f}–{max(ratios):.2f})"
    return text


def fmt_s(value: float) -> str:
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


# --------------------------------------------------------------------------------------------------
# The machine


def command_version(cmd: list[str], env: dict | None = None) -> str | None:
    if shutil.which(cmd[0]) is None and not Path(cmd[0]).exists():
        return None
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (out.stdout or out.stderr).strip().splitlines()
    return lines[0].strip() if lines else None


def machine_facts(env: dict) -> list[tuple[str, str]]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    python = command_version([str(PY), "--version"]) or "missing"
    weasy = command_version([str(PY), "-c", "import weasyprint; print(weasyprint.__version__)"]) or "missing"
    pandoc = command_version(["pandoc", "--version"]) or "missing"
    calibre = command_version(["ebook-convert", "--version"], env) or "missing"
    make = command_version(["make", "--version"]) or "missing"
    poppler = command_version(["pdftotext", "-v"]) or "missing"
    git = git_state()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        ("CPU", cpu),
        ("cores (nproc)", f"{usable} usable of {os.cpu_count()}"),
        ("memory", memory),
        ("system", f"{platform.system()} {platform.release()} ({platform.machine()})"),
        ("Python (venv)", python),
        ("WeasyPrint (venv)", weasy),
        ("pandoc", pandoc),
        ("calibre", calibre),
        ("make", make),
        ("pdftotext", poppler),
        ("project", git),
        ("load average at start", load),
    ]


def source_fingerprint() -> dict:
    """mtime and size of everything the pipeline's speed depends on in the project."""
    paths = [ROOT / "Makefile", ROOT / "pyproject.toml"]
    for folder in ("pipeline", "styles"):
        paths += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    found = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        found[str(path.relative_to(ROOT))] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed_files(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def git_state() -> str:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}  # never touch the index
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, env=env, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, env=env, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    if not head:
        return "unknown"
    return f"commit {head}" + (" with uncommitted changes" if dirty else "")


# --------------------------------------------------------------------------------------------------
# The three parts


def pipeline_cmd(fmt: str, source: Path, out: Path, stats: Path | None = None) -> list[str]:
    """`python -m pipeline FORMAT SOURCE -o OUT` as the Makefile runs it; a manuscript gets the
    Makefile's fallback publication.yaml, a model file (*.issue.json) needs none."""
    cmd = [str(PY), "-m", "pipeline", fmt, str(source), "-o", str(out)]
    if source.suffix == ".txt":
        cmd += ["--publication", str(PUBLICATION)]
    if fmt == "pdf":
        cmd += ["--paper", PAPER]
        if stats is not None:
            cmd += ["--stats", str(stats)]
    return cmd


def cli_supports(*args: str) -> str:
    """The help text of `python -m pipeline ARGS --help` ("" when that is not a command)."""
    out = subprocess.run([str(PY), "-m", "pipeline", *args, "--help"], cwd=ROOT, capture_output=True, text=True)
    return out.stdout if out.returncode == 0 else ""


def pdf_pages(path: Path) -> str:
    if shutil.which("pdfinfo") is None or not path.exists():
        return "?"
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)", out.stdout, re.M)
    return match.group(1) if match else "?"


FROM_TEXT, FROM_MODEL = "pipeline", "pipeline from model"


def startup_floors(reps: int, timeout: float) -> list[tuple[str, Contender]]:
    """What a fresh process costs before any work: the interpreter, the pipeline's CLI, WeasyPrint's."""
    group = [
        Contender("python -c pass (venv)", [str(PY), "-c", "pass"]),
        Contender("python -m pipeline --help", [str(PY), "-m", "pipeline", "--help"]),
        Contender("python -c 'import weasyprint'", [str(PY), "-c", "import weasyprint"]),
        Contender("weasyprint --version", [str(VENV_BIN / "weasyprint"), "--version"]
                  if (VENV_BIN / "weasyprint").exists() else None, "not found"),
        Contender("pandoc --version", [shutil.which("pandoc"), "--version"] if shutil.which("pandoc") else None),
    ]
    run_paired(group, max(reps, 3), True, timeout)
    return group


def per_file(corpus: list[Path], work: Path, reps: int, warmup: bool, timeout: float, peer_env: dict) -> list[dict]:
    """Every corpus file × format: the pipeline and its peers, paired. Where the command line has a
    `model` command (make's manuscript → build/<stem>/<stem>.issue.json → writers), each writer is
    also timed from the model file, and the model step on its own."""
    pandoc = shutil.which("pandoc")
    calibre = shutil.which("ebook-convert")
    weasy = VENV_BIN / "weasyprint"
    with_stats = "--stats" in cli_supports("pdf")
    with_model = bool(cli_supports("model"))
    results = []
    for manuscript in corpus:
        stem = manuscript.stem
        out = work / "files" / stem
        out.mkdir(parents=True, exist_ok=True)
        entry = {"file": manuscript.name, "groups": [], "notes": []}
        model = out / f"{stem}.issue.json"

        def pipelines(fmt: str, suffix: str, stats: bool = False) -> list[Contender]:
            found = [Contender(FROM_TEXT, pipeline_cmd(fmt, manuscript, out / f"{stem}{suffix}",
                                                       out / f"{stem}{suffix}.json" if stats else None))]
            if with_model and model.exists():
                found.append(Contender(FROM_MODEL, pipeline_cmd(fmt, model, out / f"{stem}.m{suffix}",
                                                                out / f"{stem}.m{suffix}.json" if stats else None)))
            return found

        if with_model:
            log(f"{stem}: model")
            group = [Contender("pipeline model", [str(PY), "-m", "pipeline", "model", str(manuscript), "-o", str(model),
                                                  "--publication", str(PUBLICATION)])]
            run_paired(group, reps, warmup, timeout)
            entry["groups"].append(("model", group))

        log(f"{stem}: HTML")
        group = pipelines("html", ".html") + [
            Contender("pandoc -t html", [pandoc, "-f", "markdown", "-t", "html", "-s", "--metadata", f"pagetitle={stem}",
                                         str(manuscript), "-o", str(out / f"{stem}.pandoc.html")] if pandoc else None,
                      "" if pandoc else "`pandoc` not found", peer=True),
        ]
        run_paired(group, reps, warmup, timeout)
        entry["groups"].append(("HTML", group))

        log(f"{stem}: EPUB")
        group = pipelines("epub", ".epub") + [
            Contender("pandoc -t epub3", [pandoc, "-f", "markdown", "-t", "epub3", "--metadata", f"title={stem}",
                                          str(manuscript), "-o", str(out / f"{stem}.pandoc.epub")] if pandoc else None,
                      "" if pandoc else "`pandoc` not found", peer=True),
            Contender("calibre ebook-convert", [calibre, str(manuscript), str(out / f"{stem}.calibre.epub")]
                      if calibre else None, "" if calibre else "`ebook-convert` not found", env=peer_env, peer=True),
        ]
        run_paired(group, reps, warmup, timeout)
        entry["groups"].append(("EPUB", group))

        log(f"{stem}: PDF")
        bare_html = out / f"{stem}.bare.html"
        made = measure([str(PY), "-c", BARE_HTML_SNIPPET, str(manuscript), str(PUBLICATION), str(bare_html)],
                       timeout=timeout)
        bare_cmd, bare_note = None, ""
        if not weasy.exists():
            bare_note = "`.venv/bin/weasyprint` not found"
        elif not made.ok:
            bare_note = f"its HTML could not be made: {first_error(made)}"
        else:
            bare_cmd = [str(weasy), "-s", str(STYLES / "print.css"), "-s", str(STYLES / f"paper-{PAPER}.css"),
                        "-u", f"{STYLES.as_uri()}/", "--allowed-protocols", "data,file", "--no-http-redirects",
                        "-t", "5", str(bare_html), str(out / f"{stem}.bare.pdf")]
        bare = Contender("bare WeasyPrint", bare_cmd, bare_note, peer=True)
        group = pipelines("pdf", ".pdf", with_stats) + [bare]
        run_paired(group, reps, warmup, timeout)
        entry["groups"].append(("PDF", group))
        entry["pages"] = (pdf_pages(out / f"{stem}.pdf"), pdf_pages(out / f"{stem}.bare.pdf"))
        if bare.runs:
            warnings = [line for line in bare.runs[-1].stderr.splitlines() if "WARNING" in line]
            if warnings:
                entry["notes"].append(f"bare WeasyPrint logged {len(warnings)} warning(s), e.g. `{warnings[0][:120]}` "
                                      "(the pipeline fails on any)")

        log(f"{stem}: PDF breakdown")
        entry["breakdown"] = pdf_breakdown(manuscript, bare_html, timeout)
        results.append(entry)
    return results


def pdf_breakdown(manuscript: Path, bare_html: Path, timeout: float) -> dict | str:
    """One in-process PDF build, timed by stage; a string says why it could not be done."""
    import json

    cmd = [str(PY), "-c", BREAKDOWN_SNIPPET, str(manuscript), str(PUBLICATION), PAPER, str(bare_html)]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "not measured (timed out)"
    if proc.returncode:
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        return f"not measured ({lines[-1][:120] if lines else 'exit ' + str(proc.returncode)})"
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return "not measured (unreadable output)"


def archive(corpus: list[Path], work: Path, size: int, timeout: float) -> dict:
    """`make` on `size` copies of the corpus at -j1 and -j2 from clean, then a no-op and a one-issue rebuild."""
    folder = work / "archive"
    folder.mkdir(parents=True)
    names = []
    for i in range(size):
        source = corpus[i % len(corpus)]
        name = f"{source.stem}-{i // len(corpus) + 1:02d}.txt"
        shutil.copyfile(source, folder / name)
        names.append(name)
    result = {"size": size, "copies": {c.name: sum(1 for i in range(size) if i % len(corpus) == k)
                                       for k, c in enumerate(corpus)}, "runs": [], "notes": []}
    if shutil.which("make") is None:
        result["missing"] = "`make` not found"
        return result
    last_build = None
    for jobs in (1, 2):
        build = work / f"archive-build-j{jobs}"
        cmd = ["make", f"MANUSCRIPTS={folder}", f"BUILD={build}", f"-j{jobs}"]
        log(f"archive: {size} issues, make -j{jobs} from clean")
        run = measure(cmd, timeout=timeout)
        result["runs"].append((f"all {size} issues from clean, -j{jobs}", cmd, run, count_outputs(build)))
        last_build = build if run.ok else None
    if last_build is not None:
        cmd = ["make", f"MANUSCRIPTS={folder}", f"BUILD={last_build}", "-j2"]
        pending = pending_commands(cmd)
        if pending:  # the project's sources changed since the build (someone is editing them)
            log(f"archive: {pending} pipeline command(s) pending before the no-op: catching up (not timed)")
            catch_up = measure(cmd, timeout=timeout)
            result["notes"].append(f"before the no-op, `make -n` listed {pending} pipeline command(s): the project's "
                                   f"sources changed after the build; an untimed catch-up `make` ran "
                                   f"({catch_up.wall:.0f} s, exit {catch_up.rc})")
        pending = pending_commands(cmd)
        log("archive: no-op make")
        label = "no-op (nothing changed), -j2" if not pending else \
            f"no-op, -j2 — NOT a no-op: {pending} pipeline command(s) still pending"
        result["runs"].append((label, cmd, measure(cmd, timeout=timeout), None))
        os.utime(folder / names[0])  # now
        pending = pending_commands(cmd)
        log(f"archive: one-issue rebuild ({names[0]} touched)")
        result["runs"].append((f"one issue rebuilt ({names[0]} touched; `make -n` listed {pending} pipeline "
                               "commands), -j2", cmd, measure(cmd, timeout=timeout), None))
    return result


def pending_commands(cmd: list[str]) -> int:
    """How many `python -m pipeline` commands `make -n` would run, less the summary line `all` always prints."""
    out = subprocess.run([cmd[0], "-n", *cmd[1:]], cwd=ROOT, capture_output=True, text=True)
    return sum(1 for line in out.stdout.splitlines() if " -m pipeline " in line and " summary " not in line)


def count_outputs(build: Path) -> dict:
    counts: dict[str, int] = {}
    if build.exists():
        for path in build.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                kind = "".join(path.suffixes[-2:]) if path.name.endswith(".json") else path.suffix
                counts[kind] = counts.get(kind, 0) + 1
    return counts


def growth(issue: Path, work: Path, reps: int, warmup: bool, timeout: float, pdf_factors: tuple[int, ...]) -> dict:
    """The issue concatenated 1×–4× (a blank line between copies); HTML at each, PDF at `pdf_factors`."""
    folder = work / "growth"
    folder.mkdir(parents=True)
    text = issue.read_text(encoding="utf-8-sig").rstrip("\n") + "\n"
    files = {}
    for k in (1, 2, 3, 4):
        path = folder / f"{issue.stem}-x{k}.txt"
        path.write_text("\n".join([text] * k), encoding="utf-8")
        files[k] = path
    result = {"issue": issue.name, "bytes": {k: p.stat().st_size for k, p in files.items()}, "formats": {}}
    for fmt, factors in (("html", (1, 2, 3, 4)), ("pdf", pdf_factors)):
        if not factors:
            continue
        log(f"growth: {fmt.upper()} at " + ", ".join(f"{k}×" for k in factors))
        group = [Contender(f"{k}×", pipeline_cmd(fmt, files[k], folder / f"x{k}.{fmt}")) for k in factors]
        run_paired(group, reps, warmup, timeout)
        result["formats"][fmt] = group
        for k in factors:  # did the output grow too? (repeated text may be folded as boilerplate)
            made = folder / f"x{k}.{fmt}"
            size = f"{made.stat().st_size / 1024:.0f} KB" if made.exists() else "?"
            result.setdefault("outputs", {})[(fmt, k)] = size + (f", {pdf_pages(made)} p." if fmt == "pdf" else "")
    return result


# --------------------------------------------------------------------------------------------------
# RESULTS.md


def same_input(entry: dict) -> str:
    """Whether the pipeline handed WeasyPrint the bare run's HTML and stylesheets (seen in the breakdown run)."""
    b = entry.get("breakdown")
    if not isinstance(b, dict) or b.get("same_html") is None:
        return "not checked"
    css = b.get("stylesheets") or []
    css_ok = css == ["print.css", f"paper-{PAPER}.css"]
    if b["same_html"] and css_ok:
        return "yes"
    return "**no**: " + ("HTML differs" if not b["same_html"] else "") + \
        ("; " if not b["same_html"] and not css_ok else "") + ("" if css_ok else f"stylesheets {', '.join(css)}")


def render_results(args, command: str, facts, started: dt.datetime, seconds: float, files, arch, grow,
                   floors=None, changes=()) -> str:
    out = []
    kind = "quick smoke run (1 repetition, small archive): preliminary figures" if args.quick else \
        f"full run ({args.reps} paired repetitions, median)"
    out.append("# Benchmark results\n")
    out.append(f"Written by `bench/run.py` on {started:%Y-%m-%d %H:%M} (local time), {kind}; "
               f"the run took {seconds / 60:.1f} min.\n")
    out.append(f"Command: `{command}` (from the project's root)\n")
    out.append("## Machine\n")
    out.append("| | |\n|---|---|")
    for key, value in facts + [("load average at end", " ".join(f"{x:.2f}" for x in os.getloadavg()))]:
        out.append(f"| {key} | {value.replace('|', '/')} |")
    out.append("")
    out.append("How to read: wall time is the child's elapsed time, CPU is user + system (with the processes it "
               "waited for), peak MB is the largest single process's resident memory. Each ratio is pipeline ÷ peer, "
               "the median of the per-repetition ratios, the range in brackets; below 1 the pipeline is faster or "
               "smaller. Every command is a fresh process, so interpreter start-up and imports are included on both "
               "sides. \"missing\" = the peer is not installed here; \"failed\" = it ran and exited non-zero. "
               "On a busy machine wall ratios scatter (another job takes a core during one run of a pair and not "
               "the other); CPU ratios stay steadier, hence both, and the load averages above.\n")
    if changes:
        out.append("**The project's sources changed while the benchmark ran** (someone was editing them), so the "
                   "figures mix versions of the code:\n")
        for part, names in changes:
            shown = ", ".join(f"`{n}`" for n in names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
            out.append(f"- during the {part} part: {shown}")
        out.append("")
    if floors is not None:
        out.append("## Start-up floors\n")
        out.append("A fresh process doing nothing: what every figure below includes once.\n")
        out.append("| command | wall s | CPU s | peak MB |")
        out.append("|---|---:|---:|---:|")
        for c in floors:
            if c.state != "ok":
                out.append(f"| {c.name} | {c.state} | | |")
                continue
            out.append(f"| {c.name} | {median([r.wall for r in c.runs]):.3f} | {median([r.cpu for r in c.runs]):.3f} | "
                       f"{max(r.peak_mb for r in c.runs):.0f} |")
        out.append("")

    if files is not None:
        out.append("## Per corpus file\n")
        out.append("Times and memory (median of the repetitions; peak MB is the largest seen). \"pipeline\" is "
                   "`python -m pipeline FORMAT MANUSCRIPT` (read, normalize, write); \"pipeline from model\" is the "
                   "same writer started from the model file `pipeline model` wrote (what `make` runs per output, "
                   "when the command line has `model`).\n")
        out.append("| file | output | tool | wall s | CPU s | peak MB |")
        out.append("|---|---|---|---:|---:|---:|")
        ratio_rows, acceptance, notes = [], [], []
        for entry in files:
            for fmt, group in entry["groups"]:
                for c in group:
                    if c.state != "ok":
                        out.append(f"| {entry['file']} | {fmt} | {c.name} | {c.state} | | |")
                        reason = c.note if c.cmd is None else c.failure
                        if reason:
                            notes.append(f"{entry['file']} {fmt} {c.name}: {c.state} — {reason}")
                        continue
                    out.append(f"| {entry['file']} | {fmt} | {c.name} | {fmt_s(median([r.wall for r in c.runs]))} | "
                               f"{fmt_s(median([r.cpu for r in c.runs]))} | {max(r.peak_mb for r in c.runs):.0f} |")
                for pipe in (c for c in group if not c.peer):
                    for peer in (c for c in group if c.peer):
                        if pipe.state == "ok" and peer.state == "ok":
                            cells = " | ".join(fmt_ratio(paired_ratios(pipe, peer, a)) for a in ("wall", "cpu", "peak_mb"))
                        else:
                            cells = f"{peer.state if pipe.state == 'ok' else 'pipeline ' + pipe.state} | | "
                        ratio_rows.append(f"| {entry['file']} | {fmt} | {pipe.name} | {peer.name} | {cells} |")
                        if fmt == "PDF":
                            if pipe.state == "ok" and peer.state == "ok":
                                wall = median(paired_ratios(pipe, peer, "wall"))
                                cpu = median(paired_ratios(pipe, peer, "cpu"))
                                acceptance.append(f"| {entry['file']} | {pipe.name} | {wall:.2f} | {cpu:.2f} | "
                                                  f"{entry['pages'][0]} / {entry['pages'][1]} | {same_input(entry)} | "
                                                  f"{'yes' if wall <= 1.1 else '**no**'} |")
                            else:
                                acceptance.append(f"| {entry['file']} | {pipe.name} | not measured | | | | |")
            notes.extend(f"{entry['file']}: {n}" for n in entry["notes"])
        out.append("")
        out.append("Paired ratios, pipeline ÷ peer: the median of the per-repetition ratios (range in brackets).\n")
        out.append("| file | output | pipeline | peer | wall ratio | CPU ratio | memory ratio |")
        out.append("|---|---|---|---|---:|---:|---:|")
        out.extend(ratio_rows)
        out.append("")
        out.append("### Acceptance: PDF ÷ bare WeasyPrint ≤ 1.1 on every corpus file\n")
        out.append("Bare WeasyPrint = `.venv/bin/weasyprint -s styles/print.css -s styles/paper-letter.css "
                   "-u file://…/styles/ --allowed-protocols data,file --no-http-redirects -t 5 ISSUE.bare.html OUT.pdf`, "
                   "where ISSUE.bare.html is the pipeline's own HTML writer output for the issue "
                   "(`render_html(load_issue(…))`, no screen stylesheet: what pipeline/writers/pdf/ lays out), "
                   "made once before the timing. The pipeline side is `python -m pipeline pdf` as `make` runs it: "
                   "the same WeasyPrint render plus (from the manuscript) reading and normalizing, and always its "
                   "checks: warnings as errors, pdftotext per page and the word-order check, the embedded-font "
                   "check.\n")
        out.append("| file | pipeline | wall ratio | CPU ratio | pages pipeline / bare | same HTML and CSS | ≤ 1.1 |")
        out.append("|---|---|---:|---:|---|---|---|")
        out.extend(acceptance)
        out.append("")
        out.append("### Where the pipeline's PDF time goes (one in-process run per file)\n")
        out.append("| file | imports s | load_issue s | render_html s | render_pdf s | of which WeasyPrint s | "
                   "checks s (render_pdf − WeasyPrint − HTML) |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        for entry in files:
            b = entry["breakdown"]
            if isinstance(b, str):
                out.append(f"| {entry['file']} | {b} | | | | | |")
                continue
            weasy = b.get("weasyprint")
            checks = (b["render_pdf"] - weasy - b["render_html"]) if weasy is not None else None
            out.append(f"| {entry['file']} | {b['imports']:.2f} | {b['load_issue']:.2f} | {b['render_html']:.2f} | "
                       f"{b['render_pdf']:.2f} | {'?' if weasy is None else f'{weasy:.2f}'} | "
                       f"{'?' if checks is None else f'{checks:.2f}'} |")
        out.append("")
        out.append("WeasyPrint here is the pipeline's own figure (`PrintStats.seconds`: stylesheets, layout and "
                   "`write_pdf`); checks are pdftotext per page, the word-order check and the embedded-font check "
                   "(pikepdf). One run on a loaded machine: a guide to proportions, not a measurement.\n")
        if notes:
            out.append("Notes:\n")
            out.extend(f"- {n}" for n in notes)
            out.append("")

    if arch is not None:
        out.append(f"## Archive: {arch['size']} issues with `make`\n")
        out.append("The corpus copied under numbered names (" +
                   ", ".join(f"{n}× {name}" for name, n in arch["copies"].items()) +
                   "), no sidecars (the Makefile's fallback manuscripts/publication.yaml applies), built with the "
                   "Makefile's default target as it stands, into a fresh BUILD folder each time.\n")
        if "missing" in arch:
            out.append(f"make: missing ({arch['missing']})\n")
        else:
            out.append("| run | wall s | CPU s | peak MB | result |")
            out.append("|---|---:|---:|---:|---|")
            for label, _, run, outputs in arch["runs"]:
                what = "ok" if run.ok else f"failed (exit {run.rc}: {first_error(run).replace('|', '/')})"
                if outputs:
                    what += "; outputs " + ", ".join(f"{n} {k}" for k, n in sorted(outputs.items()))
                out.append(f"| {label} | {fmt_s(run.wall)} | {fmt_s(run.cpu)} | {run.peak_mb:.0f} | {what} |")
            full = [r for label, _, r, _ in arch["runs"][:2]]
            if len(full) == 2 and all(r.ok for r in full):
                out.append("")
                out.append(f"-j1 ÷ -j2 wall: **{full[0].wall / full[1].wall:.2f}×** speed-up on "
                           f"{len(os.sched_getaffinity(0))} cores; per issue at -j1: "
                           f"{full[0].wall / arch['size']:.2f} s wall. (One run each: not paired.)")
            out.extend(f"Note: {n}" for n in arch["notes"])
            out.append("")

    if grow is not None:
        out.append(f"## Growth: {grow['issue']} concatenated 1×–4×\n")
        out.append("The issue's text repeated k times (a blank line between copies), built with "
                   "`python -m pipeline html|pdf`. Per × = wall ÷ k (flat when linear); per doubling = t(2k) ÷ t(k) "
                   "(2.00 when linear). Start-up (~imports) is in every figure, which flatters small inputs; the output "
                   "column shows whether the output grew with the input (repeated text can be folded as boilerplate).\n")
        out.append("| output | × | input bytes | output | wall s | CPU s | peak MB | wall per × s | per doubling |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for fmt, group in grow["formats"].items():
            walls = {}
            for c in group:
                k = int(c.name.rstrip("×"))
                if c.state != "ok":
                    out.append(f"| {fmt.upper()} | {k} | {grow['bytes'][k]} | | {c.state}: "
                               f"{c.failure.replace('|', '/')[:100]} | | | | |")
                    continue
                walls[k] = median([r.wall for r in c.runs])
                cpu = median([r.cpu for r in c.runs])
                mem = max(r.peak_mb for r in c.runs)
                doubling = f"{walls[k] / walls[k // 2]:.2f}" if k % 2 == 0 and k // 2 in walls else ""
                made = grow.get("outputs", {}).get((fmt, k), "?")
                out.append(f"| {fmt.upper()} | {k} | {grow['bytes'][k]} | {made} | {fmt_s(walls[k])} | {fmt_s(cpu)} | "
                           f"{mem:.0f} | {walls[k] / k:.2f} | {doubling} |")
        out.append("")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the pipeline against its peers; writes bench/RESULTS.md.")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 repetition, a 6-issue archive")
    parser.add_argument("--reps", type=int, default=None, help="paired repetitions (default 5; 1 with --quick)")
    parser.add_argument("--archive-size", type=int, default=None, help="issues in the archive (default 50; 6 with --quick)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus",
                        help="the folder of real issues (default ../shared/corpus)")
    parser.add_argument("--growth-issue", default=None, help="corpus file to grow (default: the largest)")
    parser.add_argument("--only", choices=("files", "archive", "growth"), action="append",
                        help="run only these parts (repeatable)")
    parser.add_argument("--no-warmup", action="store_true", help="skip the unrecorded warm-up run of each command")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before one command is killed")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder of outputs")
    args = parser.parse_args(argv)
    reps = args.reps = args.reps or (1 if args.quick else 5)
    size = args.archive_size or (6 if args.quick else 50)
    parts = set(args.only or ("files", "archive", "growth"))

    if not PY.exists():
        print("error: .venv is missing; run `make` once first", file=sys.stderr)
        return 2
    corpus = sorted(args.corpus.glob("*.txt"))
    if not corpus:
        print(f"error: no *.txt in {args.corpus}", file=sys.stderr)
        return 2

    started_at = dt.datetime.now()
    started = time.perf_counter()
    command = shlex.join([".venv/bin/python", "bench/run.py", *(argv if argv is not None else sys.argv[1:])])
    work = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    # calibre is a Qt program: no display, and a runtime folder of its own
    peer_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(work / "xdg")}
    (work / "xdg").mkdir(mode=0o700)
    facts = machine_facts(peer_env)
    log(f"working in {work}; {reps} repetition(s); parts: {', '.join(sorted(parts))}")
    files = floors = arch = grow = None
    changes: list[tuple[str, list[str]]] = []  # (part, project files that changed while it ran)
    snapshot = source_fingerprint()

    def note_changes(part: str) -> None:
        nonlocal snapshot
        now = source_fingerprint()
        changed = changed_files(snapshot, now)
        if changed:
            changes.append((part, changed))
        snapshot = now

    try:
        if "files" in parts:
            log("start-up floors")
            floors = startup_floors(reps, args.timeout)
            files = per_file(corpus, work, reps, not args.no_warmup, args.timeout, peer_env)
            note_changes("per corpus file")
        if "archive" in parts:
            arch = archive(corpus, work, size, args.timeout)
            note_changes("archive")
        if "growth" in parts:
            issue = next((c for c in corpus if c.name == args.growth_issue), None) if args.growth_issue else \
                max(corpus, key=lambda p: p.stat().st_size)
            if issue is None:
                print(f"error: {args.growth_issue} is not in {args.corpus}", file=sys.stderr)
                return 2
            # the commands are warm already when the per-file part ran before
            grow = growth(issue, work, reps, not args.no_warmup and "files" not in parts, args.timeout, (1, 2))
            note_changes("growth")
    finally:
        if args.keep:
            log(f"outputs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = render_results(args, command, facts, started_at, time.perf_counter() - started, files, arch, grow,
                          floors, changes)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
