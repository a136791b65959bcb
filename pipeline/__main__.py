"""Command line: `python -m pipeline FORMAT MANUSCRIPT -o OUT`. Exit 0 ok, 1 build failure, 2 bad input."""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from .errors import BuildError, InputError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Turn a raw issue manuscript into the paper's outputs.")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an internal error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    html = commands.add_parser("html", help="structured HTML (and the editor's report)")
    html.add_argument("manuscript", help="the raw issue text, e.g. manuscripts/sample-en.txt")
    html.add_argument("-o", "--output", required=True, help="the HTML file to write")
    html.add_argument("--report", help="also write the editor's report (Markdown) here")
    html.add_argument("--publication", help="publication.yaml to use (default: the one beside the manuscript)")

    pdf = commands.add_parser("pdf", help="the paginated print PDF, checked word by word")
    pdf.add_argument("manuscript")
    pdf.add_argument("-o", "--output", required=True, help="the PDF file to write")
    pdf.add_argument("--paper", default="letter", choices=("letter", "a4", "tabloid"))
    pdf.add_argument("--stats", help="also write the render's figures (JSON) here, for the report")
    pdf.add_argument("--publication")

    book = commands.add_parser("epub", help="the EPUB 3 for e-readers (reproducible: SOURCE_DATE_EPOCH)")
    book.add_argument("manuscript")
    book.add_argument("-o", "--output", required=True, help="the EPUB file to write")
    book.add_argument("--publication")

    check = commands.add_parser("check", help="validate built EPUBs with EPUBCheck (and Ace with --ace)")
    check.add_argument("files", nargs="+", metavar="EPUB")
    check.add_argument("--ace", action="store_true", help="also run Ace by DAISY (accessibility)")

    report = commands.add_parser("report", help="the editor's report (printed, or written with -o)")
    report.add_argument("manuscript")
    report.add_argument("-o", "--output", help="write the report here instead of printing it")
    report.add_argument("--stats", nargs="*", default=[], help="figures of built outputs to include")
    report.add_argument("--publication")
    report.add_argument("--warnings", action="store_true", help="print only the warnings, one per line")

    args = parser.parse_args(argv)
    try:
        return _run(args)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except Exception as err:  # a bug, not the editor's mistake: one line unless asked for more
        if args.debug:
            traceback.print_exc()
        subject = getattr(args, "manuscript", None) or " ".join(getattr(args, "files", []))
        print(f"error: {subject}: internal error ({type(err).__name__}: {err}); "
              "rerun with --debug for the traceback", file=sys.stderr)
        return 1


def _run(args) -> int:
    from .build import load_issue
    from .output import write_atomically
    from .report import read_stats, render_report, warnings_summary
    from .writers import STYLES
    from .writers.html import render_html

    if args.command == "check":
        return _check(args.files, args.ace)
    if not Path(args.manuscript).is_file():
        raise InputError(args.manuscript, "no such manuscript file")
    issue = load_issue(args.manuscript, args.publication)
    if args.command == "report":
        if args.warnings:
            print("\n".join(warnings_summary(issue)))
        elif args.output:
            write_atomically(args.output, render_report(issue, read_stats(args.stats)))
        else:
            print(render_report(issue, read_stats(args.stats)))
        return 0
    if args.command == "pdf":
        from .writers.pdf import render_pdf

        document, stats = render_pdf(issue, args.paper, (Path(args.manuscript).resolve().parent,))
        write_atomically(args.output, document)
        if args.stats:
            write_atomically(args.stats, json.dumps({"format": "pdf", **stats.figures()}, indent=1) + "\n")
        return 0
    if args.command == "epub":
        from .writers.epub import render_epub

        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch is not None and not epoch.isdigit():
            raise InputError("SOURCE_DATE_EPOCH", f"must be a whole number of seconds, not {epoch!r}")
        write_atomically(args.output, render_epub(issue, int(epoch) if epoch else None))
        return 0
    stylesheet = (STYLES / "screen.css").read_text(encoding="utf-8")
    document = render_html(issue, stylesheet)
    report = render_report(issue) if args.report else None
    write_atomically(args.output, document)
    if report is not None:
        write_atomically(args.report, report)
    return 0


def _check(files: list[str], with_ace: bool) -> int:
    from .validate import ace, epubcheck

    failed = False
    for path in files:
        if not Path(path).is_file():
            raise InputError(path, "no such EPUB file")
        verdicts = [epubcheck(path)] + ([ace(path)] if with_ace else [])
        for verdict in verdicts:
            print(verdict.line(path))
            failed |= not verdict.passed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
