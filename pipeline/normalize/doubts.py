"""Where the pipeline is unsure: warnings on the finished issue, each with its manuscript line and, where
one exists, the override that fixes it, ready to paste into the issue's sidecar."""

from __future__ import annotations

import heapq
import re

from ..lang.patterns import FUNCTION_WORDS, ends_open, last_word, starts_continuation
from ..model import Article, BlockQuote, Box, Issue, ListBlock, Note, Paragraph
from ..model.inlines import plain_text, quote, text_of
from ..readers.markup import MAX_NESTING
from .edit import revise

HEADLINE_WORDS = 25     # longer than a headline can be
LONG_PARAGRAPH = 250    # words: a paragraph this long is likely several glued together
JOINS_IN_PARAGRAPH = 4  # more joins than this in one paragraph: likely lines of a list or a box
SHORT_RUN = 3           # this many one-paragraph stories in a row: likely one story cut apart
STRAY_ASTERISKS = 2 * MAX_NESTING  # in one block: more than the deepest markup the parser reads opens and closes
_DEBRIS = re.compile(r"\||!\[|\*|\]\(|^#|<[a-z/]")
_ASTERISKS = re.compile(r"(?<!\*)\*{1,2}(?!\*)")  # an emphasis delimiter, not censoring (`s***`)


def flag_doubts(issue: Issue) -> Issue:
    """Warn where a careful editor would look twice: a story with no body; a headline with no letters,
    markup debris, or too long; a run of one-paragraph stories; a paragraph of many joins or very long;
    a story that opens mid-sentence and was not stitched; a block full of asterisks left as text; an
    issue with no date."""
    notes: list[Note] = []
    stories = [item for item in issue.items if isinstance(item, Article)]
    seams = _seams_by_paragraph(stories, [n.line for n in issue.notes if n.step == "join_split_paragraphs"])
    for article in stories:
        notes += _story_doubts(article, seams)
        if issue.form == "web":
            notes += _web_line_doubts(article)
    notes += _short_runs(stories)
    notes += _stray_asterisks(issue.items)
    if not stories:
        dropped = sum(1 for n in issue.notes if n.dropped)
        notes.append(Note("flag_doubts", 1, f"no story found in this manuscript (read as {issue.form}; "
                          f"{dropped} pieces of text dropped as furniture or repeats, {len(issue.items)} items left "
                          f"outside stories): if it holds stories, mark where one starts: {{action: new-story, at: N}}; "
                          f"if a line was taken for furniture, {{action: keep, at: N}}", "warning"))
    if not issue.metadata.date_start:
        notes.append(Note("flag_doubts", 1, "no issue date in the text or a sidecar (the EPUB, the catalogs and "
                          "the cover need one): add `date_start: YYYY-MM-DD` and `date_end: YYYY-MM-DD` to the "
                          "issue's sidecar", "warning"))
    return revise(issue, issue.items, notes)


def _seams_by_paragraph(stories: list[Article], joins: list[int]) -> dict[int, int]:
    """How many joined breaks each paragraph holds, by id(): a join belongs to the narrowest paragraph
    spanning its line (a paragraph stitched across a jump spans the other stories' lines too)."""
    paragraphs = [b for a in stories for b in a.body if isinstance(b, Paragraph)]
    holders = narrowest_holders(paragraphs, joins)
    counts: dict[int, int] = {}
    for line in joins:
        if (holder := holders.get(line)) is not None:
            counts[id(holder)] = counts.get(id(holder), 0) + 1
    return counts


