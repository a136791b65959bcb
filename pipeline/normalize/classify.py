"""Classifying steps: say what each raw block is — masthead, jump line, box, caption, sign-off, heading.

They run before paragraphs are rejoined, because the join must know what it may not glue onto prose.
Each step turns matching `Paragraph`/`Heading` blocks into the model type they are and leaves the rest.
"""

from __future__ import annotations

import re

from ..lang import phrasebook
from ..lang.patterns import (SIGNOFF, dateline_match, ends_open, is_all_caps, is_cjk, is_title_case, normalize_key,
                             starts_continuation)
from ..model import (BlockQuote, Box, Caption, Emphasis, Heading, Issue, JumpLine, LineBreak, ListBlock, Masthead, Note,
                     Paragraph, SeeInside, Signoff, Source, Strong, TeaserItem, Text)
from ..model.inlines import merge_inlines, plain_text, quote, split_inlines, text_of
from ..readers.overrides import override_note
from .edit import revise

_RAW = (Paragraph, Heading)
_SLUG_WORDS = 16  # a jump line's slug is a headline, not a sentence
JUMP_LINE_LONGEST = 200  # characters: longer, it is prose
# Where a jump line can start after the words before it: after a sentence, or after a word's break hyphen.
_SENTENCE_GAP = re.compile(r"(?<=[.!?”\"’)\w]-|[.!?”\"’)] )\s*(?=\(|[A-ZÁÉÍÓÚÑ])")


def find_masthead(issue: Issue) -> Issue:
    """The nameplate at the head of the file: the paper's name, the slogan, the party/website line.

    `RED FLAG` ⏎ `MOBILIZE THE MASSES FOR COMMUNISM` ⏎ `THE INTERNATIONAL … WWW.ICWPREDFLAG.ORG` → Masthead.
    The first block must be the paper's name as publication.yaml gives it, or, with no name known,
    a short all-caps line followed by an all-caps slogan and a web address.
    """
    items = list(issue.items)
    if not items or not isinstance(items[0], _RAW):
        return issue
    title = text_of(items[0])
    taken = [items[0]]
    for block in items[1:3]:
        text = text_of(block)
        if not isinstance(block, _RAW) or not is_all_caps(text) or len(text) > 120:
            break
        taken.append(block)
    name = normalize_key(issue.metadata.publication)
    if name:
        if normalize_key(title) != name:
            return issue
    elif not (is_all_caps(title) and len(title.split()) <= 4 and len(taken) == 3
              and "www" in text_of(taken[2]).lower()):
        return issue
    slogan = taken[1].inlines if len(taken) > 1 else ()
    lines = tuple(_fields_as_lines(b.inlines) for b in taken[2:])
    masthead = Masthead(taken[0].inlines, slogan, lines, taken[0].source.through(taken[-1].source))
    note = Note("find_masthead", masthead.source.first, f"masthead {quote(title)}")
    return revise(issue, [masthead] + items[len(taken):], [note])


def _fields_as_lines(inlines):
    """A masthead line whose fields are set apart by runs of spaces, one field per line:
    `THE INTERNATIONAL … PARTY  WWW.ICWPREDFLAG.ORG` → two lines."""
    out = []
    for node in inlines:
        if isinstance(node, Text):
            for k, part in enumerate(re.split(r" {2,}", node.text)):
                out += [LineBreak(True)] * bool(k) + [Text(part)]
        else:
            out.append(node)
    return merge_inlines(out)


def find_jump_lines(issue: Issue) -> Issue:
    """Continuation lines, in every phrasing of the phrasebook: `See: **X,**” page 3`, `(Continued on
    page 5)`, `Pasa a la página 6` (out); `X, from page 1`, `CONTINUED FROM PAGE 1: X`, `Viene de la
    página 1: X` (in). One standing as the last line of a block, or closing its last sentence
    (`…the ele-` ⏎ `Continued on page 6`), is split off, so the paragraph is not glued to it."""
    items, notes = [], []
    for block in issue.items:
        if override := issue.overridden("not-jump", range(block.source.first, block.source.last + 1)):
            notes.append(override_note(override, f"{quote(text_of(block))} kept as text, not a jump line"))
            items.append(block)
            continue
        jump = jump_line(text_of(block), block.source) if isinstance(block, _RAW) else None
        if jump is None and isinstance(block, Paragraph):
            head, jump = _trailing_jump(block)
            if jump is not None:
                items.append(head)
        if jump:
            notes.append(Note("find_jump_lines", jump.source.first,
                              f"jump {jump.direction}: {quote(jump.slug) if jump.slug else 'no slug'} page {jump.page}"))
        items.append(jump or block)
    return revise(issue, items, notes)


