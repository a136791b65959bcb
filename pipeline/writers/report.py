"""The editor's report: what the pipeline decided about an issue, warnings first, in Markdown.

Short enough to read in two minutes: warnings and things to review, the metadata and where each
value came from, the stories, then every repair (joins, hyphens, stitches), the runs marked as in
another language, and everything dropped.
Each line names the manuscript line, so a wrong guess can be corrected in the sidecar.
"""

from __future__ import annotations

from collections import Counter

from ..errors import InputError
from ..lang.labels import issue_title, plural
from ..model import Article, Issue, Paragraph, Subhead
from ..model.inlines import plain_text, quote, text_of

METADATA_FIELDS = ("publication", "language", "volume", "number", "date_start", "date_end", "date_text",
                   "publisher", "slogan", "website")
REPAIR_STEPS = {"apply_override": "Editor's overrides", "read_characters": "Characters removed, page breaks read",
                "repair_mojibake": "Mis-decoded text repaired",
                "join_split_paragraphs": "Joins and hyphens",
                "stitch_jumps": "Jumps stitched", "mark_languages": "In another language"}
CLASSIFY_STEPS = ("find_masthead", "find_jump_lines", "find_boxes", "drop_site_furniture", "split_signoffs",
                  "find_captions", "find_headings")


def read_stats(paths) -> tuple[tuple[str, str], ...]:
    """(label, value) summary lines from the JSON figures the output commands wrote."""
    import json
    from pathlib import Path

    lines = []
    for path in paths:
        try:
            stats = json.loads(Path(path).read_text(encoding="utf-8"))
            if stats.get("format") == "pdf":
                lines.append((f"print PDF ({stats['paper']})",
                              f"{int(stats['pages'])} pages, rendered in {float(stats['seconds'])} s, peak memory "
                              f"{int(stats['peak_mb'])} MB; every story word found in the PDF text; "
                              f"fonts embedded: {', '.join(map(str, stats['fonts']))}"))
                moved = stats.get("new_pages") or []
                if moved:
                    lines.append((f"print PDF ({stats['paper']}) layout", f"{len(moved)} story(ies) started on a new page "
                                  f"so that no headline stands alone at a page foot: {', '.join(map(str, moved))}"))
                lines += [(f"print PDF ({stats['paper']}) layout warning", str(w)) for w in stats.get("layout_warnings", [])]
            elif stats.get("format") == "booklet":
                lines.append((f"booklet ({stats['booklet']})", f"{stats['instructions']}; imposed in "
                              f"{float(stats['seconds'])} s; every word of its render found in it"))
            elif stats.get("format") == "press":
                lines.append((f"press PDF ({stats['paper']})",
                              f"for the print shop: {plural(int(stats['pages']), 'page')}, trim size {stats['trim']}, "
                              f"bleed {int(stats['bleed_mm'])} mm on every side (media {stats['media']}), "
                              f"crop marks, {stats['variant']}, fonts embedded: {', '.join(map(str, stats['fonts']))}"))
        except OSError as err:
            raise InputError(str(path), f"cannot read the figures: {err.strerror or err}") from None
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise InputError(str(path), f"not the figures a `pdf --stats` wrote ({type(err).__name__}); "
                                        "rebuild the PDF") from None
    return tuple(lines)


def render_report(issue: Issue, extra: tuple[tuple[str, str], ...] = ()) -> str:
    """The report as Markdown. `extra` adds (label, value) lines to the summary (e.g. page counts)."""
    read = next((n.message for n in issue.notes if n.step == "read_issue"), issue.form)
    lines = [f"# Report: {issue_title(issue.metadata)}", "",
             f"Manuscript `{issue.path}`, {read}.", "", _how_sure(issue), ""]
    articles = [item for item in issue.items if isinstance(item, Article)]
    lines += [f"- stories: {len(articles)}",
              f"- boxes, captions and other items outside stories: {len(issue.items) - len(articles)}"]
    lines += [f"- {name}: {value}" for name, value in extra if not name.endswith(" layout warning")]
    lines.append("")

    # the render's layout warnings (a tail alone at a page top, …) are warnings like the model's
    warnings = [f"{label.removesuffix(' layout warning')}, {value}" for label, value in extra
                if label.endswith(" layout warning")]
    warnings += [f"{n.at}{n.message}" for n in issue.notes if n.level == "warning"]
    review = [n for n in issue.notes if n.level == "review"]
    lines += [f"## Warnings ({len(warnings)})", ""]
    lines += [f"- {w}" for w in warnings] or ["None."]
    lines += ["", f"## To review ({len(review)})", ""]
    lines += [f"- {n.at}{n.message}" for n in review] or ["Nothing."]

    lines += ["", "## Metadata", "", "| field | value | from |", "|---|---|---|"]
    for name in METADATA_FIELDS:
        value = getattr(issue.metadata, name)
        lines.append(f"| {name} | {value or '—'} | {issue.metadata.origin(name) or ('default' if value else '—')} |")

    lines += ["", "## Stories", "", "| lines | section | headline | kicker | subheads | first words |",
              "|---|---|---|---|---|---|"]
    for article in articles:
        flags = (" *(derived)*" if article.headline.derived else "") + (" *(incomplete)*" if article.incomplete else "")
        kicker = text_of(article.kicker) if article.kicker else ""
        subheads = "; ".join(f"{text_of(b)} ({b.source.first})" for b in article.body if isinstance(b, Subhead))
        first = next((text_of(b) for b in article.body if isinstance(b, Paragraph)), "")
        lines.append(f"| {article.source.first}–{article.source.last} | {article.section or '—'} "
                     f"| {_cell(plain_text(article.headline.inlines))}{flags} | {_cell(kicker)} | {_cell(subheads)} "
                     f"| {_cell(quote(first, 40))} |")

    for step, title in REPAIR_STEPS.items():
        notes = [n for n in issue.notes if n.step == step]
        lines += ["", f"## {title} ({len(notes)})", ""]
        lines += [f"- {n.at}{n.message}" for n in notes] or ["None."]

    dropped = [n for n in issue.notes if n.dropped]
    lines += ["", f"## Dropped text ({len(dropped)})", ""]
    lines += [f"- {n.at}{quote(n.dropped, 70)} — {n.step.replace('_', ' ')}" for n in dropped] or ["None."]

    counts = Counter(n.step for n in issue.notes if n.step in CLASSIFY_STEPS)
    lines += ["", "## Classified blocks", ""]
    lines += [f"- {step.replace('_', ' ')}: {counts[step]}" for step in CLASSIFY_STEPS]
    lines.append("")
    return "\n".join(lines)


def _how_sure(issue: Issue) -> str:
    """The report's verdict, first: how many decisions were made on weak evidence (each a line under
    To review) and how many warnings there are; for web copy, what kind of page it was read as."""
    review = sum(n.level == "review" for n in issue.notes)
    warnings = sum(n.level == "warning" for n in issue.notes)
    verdict = (f"**{plural(review, 'decision')} to check** (under To review)" if review
               else "**No decision to check**: none was made on weak evidence")
    page = next((n for n in issue.notes if n.step == "assign_sections" and n.message.startswith("the page is ")), None)
    kind = f" The {page.message.removeprefix('the ')}" + ("" if page.message.endswith(".") else ".") if page else ""
    return f"{verdict}; {plural(warnings, 'warning')}.{kind}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def warnings_summary(issue: Issue) -> list[str]:
    """One line per warning, `path:line: message`, for the end of `make`."""
    return [f"{issue.path}:{n.line}: warning: {n.message}" for n in issue.notes if n.level == "warning"]