def narrowest_holders(nodes: list, lines) -> dict:
    """{line: narrowest_holding(nodes, line)} for each of `lines` that a node holds, in one sweep down
    the lines (asking each line of every node is quadratic: 10,000 joins in 10,000 paragraphs). Of
    equally narrow nodes, the first in `nodes`, as narrowest_holding picks."""
    starts = sorted(range(len(nodes)), key=lambda k: nodes[k].source.first)
    open_: list[tuple[int, int]] = []  # (width, index) of the nodes begun by this line, narrowest first
    found, next_start = {}, 0
    for line in sorted(set(lines)):
        while next_start < len(starts) and nodes[starts[next_start]].source.first <= line:
            k = starts[next_start]
            heapq.heappush(open_, (nodes[k].source.last - nodes[k].source.first, k))
            next_start += 1
        while open_ and nodes[open_[0][1]].source.last < line:  # ended before this line: before every later one
            heapq.heappop(open_)
        if open_:
            found[line] = nodes[open_[0][1]]
    return found


def _story_doubts(article: Article, seams: dict[int, int]) -> list[Note]:
    notes = []
    title = plain_text(article.headline.inlines)
    at = article.headline.source.first
    body = [b for b in article.body if isinstance(b, (Paragraph, ListBlock, BlockQuote))]
    if not body:
        notes.append(_warn(at, f"story {quote(title)} has no body: if it is a kicker or a subhead of the story "
                               f"around it, {{action: subhead, at: {at}}}; if it is not the paper's, "
                               f"{{action: drop, at: {at}}}"))
    problem = ("has no letters" if not re.search(r"[^\W\d_]", title) else
               "holds markup debris" if _DEBRIS.search(title) else
               f"is longer than a headline can be ({len(title.split())} words)"
               if len(title.split()) > HEADLINE_WORDS and not article.headline.derived else "")
    if problem:
        notes.append(_warn(at, f"the headline {quote(title)} {problem}: {{action: title, at: {at}, value: \"…\"}}"))
    for block in body:
        if not isinstance(block, Paragraph):
            continue
        joined = seams.get(id(block), 0)
        words = len(text_of(block).split())
        if joined > JOINS_IN_PARAGRAPH or words > LONG_PARAGRAPH:
            why = f"{joined} joined breaks" if joined > JOINS_IN_PARAGRAPH else f"{words} words"
            fix = ": to keep a break, {action: no-join, at: N} with N the line after it" if joined else ""
            notes.append(_warn(block.source.first, f"a paragraph of {why} (lines {block.source.first}–"
                                                   f"{block.source.last}) in {quote(title)}: check it is one{fix}"))
    first = next((b for b in article.body if isinstance(b, Paragraph)), None)
    if first is not None and not first.dateline and starts_continuation(text_of(first)) and not article.incomplete:
        notes.append(_warn(first.source.first, f"story {quote(title)} opens mid-sentence ({quote(text_of(first), 30)}): "
                                               f"its start may be on a page this manuscript lacks, or a jump line "
                                               f"was not recognised"))
    return notes


VERSE_LINES = 4   # short lines in a row, each a paragraph of web copy: likely a poem's
VERSE_WORDS = 10  # words a line of verse holds, at most


