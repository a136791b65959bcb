"""What a web page says about its own pieces, for the headline decisions of the stories step: the line
listing them (each piece's teaser), a letters page's label or boilerplate, and titles that call their
piece a letter (`Letter: Why I Joined`). Print issues have none of these and are read as before."""

from __future__ import annotations

from dataclasses import dataclass

from ..lang import phrasebook
from ..lang.patterns import STOP_WORDS, normalize_key
from ..model import Box, Issue, SeeInside
from ..model.inlines import plain_text

TEASER_SHARE = 0.6  # of a teaser's words a title (or a story's opening) must hold to be the piece it names


@dataclass(frozen=True)
class PageEvidence:
    """A web page's own word on its pieces: the titles of its teasers, and whether it is a letters page
    by its label or its letters boilerplate (every titled piece on it is a letter of its own)."""

    teasers: tuple[str, ...]
    letters_page: bool

    @classmethod
    def of(cls, issue: Issue) -> PageEvidence | None:
        """The evidence of a web page (None for other forms)."""
        if issue.form != "web":
            return None
        teasers = tuple(plain_text(t.inlines) for item in issue.items if isinstance(item, SeeInside) for t in item.items)
        label = any(n.step == "drop_site_furniture" and n.dropped and phrasebook.fullmatch("letters_label", n.dropped)
                    for n in issue.notes)
        boilerplate = any(isinstance(item, Box) and item.kind == "letters" for item in issue.items)
        return cls(teasers, label or boilerplate)

    def teaser_for(self, title: str) -> int | None:
        """The index of the teaser naming the piece titled `title`, if one does."""
        words = _words(title)
        best, share = None, 0.0
        for k, teaser in enumerate(self.teasers):
            wanted = _words(teaser)
            if wanted and (found := len(wanted & words) / len(wanted)) >= TEASER_SHARE and found > share:
                best, share = k, found
        return best

    def new_piece(self, title: str, current: str) -> str:
        """Why a heading opens a piece of its own under a story titled `current` ("" when nothing says
        so): it calls itself a letter, or the page's teasers name it and not the story above."""
        if phrasebook.starts("letter_title", title):
            return "its title calls it a letter"
        if self.letters_page:
            return "a letters page's titled piece is a letter of its own"
        mine = self.teaser_for(title)
        if mine is not None and mine != self.teaser_for(current):
            return f"the page's list of its pieces names it ({phrasebook.fold(self.teasers[mine])!r})"
        return ""

    def teaser_of_opening(self, opening: str, titled: set[int]) -> str:
        """The teaser naming a headline-less piece by its opening words (one no titled piece has taken)."""
        words = _words(opening)
        for k, teaser in enumerate(self.teasers):
            wanted = _words(teaser)
            if k not in titled and len(wanted) >= 2 and len(wanted & words) >= TEASER_SHARE * len(wanted):
                return teaser
        return ""


def _words(text: str) -> set[str]:
    return {w for w in normalize_key(text).split() if w not in STOP_WORDS and len(w) > 1}
