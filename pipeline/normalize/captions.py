"""Photo captions: found by their dateline and the blank lines of a photo slot (or a poster's script),
then, once the stories stand, put back in them: a caption left between stories goes to the neighbouring
story it speaks of, at the place its photo stood (above the headline's story it precedes, or at the end of the
story it follows). Only a caption that belongs to no story stays outside (the EPUB's "From the paper").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..lang import phrasebook
from ..lang.patterns import (MONTHS, PLACE_ONLY_DATELINE, STOP_WORDS, dateline_match, is_all_caps, is_cjk, is_title_case,
                             normalize_key)
from ..model import Article, Box, Caption, Heading, Issue, Note, Paragraph, SeeInside, Signoff
from ..model.inlines import plain_text, quote, text_of
from .edit import looks_like_heading, revise
from .webpage import place_date_lead, quoted_only

_WORD = re.compile(r"[^\W\d_]{4,}")
# Words that say nothing about what a photo shows: months, weekdays, and words of any caption.
_COMMON = frozenset("""
january february march april june july august september october november december
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
monday tuesday wednesday thursday friday saturday sunday
with that this these those from their they them there have were which while where when
against over into about after before other others during people workers photo foto
para como contra entre sobre desde donde cuando trabajadores
""".split())


def find_captions(issue: Issue) -> Issue:
    """Photo captions: dateline-led blocks in a photo slot (two or more blank lines before or after),
    text-less `Place (Country), date` lines, and non-Latin poster titles.

    A long dateline block followed straight by prose is the opening of a headline-less story instead
    (`MEXICO CITY, January 10— In a massive protest…`), and so is one right after a heading.
    """
    items, notes = list(issue.items), []
    for i, block in enumerate(items):
        if not isinstance(block, Paragraph):
            continue
        text = text_of(block)
        after = items[i + 1] if i + 1 < len(items) else None
        before = items[i - 1] if i else None
        in_slot = block.source.gap >= 2 or after is None or after.source.gap >= 2
        if issue.form == "web" and after is None and block.source.gap < 2:
            in_slot = False  # a page copied to its last line: the end of the text is no photo slot
        poster = is_cjk(text) and in_slot  # its language is marked later, with every run's (mark_languages)
        if poster:
            pass
        elif issue.form == "web" and (_stands_over_a_headline(block, before, after, items[i + 2: i + 3])
                                      or _is_web_caption(text, before, after)):
            pass
        elif not (dateline_match(text) and in_slot) or looks_like_heading(before) or (
                issue.form == "web" and before is not None and _is_title_like(before)):  # the article's dateline
            continue
        elif _opens_story(text, after):
            continue
        items[i] = Caption(block.inlines, block.source)
        notes.append(Note("find_captions", block.source.first, f"caption {quote(text)}"))
        if poster and isinstance(after, Paragraph) and _ends_figure(items, i + 2):
            items[i + 1] = Caption(after.inlines, after.source)
            notes.append(Note("find_captions", after.source.first, f"caption {quote(text_of(after))}"))
    return revise(issue, items, notes)


def _stands_over_a_headline(block, before, after, beyond) -> bool:
    """Web copy puts a photo's caption above the story's headline: a line of at most 60 words, first on
    the page or after the list of titles (not after prose), right above a title that prose follows.
    `TORRANCE (USA), September 27— Workers at Lisi…` ⏎ `Building Communist Unity…` ⏎ prose."""
    text = text_of(block)
    lead = before is None or isinstance(before, (SeeInside, Box))
    led = dateline_match(text) or PLACE_ONLY_DATELINE.match(text) or place_date_lead(text) or _PHOTO_WORDS.match(text)
    limit = 250 if lead and led else 60  # a page's lead photo says more
    if phrasebook.starts("reply", text):  # `Red Flag responds: …` under a letter answers it
        return False
    return (len(text_of(block).split()) <= limit and (before is None or isinstance(before, (SeeInside, Box, Caption, Signoff)))
            and after is not None and _is_title_like(after)
            and (not _is_title_like(block) or place_date_lead(text) or (before is None and quoted_only(text))
                 or (_announced(after, before) and (quoted_only(text) or not is_title_case(text))))
            and bool(beyond) and isinstance(beyond[0], Paragraph) and not _is_title_like(beyond[0]))


_PHOTO_WORDS = re.compile(r"^(?:pictured|photo|foto|en la foto)\s*:|^(?:this|the|these) (?:photo|picture)s? (?:of|shows?)\b"
                          r"|^(?:esta|la) (?:foto|fotografía) (?:de|muestra)\b", re.I)
# A sign or banner's words, then what they are: `“Please Come Back! Immediate Cease Fire!” in Hebrew and Arabic`
_QUOTED_SIGN = re.compile(r"^[“\"«][^”\"»]{3,120}[”\"»]\s+(?:in|on|says?|reads?|read|written|en|dice|escrito)\b[^.!?]*\.?$")
_DATE_LED = re.compile(rf"^\d{{1,2}} de (?i:{MONTHS})[^—–\n]{{0,6}}[—–-]|^(?i:{MONTHS}) \d{{1,2}}\W{{0,3}}[—–-]")


def _is_web_caption(text: str, before, after) -> bool:
    """Photo captions of web copy: one that says so (`Pictured: LOS ANGELES…`, `This photo of a strike
    of Ford workers…`) or gives a sign's words (`“Cease Fire!” in Hebrew and Arabic`); a dateline-led block right over another (a story has one dateline: the first
    was the photo's, `Rabat (Marruecos), 5 de octubre: Miles…` ⏎ `26 de octubre:—Respirar…`); and,
    under a headline and over its prose, a short line in sentence case ending no sentence (`Rebellious
    sailors during the Vietnam War`)."""
    words = len(text.split())
    if (_PHOTO_WORDS.match(text) and words <= 250) or (_QUOTED_SIGN.match(text) and words <= 30):
        return True
    if dateline_match(text) and words <= 60 and (before is None or isinstance(before, (SeeInside, Box))) \
            and (after is None or isinstance(after, (SeeInside, Box))):
        return True  # a photo alone among a page's links: `LOS ANGELES (USA), January 20 – Poster in Spanish says…`
    after_text = text_of(after) if isinstance(after, Paragraph) else ""
    if dateline_match(text) and (dateline_match(after_text) or _DATE_LED.match(after_text)) and after.source.gap <= 1:
        return True
    return (before is not None and _is_title_like(before) and isinstance(after, Paragraph) and words <= 25
            and text.rstrip()[-1:] not in ".!?…:;,”\"»" and not is_all_caps(text) and _sentence_case(text)
            and len(after_text.split()) >= 12 and not dateline_match(text))


def _announced(title, teasers) -> bool:
    """The line of the page's pieces just above names the title below (whatever stands between them is
    the photo's caption, a banner in Title Case too: `Our Forests and Our Rivers Are Not For Sale`)."""
    if not isinstance(teasers, SeeInside) or not teasers.items:
        return False
    words = set(normalize_key(text_of(title)).split()) - STOP_WORDS
    first = set(normalize_key(plain_text(teasers.items[0].inlines)).split()) - STOP_WORDS
    return bool(first) and len(first & words) >= 0.6 * len(first)


