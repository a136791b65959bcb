"""Headings in flat text: the lines that stand as headlines, kickers or subheads, found by their case and
shape (which of them opens a story is decided with the stories)."""

from __future__ import annotations

import re

from ..lang import phrasebook
from ..lang.patterns import MONTHS, STOP_WORDS, dateline_match, ends_open, is_all_caps, is_label, is_title_case, starts_continuation
from ..model import Heading, Issue, ListBlock, Note, Paragraph, Signoff
from ..model.inlines import quote, text_of
from .edit import looks_like_heading, revise
from .webpage import is_body


def find_headings(issue: Issue) -> Issue:
    """Headline-like blocks in flat text: ALL CAPS or Title Case, short, not running on into a
    lowercase block (`Inspired by Paris, National Guards` ⏎ `briefly established…` is prose), and a
    short quotation standing right above a heading (`“Red Flag opened a new life for me.”`)."""
    items, notes = list(issue.items), []
    for i, block in enumerate(items):
        if not isinstance(block, Paragraph) or block.dateline:
            continue
        text = text_of(block)
        after = items[i + 1] if i + 1 < len(items) else None
        runs_on = (isinstance(after, (Paragraph, ListBlock)) and after.source.gap <= 1
                   and starts_continuation(text_of(after)) and not _date_lead(text_of(after)))  # `22 de marzo –`
        titled = len(text) <= 200 and (is_all_caps(text) or is_title_case(text)) and not runs_on
        if not titled and (_is_quoted_kicker(text) or is_label(text)) and looks_like_heading(after) \
                and after.source.gap <= 1:
            titled = True
        if not titled and issue.form == "web" and (_is_web_title(text, items[i - 1] if i else None, after)
                                                   or _is_long_title(text, after)):
            titled = True
        if titled and issue.form == "web" and not _can_head(text, items[i - 1] if i else None, after):
            titled = False
        if titled:
            items[i] = Heading(0, block.inlines, block.source)
            notes.append(Note("find_headings", block.source.first, f"heading {quote(text)}"))
    return revise(issue, items, notes)


def _is_web_title(text: str, before, after) -> bool:
    """A title set in sentence case on a web page: a short line ending no sentence, over prose and not
    under a sentence it would finish (`Workers need revolution, not a halftime show` ⏎ `“Who do you
    think did better?” asked my mother…`). A salutation (`¡Saludos fraternales!`) is no title."""
    words = text.split()
    lead = text.lstrip("“\"«¡¿‘'")
    if text[:1] in "“\"«" and re.search(r"[.!?,][”\"»’]$", text.rstrip()):
        return False  # quoted speech: `“How ya doin’?”`
    after_text = text_of(after) if isinstance(after, Paragraph) else ""
    end = text.rstrip().rstrip("”\"»’")[-1:]  # `…is “upper class.”` ends its sentence inside the quotes
    return (0 < len(words) <= 16 and len(text) <= 120 and end not in ".,;:…-–—" and lead[:1].isupper()
            and not re.search(r"[.!?]\s+\S", text) and not phrasebook.fullmatch("salutation", text)
            and not dateline_match(text) and bool(after_text)
            and (is_body(after_text) or bool(phrasebook.fullmatch("salutation", after_text)))
            and not starts_continuation(text_of(after)) and not (isinstance(before, Paragraph) and ends_open(text_of(before))))


_DATE_LEAD = re.compile(rf"^(?:\d{{1,2}} de (?i:{MONTHS})|(?i:{MONTHS}) \d{{1,2}})\s*[:—–-]")


def _date_lead(text: str) -> bool:
    """A paragraph opening on its date, by a dash or a colon: `22 de marzo –`, `11 de julio:`."""
    return bool(dateline_match(text) or _DATE_LEAD.match(text))


def _can_head(text: str, before, after) -> bool:
    """On a web page a title stands over what it titles: not right over a signature (`“Neither Bibi nor
    Hamas but a Communist Revolution!”` ⏎ `Red Flag Reader in Palestine`), not as a quotation ending its
    sentence under prose, nor set off by a dash (`―Bertolt Brecht, 1939`, a quotation's source)."""
    if isinstance(after, Signoff) or text.lstrip()[:1] in "—―–-":
        return False
    quoted = text[:1] in "“\"«" and re.search(r"[.!?][”\"»]$", text.rstrip())
    return not (quoted and isinstance(before, Paragraph) and len(text_of(before).split()) >= 12)


def _is_long_title(text: str, after) -> bool:
    """A web page's long title in Title Case, over prose: `Desde La India A El Salvador y Más Allá: Lxs
    Obrerxs Comunistas de La Confección Integramos…` (print titles stop at sixteen words, these do not)."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    content = [w for w in words if w.lower() not in STOP_WORDS and len(w) > 1]
    after_text = text_of(after) if isinstance(after, Paragraph) else ""
    return (16 < len(words) <= 28 and len(text) <= 200 and not text.rstrip().endswith((".", ",", ";"))
            and bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)
            and bool(after_text) and (is_body(after_text) or bool(dateline_match(after_text))))


def _is_quoted_kicker(text: str) -> bool:
    return len(text) <= 90 and text[:1] in "“\"«" and text[-1:] in "”\"»" and not ends_open(text)
