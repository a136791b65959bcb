"""Boxes across the issue: boilerplate kept once, and the SEE INSIDE teasers linked to their stories."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from ..lang.patterns import STOP_WORDS, normalize_key
from ..model import Article, Box, Issue, Masthead, Note, Paragraph, SeeInside, TeaserItem
from ..model.inlines import merge_inlines, plain_text, quote, split_inlines, text_of
from .edit import revise

FOLDED_KINDS = {"letters"}  # every variant of the letters boilerplate says the same thing
# From where its run of commas and spaces starts (the same match: tried at each of a long run, it read the rest)
_PAGE_REF = re.compile(r"(?<![,\s])[,\s]*\b(?:PAGES?|PÁGINAS?)\s+[\d,\sANDY]+$", re.I)
TEASER_MATCH = 0.5  # measured: true matches score 0.65–1.0, the best wrong one 0.36
MAX_CANDIDATES = 64  # stories weighed for one teaser, at most: an issue has a few dozen (see _candidates)


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
                teasers.append(TeaserItem(merge_inlines(inlines), target.id if target else ""))
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
