"""Sidecar metadata: `manuscripts/publication.yaml` for the paper, `manuscripts/<stem>.yaml` for one
issue. Validated field by field; every error names the file and the line of the offending value."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

import yaml

from ..errors import InputError
from ..limits import SIDECAR_BYTES, YAML_DEPTH, read_bounded
from ..model import Metadata

PUBLICATION_FIELDS = {"publication", "publisher", "language", "website", "slogan", "description", "furniture",
                      "editions", "downloads", "rights"}
ISSUE_FIELDS = PUBLICATION_FIELDS | {"volume", "number", "date_start", "date_end", "date_text", "overrides", "form"}
# `form:` the editor's word for the manuscript's raw form, over the reader's evidence (readers/manuscript.py)
FORMS = ("pdf-text", "pdf-lines", "markdown", "web")
# ISO 639-1: the languages a `language:` may name (with an optional region: `en-GB`, `es-419`)
LANGUAGES = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv
ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne
ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st
su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split())
_LANGUAGE = re.compile(r"^([a-z]{2})(?:-(?:[A-Z]{2}|\d{3}))?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEARS = (1980, 2107)  # an issue's dates become the EPUB's zip timestamps, which hold only these years
# What XML forbids, and the other controls no metadata value needs (tab and newline are allowed)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Sidecar:
    """What one YAML file says: metadata values with their lines, and the overrides it lists."""

    path: str
    values: dict
    lines: dict
    overrides: tuple = ()


def read_sidecar(path: str | Path, allowed: set[str] = ISSUE_FIELDS) -> Sidecar:
    """Parse and validate a sidecar. A missing file is an empty sidecar."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return Sidecar(str(path), {}, {})
    data = read_bounded(path, SIDECAR_BYTES, "sidecar")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(str(path), "not UTF-8 text; save it as UTF-8", data[: err.start].count(b"\n") + 1) from None
    root = _compose(path, text)
    if root is None:
        return Sidecar(str(path), {}, {})
    if not isinstance(root, yaml.MappingNode):
        raise InputError(str(path), "expected `key: value` lines at the top level", root.start_mark.line + 1)
    values, lines, overrides = {}, {}, ()
    for key_node, value_node in root.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise InputError(str(path), f"unknown field `{key}` (known: {known})", line)
        if key == "overrides":
            overrides = _read_overrides(path, value_node)
            continue
        values[key] = _check_value(path, key, value_node)
        lines[key] = line
    if values.get("date_start") and values.get("date_end") and values["date_end"] < values["date_start"]:
        raise InputError(str(path), f"`date_end` ({values['date_end']}) comes before `date_start` "
                                    f"({values['date_start']})", lines["date_end"])
    return Sidecar(str(path), values, lines, overrides)


def _compose(path: Path, text: str):
    """The YAML node tree, once the event stream shows nothing that could blow up or run code:
    no anchors or aliases (a "billion laughs" expands a few lines into gigabytes), no explicit tags
    (`!!python/object`), nesting no deeper than YAML_DEPTH. Then every mapping is checked for keys
    that are not plain words or that repeat, and every value for control characters."""
    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise InputError(str(path), "anchors and aliases (`&name`, `*name`) are not allowed; "
                                            "write each value out", line)
            if getattr(event, "tag", None) and not _implicit(event):
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                raise InputError(str(path), f"tags such as `{tag}` are not allowed; write plain values", line)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > YAML_DEPTH:
                    raise InputError(str(path), f"nested more than {YAML_DEPTH} levels deep", line)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        if isinstance(err, yaml.reader.ReaderError):  # a character YAML refuses, at a position
            mark, problem = None, f"the character U+{err.character:04X} is not allowed"
            line = text[: err.position].count("\n") + 1
        else:
            line = mark.line + 1 if mark else None
        raise InputError(str(path), f"invalid YAML: {problem}", line) from None
    _check_nodes(path, root)
    return root


def _implicit(event) -> bool:
    """A tag YAML put there itself (a plain scalar's `!`, or a collection's default), not one written."""
    implicit = getattr(event, "implicit", True)
    return bool(implicit if isinstance(implicit, bool) else any(implicit)) and event.tag in (None, "!")


