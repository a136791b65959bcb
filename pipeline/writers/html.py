"""HTML writer: an issue as one standalone, semantic HTML5 document (the contract in README), and the
web page made of it (`render_web_page`: its stylesheet and photos inlined).

The markup is also well-formed XHTML (void elements self-closed, every attribute quoted), so the
EPUB writer renders its documents from the same functions and the two cannot drift. No layout is
decided here: classes name what a thing is, and styles/*.css decide how it looks.
"""

from __future__ import annotations

from html import escape

from ..lang.labels import LABELS, date_range, issue_title, label
from ..model import (Article, BlockQuote, Box, Caption, Emphasis, Foreign, Heading, Headline, Issue, JumpLine,
                     LineBreak, Link, ListBlock, Masthead, Paragraph, SeeInside, Signoff, Strong, Subhead, Text,
                     narrowest_holding)
from ..model.inlines import plain_text
from ..readers.photos import issue_photos, photo_folder, read_photo
from . import STYLES

BR = "<br/>"
JOINABLE = (Paragraph, ListBlock, BlockQuote)  # what the joins make; rendered without a class of their own


def unmarked(node) -> str:
    """No extra attributes: the published HTML."""
    return ""


def render_html(issue: Issue, stylesheet: str = "", annotate: bool = False, print_edition: bool = True) -> str:
    """The whole document: `<html lang>`, the issue title, author and description (which the PDF
    takes as its metadata), the stylesheet inlined (no fetches), a running head for print pages.
    `annotate` is for the editor's preview: every block names its manuscript lines, and the
    pipeline's guesses are marked (see `source_marks`, `render_guesses`). Without `print_edition` (the
    web page) print-only boxes are left out (their notes say so)."""
    mark = source_marks(issue) if annotate else unmarked
    guesses = render_guesses(issue) if annotate else ""
    meta = issue.metadata
    if not print_edition and not any(isinstance(item, Masthead) for item in issue.items):
        # web copy has no masthead: the page is still headed by the paper's name and issue line (axe:
        # page-has-heading-one); the print edition stays as the manuscript had it
        issue_line = render_issue_line(meta)
        guesses += (f'<header class="masthead">\n<h1 class="nameplate">{escape(meta.publication or issue_title(meta))}</h1>\n'
                    + (f'<p class="issue-line">{issue_line}</p>\n' if issue_line else "") + "</header>\n")
    style = f"<style>\n{stylesheet}</style>\n" if stylesheet else ""
    author = f'<meta name="author" content="{escape(meta.publisher)}"/>\n' if meta.publisher else ""
    title = escape(issue_title(meta))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(meta.language)}">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{title}</title>\n{author}"
        f'<meta name="description" content="{escape(issue_description(issue))}"/>\n{style}</head>\n'
        f'<body class="issue">\n<p class="running-head" aria-hidden="true">{title}</p>\n'
        f"{guesses}<main>\n{render_items(issue, mark, print_edition)}</main>\n</body>\n</html>\n"
    )


def issue_description(issue: Issue, stories: int = 3) -> str:
    """The sidecar's description, or the lead stories' headlines: `Lead stories: A; B; C.`"""
    if issue.metadata.description:
        return issue.metadata.description
    heads = [story_title(a) for a in issue.items if isinstance(a, Article) and not a.headline.derived]
    lead = "; ".join(heads[:stories])
    return f"{label(issue.metadata.language, 'lead_stories')}: {lead}." if lead else ""


def render_items(issue: Issue, mark=unmarked, print_edition: bool = True) -> str:
    """Every item of the issue in reading order (print-only boxes only in the print edition). `mark(node)`
    gives each element's extra attributes."""
    lang = issue.metadata.language
    items = [item for item in issue.items if print_edition or not getattr(item, "print_only", False)]
    if print_edition:
        return "".join(render_item(item, issue, lang, mark) for item in items)
    names = _box_names([item for item in items if isinstance(item, Box)], lang)
    return "".join(render_box(item, mark=mark, name=names[id(item)]) if isinstance(item, Box)
                   else render_item(item, issue, lang, mark) for item in items)


