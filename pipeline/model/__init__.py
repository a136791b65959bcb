"""The document model: an issue of the paper in newspaper words, as frozen dataclasses importing nothing.

Readers build it, normalizing steps map it to a new one, writers render it. Children are tuples, so
every value is immutable and two equal issues compare equal. Every block carries its `Source`, the
manuscript lines it came from, so reports and errors can point an editor at the raw text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

# --------------------------------------------------------------------------------------------------
# Where a block came from


@dataclass(frozen=True)
class Source:
    """Manuscript lines `first`..`last` (1-based), and how many blank lines stood before them; `page`,
    the print page they were on, where the manuscript shows its pages (1-based; 0 when it does not).

    The blank-line run is the best layout evidence flat text keeps: two or more mean a photo slot.
    """

    first: int
    last: int
    gap: int = 1
    page: int = 0

    def through(self, other: Source) -> Source:
        """The span from this block to `other`, keeping this block's gap and page."""
        return Source(min(self.first, other.first), max(self.last, other.last), self.gap, self.page)


def narrowest_holding(nodes, line: int):
    """Of `nodes` (anything with a `source`), the one holding manuscript line `line` most narrowly, or
    None. A paragraph stitched across a jump spans every line between its parts, other stories' too,
    so the narrowest holder is the block the line belongs to."""
    holding = [n for n in nodes if n is not None and n.source.first <= line <= n.source.last]
    return min(holding, key=lambda n: n.source.last - n.source.first, default=None)


# --------------------------------------------------------------------------------------------------
# Inline content


@dataclass(frozen=True)
class Text:
    """A run of plain text."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Emphasised text (`*x*` in markdown), rendered `<em>`."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Strongly emphasised text (`**x**`), rendered `<strong>`."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A hyperlink: a web address, a `mailto:` or an in-issue `#story-id`."""

    url: str
    children: tuple[Inline, ...]

    @property
    def live(self) -> bool:
        """Whether a reader may follow it: web (`http(s)://`), mail (`mailto:`) and in-issue (`#id`)
        links only. Any other scheme (`javascript:`, `file:`, `data:`) or a relative path, which
        would resolve against the build machine's folders, is shown as its text."""
        return self.url.startswith("#") or self.url.lower().startswith(("http://", "https://", "mailto:"))


@dataclass(frozen=True)
class LineBreak:
    """A line break inside a block: `hard` when the source asked for one (two trailing spaces),
    soft when it is only where the extracted line ended."""

    hard: bool = False


@dataclass(frozen=True)
class Foreign:
    """A run in another language than the text around it (`lang`, a BCP 47 tag: `ar`, `hi`, `sr`), and
    whether its script reads right to left (`rtl`). A block wholly in one language is one Foreign run
    holding all of it; runs of other scripts inside are Foreign again."""

    lang: str
    children: tuple[Inline, ...]
    rtl: bool = False


Inline = Union[Text, Emphasis, Strong, Link, LineBreak, Foreign]
Inlines = tuple[Inline, ...]


# --------------------------------------------------------------------------------------------------
# Blocks: what a story is made of


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph. `dateline` is the place-and-date lead (`ECUADOR, March 3—`) split from it."""

    inlines: Inlines
    source: Source
    dateline: Inlines = ()


@dataclass(frozen=True)
class Heading:
    """A line standing as a heading: marked in a markdown export (level 1–6, a hint, not a decision)
    or found by its case (level 0). Which kind of heading it is gets decided with the stories."""

    level: int
    inlines: Inlines
    source: Source


@dataclass(frozen=True)
class Headline:
    """A story's headline. `derived` when the raw text had none and it was made from the first words."""

    inlines: Inlines
    source: Source
    derived: bool = False


@dataclass(frozen=True)
class Kicker:
    """The label over a headline: a series name, a topic (`Ecuador Study Group`)."""

    inlines: Inlines
    source: Source


@dataclass(frozen=True)
class Deck:
    """The line under a headline that sums the story up (`Previous article: …`)."""

    inlines: Inlines
    source: Source


@dataclass(frozen=True)
class Subhead:
    """A heading inside a story, rendered `<h3>`."""

    inlines: Inlines
    source: Source


@dataclass(frozen=True)
class ListBlock:
    """A bulleted (or numbered) list; each item is a run of inlines."""

    items: tuple[Inlines, ...]
    source: Source
    ordered: bool = False


@dataclass(frozen=True)
class BlockQuote:
    """A passage of someone's own words set off from the story (001's "Sister" letter quotes a
    worker in italic lines that open with a dash)."""

    inlines: Inlines
    source: Source


@dataclass(frozen=True)
class Caption:
    """A photo caption. The raw text keeps only the words; `photo` is the image an editor gave for it
    (a file name in the issue's photo folder, `manuscripts/<stem>/`), with its size in pixels, or ""."""

    inlines: Inlines
    source: Source
    photo: str = ""
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class Signoff:
    """The signature closing a letter or report (`—Comrade in Pasadena (USA)`)."""

    inlines: Inlines
    source: Source


@dataclass(frozen=True)
class JumpLine:
    """A continuation line: `See X, page 3` (direction "out") or `X, from page 1` (direction "in");
    `text` is the line as the manuscript has it."""

    slug: str
    page: str
    direction: str
    source: Source
    text: str = ""


