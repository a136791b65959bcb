"""Boxes across the issue: boilerplate kept once, and the SEE INSIDE teasers linked to their stories."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from ..inline import merge_inlines, plain_text, split_inlines
from ..model import Article, Box, Issue, Masthead, Note, Paragraph, SeeInside, TeaserItem
from .edit import quote, revise, text_of
from .patterns import STOP_WORDS, normalize_key

FOLDED_KINDS = {"letters"}  # every variant of the letters boilerplate says the same thing
_PAGE_REF = re.compile(r"[,\s]*\b(?:PAGES?|PÁGINAS?)\s+[\d,\sANDY]+$", re.I)
TEASER_MATCH = 0.5  # measured: true matches score 0.65–1.0, the best wrong one 0.36


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
    articles = [item for item in issue.items if isinstance(item, Article)]
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
                target = _best_story(plain_text(inlines), articles)
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


def _best_story(teaser: str, articles: list[Article]):
    """The story whose kicker and headline (counted twice) and opening words share most of the
    teaser's words, each word weighted by its rarity among the stories (`communist` is in all of
    them, `conference` in one), if it shares enough."""
    wanted = _words(teaser)
    texts = [_words(" ".join(text_of(b) for b in a.body if isinstance(b, Paragraph))) for a in articles]
    weight = {w: math.log((1 + len(articles)) / (1 + sum(w in t for t in texts))) + 0.1 for w in wanted}
    total = 2 * sum(weight.values())
    if not total:  # a teaser of small words only (`Por el`) matches nothing
        return None
    best, best_score = None, 0.0
    for article in articles:
        head = _words(" ".join(text_of(x) for x in (article.kicker, article.headline) if x))
        opening = " ".join(text_of(b) for b in article.body[:4] if isinstance(b, Paragraph)).split()[:60]
        body = _words(" ".join(opening)) - head
        score = (2 * sum(weight[w] for w in wanted & head) + sum(weight[w] for w in wanted & body)) / total
        if score > best_score:
            best, best_score = article, score
    return best if total and best_score >= TEASER_MATCH else None


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
