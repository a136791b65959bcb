"""The normalized Issue as JSON (`build/<stem>/<stem>.issue.json`), read once and rendered by every writer.

Like pandoc's JSON AST: each model node is an object naming its type (`{"type": "Paragraph", …}`),
tuples are arrays, and fields left at their default are omitted. `make` then sees manuscript → model
→ outputs, so the manuscript is read and normalized (and the word list loaded) once per issue.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, fields, is_dataclass

from .. import model

FORMAT = "pipeline-issue"
MODEL_SUFFIX = ".issue.json"  # build/<stem>/<stem>.issue.json
VERSION = 1
_TYPES = {name: value for name, value in vars(model).items() if isinstance(value, type) and is_dataclass(value)}


def dump_issue(issue: model.Issue) -> str:
    """The issue as a JSON document (stable key order, so equal issues give equal files)."""
    return json.dumps({"format": FORMAT, "version": VERSION, "issue": _encode(issue)},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def load_issue_json(text: str) -> model.Issue:
    """A JSON document written by `dump_issue` back to the Issue. Raises ValueError when it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ValueError(f"not a {FORMAT} document of version {VERSION}")
    issue = _decode(data["issue"])
    if not isinstance(issue, model.Issue):
        raise ValueError("the document holds no issue")
    return issue


def _encode(value):
    if is_dataclass(value):
        out = {"type": type(value).__name__}
        for f in fields(value):
            item = getattr(value, f.name)
            if f.default is MISSING or item != f.default:
                out[f.name] = _encode(item)
        return out
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value):
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if isinstance(value, dict):
        cls = _TYPES.get(value.get("type"))
        if cls is None:
            raise ValueError(f"unknown node type {value.get('type')!r}")
        return cls(**{k: _decode(v) for k, v in value.items() if k != "type"})
    return value