def _check_nodes(path: Path, root) -> None:
    """Walk the tree without recursion: duplicate or non-word keys, control characters in values."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            bad = _CONTROL.search(node.value)
            if bad:
                raise InputError(str(path), f"the control character U+{ord(bad.group()):04X} is not allowed in a value",
                                 line)
        elif isinstance(node, yaml.MappingNode):
            seen = set()
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise InputError(str(path), "a key must be a plain word such as `action`", key.start_mark.line + 1)
                if key.value in seen:
                    raise InputError(str(path), f"`{key.value}` is given twice; keep one", key.start_mark.line + 1)
                seen.add(key.value)
                stack += [key, value]
        else:
            stack += node.value


def _check_value(path: Path, key: str, node):
    line = node.start_mark.line + 1
    if key == "furniture":
        return _read_lines(path, node)
    if key == "editions":
        return _read_editions(path, node)
    if not isinstance(node, yaml.ScalarNode):
        raise InputError(str(path), f"`{key}` must be a single value", line)
    # the value as written (`2025-13-45` stays text, to be refused below, not constructed as a date)
    text = "" if node.tag == "tag:yaml.org,2002:null" else node.value.strip()
    if key in ("volume", "number") and not re.fullmatch(r"\d{1,4}", text):
        raise InputError(str(path), f"`{key}` must be a whole number, not {text!r}", line)
    if key in ("date_start", "date_end"):
        _check_date(path, key, text, line)
    if key == "language":
        _check_language(path, text, line)
    if key == "form" and text not in FORMS:
        raise InputError(str(path), f"`form` must be one of {', '.join(FORMS)}, not {text!r}", line)
    if key in ("website", "downloads") and text:
        _check_address(path, key, text, line)
    return text


def _check_address(path: Path, key: str, text: str, line: int) -> None:
    """`website` and `downloads` are printed, linked and put in QR codes: an absolute web address, whole."""
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(?::\d{1,5})?(?:/[^\s<>\"'`\\]*)?", text):
        raise InputError(str(path), f"`{key}` must be a web address (https://host/path), not {text!r}", line)


def _check_date(path: Path, key: str, text: str, line: int) -> None:
    """`2025-03-12`: a real day, in the years a zip timestamp can hold."""
    if not _DATE.match(text):
        raise InputError(str(path), f"`{key}` must be a date written YYYY-MM-DD, not {text!r}", line)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError(str(path), f"`{key}`: {text} is not a day of the calendar", line) from None
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise InputError(str(path), f"`{key}`: {text} is outside the years {YEARS[0]}–{YEARS[1]}", line)


def _check_language(path: Path, text: str, line: int, field: str = "language") -> None:
    """`es`, `en-GB`, `es-419`: an ISO 639-1 language, with an optional region."""
    tag = _LANGUAGE.match(text)
    if not tag or tag.group(1) not in LANGUAGES:
        raise InputError(str(path), f"`{field}`: {text!r} is not a language tag such as en or es", line)


def _read_lines(path: Path, node) -> tuple[str, ...]:
    """`furniture:` — lines of the website or the paper that are never its words, one per item:
    `- "Donate here"`. Each must be plain text on one line."""
    if not isinstance(node, yaml.SequenceNode):
        raise InputError(str(path), "`furniture` must be a list of lines, e.g. `- Donate here`", node.start_mark.line + 1)
    out = []
    for item in node.value:
        text = item.value.strip() if isinstance(item, yaml.ScalarNode) else ""
        if not text or "\n" in text:
            raise InputError(str(path), "each `furniture` item must be one line of text", item.start_mark.line + 1)
        out.append(text)
    return tuple(out)


def _read_editions(path: Path, node) -> tuple[tuple[str, str], ...]:
    """`editions:` — the paper's name in each language's edition: `{es: Bandera Roja}`."""
    if not isinstance(node, yaml.MappingNode):
        raise InputError(str(path), "`editions` must map a language to the edition's name, e.g. `es: Bandera Roja`",
                         node.start_mark.line + 1)
    out = []
    for key, value in node.value:
        _check_language(path, str(key.value), key.start_mark.line + 1, "editions")
        if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
            raise InputError(str(path), f"`editions`: the name of the {key.value} edition must be text", value.start_mark.line + 1)
        out.append((str(key.value), str(value.value).strip()))
    return tuple(out)


def _read_overrides(path: Path, node) -> tuple:
    """`overrides:` is a list of `{action: …, at: <line> | quote: "…", value: …}` mappings."""
    if not isinstance(node, yaml.SequenceNode):
        raise InputError(str(path), "`overrides` must be a list", node.start_mark.line + 1)
    out = []
    for entry in node.value:
        line = entry.start_mark.line + 1
        if not isinstance(entry, yaml.MappingNode):
            raise InputError(str(path), "each override must be a mapping such as `- {action: join, at: 210}`", line)
        for key, value in entry.value:
            if not isinstance(value, yaml.ScalarNode):
                raise InputError(str(path), f"override: `{key.value}` must be a single value", value.start_mark.line + 1)
        data = yaml.safe_load(yaml.serialize(entry))
        out.append((line, data))
    return tuple(out)


def apply_sidecars(metadata: Metadata, *sidecars: Sidecar) -> Metadata:
    """Metadata with each sidecar's values set over the ones before it (later sidecars win), and the
    origin of every value recorded as `path:line`."""
    names = {f.name for f in fields(Metadata)}
    origins = dict(metadata.origins)
    changes = {}
    for sidecar in sidecars:
        for key, value in sidecar.values.items():
            if key in names and value:
                changes[key] = value
                origins[key] = f"{sidecar.path}:{sidecar.lines[key]}"
    return replace(metadata, **changes, origins=tuple(sorted(origins.items())))
