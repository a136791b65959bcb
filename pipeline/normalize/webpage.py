"""The parts of a web page copied whole, told apart by where they stand and what they are: the site's
menu, the column of links above the page's list of stories (leaflets, pamphlets), the links beside it to
pages in other languages, the list itself, and the page's own title (WordPress's, over the line of its
pieces). The phrasebook is one source among several: position, script and language say the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang import phrasebook
from ..lang.patterns import MONTHS, PLACE_ONLY_DATELINE, STOP_WORDS, dateline_match, is_title_case
from ..model import Box, Heading, Paragraph, SeeInside
from ..model.inlines import text_of
from .edit import RAW
from .language import LANGUAGES, classify_among

HEADER_LINES = 3  # kicker, headline, deck: the most a story's header holds above its first paragraph
EDITIONS = ("en", "es")  # the paper's own languages: a link in either is a link of this site
FOREIGN_CONFIDENCE = 0.85  # py3langid's certainty that a short line is in another language
LINK_WORD = re.compile(r"\s*(?:\(article here\)|here|aquí)\s*$", re.I)
DINGBATS = "♦♩◆"
TITLE_LIST = re.compile(rf"\s*[{DINGBATS}]\s*")
_LOST_DINGBAT = re.compile(r"(\s(?:here|aquí))\s+(?=[A-ZÁÉÍÓÚÑ¿¡“\"])", re.I)  # `Key here Defying…`: its ♦ lost


def list_titles(text: str) -> list[str]:
    """A line of the page's pieces split at its dingbats (and where a link word stands with its dingbat
    lost: `Industrial Workers Are Key here Defying the bosses’ fascism here ♦`)."""
    if not any(c in DINGBATS for c in text):
        return [text]
    return [p for p in TITLE_LIST.split(_LOST_DINGBAT.sub(r"\1 ♦ ", text)) if p.strip(" .")]


@dataclass
class Layout:
    """What a web page's lines outside its stories are, by index into the issue's items: `first` and
    `last` are its first and last paragraphs of prose, `header` where the first story's header starts;
    `roles` names the lines that are the site's (`contents`: the page's list of stories; `links`: the
    column of the site's links above it; `sidebar`: links between the site's menu and the first story;
    `foreign`: a link to a page in another language; `leaflet`: a link to a leaflet or pamphlet;
    `page-title`: the page's own title)."""

    first: int
    last: int
    header: int
    roles: dict[int, str] = field(default_factory=dict)


def read_layout(items: list, language: str, extra: set[str], cells: set[int] = frozenset()) -> Layout:
    """The layout of a web page's items (web copy only: other forms have no site around their words);
    `cells` are the rows of a table capture (`PCOI@anonymousspeech.com | |`), the site's header."""
    first, last = prose_bounds(items, language)
    header = header_start(items, first, language, cells) if last >= 0 else 0
    layout = Layout(first, last, header)
    _find_contents(items, layout, language, extra)
    _find_page_title(items, layout)
    for k, item in enumerate(items):
        text = _text(item)
        if not text or header <= k <= last:
            continue
        if is_title_line(text) and phrasebook.fullmatch("leaflet_link", phrasebook.fold(text)):
            layout.roles[k] = "leaflet"  # `NEW LEAFLET: Uprising in Baltimore`, `Folleto: Huelgas Sudafricanas`
        elif k < header and k not in layout.roles and in_other_language(text, language) and is_title_line(text):
            layout.roles[k] = "foreign"
    return layout


def prose_bounds(items: list, language: str) -> tuple[int, int]:
    """The indexes of the first and last paragraphs of body text (len(items) and -1 without any)."""
    body = [k for k, item in enumerate(items) if isinstance(item, Paragraph) and is_body(text_of(item))
            and not in_other_language(text_of(item), language) and not _lone_caption(items, k)]
    return (body[0], body[-1]) if body else (len(items), -1)


def _lone_caption(items: list, k: int) -> bool:
    """A dateline-led line with no prose after it, over a title or nothing: a web front page's photo
    caption (` LOS ANGELES (USA), January 20 – Poster in Spanish says…` ⏎ `Forging Communist Unity…`)."""
    text = text_of(items[k])
    after = next((_text(item) for item in items[k + 1:] if _text(item)), "")
    return bool(dateline_match(text.strip())) and len(text.split()) <= 60 and (
        not after or (is_title_line(after) and not re.search(r"[.,;][”\"’»)]?$", after.rstrip())))