def jump_line(text: str, source: Source) -> JumpLine | None:
    """`text` (a whole block's words) as a jump line, or None. A slug must read as a headline, not a
    sentence (`We met them, from page 1 of…` is prose)."""
    if len(text) > JUMP_LINE_LONGEST:
        return None
    for direction in ("out", "in"):
        if m := phrasebook.fullmatch(f"jump_{direction}", text):
            slug = phrasebook.group(m, "slug").strip(" ,:;“”\"'’()")
            if len(slug.split()) > _SLUG_WORDS or re.search(r"[.!?]\s+\S", slug):
                return None
            if direction == "in" and slug and not (is_all_caps(slug) or is_title_case(slug)):
                return None  # `Lea el artículo de la página 1` is prose; a slug is a headline
            return JumpLine(slug, phrasebook.group(m, "page"), direction, source, text)
    return None


def _trailing_jump(block: Paragraph):
    """(the paragraph without it, the jump) when the block's last line, or its last words after a
    sentence or a hyphen, are a jump line out; (block, None) otherwise."""
    lines = _split_lines(block.inlines)
    if len(lines) > 1:
        last = " ".join(plain_text(lines[-1]).split())
        jump = jump_line(last, Source(block.source.last, block.source.last, 0))
        if jump is not None and jump.direction == "out":
            return _without_last_line(block, lines, hard=False), jump
    text = plain_text(block.inlines)
    gaps = list(_SENTENCE_GAP.finditer(text))
    rests = _folded_rests(text, [m.end() for m in gaps], JUMP_LINE_LONGEST)  # the words after each of the last
    for m, rest in zip(gaps[len(gaps) - len(rests):], rests):
        jump = jump_line(rest, Source(block.source.last, block.source.last, 0))
        if jump is not None and jump.direction == "out":
            head, _ = split_inlines(block.inlines, len(text[:m.start()].rstrip()))
            return Paragraph(head, block.source, block.dateline), jump
    return block, None


def _folded_rests(text: str, starts: list[int], width: int) -> list[str]:
    """`" ".join(text[start:].split())` for each of the last `starts` (ascending) where that is at most
    `width` long — a run at the end, since a rest only grows towards the start. Built from the end,
    each stretch folded once: folding the whole rest at every sentence of a long paragraph is quadratic."""
    rests: list[str] = []
    rest, stop = "", len(text)
    for start in reversed(starts):
        piece = " ".join(text[start:stop].split())
        apart = stop < len(text) and (text[stop - 1].isspace() or text[stop].isspace())  # else one word goes on
        rest = f"{piece}{' ' if apart else ''}{rest}" if piece and rest else piece or rest
        if len(rest) > width:
            break
        rests.append(rest)
        stop = start
    return rests[::-1]


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
    if not isinstance(block, _RAW):
        return None, 0
    text = text_of(block)
    if phrasebook.starts("letters_box", text):
        return _box("letters", [block]), 1
    if phrasebook.starts("ad_start", text):
        run = _run_until(items, i, lambda b: phrasebook.search("ad_end", text_of(b)), limit=4)
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
                         and not phrasebook.starts("issue_line", text_of(b)) and not _leaves_contact(text_of(b)))
        return _box("contact", run), len(run)
    if phrasebook.starts("web_box", text):
        run = _run_while(items, i, lambda b: b.source.gap <= 1 and isinstance(b, Paragraph) and not _is_stack(b))
        return _box("web", run), len(run)
    if phrasebook.starts("subscribe", text):
        run = _run_while(items, i, lambda b: b.source.gap <= 1 and isinstance(b, (Paragraph, ListBlock))
                         and not phrasebook.starts("letters_box", text_of(b)))
        return _box("subscribe", run), len(run)
    if form == "web" and re.search(r":\s*here$", text) and len(text.split()) <= 20:
        return _box("ad", [block]), 1
    if isinstance(block, Paragraph) and _is_stack(block) and not _all_strong(block):
        return _box("notice", [block]), 1
    return None, 0


