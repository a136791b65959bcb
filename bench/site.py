"""How fast `make site` is over a large archive, and how fast adding one issue is.

Generates an archive of N issues (default 50) in a temporary folder, never in the project: copies of
the corpus (../shared/corpus) and of the samples under other names, each with a sidecar giving it its
own volume, number and dates (the corpus's undated web copy keeps some undated), English and Spanish.
Then times, with make -jJOBS:

1. `make site` from nothing (every model, HTML, EPUB, kepub, print PDF, page and catalog);
2. `make site` again with nothing changed;
3. `make site` after adding one issue (its outputs, its page, the index pages and catalogs);
4. the shared step alone (`python -m pipeline site-index` over every entry).

    .venv/bin/python bench/site.py [--issues 50] [--corpus 20] [--jobs 2] [--keep]

Prints a Markdown table; nothing is written in the project.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = ("000_05b6c0ec54ee7f0b", "001_e400677a90466fa2", "004_1915e8c0f879c89e")
SAMPLES_EN = ("sample-en", "sample-web", "sample-wp-letters", "sample-static-page", "sample-multilingual")


def sidecar(index: int, dated: bool) -> str:
    volume, number = 10 + index // 12, 1 + index % 12
    month, day = 1 + (index % 12), 1 + (index * 7) % 27
    year = 2014 + index // 12
    lines = [f"volume: {volume}", f"number: {number}"]
    if dated:
        lines += [f"date_start: {year}-{month:02d}-{day:02d}"]
    return "\n".join(lines) + "\n"


def make_archive(folder: Path, issues: int, corpus: int) -> list[str]:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "manuscripts" / "publication.yaml", folder)
    stems = []
    for index in range(issues):
        spanish = index % 3 == 2 and index >= corpus
        if index < corpus:
            source = CORPUS / f"{CORPUS_FILES[index % 3]}.txt"
        elif spanish:
            source = ROOT / "manuscripts" / "muestra-es.txt"
        else:
            source = ROOT / "manuscripts" / f"{SAMPLES_EN[index % len(SAMPLES_EN)]}.txt"
        stem = f"issue-{index:03d}"
        shutil.copy(source, folder / f"{stem}.txt")
        own = source.with_suffix(".yaml")
        text = own.read_text(encoding="utf-8") if own.exists() else ""
        text = "\n".join(line for line in text.splitlines()
                         if not line.startswith(("volume:", "number:", "date_start:", "date_end:")))
        undated = source.name.startswith("004_") and index % 2 == 0
        (folder / f"{stem}.yaml").write_text(text + "\n" + sidecar(index, not undated), encoding="utf-8")
        stems.append(stem)
    return stems


def timed(*command, cwd=ROOT) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout[-1500:]}{result.stderr[-1500:]}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issues", type=int, default=50)
    parser.add_argument("--corpus", type=int, default=20, help="how many of them are copies of the corpus")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the temporary archive and print where")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="site-bench-"))
    manuscripts, build = base / "manuscripts", base / "build"
    try:
        make_archive(manuscripts, args.issues, args.corpus)
        late = manuscripts / f"issue-{args.issues - 1:03d}"
        held = [late.with_suffix(s).rename(base / late.with_suffix(s).name) for s in (".txt", ".yaml")]
        where = (f"MANUSCRIPTS={manuscripts}", f"BUILD={build}")
        full = timed("make", f"-j{args.jobs}", "site", *where)
        noop = timed("make", f"-j{args.jobs}", "site", *where)
        for path in held:
            path.rename(manuscripts / path.name)
        add = timed("make", f"-j{args.jobs}", "site", *where)
        entries = sorted(str(p) for p in build.glob("*/*.entry.json"))
        index = timed(str(ROOT / ".venv/bin/python"), "-m", "pipeline", "site-index", *entries, "--site", str(build / "site"))
        files = sum(1 for p in (build / "site").rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in (build / "site").rglob("*") if p.is_file())
        print(f"| archive | make site (from nothing, -j{args.jobs}) | again, nothing changed | adding one issue | "
              f"index pages + catalogs alone | site files |")
        print("|---|---|---|---|---|---|")
        print(f"| {args.issues} issues ({args.corpus} corpus copies) | {full:.1f} s | {noop:.2f} s | {add:.1f} s | "
              f"{index:.2f} s | {files} files, {size / 1e6:.1f} MB |")
    finally:
        if args.keep:
            print(f"kept: {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