_PLACE_WORD = r"[A-ZÁÉÍÓÚÑ][\w.'’()-]*"
# `London, England, October 14`, `Manchester, England February 2024:`, `Manchester, Inglaterra, febrero de 2024:`
PLACE_DATE = re.compile(rf"^{_PLACE_WORD}(?:,? {_PLACE_WORD}){{0,4}},? (?:\d{{1,2}} de )?(?i:{MONTHS})\.?"
                        rf"(?: \d{{1,2}})?(?:,? (?:de )?\d{{4}})?\s*(?:[:—–-]|$)")


def place_date_lead(text: str) -> bool:
    """A caption's lead of places, then a date, then its words or nothing: `London, England, October 14`."""
    return bool(PLACE_DATE.match(text.strip()))


def is_body(text: str) -> bool:
    """A paragraph of the story, not a title, a menu or a line of links: mostly lowercase words, and it
    ends a sentence or runs long (`“Red Flag is on My Mind. Please Put Me In.”` is a title)."""
    if phrasebook.is_teaser_line(text) or phrasebook.is_chrome(text):
        return False
    words = text.split()
    capitalised = sum(w[:1].isupper() for w in words if w.lower() not in STOP_WORDS)
    if capitalised >= 0.6 * max(1, sum(w.lower() not in STOP_WORDS for w in words)):
        return False
    return len(words) >= 20 or (len(words) >= 6 and bool(re.search(r"[.…!?][”\"’»)]?$", text.rstrip())))


def is_prose(text: str) -> bool:
    """Running text, not a title or a menu line: a dozen words ending a sentence, or twenty-five (a
    title may end in a bracket: `…Workers’ Party (ICWP)`)."""
    words = len(text.split())
    end = text.rstrip().rstrip("”\"»’)")[-1:]
    if end in "!?" and is_title_case(text):  # `We Don’t Want Crumbs, but the Whole Loaf and the Bakery Too!`
        return words >= 25
    return words >= 25 or (words >= 12 and end in ".!?…")


def is_title_line(text: str) -> bool:
    """A line that can name a story: short, and not a sentence."""
    return len(text.split()) <= 20 and not is_prose(text)


def is_link_line(text: str) -> bool:
    """A line of the site pointing elsewhere: `pdf version here`, `India (article here)`."""
    return is_title_line(text) and bool(LINK_WORD.search(text)) and not text.endswith(":")


def is_menu(text: str) -> bool:
    return phrasebook.fold(text) in phrasebook.lines("menu")


def is_title_list(text: str) -> bool:
    """WordPress's line of the page's pieces, with or without its link words: `Tel Aviv here ♦ Genocide
    in Gaza here ♦`, `A Letter ♦ Another ♦ A Third`, `Let’s Fight for Communism here ♩ It is genocide ♩`."""
    if phrasebook.is_teaser_line(text):
        return True
    parts = list_titles(text)
    return (sum(c in DINGBATS for c in text) >= 2 and len(parts) >= 2
            and all(len(p.split()) <= 16 and not is_prose(p) for p in parts))


def title_list_parts(text: str) -> list[str]:
    """The titles of a line of the page's pieces, without their link words."""
    return [t for t in (LINK_WORD.sub("", p).strip() for p in list_titles(text)) if t]


_GLUED = re.compile(r"(?<=[a-záéíóúñ0-9)!?”])(?=[A-ZÁÉÍÓÚÑ¿¡“])|(?<=[A-ZÁÉÍÓÚÑ]{2})(?=[A-ZÁÉÍÓÚÑ][a-záéíóúñ])")


def glued_titles(text: str) -> list[str]:
    """A list of titles whose line breaks the copy lost, as titles: `Nota para los lectoresNecesito Más
    Bandera RojaLucha de Clases…` → [`Nota para los lectores`, `Necesito Más Bandera Roja`, …] ([] when
    the line is no such list: it holds a sentence, or a part is no title)."""
    if re.search(r"[.;]\s", text):
        return []
    parts = [p.strip() for p in _GLUED.split(text) if p.strip()]
    return parts if len(parts) >= 2 and all(len(p.split()) <= 16 for p in parts) else []


