"""The editor's overrides: read from the sidecar's `overrides:` list, anchored to a manuscript line
(`at: 210`) or a short quote of the text (`quote: "election is"`), checked before the build and
after it (an override that matched nothing is an error naming it)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import InputError
from ..model import Issue, Note, Override, SECTIONS
from ..model.inlines import text_of
from .sidecar import Sidecar

BLOCK_ACTIONS = {"caption", "box", "signoff", "drop"}
JOIN_ACTIONS = {"join", "no-join", "keep-hyphen", "drop-hyphen"}
STORY_ACTIONS = {"title", "kicker", "deck", "section"}
ACTIONS = BLOCK_ACTIONS | JOIN_ACTIONS | STORY_ACTIONS | {"new-story", "subhead", "not-jump", "keep", "lang", "photo"}
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # BCP 47 as the paper needs it: `fr`, `sr-Latn`, `zh-Hant`


def resolve_overrides(issue: Issue, sidecar: Sidecar) -> Issue:
    """The issue with the sidecar's overrides attached, each anchored to a manuscript line."""
    resolved = []
    for line, data in sidecar.overrides:
        origin = f"{sidecar.path}:{line}"

        def fail(message: str):
            raise InputError(sidecar.path, f"override: {message}", line)

        action = str(data.get("action", ""))
        if action not in ACTIONS:
            fail(f"unknown action {action!r} (known: {', '.join(sorted(ACTIONS))})")
        unknown = set(data) - {"action", "at", "quote", "value"} - ({"file"} if action == "photo" else set())
        if unknown:
            fail(f"unknown key {sorted(unknown)[0]!r} (use action, at or quote, value"
                 + (", file)" if action == "photo" else ")"))
        value = str(data.get("value", "") or "")
        if action == "photo":
            if "value" in data or not isinstance(data.get("file"), str) or not data["file"]:
                fail("`photo` takes a `file`: the image's name in the issue's photo folder (manuscripts/<stem>/)")
            value = data["file"]
        if action in STORY_ACTIONS and not value:
            fail(f"`{action}` needs a `value`")
        if action == "section" and value not in SECTIONS:
            fail(f"`section` takes a `value` of {', '.join(SECTIONS)}, not {value!r}")
        if action == "lang" and not LANGUAGE_TAG.fullmatch(value):
            fail(f"`lang` takes a language tag as its `value` (`fr`, `ar`, `sr-Latn`), not {value!r}")
        if ("at" in data) == ("quote" in data) and not (action == "lang" and "at" in data):
            fail("give exactly one anchor: `at: <line>` or `quote: \"some words\"` (`lang` takes both: the words in that line's block)")
        anchor = _line_of(issue, data["at"]) if "at" in data else _line_of_quote(issue, str(data["quote"]))
        if isinstance(anchor, str):
            fail(anchor)
        resolved.append(Override(action, anchor, value, origin, " ".join(str(data.get("quote", "")).split())))
    return replace(issue, overrides=tuple(resolved))


def _line_of(issue: Issue, at) -> int | str:
    if not isinstance(at, int) or isinstance(at, bool):
        return f"`at` must be a line number, not {at!r}"
    if not any(block.source.first <= at <= block.source.last for block in issue.items):
        return f"line {at} holds no text in {issue.path}"
    return at


def _line_of_quote(issue: Issue, quote: str) -> int | str:
    wanted = " ".join(quote.split()).casefold()
    hits = [block.source.first for block in issue.items if wanted in text_of(block).casefold()]
    if len(hits) != 1:
        where = "no block" if not hits else f"{len(hits)} blocks (lines {', '.join(map(str, hits[:5]))})"
        return f"the quote {quote!r} matches {where}; it must match exactly one"
    return hits[0]


def check_overrides_applied(issue: Issue) -> None:
    """Every override left an `override` note when applied; one that did not matched nothing."""
    applied = {note.message.split(" ", 1)[0] for note in issue.notes if note.step == "apply_override"}
    for override in issue.overrides:
        if override.origin not in applied:
            path, _, line = override.origin.rpartition(":")
            raise InputError(path, f"override `{override.action}` at line {override.line} matches nothing "
                                   f"the pipeline decided there", int(line))


def override_note(override, message: str, dropped: str = "") -> Note:
    """The note that an override was applied (its origin first: the build checks every override left one)."""
    return Note("apply_override", override.line, f"{override.origin} {override.action}: {message}", dropped=dropped)
