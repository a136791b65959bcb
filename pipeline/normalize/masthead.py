"""The masthead and the issue line: the nameplate found at the head of the file, then the issue metadata
printed in the paper itself read from it — the masthead's name and slogan, and the issue line
`Volume 16 Number 4, March 12 to April 2, 2025`. Values already set by a sidecar are kept (the
sidecar wins over the text); the origin of each value found here is recorded."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..lang.patterns import is_all_caps, normalize_key
from ..model import Box, Issue, LineBreak, Masthead, Metadata, Note, Text
from ..model.inlines import merge_inlines, plain_text, quote, text_of
from .edit import RAW, revise

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m: i for i, m in enumerate(
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(), 1)})
_ISSUE_LINE = re.compile(
    r"(?:Volume|Volumen)\s+(?P<volume>\d+),?\s+(?:Number|Número)\s+(?P<number>\d+),?\s*(?P<dates>.*)$", re.I)
# The first month starts a word (the same match: tried inside a long word, it read the word's rest each time)
_EN_RANGE = re.compile(r"(?<![A-Za-z])(?P<m1>[A-Za-z]+)\.? (?P<d1>\d{1,2})(?:, (?P<y1>\d{4}))? (?:to|–|-|—) "
                       r"(?:(?P<m2>[A-Za-z]+)\.? )?(?P<d2>\d{1,2}), (?P<y2>\d{4})")
_ES_RANGE = re.compile(r"(?P<d1>\d{1,2}) de (?P<m1>\w+)(?: de (?P<y1>\d{4}))? (?:al|a) "
                       r"(?P<d2>\d{1,2}) de (?P<m2>\w+) de (?P<y2>\d{4})", re.I)


def find_masthead(issue: Issue) -> Issue:
    """The nameplate at the head of the file: the paper's name, the slogan, the party/website line.

    `RED FLAG` ⏎ `MOBILIZE THE MASSES FOR COMMUNISM` ⏎ `THE INTERNATIONAL … WWW.ICWPREDFLAG.ORG` → Masthead.
    The first block must be the paper's name as publication.yaml gives it, or, with no name known,
    a short all-caps line followed by an all-caps slogan and a web address.
    """
    items = list(issue.items)
    if not items or not isinstance(items[0], RAW):
        return issue
    title = text_of(items[0])
    taken = [items[0]]
    for block in items[1:3]:
        text = text_of(block)
        if not isinstance(block, RAW) or not is_all_caps(text) or len(text) > 120:
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


def read_issue_line(issue: Issue) -> Issue:
    """Fill the metadata the sidecars left empty from the masthead and the issue line."""
    found: dict[str, tuple[str, int]] = {}
    for item in issue.items:
        if isinstance(item, Masthead):
            found.setdefault("publication", (plain_text(item.title).strip(), item.source.first))
            if item.slogan:
                found.setdefault("slogan", (plain_text(item.slogan).strip(), item.source.first))
        blocks = item.blocks if isinstance(item, Box) else ()
        for k, block in enumerate(blocks):
            following = text_of(blocks[k + 1]) if k + 1 < len(blocks) else ""
            m = _ISSUE_LINE.search(text_of(block))
            if m and "volume" not in found:
                line = block.source.first
                found["volume"] = (m["volume"], line)
                found["number"] = (m["number"], line)
                dates = m["dates"].strip().rstrip(".") or following.strip().rstrip(".")  # web copy: the next line
                if dates:
                    found["date_text"] = (dates, line)
                    start, end = parse_date_range(dates)
                    if start:
                        found["date_start"] = (start, line)
                        found["date_end"] = (end, line)
    metadata, notes = _fill(issue.metadata, found)
    return revise(replace(issue, metadata=metadata), issue.items, notes)


def parse_date_range(text: str) -> tuple[str, str]:
    """`March 12 to April 2, 2025` → (`2025-03-12`, `2025-04-02`); `12 de marzo al 2 de abril de 2025`
    likewise; a range across the new year takes the year before for its start. ("", "") if unreadable."""
    m = _EN_RANGE.search(text) or _ES_RANGE.search(text)
    if not m:
        return "", ""
    m1 = _MONTHS.get(m["m1"].lower())
    m2 = _MONTHS.get((m["m2"] or m["m1"]).lower())
    if not (m1 and m2):
        return "", ""
    y2 = int(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else (y2 - 1 if m1 > m2 else y2)
    try:
        return date(y1, m1, int(m["d1"])).isoformat(), date(y2, m2, int(m["d2"])).isoformat()
    except ValueError:
        return "", ""


def _fill(metadata: Metadata, found: dict) -> tuple[Metadata, list[Note]]:
    origins = dict(metadata.origins)
    changes, notes = {}, []
    for key, (value, line) in found.items():
        if getattr(metadata, key):
            notes.append(Note("read_issue_line", line, f"{key} {value!r} in the text; the sidecar's "
                                                       f"{getattr(metadata, key)!r} kept"))
            continue
        changes[key] = value
        origins[key] = f"manuscript line {line}"
    return replace(metadata, **changes, origins=tuple(sorted(origins.items()))), notes
