"""The issue's language, checked against its text: a mismatch is a warning naming both, and a language
that came only from the paper's defaults gives way to the text's (with the edition's name)."""

from __future__ import annotations

import copy
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..model import Issue, Note, Paragraph
from ..model.inlines import text_of
from .edit import revise

LANGUAGES = ("en", "es", "fr", "pt", "de", "it")  # what the paper's editions and reprints are written in
NAMES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "de": "German", "it": "Italian"}
SAMPLE = 20_000  # characters of prose: plenty to tell languages apart
CONFIDENT = 0.9


@lru_cache(maxsize=1)
def _identifier():
    """py3langid (BSD-3-Clause), loaded once a process (≈0.8 s)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def classify_among(text: str, languages: tuple[str, ...]) -> tuple[str, float]:
    """The likeliest of `languages` for `text`, and how likely (normalised among them):
    `("Српски", ("ru", "sr", "bg"))` → (`sr`, 0.6)."""
    language, confidence = _identifier_among(tuple(sorted(set(languages)))).classify(text)
    return language, float(confidence)


@lru_cache(maxsize=32)
def _identifier_among(languages: tuple[str, ...]):
    """py3langid restricted to `languages`, once per set of them: restricting costs milliseconds, and
    one identifier restricted in turn was restricted again at every word of a paragraph quoting
    Cyrillic and Arabic alike (2 ms a word: 70 s for 5 MB). A shallow copy shares the model."""
    identifier = copy.copy(_identifier())
    identifier.set_languages(list(languages))
    return identifier


def detect_language(text: str) -> tuple[str, float]:
    """(`es`, 0.99) for Spanish prose; ("", 0) for too little text to tell."""
    if len(text.split()) < 20:
        return "", 0.0
    return classify_among(text[:SAMPLE], LANGUAGES)


def check_language(issue: Issue) -> Issue:
    """The text's language against `metadata.language`. Where the issue's own sidecar set it, a mismatch
    is a warning; where it came from publication.yaml or the default, the text's language is used (the
    edition's name with it, from publication.yaml's `editions`) and the warning says how to make it so."""
    prose = " ".join(text_of(b) for b in issue.items if isinstance(b, Paragraph))
    found, confidence = detect_language(prose)
    meta = issue.metadata
    said = meta.language.split("-")[0]
    origin = meta.origin("language") or "the default"
    if not found or confidence < CONFIDENT or found == said:
        return _with_edition_name(issue, meta.language, [])
    own = _own_sidecar(issue)
    if _set_by(meta, "language", own):
        note = Note("check_language", 1, f"the text reads as {NAMES[found]} ({found}, {confidence:.0%}) but "
                    f"{origin} says `language: {meta.language}`; if the text is right, change it there", "warning")
        return revise(issue, issue.items, [note])
    note = Note("check_language", 1, f"the text reads as {NAMES[found]} ({found}, {confidence:.0%}), not "
                f"{NAMES.get(said, said)} ({origin}): set in {NAMES[found]}; to say so, put `language: {found}` "
                f"in {own}", "warning")
    by_text = _with_value(meta, "language", found, f"the text ({NAMES[found]}, {confidence:.0%})")
    issue = replace(issue, metadata=by_text)
    return _with_edition_name(issue, found, [note])


def _with_edition_name(issue: Issue, language: str, notes: list) -> Issue:
    """The publication's name in this language's edition (`editions: {es: Bandera Roja}`), unless the
    issue's own sidecar named it."""
    meta = issue.metadata
    name = dict(meta.editions).get(language.split("-")[0])
    if not name or name == meta.publication or _set_by(meta, "publication", _own_sidecar(issue)):
        return revise(issue, issue.items, notes)
    metadata = _with_value(meta, "publication", name, meta.origin("editions") or "publication.yaml editions")
    return revise(replace(issue, metadata=metadata), issue.items, notes)


def _own_sidecar(issue: Issue) -> str:
    """The file name of the issue's own sidecar: `x.yaml` beside `x.txt`."""
    return Path(issue.path).with_suffix(".yaml").name


def _set_by(meta, field: str, sidecar: str) -> bool:
    """Whether `field` came from `sidecar` (origins read `path/x.yaml:4`)."""
    return meta.origin(field).rsplit(":", 1)[0].endswith(sidecar)


def _with_value(meta, field: str, value: str, origin: str):
    """`meta` with `field` set to `value`, its origin recorded."""
    origins = dict(meta.origins) | {field: origin}
    return replace(meta, **{field: value}, origins=tuple(sorted(origins.items())))
