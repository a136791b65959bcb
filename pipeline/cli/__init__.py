"""Command line: `python -m pipeline FORMAT SOURCE -o OUT`. Exit 0 ok, 1 build failure, 2 bad input.

SOURCE is a manuscript (`manuscripts/x.txt`, read and normalized here) or the model `make` wrote for
it once (`build/x/x.issue.json`), so the writers of one issue share one read.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import time
import traceback
from pathlib import Path

from ..errors import BuildError, InputError

from ..writers.pdf.impose import BOOKLETS
from ..model.issue_json import MODEL_SUFFIX
from ..writers.pdf import PAPERS

ZIP_EPOCHS = (315532800, 4354819200)  # 1980-01-01 to 2108-01-01: the dates a zip entry can hold
SAFE_NAME = re.compile(r"[A-Za-z0-9._][A-Za-z0-9._-]*")  # what make may paste into a recipe (the Makefile checks too)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Turn a raw issue manuscript into the paper's outputs.")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an internal error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    source = {"help": f"a manuscript (e.g. manuscripts/sample-en.txt) or its model (build/x/x{MODEL_SUFFIX})"}
    publication = {"help": "publication.yaml to use (default: the one beside the manuscript)"}

    model = commands.add_parser("model", help=f"read and normalize a manuscript once: the issue as JSON ({MODEL_SUFFIX})")
    model.add_argument("manuscript", **source)
    model.add_argument("-o", "--output", required=True, help="the JSON file to write")
    model.add_argument("--publication", **publication)

    html = commands.add_parser("html", help="structured HTML (and the editor's report)")
    html.add_argument("manuscript", **source)
    html.add_argument("-o", "--output", required=True, help="the HTML file to write")
    html.add_argument("--report", help="also write the editor's report (Markdown) here")
    html.add_argument("--publication", **publication)

    pdf = commands.add_parser("pdf", help="the paginated print PDF, checked word by word")
    pdf.add_argument("manuscript", **source)
    pdf.add_argument("-o", "--output", required=True, help="the PDF file to write")
    pdf.add_argument("--paper", default="letter", choices=PAPERS)
    pdf.add_argument("--stats", help="also write the render's figures (JSON) here, for the report")
    pdf.add_argument("--publication", **publication)

    booklet = commands.add_parser("booklet", help="a saddle-stitch booklet: the issue's pages two to a sheet side, "
                                  "in folding order, to print double-sided (flip on short edge), fold and staple")
    booklet.add_argument("manuscript", **source)
    booklet.add_argument("-o", "--output", required=True, help="the PDF file to write")
    booklet.add_argument("--booklet", default="letter", choices=BOOKLETS,
                         help="letter: half-letter pages, two a Letter sheet (an office printer); "
                              "tabloid: Letter pages, two a tabloid sheet")
    booklet.add_argument("--stats", help="also write the figures and printing instructions (JSON) here")
    booklet.add_argument("--publication", **publication)

    press = commands.add_parser("press", help="the print shop's PDF: 3 mm bleed, crop marks, PDF/X-4, fonts embedded")
    press.add_argument("manuscript", **source)
    press.add_argument("-o", "--output", required=True, help="the PDF file to write")
    press.add_argument("--paper", default="letter", choices=PAPERS)
    press.add_argument("--stats", help="also write what the print shop needs to know (JSON) here")
    press.add_argument("--publication", **publication)

    book = commands.add_parser("epub", help="the EPUB 3 for e-readers (reproducible: SOURCE_DATE_EPOCH)")
    book.add_argument("manuscript", **source)
    book.add_argument("-o", "--output", required=True, help="the EPUB file to write")
    book.add_argument("--publication", **publication)

    kepub = commands.add_parser("kepub", help="the Kobo edition (.kepub.epub): the finished EPUB with Kobo's spans and wrappers")
    kepub.add_argument("epub", help="the finished EPUB (build/x/x.epub)")
    kepub.add_argument("-o", "--output", required=True, help="the kepub to write (build/x/x.kepub.epub)")

    page = commands.add_parser("site-issue", help="one issue's page of the download site, its files and its "
                               "catalog entry (build/x/x.entry.json)")
    page.add_argument("model", help=f"the issue's model (build/x/x{MODEL_SUFFIX}); its outputs are beside it")
    page.add_argument("--site", required=True, help="the site's folder (build/site)")

    index = commands.add_parser("site-index", help="the download site's index pages and OPDS catalogs, from "
                                "the issues' entries")
    index.add_argument("entries", nargs="+", metavar="ENTRY", help="the issues' build/x/x.entry.json")
    index.add_argument("--site", required=True, help="the site's folder (build/site)")

    serve = commands.add_parser("serve", help="serve the download site over HTTP on 127.0.0.1 (Ctrl-C stops it)")
    serve.add_argument("site", help="the site's folder (build/site)")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: "
                       "this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port (0: any free one)")

    check = commands.add_parser("check", help="validate built EPUBs with EPUBCheck (and Ace with --ace)")
    check.add_argument("files", nargs="+", metavar="EPUB")
    check.add_argument("--ace", action="store_true", help="also run Ace by DAISY (accessibility)")

    report = commands.add_parser("report", help="the editor's report (printed, or written with -o)")
    report.add_argument("manuscript", **source)
    report.add_argument("-o", "--output", help="write the report here instead of printing it")
    report.add_argument("--stats", nargs="*", default=[], help="figures of built outputs to include")
    report.add_argument("--publication", **publication)
    report.add_argument("--warnings", action="store_true", help="print only the warnings, one per line")

    summary = commands.add_parser("summary", help="one line per built issue: stories, warnings, pages, sizes")
    summary.add_argument("models", nargs="+", metavar="MODEL", help=f"the issues' build/x/x{MODEL_SUFFIX}")
    summary.add_argument("--paper", default="letter", choices=PAPERS)
    summary.add_argument("--booklet", choices=BOOKLETS, help="also say how to print each issue's booklet")
    summary.add_argument("--press", action="store_true", help="also say what the print shop needs to know")

    preview = commands.add_parser("preview", help="the editor's preview on 127.0.0.1, rebuilt whenever the "
                                  "manuscript or a sidecar is saved (Ctrl-C stops it)")
    preview.add_argument("manuscript", help="the raw issue text (a manuscript, not its model: the preview watches it)")
    preview.add_argument("--publication", **publication)
    preview.add_argument("--port", type=int, default=8000, help="the port on 127.0.0.1 (0: any free one)")

    args = parser.parse_args(argv)
    stop_on_signals()
    try:
        return _run(args)
    except Stopped as stop:  # temporary files are already gone: every writer cleans up in `finally`
        print(f"error: {getattr(args, 'output', None) or 'build'}: stopped by {stop.name}; nothing written",
              file=sys.stderr)
        return 128 + stop.signum
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:  # the machine, not the input: a full disk, a missing program
        print(f"error: {err.filename or _subject(args)}: {err.strerror or err}", file=sys.stderr)
        return 1
    except Exception as err:  # a bug, not the editor's mistake: one line unless asked for more
        if args.debug:
            traceback.print_exc()
        print(f"error: {_subject(args)}: internal error ({type(err).__name__}: {err}); "
              "rerun with --debug for the traceback", file=sys.stderr)
        return 1


def _subject(args) -> str:
    """What a command works on, to name in an error."""
    return (getattr(args, "manuscript", None) or getattr(args, "epub", None) or getattr(args, "model", None)
            or getattr(args, "site", None) or " ".join(getattr(args, "files", None) or getattr(args, "models", None) or []))


class Stopped(BaseException):
    """The build was asked to stop (SIGTERM, SIGINT, SIGHUP): raised where it stands, so that every
    `finally` removes its temporary files before the process ends."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum, self.name = signum, signal.Signals(signum).name