def _box_names(boxes: list[Box], lang: str) -> dict[int, str]:
    """On the web page each box is a landmark, so each needs a name of its own (axe: landmark-unique):
    its title, else what kind of box it is, numbered where two would share one."""
    names, used = {}, {}
    for box in boxes:
        kind = f"box_{box.kind}" if f"box_{box.kind}" in LABELS["en"] else "box"
        name = plain_text(box.title) if box.title else label(lang, kind)
        used[name] = used.get(name, 0) + 1
        names[id(box)] = name if used[name] == 1 else f"{name} {used[name]}"
    return names


def render_item(item, issue: Issue, lang: str, mark=unmarked) -> str:
    if isinstance(item, Article):
        return render_article(item, lang, mark)
    if isinstance(item, Masthead):
        return render_masthead(item, issue, mark)
    if isinstance(item, Box):
        return render_box(item, mark=mark)
    if isinstance(item, SeeInside):
        return render_see_inside(item, lang, mark=mark)
    return render_block(item, mark=mark)


def render_article(article: Article, lang: str, mark=unmarked, epub: bool = False) -> str:
    """`<article id>` with its `<header>` (kicker, `<h2>` headline and deck in an `<hgroup>`), body and,
    for a story whose continuation is missing, the note saying where it goes on. A letter (a story of
    the letters section) is `class="story letter"`; in the EPUB (`epub`) it is also
    `epub:type="z3998:letter"`, its salutation `z3998:salutation` and its sign-off `z3998:signature`."""
    title_id = f"{article.id}-title"
    letter = article.section == "letters"
    classes = "story" + (" letter" if letter else "") + (" incomplete" if article.incomplete else "")
    header = []
    if article.kicker:
        header.append(f'<p class="kicker"{mark(article.kicker)}{render_own_language(article.kicker.inlines)}</p>')
    derived = " derived-title" if article.headline.derived else ""
    header.append(f'<h2 id="{title_id}" class="headline{derived}"{mark(article.headline)}'
                  f'{render_own_language(article.headline.inlines)}</h2>')
    if article.deck:
        header.append(f'<p class="deck"{mark(article.deck)}{render_own_language(article.deck.inlines)}</p>')
    heading = "\n".join(header)
    if len(header) > 1:
        heading = f"<hgroup>\n{heading}\n</hgroup>"
    blocks = []
    for k, block in enumerate(article.body):
        html = render_block(block, mark=mark)
        if epub and letter and isinstance(block, Signoff):
            html = html.replace('<p class="signoff"', '<p class="signoff" epub:type="z3998:signature"', 1)
        elif epub and letter and k == _salutation(article) and html.startswith("<p"):
            html = '<p class="salutation" epub:type="z3998:salutation"' + html[2:]
        blocks.append(html)
    body = "".join(blocks)
    if article.incomplete:  # says only that the rest is not in this edition: true in every output
        body += f'<p class="continued">{escape(label(lang, "continued"))}</p>\n'
    semantics = ' epub:type="z3998:letter"' if epub and letter else ""
    return (f'<article id="{article.id}" class="{classes}"{semantics} aria-labelledby="{title_id}"{mark(article)}>\n'
            f'<header>\n{heading}\n</header>\n{body}</article>\n')


def _salutation(article: Article) -> int:
    """The index of a letter's salutation (`Dear comrades,`, `Comrades:`, `Queridos compañeros:`): a
    short first paragraph ending in a comma or colon; -1 when it has none."""
    for k, block in enumerate(article.body):
        if isinstance(block, Paragraph):
            words = plain_text(block.inlines).strip()
            return k if len(words.split()) <= 6 and words.endswith((",", ":")) and not block.dateline else -1
    return -1