@dataclass(frozen=True)
class Box:
    """Framed matter outside the stories: boilerplate, an ad, the contact block, a form.
    `kind` names it (`letters`, `ad`, `contact`, `subscribe`, `web`, `notice`) and becomes a CSS class.
    `print_only` when it only makes sense on paper (a fill-in form, "scan the QR code", "Available at:"
    with no address): the print edition keeps it, the EPUB and the web page leave it out."""

    kind: str
    title: Inlines
    blocks: tuple[Block, ...]
    source: Source
    print_only: bool = False


@dataclass(frozen=True)
class SeeInside:
    """The front-page teaser box; each item names a story and, once resolved, links to it."""

    items: tuple[TeaserItem, ...]
    source: Source


@dataclass(frozen=True)
class TeaserItem:
    """One teaser: its words, the id of the story it announces ("" until found), and the front page's
    few lines about that story (`blurb`, on a web issue page: `Tens of thousands marched…`), if any."""

    inlines: Inlines
    target: str = ""
    blurb: Inlines = ()


@dataclass(frozen=True)
class Masthead:
    """The paper's nameplate: title, slogan and the lines under it (publisher, website)."""

    title: Inlines
    slogan: Inlines
    lines: tuple[Inlines, ...]
    source: Source


Block = Union[
    Paragraph, Heading, Headline, Kicker, Deck, Subhead, ListBlock, BlockQuote,
    Caption, Signoff, JumpLine, Box, SeeInside, Masthead,
]


SECTIONS = ("front", "reports", "letters")  # where a story can be filed, in the paper's order


@dataclass(frozen=True)
class Article:
    """A story: its header (kicker, headline, deck) and body. `continued_on` names the print page of a
    continuation missing from the manuscript; `section` is where the paper files it (`front`,
    `reports`, `letters`)."""

    id: str
    headline: Headline
    body: tuple[Block, ...]
    source: Source
    kicker: Kicker | None = None
    deck: Deck | None = None
    continued_on: str = ""
    section: str = ""

    @property
    def incomplete(self) -> bool:
        """Whether part of the story is on a page the manuscript does not have (`continued_on`)."""
        return bool(self.continued_on)


Item = Union[Block, Article]


# --------------------------------------------------------------------------------------------------
# The issue


@dataclass(frozen=True)
class Metadata:
    """What identifies an issue: the paper's name, language, volume, number and dates (ISO
    `YYYY-MM-DD`; `date_text` as printed). `furniture` lists lines of the paper's own that are never
    its words (publication.yaml), beside the phrasebook's; `editions` the paper's name per language;
    `downloads` the web address where the issues' download site (`make site`) is published; `rights`
    the copyright or licence statement. `origins` says where each set value came from
    (`manuscripts/x.yaml:4`, `manuscript line 160`)."""

    publication: str = ""
    language: str = "en"
    volume: str = ""
    number: str = ""
    date_start: str = ""
    date_end: str = ""
    date_text: str = ""
    publisher: str = ""
    slogan: str = ""
    website: str = ""
    description: str = ""
    downloads: str = ""
    rights: str = ""
    furniture: tuple[str, ...] = ()
    editions: tuple[tuple[str, str], ...] = ()
    origins: tuple[tuple[str, str], ...] = ()

    def origin(self, name: str) -> str:
        """Where the value of field `name` came from, or "" when it was never set."""
        return dict(self.origins).get(name, "")


@dataclass(frozen=True)
class Note:
    """One decision a step made, for the editor's report: `line` in the manuscript, the `step`
    that made it, a `message`, and `level` ("warning" is listed first). `dropped` is manuscript text
    the output does not carry; `rewritten` is (manuscript text, output text) for a word the step
    changed (`bil- lion` → `billion`): together they account for every word of the manuscript."""

    step: str
    line: int
    message: str
    level: str = "info"
    dropped: str = ""
    rewritten: tuple[str, str] = ()

    @property
    def at(self) -> str:
        """`line 12: ` to put before the message; nothing for a note on the issue as a whole (line 0)."""
        return f"line {self.line}: " if self.line else ""


@dataclass(frozen=True)
class Override:
    """An editor's correction from the sidecar: `action` on the block at manuscript `line`
    (`new-story`, `join`, `no-join`, `keep-hyphen`, `drop-hyphen`, `title`, `kicker`, `deck`,
    `caption`, `box`, `signoff`, `drop`, `lang`, `photo`), with a `value` for the ones that set text, a
    language or (`photo`) the file. `quote` is the words it was anchored by, if it was (a `lang` marks only them). `origin`
    is the sidecar's `path:line`, for the report and for errors."""

    action: str
    line: int
    value: str = ""
    origin: str = ""
    quote: str = ""


@dataclass(frozen=True)
class Issue:
    """One issue of the paper: where it came from, its metadata, its content in reading order,
    the editor's overrides, and the notes the steps left for the report."""

    path: str
    form: str
    metadata: Metadata
    items: tuple[Item, ...]
    notes: tuple[Note, ...] = field(default=())
    overrides: tuple[Override, ...] = ()

    def overridden(self, action: str, lines) -> Override | None:
        """The override of `action` anchored on one of `lines`, if the editor gave one."""
        return next((o for o in self.overrides if o.action == action and o.line in lines), None)