def stop_on_signals() -> None:
    def stop(signum, frame):
        raise Stopped(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop)


def _run(args) -> int:
    from ..output import check_output, write_atomically

    started = time.perf_counter()
    outputs = [getattr(args, name, None) for name in ("output", "report")]
    if args.command in ("pdf", "booklet", "press"):
        outputs.append(args.stats)
    for output in filter(None, outputs):
        check_output(output, _inputs(args))
    if args.command == "check":
        return _check(args.files, args.ace)
    if args.command == "summary":
        from .summary import summary_lines

        print("\n".join(summary_lines([Path(m) for m in args.models], args.paper, args.booklet or "", args.press)))
        return 0
    if args.command == "kepub":
        return _kepub(args.epub, args.output, started)
    if args.command == "site-issue":
        from ..site.pages import issue_page

        issue_page(args.model, args.site)
        return _done("site", str(Path(args.site) / Path(args.model).name.removesuffix(MODEL_SUFFIX) / "index.html"),
                     started)
    if args.command == "site-index":
        from ..site.pages import index_pages

        written = index_pages(args.entries, args.site)
        return _done("site", str(Path(args.site) / "index.html"), started,
                     f"{len(args.entries)} issues, {len(written)} pages and catalogs")
    if args.command == "serve":
        from ..site.serve import serve

        return serve(args.site, args.host, args.port)
    if args.command == "preview":
        from ..preview import run_preview

        return run_preview(args.manuscript, args.publication, "127.0.0.1", args.port)
    issue = _load(args.manuscript, args.publication)
    if args.command == "model":
        from ..model.issue_json import dump_issue

        write_atomically(args.output, dump_issue(issue))
        return _done("model", args.output, started)
    if args.command == "report":
        from ..writers.report import read_stats, render_report, warnings_summary

        if args.warnings:
            print("\n".join(warnings_summary(issue)))
        elif args.output:
            write_atomically(args.output, render_report(issue, read_stats(args.stats)))
            return _done("report", args.output, started)
        else:
            print(render_report(issue, read_stats(args.stats)))
        return 0
    if args.command == "pdf":
        import json

        from ..lang.labels import plural
        from ..limits import run_limited
        from ..output import scratch_folder
        from ..writers.pdf import check_print_coverage, print_stylesheets, render_pdf

        import weasyprint  # noqa: F401 — its libraries load here, before the render's limits apply

        check_print_coverage(issue, print_stylesheets(args.paper))  # here too: the fonts' character sets are read outside the limits

        with scratch_folder(args.output) as scratch:  # WeasyPrint's temporary fonts go there
            document, stats = run_limited(render_pdf, (issue, args.paper, (Path(issue.path).resolve().parent,)),
                                          scratch, f"{issue.path}: the print render")
        write_atomically(args.output, document)
        if args.stats:
            write_atomically(args.stats, json.dumps({"format": "pdf", **stats.figures()}, indent=1) + "\n")
        return _done("pdf", args.output, started, f"{plural(stats.pages, 'page')}, {args.paper}")
    if args.command in ("booklet", "press"):
        import json

        from ..writers.pdf.handouts import render_booklet, render_press
        from ..lang.labels import plural
        from ..output import scratch_folder

        with scratch_folder(args.output) as scratch:  # WeasyPrint's temporary fonts go there
            if args.command == "booklet":
                document, stats = render_booklet(issue, args.booklet, scratch)
            else:
                document, stats = render_press(issue, args.paper, scratch)
        if args.command == "booklet":
            details = stats.instructions()
        else:
            details = f"{plural(stats['pages'], 'page')}, trim {stats['trim']}, bleed {stats['bleed_mm']} mm, {stats['variant']}"
        write_atomically(args.output, document)
        if args.stats:
            figures = stats.figures() if args.command == "booklet" else stats
            write_atomically(args.stats, json.dumps(figures, indent=1, ensure_ascii=False) + "\n")
        return _done(args.command, args.output, started, details)
    if args.command == "epub":
        from ..writers.epub import render_epub

        write_atomically(args.output, render_epub(issue, _source_date_epoch()))
        return _done("epub", args.output, started)
    from ..writers.report import render_report
    from ..writers import STYLES
    from ..writers.html import render_html

    stylesheet = (STYLES / "screen.css").read_text(encoding="utf-8")
    from ..readers.photos import inline_photos

    # the web page: no print-only boxes, the photos inlined
    document = inline_photos(render_html(issue, stylesheet, print_edition=False), issue)
    report = render_report(issue) if args.report else None
    write_atomically(args.output, document)
    if report is not None:
        write_atomically(args.report, report)
    return _done("html", args.output, started)