def render_block(block, soft: str = " ", mark=unmarked) -> str:
    """One body block. `soft` is what a soft line break becomes (a space in prose)."""
    marks = mark(block)
    if isinstance(block, Paragraph):
        if block.dateline:
            dateline = f'<span class="dateline">{render_inlines(block.dateline)}</span>'
            return f"<p{marks}>{dateline}{render_inlines(block.inlines, soft)}</p>\n"
        return f"<p{marks}{render_own_language(block.inlines, soft)}</p>\n"
    if isinstance(block, (Subhead, Heading)):
        return f"<h3{marks}{render_own_language(block.inlines)}</h3>\n"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{render_inlines(item, soft)}</li>\n" for item in block.items)
        return f"<{tag}{marks}>\n{items}</{tag}>\n"
    if isinstance(block, BlockQuote):
        return f"<blockquote{marks}><p{render_own_language(block.inlines, soft)}</p></blockquote>\n"
    if isinstance(block, Caption):
        return render_caption(block, marks)
    if isinstance(block, Signoff):
        return f'<p class="signoff"{marks}{render_own_language(block.inlines)}</p>\n'
    if isinstance(block, JumpLine):
        return f'<p class="jump"{marks}>{escape(block.text)}</p>\n'
    raise TypeError(f"no HTML for {type(block).__name__}")


PHOTO_HREF = "photos/"  # where a photo is, from the document: the EPUB packs it there, the PDF and HTML writers map it


def render_caption(block: Caption, marks: str = "") -> str:
    """`<figure class="photo">` with its `<figcaption>`; with the photo the editor gave, `class="photo
    with-image"` and the `<img>` above the caption (its words are the image's `alt`)."""
    caption = f"<figcaption{render_own_language(block.inlines)}</figcaption>"
    if not block.photo:
        return f'<figure class="photo"{marks}>{caption}</figure>\n'
    image = (f'<img src="{PHOTO_HREF}{escape(block.photo)}" alt="{escape(plain_text(block.inlines))}" '
             f'width="{block.width}" height="{block.height}"/>')
    return f'<figure class="photo with-image"{marks}>{image}{caption}</figure>\n'


def render_box(box: Box, semantics: str = "", mark=unmarked, name: str = "") -> str:
    """`<aside class="box KIND">`: lines kept as lines. `semantics` adds attributes the format
    wants (the EPUB's `epub:type`); `name` its accessible name (`aria-label`)."""
    title = f'<h2 class="box-title"{render_own_language(box.title)}</h2>\n' if box.title else ""
    body = "".join(render_block(block, soft=BR, mark=mark) for block in box.blocks)
    extra = f" {semantics}" if semantics else ""
    extra += f' aria-label="{escape(name)}"' if name else ""
    return f'<aside class="box {escape(box.kind)}"{extra}{mark(box)}>\n{title}{body}</aside>\n'


def render_masthead(masthead: Masthead, issue: Issue, mark=unmarked) -> str:
    """`<header class="masthead">`: nameplate, slogan, the lines under them, and the issue line."""
    meta = issue.metadata
    parts = [f'<h1 class="nameplate">{render_inlines(masthead.title)}</h1>']
    if masthead.slogan:
        parts.append(f'<p class="slogan">{render_inlines(masthead.slogan)}</p>')
    parts += [f'<p class="masthead-line">{render_inlines(line, BR)}</p>' for line in masthead.lines]
    if issue_line := render_issue_line(meta):
        parts.append(f'<p class="issue-line">{issue_line}</p>')
    return f'<header class="masthead"{mark(masthead)}>\n' + "\n".join(parts) + "\n</header>\n"