def _leaves_contact(text: str) -> bool:
    """Where the contact block ends: at a headline or a kicker (capitals, Title Case, a short label),
    a dateline, or running prose with no address in it."""
    if phrasebook.search("contact", text) or "www" in text.lower() or re.search(r"\d{3}", text):
        return False
    return is_all_caps(text) or is_title_case(text) or _is_label(text) or bool(dateline_match(text)) \
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
        if not isinstance(block, _RAW):
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


def _is_stack(block: Paragraph) -> bool:
    """Three or more short lines stacked in one block (`MOBILIZE THE MASSES…` ⏎ `…Party` ⏎ `www…`)."""
    lines = plain_text(_breaks_as_newlines(block.inlines)).split("\n")
    return len(lines) >= 3 and all(len(line) < 60 for line in lines)


def _breaks_as_newlines(inlines):
    return tuple(Text("\n") if isinstance(n, LineBreak) else n for n in inlines)


def _soft_to_spaces(inlines):
    """Stacked teaser lines read as one line: `RESISTANCE⏎TO DEPORTATIONS` → `RESISTANCE TO DEPORTATIONS`."""
    return merge_inlines(tuple(Text(" ") if isinstance(n, LineBreak) else n for n in inlines))


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
        poster = is_cjk(text) and in_slot  # its language is marked later, with every run's (mark_languages)
        if poster:
            pass
        elif issue.form == "web" and _stands_over_a_headline(block, before, after, items[i + 2: i + 3]):
            pass
        elif not (dateline_match(text) and in_slot) or _looks_like_heading(before):
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
    return (len(text_of(block).split()) <= 60 and (before is None or isinstance(before, (SeeInside, Box, Caption, Signoff)))
            and after is not None and _is_title_like(after) and not _is_title_like(block)
            and bool(beyond) and isinstance(beyond[0], Paragraph) and not _is_title_like(beyond[0]))


def _opens_story(text: str, after) -> bool:
    """A dateline block of three or more sentences followed by prose opens a story, not a photo."""
    sentences = len(re.findall(r"[.!?][”\"]?\s+(?=[A-Z“\"])", text)) + 1
    return (sentences >= 3 and isinstance(after, Paragraph) and after.source.gap <= 1
            and not dateline_match(text_of(after)) and not _is_title_like(after))


def _ends_figure(items: list, i: int) -> bool:
    return i >= len(items) or isinstance(items[i], Heading) or items[i].source.gap >= 2


def split_signoffs(issue: Issue) -> Issue:
    """Sign-offs closing letters: a whole block `—Comrade in Pasadena (USA)`, or the last line of one
    (`…and more papers!` ⏎ `— Seattle Comrade`). Italic dialogue (`*—I'm going to tell you…*`) is not."""
    items, notes = [], []
    blocks = list(issue.items)
    for k, block in enumerate(blocks):
        if _is_undashed_signoff(block, blocks[k - 1] if k else None, blocks[k + 1] if k + 1 < len(blocks) else None):
            items.append(Signoff(merge_inlines((Text("—"),), block.inlines), block.source))  # set like every sign-off
            notes.append(Note("split_signoffs", block.source.first, f"sign-off with no dash {quote(text_of(block))}"))
            continue
        if isinstance(block, Paragraph) and not _all_emphasis(block):
            lines = _split_lines(block.inlines)
            last = " ".join(plain_text(lines[-1]).split())
            if _is_signoff(last):
                signoff = Signoff(_em_dash_lead(lines[-1]), Source(block.source.last, block.source.last, 0 if len(lines) > 1 else block.source.gap))
                if len(lines) > 1:
                    items.append(_without_last_line(block, lines, hard=True))
                items.append(signoff)
                notes.append(Note("split_signoffs", block.source.last, f"sign-off {quote(last)}"))
                continue
        items.append(block)
    return revise(issue, items, notes)


def _without_last_line(block: Paragraph, lines: list[tuple], hard: bool) -> Paragraph:
    """The block less its last line (`lines`, from `_split_lines`); the breaks between the lines left
    are kept, hard or soft."""
    body = merge_inlines(*[run + (LineBreak(hard),) for run in lines[:-2]], lines[-2])
    return Paragraph(body, Source(block.source.first, block.source.last - 1, block.source.gap))


