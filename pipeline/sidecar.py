"""Sidecar metadata: `manuscripts/publication.yaml` for the paper, `manuscripts/<stem>.yaml` for one
issue. Validated field by field; every error names the file and the line of the offending value."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

import yaml

from .errors import InputError
from .model import Metadata

PUBLICATION_FIELDS = {"publication", "publisher", "language", "website", "slogan", "description", "furniture",
                      "editions"}
ISSUE_FIELDS = PUBLICATION_FIELDS | {"volume", "number", "date_start", "date_end", "date_text", "overrides"}
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
    if not path.exists():
        return Sidecar(str(path), {}, {})
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text; save it as UTF-8") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(str(path), f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None
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
    return Sidecar(str(path), values, lines, overrides)


def _check_value(path: Path, key: str, node):
    line = node.start_mark.line + 1
    if key == "furniture":
        return _read_lines(path, node)
    if key == "editions":
        return _read_editions(path, node)
    if not isinstance(node, yaml.ScalarNode):
        raise InputError(str(path), f"`{key}` must be a single value", line)
    value = yaml.safe_load(yaml.serialize(node))
    text = str(value).strip() if value is not None else ""
    if key in ("volume", "number") and not re.fullmatch(r"\d{1,4}", text):
        raise InputError(str(path), f"`{key}` must be a whole number, not {text!r}", line)
    if key in ("date_start", "date_end") and not _DATE.match(text):
        raise InputError(str(path), f"`{key}` must be a date written YYYY-MM-DD, not {text!r}", line)
    if key == "language" and not _LANGUAGE.match(text):
        raise InputError(str(path), f"`language` must be a language tag such as en or es, not {text!r}", line)
    return text


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
        if not _LANGUAGE.match(str(key.value)):
            raise InputError(str(path), f"`editions`: {key.value!r} is not a language tag such as es", key.start_mark.line + 1)
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
