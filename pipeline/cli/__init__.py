"""Command line: `python -m pipeline COMMAND SOURCE -o OUT`. Exit 0 ok, 1 build failure, 2 bad input.

The table of commands is here, each answered by one function of `commands.py`; SOURCE is a manuscript
(`manuscripts/x.txt`, read and normalized) or the model `make` wrote for it once (`build/x/x.issue.json`),
so the writers of one issue share one read. `summary.py` writes the lines `make` ends with.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
import traceback

from ..errors import STOP_SIGNALS, BuildError, InputError, Stopped, ask_to_stop
from ..model.issue_json import MODEL_SUFFIX
from ..output import check_output
from ..writers.pdf import PAPERS
from ..writers.pdf.impose import BOOKLETS
from . import commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Turn a raw issue manuscript into the paper's outputs.")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an internal error")
    table = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    source = {"help": f"a manuscript (e.g. manuscripts/sample-en.txt) or its model (build/x/x{MODEL_SUFFIX})"}
    publication = {"help": "publication.yaml to use (default: the one beside the manuscript)"}

    model = table.add_parser("model", help=f"read and normalize a manuscript once: the issue as JSON ({MODEL_SUFFIX})")
    model.set_defaults(run=commands.model)
    model.add_argument("manuscript", **source)
    model.add_argument("-o", "--output", required=True, help="the JSON file to write")
    model.add_argument("--publication", **publication)

    html = table.add_parser("html", help="structured HTML (and the editor's report)")
    html.set_defaults(run=commands.html)
    html.add_argument("manuscript", **source)
    html.add_argument("-o", "--output", required=True, help="the HTML file to write")
    html.add_argument("--report", help="also write the editor's report (Markdown) here")
    html.add_argument("--publication", **publication)

    pdf = table.add_parser("pdf", help="the paginated print PDF, checked word by word")
    pdf.set_defaults(run=commands.pdf)
    pdf.add_argument("manuscript", **source)
    pdf.add_argument("-o", "--output", required=True, help="the PDF file to write")
    pdf.add_argument("--paper", default="letter", choices=PAPERS)
    pdf.add_argument("--stats", help="also write the render's figures (JSON) here, for the report")
    pdf.add_argument("--publication", **publication)

    booklet = table.add_parser("booklet", help="a saddle-stitch booklet: the issue's pages two to a sheet side, "
                                  "in folding order, to print double-sided (flip on short edge), fold and staple")
    booklet.set_defaults(run=commands.booklet)
    booklet.add_argument("manuscript", **source)
    booklet.add_argument("-o", "--output", required=True, help="the PDF file to write")
    booklet.add_argument("--booklet", default="letter", choices=BOOKLETS,
                         help="letter: half-letter pages, two a Letter sheet (an office printer); "
                              "tabloid: Letter pages, two a tabloid sheet")
    booklet.add_argument("--stats", help="also write the figures and printing instructions (JSON) here")
    booklet.add_argument("--publication", **publication)

    press = table.add_parser("press", help="the print shop's PDF: 3 mm bleed, crop marks, PDF/X-4, fonts embedded")
    press.set_defaults(run=commands.press)
    press.add_argument("manuscript", **source)
    press.add_argument("-o", "--output", required=True, help="the PDF file to write")
    press.add_argument("--paper", default="letter", choices=PAPERS)
    press.add_argument("--stats", help="also write what the print shop needs to know (JSON) here")
    press.add_argument("--publication", **publication)

    book = table.add_parser("epub", help="the EPUB 3 for e-readers (reproducible: SOURCE_DATE_EPOCH)")
    book.set_defaults(run=commands.epub)
    book.add_argument("manuscript", **source)
    book.add_argument("-o", "--output", required=True, help="the EPUB file to write")
    book.add_argument("--publication", **publication)

    kepub = table.add_parser("kepub", help="the Kobo edition (.kepub.epub): the finished EPUB with Kobo's spans and wrappers")
    kepub.set_defaults(run=commands.kepub)
    kepub.add_argument("epub", help="the finished EPUB (build/x/x.epub)")
    kepub.add_argument("-o", "--output", required=True, help="the kepub to write (build/x/x.kepub.epub)")

    page = table.add_parser("site-issue", help="one issue's page of the download site, its files and its "
                               "catalog entry (build/x/x.entry.json)")
    page.set_defaults(run=commands.site_issue)
    page.add_argument("model", help=f"the issue's model (build/x/x{MODEL_SUFFIX}); its outputs are beside it")
    page.add_argument("--site", required=True, help="the site's folder (build/site)")

    index = table.add_parser("site-index", help="the download site's index pages and OPDS catalogs, from "
                                "the issues' entries")
    index.set_defaults(run=commands.site_index)
    index.add_argument("entries", nargs="+", metavar="ENTRY", help="the issues' build/x/x.entry.json")
    index.add_argument("--site", required=True, help="the site's folder (build/site)")

    serve = table.add_parser("serve", help="serve the download site over HTTP on 127.0.0.1 (Ctrl-C stops it)")
    serve.set_defaults(run=commands.serve)
    serve.add_argument("site", help="the site's folder (build/site)")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: "
                       "this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port (0: any free one)")

    check = table.add_parser("check", help="validate built EPUBs with EPUBCheck (and Ace with --ace)")
    check.set_defaults(run=commands.check)
    check.add_argument("files", nargs="+", metavar="EPUB")
    check.add_argument("--ace", action="store_true", help="also run Ace by DAISY (accessibility)")

    report = table.add_parser("report", help="the editor's report (printed, or written with -o)")
    report.set_defaults(run=commands.report)
    report.add_argument("manuscript", **source)
    report.add_argument("-o", "--output", help="write the report here instead of printing it")
    report.add_argument("--stats", nargs="*", default=[], help="figures of built outputs to include")
    report.add_argument("--publication", **publication)
    report.add_argument("--warnings", action="store_true", help="print only the warnings, one per line")

    summary = table.add_parser("summary", help="one line per built issue: stories, warnings, pages, sizes")
    summary.set_defaults(run=commands.summary)
    summary.add_argument("models", nargs="+", metavar="MODEL", help=f"the issues' build/x/x{MODEL_SUFFIX}")
    summary.add_argument("--paper", default="letter", choices=PAPERS)
    summary.add_argument("--booklet", choices=BOOKLETS, help="also say how to print each issue's booklet")
    summary.add_argument("--press", action="store_true", help="also say what the print shop needs to know")

    preview = table.add_parser("preview", help="the editor's preview on 127.0.0.1, rebuilt whenever the "
                                  "manuscript or a sidecar is saved (Ctrl-C stops it)")
    preview.set_defaults(run=commands.preview)
    preview.add_argument("manuscript", help="the raw issue text (a manuscript, not its model: the preview watches it)")
    preview.add_argument("--publication", **publication)
    preview.add_argument("--port", type=int, default=8000, help="the port on 127.0.0.1 (0: any free one)")

    args = parser.parse_args(argv)
    args.started = time.perf_counter()
    stop_on_signals()
    try:
        _check_outputs(args)
        return args.run(args)
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


def _check_outputs(args) -> None:
    """Refuse, before any work, an output that is not a regular file or that would replace an input."""
    outputs = [getattr(args, name, None) for name in ("output", "report")]
    if args.command in ("pdf", "booklet", "press"):
        outputs.append(args.stats)
    for output in filter(None, outputs):
        check_output(output, commands.inputs(args))


def _subject(args) -> str:
    """What a command works on, to name in an error."""
    return (getattr(args, "manuscript", None) or getattr(args, "epub", None) or getattr(args, "model", None)
            or getattr(args, "site", None) or " ".join(getattr(args, "files", None) or getattr(args, "models", None) or []))


def stop_on_signals() -> None:
    def stop(signum, frame):
        ask_to_stop(signum)

    for signum in STOP_SIGNALS:
        signal.signal(signum, stop)
