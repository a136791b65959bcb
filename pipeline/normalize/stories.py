"""Segmenting the flat block stream into stories: headline (with kicker and deck), dateline, body,
subheads and sign-off, as a copy editor reads the page.

A heading opens a new story when no story is open (after a sign-off, a box or a jump line), when it
is ALL CAPS, when it sits at or above the open story's markdown level, or when it has a kicker over
it; otherwise it is a subhead. Prose with no story open starts a headline-less story, whose title is
derived from its first words and marked as derived.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..lang import phrasebook
from ..lang.patterns import PLACE_ONLY_DATELINE, dateline_match, is_all_caps, is_label
from ..model import (Article, BlockQuote, Caption, Deck, Heading, Headline, Issue, JumpLine, Kicker, ListBlock, Note,
                     Paragraph, SeeInside, Signoff, Subhead, Text)
from ..model.inlines import plain_text, quote, split_inlines, text_of
from ..readers.overrides import override_note
from .edit import revise
from .web_titles import PageEvidence

DERIVED_WORDS = 8


@dataclass
class _Draft:
    """A story being assembled (mutable until frozen into an Article)."""

    headline: Headline
    level: int = 0
    kicker: Kicker | None = None
    body: list = field(default_factory=list)
    deck: Deck | None = None
    ended: bool = False
    continuation: bool = False

    @property
    def derived(self) -> bool:
        """Headline-less: its title will be made from its first words."""
        return self.headline.derived and not self.continuation


def segment_stories(issue: Issue) -> Issue:
    """Group blocks into Articles; boxes, the masthead and captions between stories stay outside.
    An editor's `new-story` override starts a story at its block."""
    items = list(issue.items)
    notes = []
    out: list = []
    current: _Draft | None = None
    page = PageEvidence.of(issue)
    i = 0
    while i < len(items):
        item = items[i]
        following = items[i + 1] if i + 1 < len(items) else None
        if isinstance(item, Heading):
            if isinstance(following, Heading):
                if issue.form == "web" and not _is_kicker(item) and not _named_below(item, following, page):
                    current = _Draft(_headline(item), item.level, deck=Deck(following.inlines, following.source))
                    notes.append(Note("segment_stories", following.source.first, f"{quote(text_of(following))} is the "
                                      f"deck of {quote(text_of(item))}: the line over it is no kicker (no colon, "
                                      f"not a label)"))
                else:
                    current = _Draft(_headline(following), following.level, Kicker(item.inlines, item.source))
                    if page is not None and _named_below(item, following, page) and i and isinstance(items[i - 1], SeeInside):
                        notes.append(Note("segment_stories", item.source.first, f"{quote(text_of(item))} read as the "
                                          f"kicker over {quote(text_of(following))}, the piece the page's list names; it "
                                          f"could be the page's title or a photo's caption (a banner's words): "
                                          f"{{action: caption, at: {item.source.first}}}", level="review"))
                out.append(current)
                i += 2
                continue
            lines = range(item.source.first, item.source.last + 1)
            forced, kept = issue.overridden("new-story", lines), issue.overridden("subhead", lines)
            opens = _opens_story(item, current) or isinstance(items[i - 1], Caption)
            if current is not None and kept:
                notes.append(override_note(kept, f"{quote(text_of(item))} is a subhead of the story above"))
                opens = False
            elif forced:
                notes.append(override_note(forced, f"a new story starts at {quote(text_of(item))}"))
                opens = True
            elif not opens and (signoff := _signed_section(items, i)) and current.body:
                sure = page is not None and page.letters_page  # on a letters page a titled, signed piece is a letter
                notes.append(Note("segment_stories", item.source.first,
                                  f"{quote(text_of(item))} opens a signed piece (sign-off at line {signoff}): made a "
                                  f"story of its own; if it is a subhead: {{action: subhead, at: {item.source.first}}}",
                                  level="info" if sure else "review"))
                opens = True
            elif page is not None and current is not None and not current.ended:
                opens, note = _web_opens(item, current, opens, page)
                notes += [note] if note else []
            if opens:
                current = _Draft(_headline(item), item.level)
                out.append(current)
            else:
                current.body.append(Subhead(item.inlines, item.source))
        elif isinstance(item, JumpLine) and item.direction == "in":
            # level 0: a continuation header's markdown level says nothing about the subheads under it
            current = _Draft(Headline((Text(item.slug),), item.source, derived=True), continuation=True)
            current.body.append(item)
            out.append(current)
        elif isinstance(item, (Paragraph, ListBlock, BlockQuote)):
            forced = issue.overridden("new-story", range(item.source.first, item.source.last + 1))
            if forced:
                notes.append(override_note(forced, f"a new story starts at {quote(text_of(item))}"))
            if current is not None and current.ended and current.body and isinstance(current.body[-1], Signoff) \
                    and phrasebook.starts("reply", text_of(item)) and not forced:
                current.body.append(item)  # `Red Flag responds: …` under the signature: the letter's answer
                i += 1
                continue
            if current is None or current.ended or forced or (_dateline_after_photo(item) and (
                    issue.form != "web" or current.body)):  # web copy sets a photo slot under a headline too
                current = _Draft(Headline((), item.source, derived=True))
                out.append(current)
            current.body.append(item)
        elif isinstance(item, (Signoff, JumpLine, Caption)) and current is not None and not current.ended:
            current.body.append(item)
            current.ended = not isinstance(item, Caption)
        else:
            out.append(item)
            if current is not None and not isinstance(item, Caption):
                current.ended = True
        i += 1

    ids = _Ids()
    result = []
    titled = {page.teaser_for(plain_text(d.headline.inlines)) for d in out if isinstance(d, _Draft) and not d.derived} \
        if page is not None else set()
    for entry in out:
        if isinstance(entry, _Draft):
            article, evidence = _freeze(entry, ids, page, titled)
            result.append(article)
            notes.append(_story_note(article, evidence))
        else:
            result.append(entry)
    return revise(issue, result, notes)