def _web_line_doubts(article: Article) -> list[Note]:
    """Where web copy's one paragraph a line may have cut what print set whole: a run of VERSE_LINES
    short lines (a poem's, its stanzas lost), and a line stopping mid-sentence on a small word or a
    comma over one that goes on (`…de la confección en` ⏎ `El Salvador. ¡Pensé…`)."""
    notes, run = [], []
    body = list(article.body)
    for block, after in zip(body, body[1:] + [None]):
        short = isinstance(block, Paragraph) and len(text_of(block).split()) <= VERSE_WORDS and len(text_of(block)) <= 60
        if short and (not run or block.source.gap == 0):
            run.append(block)
        else:
            run = _flush_verse(run, notes) + ([block] if short else [])
        if isinstance(block, Paragraph) and isinstance(after, Paragraph) and after.source.gap == 0:
            head, tail = text_of(block).rstrip(), text_of(after)
            if ends_open(head) and len(head.split()) >= 6 and (
                    ((head.endswith(",") or last_word(head).lower() in FUNCTION_WORDS) and tail[:1].isupper())
                    or (tail[:1] in "(" and not head.rstrip()[-1:] in ".!?…")):  # `…$48 billion` ⏎ `(₹ 43 lakh…`
                notes.append(_warn(after.source.first, f"line {block.source.last} stops mid-sentence "
                                   f"({quote(head[-30:], 30)}) and line {after.source.first} goes on "
                                   f"({quote(tail, 30)}): if they are one paragraph, {{action: join, at: {after.source.first}}}"))
    _flush_verse(run, notes)
    for before, block, after in zip(body, body[1:], body[2:]):
        if all(isinstance(b, Paragraph) for b in (before, block, after)) and _could_be_a_title(block) \
                and min(len(text_of(before).split()), len(text_of(after).split())) >= 20:
            at = block.source.first
            notes.append(Note("flag_doubts", at, f"{quote(text_of(block))} stands alone between paragraphs, set "
                              f"like a title: kept as a paragraph; it could be a subhead or the title of a new piece: "
                              f"if a piece starts there, {{action: new-story, at: {at}}}", "review"))
    return notes


def _could_be_a_title(block: Paragraph) -> bool:
    """A short one-sentence line with two words or more in capitals (`Capitalism means WAR, WAR, and WAR.`):
    web copy lost the bold that said whether it heads what follows."""
    text = text_of(block)
    return (len(text.split()) <= 10 and text[:1] not in "“\"«—–-" and not re.search(r"[.!?]\s+\S", text)
            and len(re.findall(r"\b[A-ZÁÉÍÓÚÑ]{3,}\b", text)) >= 2)


def _flush_verse(run: list, notes: list) -> list:
    if len(run) >= VERSE_LINES:
        notes.append(_warn(run[0].source.first, f"lines {run[0].source.first}–{run[-1].source.last}: {len(run)} short "
                           f"lines in a row, each kept a paragraph of its own as web copy keeps its lines; if they are "
                           f"verse, its stanzas are not set as stanzas"))
    return []


def _short_runs(stories: list[Article]) -> list[Note]:
    """Runs of SHORT_RUN or more stories of at most one paragraph each."""
    notes, run = [], []
    for article in stories + [None]:
        paragraphs = sum(isinstance(b, Paragraph) for b in article.body) if article else 99
        if paragraphs <= 1:
            run.append(article)
            continue
        if len(run) >= SHORT_RUN:
            lines = ", ".join(str(a.source.first) for a in run)
            notes.append(_warn(run[0].source.first, f"{len(run)} one-paragraph stories in a row (lines {lines}): "
                                                     f"if they are one story's parts, {{action: subhead, at: N}} on "
                                                     f"each heading that should not start a story"))
        run = []
    return notes


def _stray_asterisks(items) -> list[Note]:
    """Blocks holding STRAY_ASTERISKS or more `*`/`**` as text: emphasis nested deeper than the inline
    parser goes (MAX_NESTING), or never closed, is printed as typed (a stray one or two is common)."""
    notes = []
    for block in _blocks(items):
        if len(stray := _ASTERISKS.findall(text_of(block))) >= STRAY_ASTERISKS:
            notes.append(_warn(block.source.first, f"{len(stray)} asterisks printed as they stand in one block "
                               f"(lines {block.source.first}–{block.source.last}): emphasis nested more than "
                               f"{MAX_NESTING} deep, or never closed, stays text; check the markup there"))
    return notes


def _blocks(items):
    """Every block, inside stories and boxes too (a story's header parts as blocks of their own)."""
    for item in items:
        if isinstance(item, Article):
            yield from (part for part in (item.kicker, item.headline, item.deck) if part is not None)
            yield from _blocks(item.body)
        elif isinstance(item, Box):
            yield from _blocks(item.blocks)
        else:
            yield item


def _warn(line: int, message: str) -> Note:
    return Note("flag_doubts", line, message, "warning")