def _sentence_case(text: str) -> bool:
    """`Rebellious sailors during the Vietnam War`: its second word lowercase, whatever names follow."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text)]
    return not is_title_case(text) or (len(words) > 1 and words[1][0].islower() and words[1].lower() not in STOP_WORDS)


def _opens_story(text: str, after) -> bool:
    """A dateline block of three or more sentences followed by prose opens a story, not a photo."""
    sentences = len(re.findall(r"[.!?][”\"]?\s+(?=[A-Z“\"])", text)) + 1
    return (sentences >= 3 and isinstance(after, Paragraph) and after.source.gap <= 1
            and not dateline_match(text_of(after)) and not _is_title_like(after))


def _ends_figure(items: list, i: int) -> bool:
    return i >= len(items) or isinstance(items[i], Heading) or items[i].source.gap >= 2


def _is_title_like(block) -> bool:
    """A heading, or a short block in capitals or Title Case that will become one."""
    text = text_of(block) if isinstance(block, (Paragraph, Heading)) else ""
    return isinstance(block, Heading) or (len(text) <= 200 and (is_all_caps(text) or is_title_case(text)))


def place_captions_in_stories(issue: Issue) -> Issue:
    """A caption (or a run of them) outside the stories joins the adjacent story that shares the most
    telling words with it: capitalised words (places, peoples) found in few of the issue's stories
    (`QUITO (Ecuador)` → the Ecuador story). On a tie, the story below it, where it goes first; sharing
    no such word with either neighbour, it stays apart (a review note).
    Joining the story above, it goes at the end (before the sign-off). `Tel Aviv … Gaza`, `Rafah, Gaza`
    above `These images emphasize unity…` go into that story."""
    items = list(issue.items)
    stories = [_story_words(a) for a in items if isinstance(a, Article)]
    spread = Counter(w for words in stories for w in words)
    limit = max(2, len(stories) // 6)  # a word in more stories than this is the paper's, not the photo's
    notes: list[Note] = []
    placed: dict[int, tuple[list, list]] = {}  # index of story → (captions first, captions last)
    keep = []
    i = 0
    while i < len(items):
        if not isinstance(items[i], Caption):
            keep.append(i)
            i += 1
            continue
        j = i
        while j < len(items) and isinstance(items[j], Caption):
            j += 1
        run = items[i:j]
        before = i - 1 if i > 0 and isinstance(items[i - 1], Article) else None
        after = j if j < len(items) and isinstance(items[j], Article) else None
        words = {w for w in set().union(*(_names(text_of(c)) for c in run)) if spread[w] <= limit}
        scores = {k: len(words & _story_words(items[k])) for k in (before, after) if k is not None}
        best = max(scores.values(), default=0)
        target = (after if after is not None and scores.get(after, 0) == best else before) if best else None
        if target is None:
            keep.extend(range(i, j))
            for c in run:
                notes.append(Note("place_captions_in_stories", c.source.first,
                                  f"caption {quote(text_of(c))} belongs to no neighbouring story: kept apart",
                                  level="review"))
        else:
            placed.setdefault(target, ([], []))[0 if target == after else 1].extend(run)
            shared = sorted(words & _story_words(items[target]))
            why = f"shares {', '.join(shared[:4])}"
            for c in run:
                notes.append(Note("place_captions_in_stories", c.source.first,
                                  f"caption {quote(text_of(c))} placed in story {items[target].id} ({why})"))
        i = j
    out = []
    for k in keep:
        item = items[k]
        if k in placed:
            first, last = placed[k]
            body = list(item.body)
            end = len(body)
            while end and isinstance(body[end - 1], Signoff):
                end -= 1
            body = first + body[:end] + last + body[end:]
            span = item.source
            for c in first + last:
                span = span.through(c.source)
            item = replace(item, body=tuple(body), source=replace(span, gap=item.source.gap))
        out.append(item)
    return revise(issue, out, notes)


def _words(text: str) -> set[str]:
    return {w for w in (m.casefold() for m in _WORD.findall(text)) if w not in _COMMON}


def _names(text: str) -> set[str]:
    """The caption's capitalised words (places, peoples, organisations: `Quito`, `Ecuador`, `Zionist`),
    the ones that tie a photo to a story; a caption's common words tie it to any story."""
    return {w.casefold() for w in _WORD.findall(text) if w[0].isupper()} - _COMMON


def _story_words(article: Article) -> set[str]:
    parts = [text_of(article.headline)] + ([text_of(article.kicker)] if article.kicker else [])
    parts += [text_of(b) + " " + plain_text(getattr(b, "dateline", ()))
              for b in article.body if not isinstance(b, Caption)]
    return _words(" ".join(parts))