def in_latin(text: str) -> bool:
    """Mostly Latin letters: a header of an English or Spanish page, not the site's link to an Arabic one."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c < "\u0250" for c in letters) >= 0.8 * len(letters)


def in_other_language(text: str, language: str) -> bool:
    """A line in another script than the page's, or, three words or more, surely in another language
    than the paper's two (`O Brasil: Trabalhadores não precisa…`, `Articles en Français`): on the
    paper's pages such a line outside the stories is the site's link to a page in that language."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if not in_latin(text):
        return True
    if len(text.split()) < 3:
        return False
    found, confidence = classify_among(text, LANGUAGES)
    return confidence >= FOREIGN_CONFIDENCE and found not in EDITIONS + (language.split("-")[0],)


def header_start(items: list, first: int, language: str, cells: set[int] = frozenset()) -> int:
    """Where the first story's header starts: up to HEADER_LINES title lines right above its first
    paragraph (`El Salvador May Day:` ⏎ `We Shall Be All`), furniture and teaser lines not counted, and
    none above a photo slot (two blank lines or more)."""
    k, start, taken = first, first, 0
    while k > 0 and taken < HEADER_LINES:
        text = _text(items[k - 1])
        k -= 1
        if text and (phrasebook.is_chrome(text) or is_link_line(text)):  # `BIGGER SMALLER`, `pdf version here`
            continue
        if k in cells:  # the site's header, copied as a table, ends where the story's header starts
            break
        if phrasebook.fullmatch("see_inside", text) or len(glued_titles(text)) >= 3:  # `On This Page:`, its list
            break
        if not text or not is_title_line(text) or in_other_language(text, language) or is_title_list(text) \
                or is_menu(text):
            break
        start, taken = k, taken + 1
        if items[k].source.gap >= 2:  # a photo slot above the kicker: what stands above it is not the header
            break
    return start


def _find_contents(items: list, layout: Layout, language: str, extra: set[str]) -> None:
    """The old site's front page: its column of links (leaflets, pamphlets), then the list of the
    issue's stories, then the site's menu (`Letters to Red Flag`, `Previous Issue`…), then links to
    pages in other languages, then the lead story. The list is the run of titles right above a run of
    menu lines, back to a photo slot (two blank lines or more) or a label (`Al Interior:`); the links,
    what stands above the list; the sidebar, what stands between that menu and the header. Without a
    menu (a page of WordPress) nothing is said here."""
    runs = _menu_runs(items, layout.header, extra)
    if not runs:
        return
    found = [(top, bottom, _contents_above(items, top, extra)) for top, bottom in runs]
    with_list = [run for run in found if run[0] - run[2] >= 2]
    top, bottom, start = with_list[-1] if with_list else found[-1]
    if with_list:
        for k in range(start, top):
            layout.roles[k] = "contents"
        for k in range(start):
            text = _text(items[k])
            if text and is_title_line(text) and not _site_line(text, extra) and not dateline_match(text):
                layout.roles[k] = "foreign" if in_other_language(text, language) else "links"
    for k in range(bottom + 1, layout.header):
        text = _text(items[k])
        if text and not _site_line(text, extra) and is_title_line(text):
            layout.roles[k] = "foreign" if in_other_language(text, language) else "sidebar"


def _contents_above(items: list, top: int, extra: set[str]) -> int:
    """Where the run of titles right above items[top] starts (`top` itself when there is none)."""
    start = top
    for k in range(top - 1, -1, -1):
        text = _text(items[k])
        if not text or _site_line(text, extra) or not is_title_line(text):
            break
        start = k
        if items[k].source.gap >= 2:
            break
    return start


def _menu_runs(items: list, header: int, extra: set[str]) -> list[tuple[int, int]]:
    """The first and last index of each run of two menu lines or more above the header (chrome between
    them counted in)."""
    runs, run = [], None
    for k in range(min(header, len(items))):
        text = _text(items[k])
        if text and is_menu(text):
            if run is None:
                run = [k, k, 0]
            run[1], run[2] = k, run[2] + 1
            if run[2] == 2:
                runs.append(run)
        elif not (text and (phrasebook.is_chrome(text) or phrasebook.fold(text) in extra)):
            run = None
    return [(top, bottom) for top, bottom, _ in runs]