def render_issue_line(meta) -> str:
    """`Vol. 16 No. 4 · <time datetime="2025-03-12">March 12 – April 2, 2025</time>`: what of the
    volume, number and dates the metadata has (the masthead's, the EPUB's title page and colophon)."""
    issue_line = []
    if meta.volume and meta.number:
        issue_line.append(escape(label(meta.language, "volume_number", volume=meta.volume, number=meta.number)))
    if meta.date_start:
        issue_line.append(f'<time datetime="{meta.date_start}">'
                          f"{escape(date_range(meta.date_start, meta.date_end, meta.language))}</time>")
    return " · ".join(issue_line)


def render_see_inside(box: SeeInside, lang: str, href=lambda target: f"#{target}", mark=unmarked) -> str:
    """`<nav class="see-inside">` whose items link to the stories they announce (`href` maps a story
    id to its address: a fragment here, a file in the EPUB)."""
    items = []
    for teaser in box.items:
        words = render_inlines(teaser.inlines)
        words = f'<a href="{href(teaser.target)}">{words}</a>' if teaser.target else words
        blurb = f' <span class="blurb">{render_inlines(teaser.blurb)}</span>' if teaser.blurb else ""
        items.append(f"<li>{words}{blurb}</li>")
    title = escape(label(lang, "see_inside"))
    return (f'<nav class="see-inside" aria-label="{title}"{mark(box)}>\n<h2 class="box-title">{title}</h2>\n'
            f"<ul>\n" + "\n".join(items) + "\n</ul>\n</nav>\n")


def render_own_language(inlines, soft: str = " ") -> str:
    """The rest of an element's start tag, then its content: a block all in another language carries
    it on the element itself (`<p` + ` lang="ar" xml:lang="ar" dir="rtl">…`), so it is set, aligned
    and hyphenated as that language; any other block just closes the tag (`>…`)."""
    if len(inlines) == 1 and isinstance(inlines[0], Foreign):
        return f"{language_attributes(inlines[0])}>{render_inlines(inlines[0].children, soft)}"
    return f">{render_inlines(inlines, soft)}"


def language_attributes(node: Foreign) -> str:
    """` lang="ar" xml:lang="ar" dir="rtl"`: both attributes, for HTML and the EPUB's XHTML alike."""
    lang = escape(node.lang)
    return f' lang="{lang}" xml:lang="{lang}"' + (' dir="rtl"' if node.rtl else "")


def render_inlines(inlines, soft: str = " ") -> str:
    """Inline nodes as HTML: `<em>`, `<strong>`, `<a href>`; a hard break is `<br/>`; a run in another
    language `<span lang>`, or, right to left, `<bdi lang dir="rtl">` (isolated, so the words and
    punctuation around it keep their order)."""
    out = []
    for node in inlines:
        if isinstance(node, Foreign):
            tag = "bdi" if node.rtl else "span"
            out.append(f"<{tag}{language_attributes(node)}>{render_inlines(node.children, soft)}</{tag}>")
        elif isinstance(node, Text):
            out.append(escape(node.text, quote=False))
        elif isinstance(node, Emphasis):
            out.append(f"<em>{render_inlines(node.children, soft)}</em>")
        elif isinstance(node, Strong):
            out.append(f"<strong>{render_inlines(node.children, soft)}</strong>")
        elif isinstance(node, Link) and node.live:
            out.append(f'<a href="{escape(node.url)}">{render_inlines(node.children, soft)}</a>')
        elif isinstance(node, Link):  # never a live `javascript:` or `file:` link, even from an edited model
            out.append(render_inlines(node.children, soft))
        elif isinstance(node, LineBreak):
            out.append(BR if node.hard else soft)
    return "".join(out)


def story_title(article: Article) -> str:
    """A story's headline as plain text (for navigation, bookmarks, reports)."""
    return plain_text(article.headline.inlines)