def _is_undashed_signoff(block, before, after) -> bool:
    """`Camarada en las Maquilas` closing a letter with no dash: a signer's few words on their own line,
    after running prose, with no more prose after them."""
    if not (isinstance(block, Paragraph) and isinstance(before, Paragraph)):
        return False
    text = text_of(block)
    return (len(text.split()) <= 8 and bool(phrasebook.fullmatch("signer", text)) and text[:1].isupper()
            and len(text_of(before).split()) >= 12 and not ends_open(text_of(before))
            and (after is None or not isinstance(after, Paragraph) or len(text_of(after).split()) <= 12))


def _em_dash_lead(inlines):
    """A sign-off's leading hyphen(s) as the paper's em dash: `-Metal worker…` → `—Metal worker…`."""
    first = inlines[0] if inlines else None
    if isinstance(first, Text) and re.match(r"--?(?!-)", first.text):
        return (Text(re.sub(r"^--?\s?", "—", first.text)),) + tuple(inlines[1:])
    return inlines


def _is_signoff(text: str) -> bool:
    return bool(SIGNOFF.match(text)) and not re.search(r"[.!?]\s+\S", text) and len(text.split()) <= 12


def _all_emphasis(block) -> bool:
    return len(block.inlines) == 1 and isinstance(block.inlines[0], Emphasis)


def _split_lines(inlines) -> list[tuple]:
    """Split a run at its top-level line breaks."""
    lines: list[list] = [[]]
    for node in inlines:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return [tuple(line) for line in lines if line]


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
                   and starts_continuation(text_of(after)))
        titled = len(text) <= 200 and (is_all_caps(text) or is_title_case(text)) and not runs_on
        if not titled and (_is_quoted_kicker(text) or _is_label(text)) and _looks_like_heading(after) \
                and after.source.gap <= 1:
            titled = True
        if titled:
            items[i] = Heading(0, block.inlines, block.source)
            notes.append(Note("find_headings", block.source.first, f"heading {quote(text)}"))
    return revise(issue, items, notes)


def _is_label(text: str) -> bool:
    """A kicker in sentence case, as the Spanish edition sets them: `Círculo de estudio`, `Obreros
    portuarios` — a few words, capitalised, with no sentence punctuation and no digits."""
    words = text.split()
    return (0 < len(words) <= 5 and len(text) <= 50 and text[0].isupper() and not re.search(r"[\d.,;:!?…]", text))


def _is_quoted_kicker(text: str) -> bool:
    return len(text) <= 90 and text[:1] in "“\"«" and text[-1:] in "”\"»" and not ends_open(text)


def _is_title_like(block) -> bool:
    """A heading, or a short block in capitals or Title Case that will become one."""
    text = text_of(block) if isinstance(block, (Paragraph, Heading)) else ""
    return isinstance(block, Heading) or (len(text) <= 200 and (is_all_caps(text) or is_title_case(text)))


def _looks_like_heading(block) -> bool:
    if isinstance(block, Heading):
        return True
    text = text_of(block) if isinstance(block, Paragraph) else ""
    return bool(text) and len(text) <= 200 and is_all_caps(text)


def find_block_quotes(issue: Issue) -> Issue:
    """Quoted speech set off from the text: a paragraph wholly in italics that opens with a dash,
    `*— "Rats pollute where you are working."*` → BlockQuote. (Runs after the joins, so a quotation
    split by a column break is whole first.)"""
    items, notes = [], []
    for block in issue.items:
        if isinstance(block, Paragraph) and _wholly_emphasis(block) and re.match(r"^[—–-]\s?\S", text_of(block)):
            items.append(BlockQuote(block.inlines, block.source))
            notes.append(Note("find_block_quotes", block.source.first, f"quotation {quote(text_of(block))}"))
        else:
            items.append(block)
    return revise(issue, items, notes)


def _wholly_emphasis(block) -> bool:
    return all(isinstance(n, Emphasis) or (isinstance(n, Text) and not n.text.strip()) for n in block.inlines) \
        and any(isinstance(n, Emphasis) for n in block.inlines)
