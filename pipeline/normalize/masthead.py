"""Issue metadata printed in the paper itself: the masthead's name and slogan, and the issue line
`Volume 16 Number 4, March 12 to April 2, 2025`. Values already set by a sidecar are kept (the
sidecar wins over the text); the origin of each value found here is recorded."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..model import Box, Issue, Masthead, Metadata, Note
from ..model.inlines import plain_text, text_of
from .edit import revise

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