def source_marks(issue: Issue):
    """For the editor's preview, `mark(node)`: its manuscript lines (`data-lines="12–14"`, and a
    `title` to show them on hover); a block the pipeline joined across a break also gets
    `class="guess-join"` and the join's notes, and a derived headline the override that replaces it."""
    joins = _joins_by_block(issue)

    def mark(node) -> str:
        source = getattr(node, "source", None)
        if source is None:
            return ""
        lines = str(source.first) if source.first == source.last else f"{source.first}–{source.last}"
        hints = [f"manuscript lines {lines}", *joins.get(id(node), ())]
        if isinstance(node, Headline) and node.derived:
            hints.append(f'derived from the first words; set it: {{action: title, at: {source.first}, value: "…"}}')
        guess = ' class="guess-join"' if id(node) in joins else ""
        return f'{guess} data-lines="{lines}" title="{escape(chr(10).join(hints))}"'

    return mark


def _joins_by_block(issue: Issue) -> dict[int, list[str]]:
    """id(block) → the notes of the joins made inside it. A join's note stands on the last line
    before its break, so it belongs to the narrowest block holding that line (a paragraph stitched
    across a jump spans every line between its parts, other stories' too)."""
    blocks = [block for item in issue.items for block in _blocks_of(item) if isinstance(block, JOINABLE)]
    joins: dict[int, list[str]] = {}
    for note in filter(_is_join, issue.notes):
        if (block := narrowest_holding(blocks, note.line)) is not None:
            joins.setdefault(id(block), []).append(note.message)
    return joins


def _blocks_of(item) -> tuple:
    """The blocks a story or a box is made of; any other item is a block itself."""
    if isinstance(item, Article):
        return item.body
    return item.blocks if isinstance(item, Box) else (item,)


def _is_join(note) -> bool:
    """The notes of join_split_paragraphs, and those of a jump's seam, which stitch_jumps words
    alike (`lines 29→107: … (lowercase start)`) among its other notes."""
    return note.step == "join_split_paragraphs" or (note.step == "stitch_jumps" and note.message.startswith("lines "))


def render_guesses(issue: Issue) -> str:
    """For the editor's preview, `<aside class="preview-guesses">` above the issue: the warnings,
    the things to review and the text dropped, each with its manuscript line."""
    notes = issue.notes
    groups = (("warnings", "Warnings", [(n.line, n.message) for n in notes if n.level == "warning"]),
              ("review", "To review", [(n.line, n.message) for n in notes if n.level == "review"]),
              ("dropped", "Dropped text", [(n.line, f"“{n.dropped}” ({n.step.replace('_', ' ')})")
                                           for n in notes if n.dropped]))
    parts = []
    for kind, heading, entries in groups:
        items = "".join(f'<li data-lines="{line}">line {line}: {escape(text, quote=False)}</li>\n'
                        for line, text in entries)
        parts.append(f'<section class="{kind}">\n<h2>{heading} ({len(entries)})</h2>\n'
                     + (f"<ul>\n{items}</ul>\n" if items else "<p>None.</p>\n") + "</section>\n")
    return '<aside class="preview-guesses">\n' + "".join(parts) + "</aside>\n"


def render_web_page(issue: Issue) -> str:
    """The issue's web page (`build/x/x.html`): screen.css inlined, print-only boxes left out, every
    photo a `data:` URL, so the one file stands alone."""
    stylesheet = (STYLES / "screen.css").read_text(encoding="utf-8")
    return inline_photos(render_html(issue, stylesheet, print_edition=False), issue)


def inline_photos(html: str, issue: Issue) -> str:
    """The HTML with each photo's `src` a `data:` URL, so the document stands alone as it always has
    (its stylesheet is inlined too). The photos are read again, and checked again, from their folder."""
    import base64

    folder = photo_folder(issue.path)
    for caption in issue_photos(issue):
        data, kind, _, _ = read_photo(folder / caption.photo)
        html = html.replace(f'src="{PHOTO_HREF}{caption.photo}"', f'src="data:{kind};base64,{base64.b64encode(data).decode()}"')
    return html