def _web_opens(heading: Heading, current: _Draft, opens: bool, page: PageEvidence) -> tuple[bool, Note | None]:
    """On a web page a heading under an open story opens a piece of its own when the page says it is
    one (its teaser names it, it calls itself a letter, it heads a letters page's letter); under a
    story with no headline it is otherwise a subhead (web copy sets a piece's title over it, so a
    titled line inside running prose heads a section), a review line."""
    text, at = text_of(heading), heading.source.first
    why = page.new_piece(text, plain_text(current.headline.inlines))
    if why and not opens:
        return True, Note("segment_stories", at, f"{quote(text)} opens a piece of its own: {why}; if it is a "
                          f"subhead, {{action: subhead, at: {at}}}")
    if opens and current.derived and not why and not is_all_caps(text) and current.body:
        return False, Note("segment_stories", at, f"{quote(text)} read as a subhead of the untitled story above it "
                           f"(nothing on the page says a new piece starts); it could open a story of its own: "
                           f"{{action: new-story, at: {at}}}", level="review")
    return opens, None


def _signed_section(items: list, i: int) -> int:
    """The line of the sign-off closing the section under the heading at items[i] (before the next
    heading or anything outside stories), or 0: a subhead-level heading over a signed letter
    (001: `### Let's Continue the Fight` … `—Afraid but Not Backing Down…`) heads a story of its own."""
    for k in range(i + 1, len(items)):  # not items[i + 1:] (nor islice): a copy (a walk) of all before
        item = items[k]
        if isinstance(item, Signoff):
            return item.source.first
        if not isinstance(item, (Paragraph, ListBlock, BlockQuote, Caption)):
            return 0
    return 0


def _dateline_after_photo(block) -> bool:
    """`MEXICO CITY, January 10— In a massive protest…` after a photo slot starts its own story."""
    return isinstance(block, Paragraph) and block.source.gap >= 2 and bool(dateline_match(text_of(block)))


def _named_below(over: Heading, under: Heading, page: PageEvidence | None) -> bool:
    """The page's line of pieces names the lower of two titles and not the upper: the upper is the
    page's own title over the piece (`The Fight for Communism Unites Us All` ⏎ `India: Garment Workers
    Prepare for…`, the teaser `Garment Workers Prepare for Communist Conference`), a kicker."""
    return page is not None and page.teaser_for(text_of(under)) is not None and page.teaser_for(text_of(over)) is None


def _is_kicker(heading: Heading) -> bool:
    """The label over a web page's headline: it ends in a colon (`Garment Workers:`), is in capitals
    (`CARTAS DE SURDAFRICA`), a short label (`Círculo de estudio`) or a quotation (`“Red Flag opened
    a new life for me.”`); a full title over another line is a headline over its deck."""
    text = text_of(heading).strip()
    return (text.endswith(":") or is_all_caps(text) or is_label(text) or text[:1] in "“\"«"
            or bool(phrasebook.fullmatch("letters_label", text)))


def _opens_story(heading: Heading, current: _Draft | None) -> bool:
    if current is None or current.ended or current.derived:
        return True
    if heading.level == 0:
        return is_all_caps(text_of(heading))
    return current.level > 0 and heading.level <= current.level


def _headline(heading: Heading) -> Headline:
    return Headline(heading.inlines, heading.source)


