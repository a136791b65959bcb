"""Lighthouse on the download site: the index, an issue page, a story page and the search page, each
mobile and desktop, the four categories (performance, accessibility, best practices, SEO), in Debian's
chromium against `make serve`'s own server on a free loopback port. Writes bench/LIGHTHOUSE.md.

    make lighthouse                      # builds the site first
    .venv/bin/python bench/lighthouse.py --site build/site [--out bench/LIGHTHOUSE.md]

A measure, not a test: scores move a little from run to run with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def pages(site: Path) -> dict[str, str]:
    """The pages measured: the index, the newest issue's page, its first story's, the search."""
    index = (site / "index.html").read_text(encoding="utf-8")
    issue = re.search(r'<section class="latest".*?href="([^"]+/index\.html)"', index, re.S).group(1)
    story = re.search(r'<ul class="headlines"><li><a href="([^"]+)"', index).group(1)
    search = re.search(r'action="(search-[a-z-]+\.html)"', index).group(1)
    return {"index": "", "issue": issue, "story": story, "search": search}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default=str(ROOT / "build" / "site"))
    parser.add_argument("--out", default=str(ROOT / "bench" / "LIGHTHOUSE.md"))
    args = parser.parse_args()
    from pipeline.site.serve import serve

    site = Path(args.site)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    threading.Thread(target=serve, args=(site, "127.0.0.1", port), daemon=True).start()
    time.sleep(1)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, path in pages(site).items():
            for form in ("mobile", "desktop"):
                report = Path(scratch) / f"{name}-{form}.json"
                command = [str(LIGHTHOUSE), f"http://127.0.0.1:{port}/{path}", "--quiet", "--output=json",
                           f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
                           "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
                if form == "desktop":
                    command.append("--preset=desktop")
                result = subprocess.run(command, capture_output=True, text=True,
                                        env={"CHROME_PATH": "/usr/bin/chromium", "PATH": "/usr/bin:/bin"})
                if result.returncode != 0:
                    sys.exit(f"lighthouse failed on {path} ({form}): {result.stderr[-800:]}")
                data = json.loads(report.read_text(encoding="utf-8"))
                scores = [round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES]
                failed = sorted(a["id"] for a in data["audits"].values()
                                if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in ("binary", "numeric"))
                rows.append((name, form, scores, failed))
                print(name, form, scores, failed[:6], flush=True)
    lines = ["# Lighthouse on the download site", "",
             "`make lighthouse` (Lighthouse 12.2.3, Debian's chromium, `make serve` on loopback).", "",
             "| page | form | performance | accessibility | best practices | SEO | audits below 1 |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {n} | {f} | " + " | ".join(str(x) for x in s) + f" | {', '.join(a) or '—'} |" for n, f, s, a in rows]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
