"""The layout check: what gives a print page away as made by a machine, read from the laid-out pages
after every render (like the integrity check, pipeline/checks/integrity.py).

- a story's header (kicker, headline, deck) at a page foot with its first line on a later page:
  `stranded`, which the PDF writer fixes by starting that story on a new page and rendering again,
  and which fails the build if it cannot;
- a story's tail of at most TAIL_LINES lines, or its sign-off alone, at the top of a page; a page
  other than the last filled less than MIN_FILL; three or more hyphenated line ends in a row; a line
  that is only the end of a hyphenated word: warnings with the page number, for the report (a person
  fixes them: a cut, a photo, a shorter headline).

It also lists every hyphenation break (the word, where it broke, its language), for the tests that
compare them with the dictionary the paper's language should use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TAIL_LINES = 3
MIN_FILL = 0.70
MAX_HYPHENS_IN_A_ROW = 2
HYPHEN = "\u2010"  # WeasyPrint's hyphenate-character
_WORD_AT_END = re.compile(r"([^\W\d_][^\W_]*)" + HYPHEN + r"$")
_WORD_AT_START = re.compile(r"^([^\W_]+)")


@dataclass
class Line:
    page: int          # 1-based
    story: str         # the story's id, "" outside stories
    part: str          # "header", "body", "signoff", or "" outside stories
    block: int         # identity of the block (paragraph) the line belongs to
    text: str
    top: float
    bottom: float
    lang: str
    key: str = ""      # the block's `data-p` (the PDF writer numbers story paragraphs), if any


@dataclass
class LayoutReport:
    pages: int
    stranded: list[tuple[str, int]] = field(default_factory=list)   # (story id, page of its header)
    warnings: list[str] = field(default_factory=list)
    breaks: list[tuple[str, int, str]] = field(default_factory=list)  # (word, letters before the break, lang)
    fill: list[float] = field(default_factory=list)
    starts: dict[str, int] = field(default_factory=dict)  # story id → the page its header is on
    hyphen_runs: list[str] = field(default_factory=list)  # `data-p` of paragraphs with too many hyphens in a row

    @property
    def hyphenated(self) -> int:
        return len(self.breaks)


def check_layout(pages) -> LayoutReport:
    """The layout report of WeasyPrint's laid-out `pages` (document.pages)."""
    lines: list[Line] = []
    fill = []
    for number, page in enumerate(pages, 1):
        body = page._page_box  # WeasyPrint exposes no public API for the laid-out page box
        top, height = body.content_box_y(), body.height
        before = len(lines)
        for child in body.children:
            if type(child).__name__ != "MarginBox":
                _collect(child, number, ("", ""), lines, None)
        bottom = max((line.bottom for line in lines[before:]), default=top)
        fill.append(max(0.0, min(1.0, (bottom - top) / height)) if height else 1.0)
    report = LayoutReport(len(pages), fill=[round(f, 2) for f in fill])
    _stories(lines, report)
    _pages(fill, report)
    _hyphens(lines, report)
    report.warnings.sort(key=lambda w: int(w.split(":", 1)[0].split()[1]))  # by page, each check's order kept
    return report


def _collect(box, page: int, context: tuple[str, str], lines: list[Line], block, key: str = "") -> None:
    """Every line box under `box`, with the story and part it belongs to and its block."""
    from weasyprint.formatting_structure import boxes

    element = getattr(box, "element", None)
    tag = getattr(box, "element_tag", "")
    if element is not None and "::" not in str(tag):
        classes = (element.get("class") or "").split()
        if tag == "article" and "story" in classes:
            context = (element.get("id") or "", "body")
        elif context[0] and tag == "header":
            context = (context[0], "header")
        elif context[0] and "signoff" in classes:
            context = (context[0], "signoff")
        if isinstance(box, boxes.BlockBox) and tag not in ("article", "main", "body", "html"):
            block = element
            key = element.get("data-p") or key
    if isinstance(box, boxes.ReplacedBox):  # a photo fills its page like text does
        lines.append(Line(page, context[0], context[1], id(block), "\ufffc", box.position_y,
                          box.position_y + box.margin_height(), "", key))
        return
    if isinstance(box, boxes.LineBox):
        text = "".join(b.text for b in box.descendants() if isinstance(b, boxes.TextBox)
                       and not str(b.element_tag).endswith("::marker"))
        if not text.strip() and any(isinstance(b, boxes.ReplacedBox) for b in box.descendants()):
            text = "\ufffc"
        if text.strip():
            lines.append(Line(page, context[0], context[1], id(block), text, box.position_y,
                              box.position_y + box.height, box.style["lang"] or "", key))
        return
    for child in getattr(box, "children", ()):
        _collect(child, page, context, lines, block, key)


