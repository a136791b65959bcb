"""Normalizing steps: the ordered list of pure `Issue → Issue` edits between the reader and the writers.

Read top to bottom, STEPS is the whole repair: first say what each raw block is (masthead, jump line,
box, furniture, sign-off, caption, heading: before the joins, which must know what they may not glue
onto prose), then rejoin what column and page breaks split, then build the stories, then fix the
typography and mark the runs in another language. Each finder sits in the module of the step that later
places what it found (jumps.py, boxes.py, captions.py, masthead.py).
"""

from __future__ import annotations

from ..model import Issue
from .boxes import find_boxes, fold_repeated_boilerplate, link_see_inside, place_teasers_under_masthead
from .captions import find_captions, place_captions_in_stories
from .corrections import apply_block_overrides, apply_story_overrides
from .doubts import flag_doubts
from .furniture import drop_site_furniture
from .headings import find_headings
from .joins import join_hyphenated_lines, join_split_paragraphs, merge_adjacent_lists
from .jumps import find_jump_lines, stitch_jumps
from .language import check_language
from .links import unlink_unsafe_addresses
from .masthead import find_masthead, read_issue_line
from .metadata import check_publication_metadata
from .print_only import mark_print_only
from .printed import (close_letter_spacing, drop_page_furniture, join_printed_lines, mark_made_up_headlines,
                      read_continued_notices, read_teaser_pages)
from .quotations import find_block_quotes
from .scripts import mark_languages
from .sections import assign_sections
from .signoffs import split_signoffs
from .stories import segment_stories
from .text import apply_typography, link_bare_addresses, repair_mojibake

STEPS = (
    repair_mojibake,
    unlink_unsafe_addresses,
    check_language,
    drop_page_furniture,
    close_letter_spacing,
    read_teaser_pages,
    join_printed_lines,
    mark_made_up_headlines,
    apply_block_overrides,
    find_masthead,
    find_jump_lines,
    find_boxes,
    drop_site_furniture,
    split_signoffs,
    find_captions,
    find_headings,
    join_hyphenated_lines,
    join_split_paragraphs,
    merge_adjacent_lists,
    find_block_quotes,
    segment_stories,
    stitch_jumps,
    apply_story_overrides,
    read_continued_notices,
    place_captions_in_stories,
    assign_sections,
    fold_repeated_boilerplate,
    link_see_inside,
    place_teasers_under_masthead,
    mark_print_only,
    read_issue_line,
    link_bare_addresses,
    apply_typography,
    mark_languages,
    flag_doubts,
    check_publication_metadata,
)


def normalize(issue: Issue, steps=STEPS) -> Issue:
    """Apply each step in order."""
    for step in steps:
        issue = step(issue)
    return issue