def _source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH, if set: seconds since 1970 that a zip can store (1980 to 2107)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit() or not ZIP_EPOCHS[0] <= int(epoch) < ZIP_EPOCHS[1]:
        raise InputError("SOURCE_DATE_EPOCH", f"must be a whole number of seconds between {ZIP_EPOCHS[0]} "
                                              f"(1980) and {ZIP_EPOCHS[1] - 1} (2107), not {epoch[:40]!r}")
    return int(epoch)


def _inputs(args) -> list[str]:
    """The files a command reads, which its outputs must never replace."""
    if args.command == "kepub":
        return [args.epub]
    source = getattr(args, "manuscript", None)
    if not source:
        return []
    path = Path(source)
    publication = getattr(args, "publication", None) or path.parent / "publication.yaml"
    stats = args.stats if args.command == "report" else []
    return [source, str(path.with_suffix(".yaml")), str(publication), *stats]


def _load(source: str, publication: str | None):
    """The normalized issue: read from the model `make` wrote, or built from the manuscript."""
    path = Path(source)
    if not path.is_file():
        raise InputError(source, "no such manuscript file")
    if not SAFE_NAME.fullmatch(path.name):
        raise InputError(source, "a manuscript's name may hold only letters, digits, dots, underscores and "
                                 "hyphens, and not start with a hyphen; rename it")
    if path.name.endswith(MODEL_SUFFIX):
        from ..model.issue_json import load_issue_json

        try:
            return load_issue_json(path.read_text(encoding="utf-8"))
        except (ValueError, TypeError, UnicodeDecodeError) as err:
            raise InputError(source, f"not a model written by `python -m pipeline model` ({err}); rebuild it") from None
    from ..build import load_issue

    return load_issue(path, publication)


def _done(kind: str, output: str, started: float, details: str = "") -> int:
    """The one progress line an output prints when it is written: `pdf   build/x/x.pdf  11 pages, 412 KB  3.1 s`."""
    from .summary import human_size

    size = Path(output).stat().st_size
    figures = ", ".join(part for part in (details, human_size(size)) if part)
    print(f"{kind:<6} {output}  {figures}  {time.perf_counter() - started:.1f} s", flush=True)
    return 0


def _kepub(source: str, output: str, started: float) -> int:
    import zipfile

    from lxml import etree

    from ..output import write_atomically
    from ..writers.kepub import kepub_from_epub

    path = Path(source)
    if not path.is_file():
        raise InputError(source, "no such EPUB file")
    try:
        document = kepub_from_epub(path.read_bytes())
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as err:
        raise InputError(source, f"not an EPUB this pipeline can read ({err}); rebuild it with `make epub`") from None
    write_atomically(output, document)
    return _done("kepub", output, started)


def _check(files: list[str], with_ace: bool) -> int:
    from ..checks.validators import ace, epubcheck

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
