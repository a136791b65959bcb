"""Boxes: matter outside the stories found (the letters boilerplate, pamphlet ads, SEE INSIDE, the contact
block, ON THE WEB, the subscription form, notices), then, once the stories stand, boilerplate kept once
and the SEE INSIDE teasers linked to their stories and set under the masthead."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from ..lang import phrasebook
from ..lang.patterns import (STOP_WORDS, dateline_match, ends_open, is_all_caps, is_label, is_title_case, normalize_key,
                             starts_continuation)
from ..model import (Article, Box, Heading, Issue, LineBreak, ListBlock, Masthead, Note, Paragraph, SeeInside, Strong,
                     TeaserItem, Text)
from ..model.inlines import merge_inlines, plain_text, quote, split_inlines, text_of
from ..readers.pdftext import BREAK_HYPHENS
from .edit import RAW, looks_like_heading, revise

FOLDED_KINDS = {"letters"}  # every variant of the letters boilerplate says the same thing
# From where its run of commas and spaces starts (the same match: tried at each of a long run, it read the rest)
_PAGE_REF = re.compile(r"(?<![,\s])[,\s]*\b(?:PAGES?|PÁGINAS?)\s+[\d,\sANDY]+$", re.I)
TEASER_MATCH = 0.5  # measured: true matches score 0.65–1.0, the best wrong one 0.36
PRINTED = ("pdf-lines", "pdf")  # read from the print PDF's lines: no blank line bounds a box
MAX_CANDIDATES = 64  # stories weighed for one teaser, at most: an issue has a few dozen (see _candidates)


def find_boxes(issue: Issue) -> Issue:
    """Matter outside the stories: the letters boilerplate, pamphlet ads, the SEE INSIDE teasers, the
    issue line with the contact block, the ON THE WEB box, the subscription form, the web copy's
    contents line, and stacked short-line notices."""
    items, notes = list(issue.items), []
    out = []
    i = 0
    while i < len(items):
        block = items[i]
        found, taken = _box_at(items, i, issue.form)
        if found is None:
            out.append(block)
            i += 1
            continue
        out.append(found)
        kind = found.kind if isinstance(found, Box) else "see-inside"
        notes.append(Note("find_boxes", found.source.first,
                          f"{kind} box, lines {found.source.first}–{found.source.last}: {quote(text_of(block))}"))
        i += taken
    return revise(issue, out, notes)


def _box_at(items: list, i: int, form: str):
    """The box starting at items[i], and how many items it takes; (None, 0) when there is none."""
    block = items[i]
    if not isinstance(block, RAW):
        return None, 0
    text = text_of(block)
    if phrasebook.starts("letters_box", text):
        return _box("letters", [block]), 1
    if phrasebook.starts("ad_start", text):
        run = _run_until(items, i, lambda b: phrasebook.search("ad_end", text_of(b)),
                         limit=8 if form in PRINTED else 4)  # the print's lines: the ad's title stands on several
        following = items[i + len(run)] if i + len(run) < len(items) else None
        if form in PRINTED and isinstance(following, Paragraph) and _is_address(text_of(following)) \
                and phrasebook.search("ad_end", text_of(run[-1])):
            run.append(following)  # printed lines: the address under `Available at:` is a line of its own
        return _box("ad", run), len(run)
    after = items[i + 1] if i + 1 < len(items) else None
    if phrasebook.fullmatch("see_inside", text) and isinstance(after, Paragraph) and _all_strong(after):
        run = _run_while(items, i, lambda b: isinstance(b, Paragraph) and _all_strong(b))
        teasers = tuple(TeaserItem(_soft_to_spaces(b.inlines[0].children)) for b in run[1:])
        return SeeInside(teasers, run[0].source.through(run[-1].source)), len(run)
    if form == "web" and phrasebook.starts("issue_line", text):  # lines are lines: the date may follow
        run = _run_while(items, i, lambda b: isinstance(b, Paragraph) and b is not block
                         and (dateline_match(text_of(b)) or re.search(r"\b\d{4}\b", text_of(b))) and len(text_of(b)) < 120)
        return _box("contact", run[:2]), len(run[:2])
    if phrasebook.starts("issue_line", text) or (
            phrasebook.search("contact", text) and "www" in text.lower() and block.source.gap >= 1
            and len(text) < 400 and i and not isinstance(items[i - 1], Paragraph)):
        run = _run_while(items, i, lambda b: b.source.gap <= 1 and isinstance(b, Paragraph)
                         and not phrasebook.starts("issue_line", text_of(b)) and not _leaves_contact(text_of(b))
                         and _inside_box(b, form))
        return _box("contact", run), len(run)
    if phrasebook.starts("web_box", text):
        run = _run_while(items, i, lambda b: b.source.gap <= 1 and isinstance(b, Paragraph) and not _is_stack(b, form)
                         and _inside_box(b, form))
        return _box("web", run), len(run)
    if phrasebook.starts("subscribe", text):
        run = _run_while(items, i, lambda b: b.source.gap <= 1 and isinstance(b, (Paragraph, ListBlock))
                         and not phrasebook.starts("letters_box", text_of(b)) and _inside_box(b, form))
        return _box("subscribe", run), len(run)
    if form == "web" and re.search(r":\s*here$", text) and len(text.split()) <= 20:
        return _box("ad", [block]), 1
    if isinstance(block, Paragraph) and _is_stack(block, form) and not _all_strong(block):
        return _box("notice", [block]), 1
    return None, 0


def _is_address(text: str) -> bool:
    return bool(re.fullmatch(r"(?:https?://)?[\w.-]+\.(?:org|com|net)(?:/\S*)?", text.strip(), re.I))


def _inside_box(block, form: str) -> bool:
    """Whether a box's run may take `block`. Printed lines (form `pdf-lines`) keep no blank line
    around a box, so the run there ends where a story's shape begins: a line in capitals (a kicker or
    headline), a dateline, a box's opening words, a made-up headline (`…`), or prose of a column's
    length. Elsewhere the blank lines bound it (the gap)."""
    if form not in PRINTED:
        return True
    text = text_of(block)
    return not (looks_like_heading(block) or dateline_match(text) or text.endswith("…") or len(text.split()) > 60
                or any(phrasebook.starts(kind, text) for kind in ("letters_box", "ad_start", "web_box", "subscribe")))


def _leaves_contact(text: str) -> bool:
    """Where the contact block ends: at a headline or a kicker (capitals, Title Case, a short label),
    a dateline, or running prose with no address in it."""
    if phrasebook.search("contact", text) or "www" in text.lower() or re.search(r"\d{3}", text):
        return False
    return is_all_caps(text) or is_title_case(text) or is_label(text) or bool(dateline_match(text)) \
        or len(text.split()) >= 25


def _box(kind: str, blocks: list) -> Box:
    """A box of `blocks`; a markdown heading opening it becomes its title."""
    title = ()
    source = blocks[0].source.through(blocks[-1].source)
    if isinstance(blocks[0], Heading) and len(blocks) > 1:
        title, blocks = blocks[0].inlines, blocks[1:]
    inner = tuple(Paragraph(b.inlines, b.source) if isinstance(b, Heading) else b for b in blocks)
    return Box(kind, title, inner, source)


def _run_until(items: list, i: int, stop, limit: int) -> list:
    run = [items[i]]
    if stop(items[i]):
        return run
    for block in items[i + 1: i + limit]:
        if not isinstance(block, RAW):
            break
        run.append(block)
        if stop(block):
            break
    return run


def _run_while(items: list, i: int, keep) -> list:
    run = [items[i]]
    for k in range(i + 1, len(items)):  # not items[i + 1:] (nor islice): a copy (a walk) of all before
        block = items[k]
        if not keep(block):
            break
        run.append(block)
    return run


def _all_strong(block) -> bool:
    return len(block.inlines) == 1 and isinstance(block.inlines[0], Strong)


def _is_stack(block: Paragraph, form: str = "") -> bool:
    """Three or more short lines stacked in one block (`MOBILIZE THE MASSES…` ⏎ `…Party` ⏎ `www…`). In
    printed lines (form `pdf-lines`) every paragraph of a narrow column is short lines: there the lines
    must also stand apart, none running on into the next (cut mid-sentence or at a hyphen)."""
    lines = plain_text(_breaks_as_newlines(block.inlines)).split("\n")
    if form in PRINTED and any(ends_open(a) and (starts_continuation(b) or a.rstrip()[-1:] in BREAK_HYPHENS)
                                   for a, b in zip(lines, lines[1:])):
        return False
    return len(lines) >= 3 and all(len(line) < 60 for line in lines)


def _breaks_as_newlines(inlines):
    return tuple(Text("\n") if isinstance(n, LineBreak) else n for n in inlines)


def _soft_to_spaces(inlines):
    """Stacked teaser lines read as one line: `RESISTANCE⏎TO DEPORTATIONS` → `RESISTANCE TO DEPORTATIONS`."""
    return merge_inlines(tuple(Text(" ") if isinstance(n, LineBreak) else n for n in inlines))


def fold_repeated_boilerplate(issue: Issue) -> Issue:
    """The letters box (`PLEASE SEND YOUR LETTERS…`, in all its variants) and any box repeated word
    for word are kept where they first appear; the report lists each repeat it folded."""
    seen: dict[str, int] = {}
    items, notes = [], []
    for item in issue.items:
        if isinstance(item, Box):
            key = item.kind if item.kind in FOLDED_KINDS else normalize_key(_box_text(item))
            if key in seen:
                notes.append(Note("fold_repeated_boilerplate", item.source.first,
                                  f"repeated {item.kind} box folded into the one at line {seen[key]}: "
                                  f"{quote(_box_text(item))}", dropped=_box_text(item)))
                continue
            seen[key] = item.source.first
        items.append(item)
    return revise(issue, items, notes)


def _box_text(box: Box) -> str:
    return " ".join([plain_text(box.title)] + [text_of(b) for b in box.blocks]).strip()


def link_see_inside(issue: Issue) -> Issue:
    """Each teaser links to the story it announces; its page reference is dropped:
    `DEEPSEEK: BAD NEWS FOR US AI INDUSTRY, PAGE 4` → <a href="#story-deepseek-…">DEEPSEEK: …</a>."""
    if not any(isinstance(item, SeeInside) for item in issue.items):
        return issue
    stories = _Stories.of([item for item in issue.items if isinstance(item, Article)])
    items, notes = [], []
    for item in issue.items:
        if isinstance(item, SeeInside):
            teasers = []
            for teaser in item.items:
                text = plain_text(teaser.inlines)
                page = _PAGE_REF.search(text)
                inlines = teaser.inlines
                if page:
                    inlines = split_inlines(inlines, page.start())[0]
                    notes.append(Note("link_see_inside", item.source.first,
                                      f"teaser page reference {quote(page.group(0).strip(' ,'))} dropped",
                                      dropped=page.group(0)))
                target = _best_story(plain_text(inlines), stories)
                if target is None:  # a web page lists the site's other pages too: no surprise there
                    notes.append(Note("link_see_inside", item.source.first,
                                      f"teaser {quote(text)} matches no story in this manuscript",
                                      level="info" if issue.form == "web" else "warning"))
                teasers.append(replace(teaser, inlines=merge_inlines(inlines), target=target.id if target else ""))
            item = replace(item, items=tuple(teasers))
        items.append(item)
    return revise(issue, items, notes)


def _words(text: str) -> set[str]:
    return {w for w in normalize_key(text).split() if w not in STOP_WORDS}


@dataclass(frozen=True)
class _Stories:
    """The issue's stories as teaser matching reads them, worked out once for all its teasers: each
    story's headline words (kicker and headline) and opening words (its first 60, less the headline's),
    which stories hold each word there, and in how many stories' paragraphs each word is."""

    articles: list[Article]
    heads: list[set[str]]
    openings: list[set[str]]
    holding: dict[str, list[int]]
    spread: Counter

    @classmethod
    def of(cls, articles: list[Article]) -> _Stories:
        heads, openings, holding, spread = [], [], {}, Counter()
        for k, article in enumerate(articles):
            spread.update(_words(" ".join(text_of(b) for b in article.body if isinstance(b, Paragraph))))
            head = _words(" ".join(text_of(x) for x in (article.kicker, article.headline) if x))
            opening = " ".join(text_of(b) for b in article.body[:4] if isinstance(b, Paragraph)).split()[:60]
            heads.append(head)
            openings.append(_words(" ".join(opening)) - head)
            for word in head | openings[-1]:
                holding.setdefault(word, []).append(k)
        return cls(articles, heads, openings, holding, spread)