def _freeze(draft: _Draft, ids: _Ids, page: PageEvidence | None = None, titled: set = frozenset()) -> tuple[Article, str]:
    """The draft as an Article: dateline split from the first paragraph, a deck recognised, a title
    derived when the raw text had none — from the best evidence there is: on a web page the teaser
    naming it, else its deck or first subhead, else its first words (marked derived all the same).
    Returns the article and where a derived title came from ("" for a real headline)."""
    body = list(draft.body)
    deck = draft.deck
    first = next((k for k, b in enumerate(body) if not isinstance(b, JumpLine)), None)
    if deck is None and first is not None and isinstance(body[first], Paragraph) and phrasebook.starts("deck", text_of(body[first])):
        deck = Deck(body[first].inlines, body[first].source)
        del body[first]
    first = next((k for k, b in enumerate(body) if not isinstance(b, (JumpLine, Caption))), None)
    if first is not None and isinstance(body[first], Paragraph):
        body[first] = _with_dateline(body[first])
    headline, evidence = draft.headline, ""
    if not headline.inlines:
        title, evidence = _title_evidence(body, deck, page, titled)
        headline = Headline(title, headline.source, derived=True)
    header = [x.source for x in (draft.kicker, headline, draft.deck) if x is not None and x.source.first]
    sources = header + [b.source for b in body]
    span = sources[0]
    for s in sources[1:]:
        span = span.through(s)
    prefix = "continued" if draft.continuation else "story"
    return Article(_unique_id(plain_text(headline.inlines), ids, prefix), headline, tuple(body), span,
                   draft.kicker, deck), evidence


def _title_evidence(body: list, deck: Deck | None, page: PageEvidence | None, titled: set) -> tuple:
    """A headline-less story's title and where it came from: the web page's teaser naming it by its
    opening words, its first subhead, else its first words (print issues: the first words, as ever)."""
    if page is not None:
        opening = " ".join(" ".join(text_of(b).split()[:60]) for b in body[:3] if isinstance(b, Paragraph))
        if teaser := page.teaser_of_opening(opening, titled):
            return (Text(teaser),), f"the teaser naming it, {quote(teaser, 60)}"
        if deck is not None:
            return deck.inlines, f"its deck, {quote(text_of(deck), 60)}"
        subhead = next((b for b in body if isinstance(b, Subhead)), None)
        if subhead is not None:
            return subhead.inlines, f"its first subhead, {quote(text_of(subhead), 60)} (line {subhead.source.first})"
    return (Text(_derive_title(body)),), ""


def _with_dateline(paragraph: Paragraph) -> Paragraph:
    """`USA, March 10—Thousands are…` → dateline `USA, March 10—`, text `Thousands are…`."""
    text = plain_text(paragraph.inlines)
    m = dateline_match(text) or PLACE_ONLY_DATELINE.match(text)
    if not m or paragraph.dateline:
        return paragraph
    lead = m.group(0).rstrip()
    dateline, rest = split_inlines(paragraph.inlines, len(lead))
    return Paragraph(rest, paragraph.source, dateline)


def _derive_title(body: list) -> str:
    """The first words of the story's first paragraph: `Mahmoud Khalil was a graduate student at…`."""
    for block in body:
        if isinstance(block, Paragraph):
            words = plain_text(block.inlines).split()
            title = " ".join(words[:DERIVED_WORDS]).rstrip(",;:—–-")
            return title + ("…" if len(words) > DERIVED_WORDS else "")
    return "Untitled"


def _unique_id(title: str, ids: _Ids, prefix: str = "story") -> str:
    """`WORKERS' STRUGGLES IN ECUADOR` → `story-workers-struggles-in-ecuador` (unique within the issue;
    continuations, which are merged away, take `continued-` so they never claim a story's id)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'", "").replace("’", ""))
    return ids.claim(f"{prefix}-" + "-".join(words[:6]) if words else prefix)


class _Ids:
    """The ids taken in an issue: `claim(base)` takes `base`, else `base-2`, `base-3`…, the first free.
    Where the last claim of a base stopped is kept: a thousand stories titled alike would otherwise
    try 1 + 2 + … + 1,000 candidates."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.reached: dict[str, int] = {}  # base → the suffix of its last claim (1: the base itself)

    def claim(self, base: str) -> str:
        n = self.reached.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.reached[base] = n
        self.taken.add(candidate)
        return candidate


def _story_note(article: Article, evidence: str = "") -> Note:
    title = plain_text(article.headline.inlines)
    if article.body and isinstance(article.body[0], JumpLine):
        return Note("segment_stories", article.source.first, f"continuation {quote(title, 60)}")
    if article.headline.derived and evidence:
        return Note("segment_stories", article.source.first,
                    f"story with no headline in the text, titled from {evidence} (marked as a derived title); "
                    f"it could have a title the pipeline did not see: to name it, "
                    f"{{action: title, at: {article.source.first}, value: \"…\"}}", level="review")
    if article.headline.derived:
        return Note("segment_stories", article.source.first,
                    f"story with no headline, titled from its first words: {quote(title, 60)}; it could be the "
                    f"rest of the story above it, or have a title the pipeline did not see; to name it, "
                    f"{{action: title, at: {article.source.first}, value: \"…\"}}", level="review")
    kicker = f" (kicker {quote(text_of(article.kicker))})" if article.kicker else ""
    return Note("segment_stories", article.source.first,
                f"story {quote(title, 60)}{kicker}, lines {article.source.first}–{article.source.last}")