def _find_page_title(items: list, layout: Layout) -> None:
    """The page's own title, its first line: a letters page's label (`Letters, Vol 11, No 2`, `More
    Letters to Red Flag`); or, on WordPress, a title over the line listing the page's pieces (a caption
    may stand between): `South Africa: Mobilizing Industrial Workers` ⏎ `Red Flag Study Group here ♦
    Among Factory Workers here ♦`. A labelled title (`Letters: Why I Joined`) is the page's when another
    title follows it before the prose. Without any of these, the first line is the story's headline."""
    k = next((k for k, item in enumerate(items) if isinstance(item, RAW) and not phrasebook.is_chrome(_text(item))),
             None)  # the site's chrome stands above it
    if k is None or k in layout.roles:
        return
    text = _text(items[k])
    if not text or not is_title_line(text) or is_title_list(text) or phrasebook.is_chrome(text) or is_menu(text):
        return
    if sum(phrasebook.fold(_text(item)) == phrasebook.fold(text) for item in items) > 1:
        return  # printed again below: a front page's teaser over its story, no page title
    label, captioned = phrasebook.fullmatch("letters_label", text), False
    if label and ":" not in text and not re.search(r"\bfrom\b|\bde\b|\bdesde\b", text, re.I):
        layout.roles[k] = "page-title"  # a bare label: `Letters to Red Flag`, `Cartas A Bandera Roja`
        return
    for j in range(k + 1, min(k + 4, len(items))):
        after = _text(items[j])
        if not after:
            if label and isinstance(items[j], (Box, SeeInside)):
                continue
            return
        if is_title_list(after):
            if phrasebook.fold(text) not in {phrasebook.fold(t) for t in title_list_parts(after)}:
                layout.roles[k] = "page-title"
            return
        if (label or captioned) and is_title_line(after) and not _caption_like(after) and (
                not re.search(r"[.,;:][”\"’»)]?$", after.rstrip()) or phrasebook.fullmatch("see_inside", after)):
            layout.roles[k] = "page-title"  # over a caption and the title of the page's first piece
            return
        if (not _caption_like(after) and not _over_a_piece(items, j)) or (len(after.split()) > 40 and dateline_match(after)):
            return  # a dateline of over 40 words opens the story: it is no caption
        captioned = True


def _over_a_piece(items: list, j: int) -> bool:
    """A short block over a title that a dateline-led paragraph follows (the piece's start): under a page's
    title it can only be the photo's caption (`In El Salvador, thousands gathered…` ⏎ `Workers Produce
    Everything—Need Communism` ⏎ `EL SALVADOR, March 31— …`)."""
    title, lead = (_text(items[j + 1]), _text(items[j + 2])) if j + 2 < len(items) else ("", "")
    return (len(_text(items[j]).split()) <= 80 and bool(title) and is_title_line(title) and not is_prose(title)
            and bool(dateline_match(lead)))


def _caption_like(text: str) -> bool:
    """A photo's caption standing between a page title and the line of its pieces or its first piece's
    title (`Pictured: …`, `Manchester, England February 2024: Rally against genocide in Gaza`,
    `Garment workers protest in Bengaluru, India, 2016`, a banner's words in quotes)."""
    return bool(dateline_match(text)) or place_date_lead(text) or bool(PLACE_ONLY_DATELINE.match(text)) \
        or text.lower().startswith(("pictured:", "foto:", "en la foto")) or sentence_caption(text) or quoted_only(text)


def sentence_caption(text: str) -> bool:
    """A short line in sentence case ending no sentence: what a photo shows (`Bengaluru Garment workers
    on strike in 2016`), not a title (its second word lowercase) nor prose (no full stop)."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return (2 <= len(text.split()) <= 25 and not text.rstrip().endswith((".", ":", ";", ",")) and len(words) > 2
            and not is_title_case(text) and not re.search(r"[.!?]\s", text))


def quoted_only(text: str) -> bool:
    """A line wholly in quotes and short: a banner's or a sign's words (`“Garment Workers From L. A. to
    Bangladesh, Destroy Wage Slavery”`)."""
    text = text.strip()
    return len(text.split()) <= 20 and text[:1] in "“\"«" and text[-1:] in "”\"»" and not re.search(r"[”\"»]\s*\S", text[1:-1])


def _site_line(text: str, extra: set[str]) -> bool:
    return phrasebook.is_chrome(text) or phrasebook.fold(text) in extra or is_menu(text) \
        or bool(phrasebook.fullmatch("see_inside", text))


def _text(item) -> str:
    return text_of(item) if isinstance(item, (Paragraph, Heading)) else ""
