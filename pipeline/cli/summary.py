"""The lines `make` ends with: one per issue — stories, warnings, pages, sizes, the report — and its warnings."""

from __future__ import annotations

import json
from pathlib import Path

from ..model.issue_json import MODEL_SUFFIX, load_issue_json
from ..lang.labels import human_size, plural
from ..model import Article

SHOWN_WARNINGS = 5  # per issue; the report has them all


def pdf_name(stem: str, paper: str) -> str:
    """`x.pdf` for Letter, the default; `x-a4.pdf`, `x-tabloid.pdf` for the others, so papers live side by side."""
    return f"{stem}.pdf" if paper == "letter" else f"{stem}-{paper}.pdf"


def booklet_name(stem: str, booklet: str) -> str:
    """`x-booklet.pdf` (half-letter pages on Letter, the default); `x-booklet-tabloid.pdf`."""
    return f"{stem}-booklet.pdf" if booklet == "letter" else f"{stem}-booklet-{booklet}.pdf"


def press_name(stem: str, paper: str) -> str:
    """`x-press.pdf` for Letter; `x-a4-press.pdf`, `x-tabloid-press.pdf`."""
    return pdf_name(stem, paper).removesuffix(".pdf") + "-press.pdf"


def summary_lines(models: list[Path], paper: str = "letter", booklet: str = "", press: bool = False) -> list[str]:
    """`000_x: 17 stories, 2 warnings, 11 pages (letter) · HTML 90 KB · PDF 412 KB · EPUB 356 KB → build/000_x/report.md`,
    each followed by its first warnings (`  warning: line 160: …`)."""
    lines = []
    for model in models:
        issue = load_issue_json(model.read_text(encoding="utf-8"))
        folder, stem = model.parent, model.name.removesuffix(MODEL_SUFFIX)
        stories = sum(isinstance(item, Article) for item in issue.items)
        warnings = [f"{n.at}{n.message}" for n in issue.notes if n.level == "warning"]
        pdf = folder / pdf_name(stem, paper)
        stats = pdf.with_name(pdf.name + ".json")
        figures = json.loads(stats.read_text(encoding="utf-8")) if stats.is_file() else {}
        warnings = [f"print PDF ({paper}), {w}" for w in figures.get("layout_warnings", [])] + warnings
        parts = [plural(stories, "story", "stories"), plural(len(warnings), "warning")]
        if figures:
            parts.append(f"{plural(figures['pages'], 'page')} ({paper})")
        sizes = [f"{label} {human_size(path.stat().st_size)}" for label, path in
                 (("HTML", folder / f"{stem}.html"), ("PDF", pdf), ("EPUB", folder / f"{stem}.epub")) if path.is_file()]
        report = folder / "report.md"
        lines.append(f"{stem}: {', '.join(parts)}" + "".join(f" · {s}" for s in sizes)
                     + (f" → {report}" if report.is_file() else ""))
        lines += _handout_lines(folder, stem, paper, booklet, press)
        lines += [f"  warning: {w}" for w in warnings[:SHOWN_WARNINGS]]
        if len(warnings) > SHOWN_WARNINGS:
            lines.append(f"  … and {len(warnings) - SHOWN_WARNINGS} more warnings in {report}")
    return lines


def _handout_lines(folder: Path, stem: str, paper: str, booklet: str, press: bool) -> list[str]:
    """`  booklet build/x/x-booklet.pdf: 12 pages on 3 Letter sheets: print double-sided, flip on short edge, …`"""
    lines = []
    for name in ([booklet_name(stem, booklet)] if booklet else []) + ([press_name(stem, paper)] if press else []):
        stats = folder / f"{name}.json"
        if stats.is_file():
            figures = json.loads(stats.read_text(encoding="utf-8"))
            if figures.get("format") == "booklet":
                lines.append(f"  booklet {folder / name}: {figures['instructions']}")
            else:
                lines.append(f"  press {folder / name}: {plural(figures['pages'], 'page')}, trim {figures['trim']}, "
                             f"{figures['bleed_mm']} mm bleed, crop marks, {figures['variant']}")
    return lines