def _stories(lines: list[Line], report: LayoutReport) -> None:
    stories: dict[str, list[Line]] = {}
    for line in lines:
        if line.story:
            stories.setdefault(line.story, []).append(line)
    first_on_page: dict[int, str] = {}
    for line in lines:
        first_on_page.setdefault(line.page, line.story)
    for story, own in stories.items():
        header = [line for line in own if line.part == "header"]
        report.starts[story] = min(line.page for line in header or own)
        rest = [line for line in own if line.part != "header"]
        if header and rest and min(line.page for line in rest) > max(line.page for line in header):
            report.stranded.append((story, max(line.page for line in header)))
        pages = sorted({line.page for line in own})
        if len(pages) < 2:
            continue
        last = [line for line in own if line.page == pages[-1]]
        if first_on_page.get(pages[-1]) != story:
            continue
        name = _story_name(story, header)
        if all(line.part == "signoff" for line in last):
            report.warnings.append(f"page {pages[-1]}: the sign-off of {name} stands alone at the top")
        elif len(rows := {round(line.top) for line in last}) <= TAIL_LINES:  # a band of ≤ 3 lines, in columns
            report.warnings.append(f"page {pages[-1]}: the last {len(rows)} line(s) of {name} stand alone "
                                   "at the top; cut a line or two, or add a photo, to pull them back")


def _story_name(story: str, header: list[Line]) -> str:
    """A story as the editor knows it: the words of its header (kicker, headline), shortened; its id
    only when it has no header."""
    words = " ".join(" ".join(line.text.split()) for line in header)
    if not words:
        return f"story {story}"
    return f"the story headed {words if len(words) <= 60 else words[:59].rstrip() + '…'}"


def _pages(fill: list[float], report: LayoutReport) -> None:
    for number, filled in enumerate(fill[:-1], 1):
        if filled < MIN_FILL:
            report.warnings.append(f"page {number}: only {filled:.0%} filled")


def _hyphens(lines: list[Line], report: LayoutReport) -> None:
    run = 0
    for k, line in enumerate(lines):
        following = lines[k + 1] if k + 1 < len(lines) else None
        same_block = following is not None and following.block == line.block
        end = _WORD_AT_END.search(line.text.rstrip())
        if end and same_block:
            start = _WORD_AT_START.match(following.text.lstrip())
            if start:
                report.breaks.append((end.group(1) + start.group(1), len(end.group(1)), line.lang))
            run += 1
            if run == MAX_HYPHENS_IN_A_ROW + 1:
                if line.key:
                    report.hyphen_runs.append(line.key)
                report.warnings.append(f"page {line.page}: {run} hyphenated lines in a row "
                                       f"(…“{line.text.strip()[-30:]}”)")
        else:
            run = 0
        if (same_block and line.part == "body" and len(line.text.split()) == 1 and not end
                and len(line.text.strip()) < 12 and following.text.strip() != "\ufffc"):
            report.warnings.append(f"page {line.page}: a line inside a paragraph holds one short word "
                                   f"(“{line.text.strip()}”)")
        previous = lines[k - 1] if k else None
        if (previous is not None and previous.block == line.block and previous.text.rstrip().endswith(HYPHEN)
                and (following is None or not same_block) and len(line.text.split()) == 1):
            report.warnings.append(f"page {line.page}: a line holds only the end of a hyphenated word "
                                   f"(“{line.text.strip()}”)")
