"""Reader: raw issue text (PDF extract, markdown export or web copy) to an Issue of unclassified blocks.

Faithful to the raw text: it decides nothing about stories. It finds the form by evidence (and says
which evidence in a note for the report), cuts the text into blocks at blank lines (one block per line
in web copy, blank lines or not), keeps every block's line numbers and the blank lines before it, and
parses markdown headings, lists and inline markup. What a block *is* is decided later by the
normalizing steps.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..lang import phrasebook
from ..errors import InputError
from .markup import HARD_BREAK, SOFT_BREAK, parse_inlines
from ..lang.labels import plural
from ..limits import LINE_CHARACTERS, MANUSCRIPT_BYTES, read_bounded
from ..model import Heading, Issue, ListBlock, Metadata, Note, Paragraph, Source, Text
from ..lang.patterns import ends_open, starts_continuation
from .pdftext import printed_lines_evidence, side_by_side
from .sidecar import FORMS  # noqa: F401 — the forms a manuscript can be in

# Characters that make a line "blank" when it holds nothing else (NBSP, zero-width space, BOM …).
# What XML 1.0 forbids (all C0 controls but tab and line end; U+FFFE, U+FFFF): no output may hold them.
# The form feed is handled apart: it is a page break.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")
_BLANK = re.compile(r"[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]*")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:([-*•])|(\d{1,3})[.)])\s+(?=\S)")
# Each alternative scans a bounded stretch from where it starts (a link target stops at the next
# bracket, parenthesis or space; a list marker's indent at the line's end), so one pass is linear:
# `[^)]+` ran to the end of the text from every `](`, 40 s for 200 KB of brackets.
_MARKDOWN_SIGNS = re.compile(r"^#{1,6}\s|\]\([^()\[\]\s]+\)|^[ \t]*[-*][ \t]+\S", re.M)



def read_issue(path: str | Path, form: str = "") -> Issue:
    """Read a manuscript file into an Issue whose items are raw blocks, in file order; `form` is the
    editor's word for its form (the sidecar's `form:`), else it is found by evidence."""
    data = read_bounded(Path(path), MANUSCRIPT_BYTES, "manuscript")
    return parse_issue(decode_manuscript(data, str(path)), str(path), form)


def decode_manuscript(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (a BOM is allowed) or UTF-16 (a Windows editor's "Unicode"), CRLF or CR
    line ends; empty and binary files refused, and lines longer than any paragraph."""
    if not data.strip(b" \t\r\n\x00"):
        raise InputError(path, "the manuscript is empty")
    encoding = _utf16(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise InputError(path, f"looks like UTF-16 but byte {err.start} is not; save it as UTF-8") from None
    elif b"\x00" in data[:8192]:
        raise InputError(path, "this is a binary file, not manuscript text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            raise InputError(path, f"not UTF-8 text (byte 0x{data[err.start]:02x}); save it as UTF-8", line) from None
    text = text.removeprefix("\ufeff")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\r\n\f")
    if controls > 8:
        raise InputError(path, "this is a binary file, not manuscript text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    longest = max(text.split("\n"), key=len)
    if len(longest) > LINE_CHARACTERS:
        line = text[: text.index(longest)].count("\n") + 1
        raise InputError(path, f"this line has {len(longest):,} characters, more than the {LINE_CHARACTERS:,} a "
                               "line of text may hold; break it into paragraphs", line)
    return text


def _utf16(data: bytes) -> str | None:
    """"utf-16" when the bytes are UTF-16 text: its byte-order mark, or (without one) a zero byte in
    every other position of the first line's Latin letters."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:512]
    for order, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if len(head) >= 4 and zeros.count(0) >= 0.9 * len(zeros):
            return order
    return None


def _remove_forbidden(text: str) -> tuple[str, list[Note]]:
    """Characters XML forbids (controls but tab and line end, U+FFFE, U+FFFF) removed, each line
    that held one named in a note; a form feed (pdftotext puts one where a page ends) is a page
    break, read as a blank line would be, and kept out of the text: `end.\n\fNext page` → `end.`, `Next page`."""
    notes = []
    if "\f" in text:
        notes.append(Note("read_characters", text[: text.index("\f")].count("\n") + 1,
                          f"{plural(text.count(chr(12)), 'form feed')} (page breaks of the PDF's text) read as "
                          "breaks between blocks"))
    if not _FORBIDDEN.search(text):
        return text, notes
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        found = sorted(set(_FORBIDDEN.findall(line)))
        if found:
            lines[number - 1] = _FORBIDDEN.sub("", line)
            codes = ", ".join(f"U+{ord(c):04X}" for c in found)
            notes.append(Note("read_characters", number, f"removed {codes}: a character no document may hold",
                              rewritten=(line, lines[number - 1])))
    return "\n".join(lines), notes


def parse_issue(text: str, path: str = "<text>", form: str = "") -> Issue:
    """Cut decoded text into blocks. `A⏎⏎⏎⏎B` gives two blocks, B's Source with gap=3. Printed lines
    of a PDF (form `pdf-lines`) are a block each, with the page they were on (form feeds count pages)."""
    text, cleaned = _remove_forbidden(text)
    lines = text.split("\n")
    breaks = {n for n, line in enumerate(lines, start=1) if "\f" in line}
    lines = [line.replace("\f", "") for line in lines]
    blank = [bool(_BLANK.fullmatch(line)) for line in lines]
    if all(blank):
        raise InputError(path, "the manuscript is empty")
    if side_by_side(lines):
        raise InputError(path, f"{side_by_side(lines)} lines hold columns side by side (`pdftotext -layout`); "
                               "take the text out without `-layout` (plain `pdftotext`), or give the PDF itself")
    form, why = _editor_form(form, lines, blank) if form else detect_form(lines, blank)
    if form == "pdf-lines":
        return _printed_lines(lines, blank, breaks, path, why, cleaned)

    items = []
    gap = 0
    run: list[tuple[int, str]] = []
    for number, (line, is_blank) in enumerate(zip(lines, blank), start=1):
        if number in breaks and run:  # a page break ends the block before it
            items.extend(_parse_block(run, gap))
            run, gap = [], 0
        if is_blank:
            if run:
                items.extend(_parse_block(run, gap))
                run, gap = [], 0
            gap += 1
            continue
        run.append((number, line))
        if form == "web":
            items.extend(_parse_block(run, gap))
            run, gap = [], 0
    if run:
        items.extend(_parse_block(run, gap))
    note = Note("read_issue", 1, f"read as {FORM_NAMES[form]}: {why}")
    return Issue(path=path, form=form, metadata=Metadata(), items=tuple(items), notes=(note, *cleaned))


def _editor_form(form: str, lines: list[str], blank: list[bool]) -> tuple[str, str]:
    """The sidecar's form; `pdf-text` is read line by line when its lines are printed lines."""
    if form == "pdf-text" and (evidence := printed_lines_evidence(lines)):
        return "pdf-lines", f"the sidecar says `form: pdf-text`, and {evidence}"
    return form, f"the sidecar says `form: {form}`"


def _printed_lines(lines, blank, breaks, path, why, cleaned) -> Issue:
    """One block per printed line, its text as extracted (no markup: a PDF's text has none)."""
    items, gap, page = [], 0, 1
    for number, (line, is_blank) in enumerate(zip(lines, blank), start=1):
        if number in breaks:  # the form feed stands at the start of the page's first line
            page += 1
        if is_blank:
            gap += 1
            continue
        items.append(Paragraph((Text(" ".join(line.split())),), Source(number, number, gap, page if breaks else 0)))
        gap = 0
    note = Note("read_issue", 1, f"read as {FORM_NAMES['pdf-lines']}: {why}")
    return Issue(path=path, form="pdf-lines", metadata=Metadata(), items=tuple(items), notes=(note, *cleaned))


def detect_form(lines: list[str], blank: list[bool]) -> tuple[str, str]:
    """Which raw form a manuscript is in, from evidence, and the evidence in words.

    web: copy from the website — its furniture (`Header image`, `line decor`, `BIGGER SMALLER`, `…
    here ♦`), or every paragraph on one line with no sentence broken across a blank line;
    markdown: a markdown-flavoured export (headings, links, list markers);
    pdf-text: text extracted from the print PDF — sentences and words broken where columns ended;
    pdf-lines: the same, one printed line per line (lines of a column's measure, words hyphenated at
    their ends: pdftotext, pdfminer.six, a viewer's copy), blank lines or not.
    """
    filled = [(n, line) for n, (line, b) in enumerate(zip(lines, blank), 1) if not b]
    furniture = [(n, line.strip()) for n, line in filled if phrasebook.is_chrome(line) or phrasebook.chrome_suffix(line)]
    teasers = [(n, line.strip()) for n, line in filled if phrasebook.is_teaser_line(line)]
    if teasers:
        return "web", f"the website's line of links to its stories (line {teasers[0][0]}: “{teasers[0][1][:40]}”)"
    if len(furniture) >= 2 or (furniture and furniture[0][0] in (filled[0][0], filled[1][0] if filled[1:] else 0)):
        shown = ", ".join(f"“{line[:30]}” (line {n})" for n, line in furniture[:3])
        return "web", f"the website's furniture: {shown}" + (f" and {len(furniture) - 3} more" if len(furniture) > 3 else "")
    if evidence := printed_lines_evidence(lines):
        return "pdf-lines", evidence
    inside = blank[blank.index(False):len(blank) - blank[::-1].index(False)]
    if len(filled) >= 3 and sum(inside) <= len(filled) * 0.1:
        return "web", "one paragraph per line, no blank lines between them"
    signs = len(_MARKDOWN_SIGNS.findall("\n".join(line for _, line in filled)))
    if signs > 5:
        return "markdown", f"{signs} markdown marks (headings, links, list items)"
    blocks = _blocks(lines, blank)
    breaks = sum(1 for a, b in zip(blocks, blocks[1:]) if ends_open(a[-1]) and starts_continuation(b[0]))
    hyphens = sum(1 for block in blocks if re.search(r"[^\W\d_]-$", block[-1].rstrip()))
    inner = [(line, after) for block in blocks for line, after in zip(block, block[1:])]
    wrapped = sum(1 for line, after in inner if ends_open(line) and starts_continuation(after))
    closed = sum(1 for line, after in inner if line.rstrip()[-1:] in ".!?”\"»" and after[:1].isupper())
    evidence = (f"{plural(breaks, 'sentence')} broken across blank lines, {plural(hyphens, 'word')} hyphenated "
                f"at a block's end, {plural(wrapped, 'line')} wrapped mid-sentence")
    if breaks + hyphens + wrapped >= 2:
        return "pdf-text", evidence
    if closed >= 3 and closed >= 0.8 * len(inner):
        return "web", f"paragraphs stand one per line inside blocks ({closed} of {len(inner)} line ends close a sentence)"
    long_lines = [block[0] for block in blocks if len(block) == 1 and len(block[0]) >= 150]
    if not inner and len(long_lines) >= 3:
        return "web", f"{len(long_lines)} paragraphs of one long line each, blank lines between, and {evidence}"
    return "pdf-text", evidence


FORM_NAMES = {"web": "web copy", "markdown": "a markdown export", "pdf-text": "text from the print PDF",
              "pdf-lines": "text from the print PDF, one printed line per line"}


def _blocks(lines: list[str], blank: list[bool]) -> list[list[str]]:
    """The runs of non-blank lines."""
    blocks: list[list[str]] = [[]]
    for line, is_blank in zip(lines, blank):
        if is_blank:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line.strip())
    return [block for block in blocks if block]


def _parse_block(run: list[tuple[int, str]], gap: int) -> list:
    """One run of non-blank lines to blocks: a markdown heading, a list, or a paragraph."""
    first, last = run[0][0], run[-1][0]
    source = Source(first, last, gap)
    if len(run) == 1 and (m := _HEADING.match(run[0][1].strip())):
        return [Heading(len(m.group(1)), parse_inlines(m.group(2)), source)]
    if _LIST_ITEM.match(run[0][1]):
        return [_parse_list(run, source)]
    return [Paragraph(parse_inlines(_join_lines([line for _, line in run])), source)]


def _parse_list(run: list[tuple[int, str]], source: Source) -> ListBlock:
    """Lines starting with a list marker open items; other lines continue the item before them."""
    items: list[list[str]] = []
    ordered = bool(_LIST_ITEM.match(run[0][1]).group(2))
    for _, line in run:
        m = _LIST_ITEM.match(line)
        if m:
            items.append([line[m.end():]])
        else:
            items[-1].append(line)
    return ListBlock(tuple(parse_inlines(_join_lines(item)) for item in items), source, ordered)


def _join_lines(lines: list[str]) -> str:
    """Join a block's lines, marking each break hard (two trailing spaces or `\\`) or soft."""
    out = []
    for i, line in enumerate(lines):
        end = i == len(lines) - 1
        hard = line.endswith("  ") or (line.endswith("\\") and not line.endswith("\\\\"))
        body = line.rstrip(" \\") if hard else line.rstrip()
        out.append(body.strip() if i else body.rstrip().lstrip(" \t"))
        if not end:
            out.append(HARD_BREAK if hard else SOFT_BREAK)
    return "".join(out)