def _best_story(teaser: str, stories: _Stories):
    """The story whose kicker and headline (counted twice) and opening words share most of the
    teaser's words, each word weighted by its rarity among the stories (`communist` is in all of
    them, `conference` in one), if it shares enough."""
    wanted = _words(teaser)
    weight = {w: math.log((1 + len(stories.articles)) / (1 + stories.spread[w])) + 0.1 for w in wanted}
    total = 2 * sum(weight.values())
    if not total:  # a teaser of small words only (`Por el`) matches nothing
        return None
    best, best_score = None, 0.0
    for k in _candidates(wanted, weight, total, stories):
        head, body = stories.heads[k], stories.openings[k]
        score = (2 * sum(weight[w] for w in wanted & head) + sum(weight[w] for w in wanted & body)) / total
        if score > best_score:
            best, best_score = stories.articles[k], score
    return best if best_score >= TEASER_MATCH else None


def _candidates(wanted: set[str], weight: dict[str, float], total: float, stories: _Stories) -> list[int]:
    """The stories that can reach TEASER_MATCH, in issue order: those holding one of the teaser's
    weightiest words, so many that the rest weigh too little for a story holding only them (a margin
    kept below the threshold, for rounding); every other story would be weighed in vain. At most
    MAX_CANDIDATES of them, taken rarest word first: a teaser that more stories could answer names none
    of them clearly, and weighing each of thousands of stories for each of thousands of teasers (a
    manuscript of many issues, or of words every story uses) grows with the square of the manuscript."""
    needed, rest = [], sum(weight.values())
    for word in sorted(wanted, key=lambda w: (-weight[w], w)):
        if 2 * rest <= (TEASER_MATCH - 0.02) * total:
            break
        needed.append(word)
        rest -= weight[word]
    found: set[int] = set()
    for word in needed:
        for k in stories.holding.get(word, ()):
            if len(found) >= MAX_CANDIDATES:
                return sorted(found)
            found.add(k)
    return sorted(found)


def place_teasers_under_masthead(issue: Issue) -> Issue:
    """The SEE INSIDE teasers are front-page furniture: they go right under the masthead, wherever the
    extracted text put them (in 000 they stood after the second story, which stitching made long)."""
    items = list(issue.items)
    masthead = next((k for k, item in enumerate(items) if isinstance(item, Masthead)), None)
    teasers = [k for k, item in enumerate(items) if isinstance(item, SeeInside)]
    if masthead is None or not teasers or teasers[0] == masthead + 1:
        return issue
    box = items.pop(teasers[0])
    items.insert(masthead + 1, box)
    note = Note("place_teasers_under_masthead", box.source.first, "SEE INSIDE teasers placed under the masthead")
    return revise(issue, items, [note])
