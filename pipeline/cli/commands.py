"""One function per command: each opens its input, calls the library, writes its outputs atomically and
prints the one line `make` shows (`pdf    build/x/x.pdf  11 pages, letter, 412 KB  3.1 s`)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from ..errors import InputError
from ..lang.labels import human_size, plural
from ..model.issue_json import MODEL_SUFFIX
from ..output import scratch_folder, write_atomically

ZIP_EPOCHS = (315532800, 4354819200)  # 1980-01-01 to 2108-01-01: the dates a zip entry can hold


def model(args) -> int:
    from ..model.issue_json import dump_issue

    write_atomically(args.output, dump_issue(_issue(args)))
    return done("model", args.output, args.started)


def html(args) -> int:
    from ..writers.html import render_web_page
    from ..writers.report import render_report

    issue = _issue(args)
    document = render_web_page(issue)
    report = render_report(issue) if args.report else None
    write_atomically(args.output, document)
    if report is not None:
        write_atomically(args.report, report)
    return done("html", args.output, args.started)


def pdf(args) -> int:
    from ..writers.pdf import render_print

    issue = _issue(args)
    with scratch_folder(args.output) as scratch:  # WeasyPrint's temporary fonts go there
        document, stats = render_print(issue, args.paper, scratch)
    write_atomically(args.output, document)
    if args.stats:
        write_atomically(args.stats, json.dumps({"format": "pdf", **stats.figures()}, indent=1) + "\n")
    return done("pdf", args.output, args.started, f"{plural(stats.pages, 'page')}, {args.paper}")


def booklet(args) -> int:
    from ..writers.pdf.handouts import render_booklet

    issue = _issue(args)
    with scratch_folder(args.output) as scratch:
        document, stats = render_booklet(issue, args.booklet, scratch)
    write_atomically(args.output, document)
    if args.stats:
        write_atomically(args.stats, json.dumps(stats.figures(), indent=1, ensure_ascii=False) + "\n")
    return done("booklet", args.output, args.started, stats.instructions())


def press(args) -> int:
    from ..writers.pdf.handouts import render_press

    issue = _issue(args)
    with scratch_folder(args.output) as scratch:
        document, stats = render_press(issue, args.paper, scratch)
    write_atomically(args.output, document)
    if args.stats:
        write_atomically(args.stats, json.dumps(stats, indent=1, ensure_ascii=False) + "\n")
    return done("press", args.output, args.started, f"{plural(stats['pages'], 'page')}, trim {stats['trim']}, "
                                                     f"bleed {stats['bleed_mm']} mm, {stats['variant']}")


def epub(args) -> int:
    from ..writers.epub import render_epub

    write_atomically(args.output, render_epub(_issue(args), source_date_epoch()))
    return done("epub", args.output, args.started)


def kepub(args) -> int:
    import zipfile

    from lxml import etree

    from ..writers.kepub import kepub_from_epub

    path = Path(args.epub)
    if not path.is_file():
        raise InputError(args.epub, "no such EPUB file")
    try:
        document = kepub_from_epub(path.read_bytes())
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as err:
        raise InputError(args.epub, f"not an EPUB this pipeline can read ({err}); rebuild it with `make epub`") from None
    write_atomically(args.output, document)
    return done("kepub", args.output, args.started)


def report(args) -> int:
    from ..writers.report import read_stats, render_report, warnings_summary

    issue = _issue(args)
    if args.warnings:
        print("\n".join(warnings_summary(issue)))
    elif args.output:
        write_atomically(args.output, render_report(issue, read_stats(args.stats)))
        return done("report", args.output, args.started)
    else:
        print(render_report(issue, read_stats(args.stats)))
    return 0


def summary(args) -> int:
    from .summary import summary_lines

    print("\n".join(summary_lines([Path(m) for m in args.models], args.paper, args.booklet or "", args.press)))
    return 0


def site_issue(args) -> int:
    from ..site.pages import issue_page

    entry = issue_page(args.model, args.site)
    model = Path(args.model)
    return done("site", str(model.with_name(model.name.removesuffix(MODEL_SUFFIX) + ".entry.json")), args.started,
                f"at {args.site}/{entry['address']}")


def site_index(args) -> int:
    from ..site.index import index_pages

    written = index_pages(args.entries, args.site)
    return done("site", str(Path(args.site) / "index.html"), args.started,
                f"{len(args.entries)} issues, {len(written)} files written")


def serve(args) -> int:
    from ..site.serve import serve

    return serve(args.site, args.host, args.port)


def preview(args) -> int:
    from ..preview import run_preview

    return run_preview(args.manuscript, args.publication, "127.0.0.1", args.port)


def check(args) -> int:
    from ..checks.validators import ace, epubcheck

    failed = False
    for path in args.files:
        if not Path(path).is_file():
            raise InputError(path, "no such EPUB file")
        verdicts = [epubcheck(path)] + ([ace(path)] if args.ace else [])
        for verdict in verdicts:
            print(verdict.line(path))
            failed |= not verdict.passed
    return 1 if failed else 0


def _issue(args):
    """The command's issue, from its manuscript or its model (imported here: commands that open no issue
    do not load the normalizing steps)."""
    from ..build import open_issue

    return open_issue(args.manuscript, args.publication)


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH, if set: seconds since 1970 that a zip can store (1980 to 2107)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit() or not ZIP_EPOCHS[0] <= int(epoch) < ZIP_EPOCHS[1]:
        raise InputError("SOURCE_DATE_EPOCH", f"must be a whole number of seconds between {ZIP_EPOCHS[0]} "
                                              f"(1980) and {ZIP_EPOCHS[1] - 1} (2107), not {epoch[:40]!r}")
    return int(epoch)


def inputs(args) -> list[str]:
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


def done(kind: str, output: str, started: float, details: str = "") -> int:
    """The one progress line an output prints when it is written: `pdf   build/x/x.pdf  11 pages, 412 KB  3.1 s`."""
    size = Path(output).stat().st_size
    figures = ", ".join(part for part in (details, human_size(size)) if part)
    print(f"{kind:<6} {output}  {figures}  {time.perf_counter() - started:.1f} s", flush=True)
    return 0
