"""Runs of text in another language than the issue's, marked with their language and direction: by
Unicode script first (an Arabic word in an English sentence), then, where languages share a script,
by py3langid (Serbian or Russian Cyrillic; a whole paragraph in French), and where the editor says so
(`{action: lang, …}`). Writers render the marks as `lang`, `xml:lang` and `dir="rtl"`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields, is_dataclass, replace
from functools import lru_cache

from ..model import Emphasis, Foreign, Issue, LineBreak, Link, Note, Strong, Text, narrowest_holding
from ..model.inlines import merge_inlines, plain_text, quote
from ..readers.overrides import override_note
from .edit import revise
from .language import NAMES, classify_among

# The scripts the paper meets, each with the languages written in it: the first is the one a run is
# taken for when it is too short to tell (py3langid chooses among several). Script names are the first
# word of the characters' Unicode names (`ARABIC LETTER ALEF`); kana and Han are one script here.
SCRIPTS = {
    "LATIN": ("en", "es", "fr", "pt", "de", "it", "tr", "sv"),
    "ARABIC": ("ar", "fa", "ur"),
    "HEBREW": ("he",),
    "DEVANAGARI": ("hi", "mr", "ne"),
    "BENGALI": ("bn", "as"),
    "GURMUKHI": ("pa",),
    "GUJARATI": ("gu",),
    "TAMIL": ("ta",),
    "CYRILLIC": ("ru", "uk", "bg", "sr", "mk", "be"),
    "GREEK": ("el",),
    "ARMENIAN": ("hy",),
    "GEORGIAN": ("ka",),
    "THAI": ("th",),
    "CJK": ("zh", "ja"),
    "HANGUL": ("ko",),
}
RIGHT_TO_LEFT = {"ARABIC", "HEBREW", "SYRIAC", "THAANA", "NKO"}
_KANA = {"HIRAGANA", "KATAKANA"}  # with Han: Japanese
LANGUAGE_NAMES = NAMES | {"tr": "Turkish", "sv": "Swedish", "ar": "Arabic", "fa": "Persian", "ur": "Urdu",
                          "he": "Hebrew", "hi": "Hindi", "mr": "Marathi", "ne": "Nepali", "bn": "Bengali",
                          "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian", "sr": "Serbian",
                          "mk": "Macedonian", "be": "Belarusian", "el": "Greek", "zh": "Chinese",
                          "ja": "Japanese", "ko": "Korean"}
# A Latin-script block is taken for another language than the issue's only on this much evidence:
# measured on the corpus and the samples (753 runs), no English or Spanish run of 3 words or more
# reached more than 0.65 for another language; a Portuguese slogan of 6 words reaches 0.95.
LATIN_CONFIDENT, LATIN_WORDS = 0.9, 3
MAIN_SHARE = 0.6  # a block is in its main script's language when that script has this share of its letters
# Between these, words of one script may still be in two languages (`Русский, Српски`): each side is
# told apart, and sides found in the same language are one run again.
SEPARATORS = set(",;·•/|()[]、，；")
# The marks that end a phrase and belong to it, taken into its run when they follow it straight on
# (`يا عمال العالم، اتحدوا!` quoted in an English sentence: its `!` is the slogan's, set at its left).
# Commas and full stops are the sentence's around it and stay outside.
CLOSING_MARKS = set("!?؟‼…")
_RUN_FIELDS = ("inlines", "title", "slogan", "dateline", "blurb")


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """`ب` → ARABIC, `ि` → DEVANAGARI, `中`/`か` → CJK; "" for what every script shares (digits,
    punctuation, spaces, combining accents)."""
    if unicodedata.category(char)[0] not in "LM":
        return ""
    word = unicodedata.name(char, "").split(" ", 1)[0]
    if word in _KANA:
        return "CJK"
    return word if word in SCRIPTS or word in RIGHT_TO_LEFT else ""


def mark_languages(issue: Issue) -> Issue:
    """Every run in another language than the issue's becomes a Foreign run: `(Русский, हिंदी)` →
    (Foreign(ru, Русский), Foreign(hi, हिंदी)); a block all in one language is one Foreign run
    (`يا عمال العالم، اتحدوا!` → Foreign(ar, …, rtl)). `{action: lang, at: 12, value: fr}` sets the
    language of the block holding line 12; with `quote:` too (or alone), only of the words quoted."""
    base = issue.metadata.language
    overrides = [o for o in issue.overrides if o.action == "lang"]
    holders: list = []
    _collect_holders(issue.items, holders)
    chosen: dict[int, list] = {}
    for override in overrides:
        narrowest = narrowest_holding(holders, override.line)
        for holder in holders:  # a derived headline holds the same line as the paragraph it came from
            if narrowest is not None and holder.source == narrowest.source:
                chosen.setdefault(id(holder), []).append(override)
    notes: list[Note] = []
    items = [_mark_node(item, base, chosen, (), notes) for item in issue.items]
    return revise(issue, items, notes)


def _collect_holders(node, out: list) -> None:
    """Every node with a source and runs of its own, however deep (story parts, box blocks)."""
    if isinstance(node, tuple):
        for child in node:
            _collect_holders(child, out)
    elif is_dataclass(node) and not _is_inline(node):
        if getattr(node, "source", None) is not None:
            out.append(node)
        for f in fields(node):
            if f.name != "source":
                _collect_holders(getattr(node, f.name), out)


def _is_inline(node) -> bool:
    return isinstance(node, (Text, Emphasis, Strong, Link, LineBreak, Foreign))


def _mark_node(node, base: str, chosen: dict, inherited: tuple, notes: list):
    """`node` with each of its runs marked (the overrides of its nearest holder applied)."""
    if isinstance(node, tuple):
        return tuple(_mark_node(child, base, chosen, inherited, notes) for child in node)
    if not is_dataclass(node) or _is_inline(node):
        return node
    overrides = tuple(chosen.get(id(node), inherited))
    source = getattr(node, "source", None)
    line = source.first if source is not None else 0
    changes = {}
    for f in fields(node):
        value = getattr(node, f.name)
        if f.name in _RUN_FIELDS and isinstance(value, tuple):
            changes[f.name] = _mark_run(value, base, overrides, line, notes) if value else value
        elif isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value):
            changes[f.name] = tuple(_mark_run(v, base, overrides, line, notes) for v in value)  # list items
        elif isinstance(value, tuple) or is_dataclass(value):
            changes[f.name] = _mark_node(value, base, chosen, overrides, notes)
    return replace(node, **changes) if changes else node


def _mark_run(run, base: str, overrides: tuple, line: int, notes: list):
    """One run of inlines with its foreign parts marked. The block's language is its main script's
    (Latin: the issue's, unless py3langid is sure of another), or the editor's `lang` at its line."""
    text = plain_text(run)
    scripts = [script_of(c) for c in text]
    block_override = next((o for o in overrides if not o.quote), None)
    main = _block_script(scripts)
    if block_override is not None:
        block_lang = block_override.value
        _note_once(notes, override_note(block_override, f"block {quote(text)} set in {_name(block_lang)}"))
    elif not any(scripts):
        return run
    else:
        block_lang = _language(main, text, scripts, base, whole=True) if main else base
    spans = []
    for start, end, script, lang in _language_runs(text, scripts, main, base):
        if lang and lang != block_lang:
            spans.append((start, end, lang, script in RIGHT_TO_LEFT))
    for override in (o for o in overrides if o.quote):
        found = _find_quote(text, override.quote)
        if found is None:
            continue
        start, end = found
        spans = [s for s in spans if s[1] <= start or s[0] >= end]
        if override.value != block_lang:
            spans.append((start, end, override.value, _main_script(scripts[start:end]) in RIGHT_TO_LEFT))
        _note_once(notes, override_note(override, f"{quote(override.quote)} set in {_name(override.value)}"))
    spans.sort()
    marked = _wrap_spans(run, spans) if spans else run
    named = [(text[s:e], lang) for s, e, lang, _ in spans]
    undo = f'{{action: lang, at: {line}, quote: "{named[0][0]}", value: {block_lang}}}' if named else ""
    if _primary(block_lang) != _primary(base):
        marked = (Foreign(block_lang, marked, main in RIGHT_TO_LEFT),)
        named.insert(0, (text, block_lang))
        undo = f"{{action: lang, at: {line}, value: {base}}}"
    if named and (block_override is None or len(named) > 1):
        what = "; ".join(f"{quote(words, 32)} {lang}" for words, lang in named[:6])
        notes.append(Note("mark_languages", line, f"in another language: {what} (if not, for example: `{undo}`)"))
    return marked


def _note_once(notes: list, note: Note) -> None:
    """An override's note, once however many runs its block has (a list's items, a dateline)."""
    origin = note.message.split(" ", 1)[0]
    if not any(n.step == note.step and n.message.split(" ", 1)[0] == origin for n in notes):
        notes.append(note)


def _main_script(scripts: list[str]) -> str | None:
    """The script most letters are in, or None for a run without letters."""
    counts: dict[str, int] = {}
    for script in scripts:
        if script:
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _block_script(scripts: list[str]) -> str | None:
    """The main script, if it holds MAIN_SHARE of the letters; None for a block of many scripts (a
    list of language names) or without letters."""
    main = _main_script(scripts)
    letters = sum(1 for s in scripts if s)
    return main if main and sum(1 for s in scripts if s == main) >= MAIN_SHARE * letters else None


def _language(script: str, text: str, scripts: list[str], base: str, whole: bool = False) -> str:
    """The language of a run in `script`: the issue's for Latin (another only for a whole block py3langid
    is sure of), the script's own where only one language is written in it, else py3langid's choice
    among those that are; "" for a script the table does not know."""
    if script == "LATIN":
        if not whole:
            return base if _primary(base) in SCRIPTS["LATIN"] else ""
        letters = sum(1 for s in scripts if s == "LATIN")
        if len(text.split()) < LATIN_WORDS or letters < 0.9 * sum(1 for s in scripts if s):
            return base
        found, confidence = classify_among(text, SCRIPTS["LATIN"])
        return found if confidence >= LATIN_CONFIDENT else base
    if script == "CJK":
        return "ja" if any(unicodedata.name(c, "").startswith(tuple(_KANA)) for c in text) else "zh"
    languages = SCRIPTS.get(script, ())
    if len(languages) <= 1:
        return languages[0] if languages else ""
    only = "".join(c if s == script or not s else " " for c, s in zip(text, scripts))
    return classify_among(only, languages)[0]


def _language_runs(text: str, scripts: list[str], main: str | None, base: str) -> list[tuple]:
    """(start, end, script, language) of each run not in the block's main script: runs of one script
    split at SEPARATORS, each side's language found, and neighbours found alike joined again."""
    runs: list[list] = []
    for start, end, script in _script_runs(text, scripts):
        if script == main:
            continue
        pieces, at = [], start
        for k in range(start, end + 1):
            if k == end or text[k] in SEPARATORS:
                piece = text[at:k]
                lead = len(piece) - len(piece.lstrip())
                if piece.strip():
                    pieces.append((at + lead, at + len(piece.rstrip())))
                at = k + 1
        for first, last in pieces:
            while last < len(text) and text[last] in CLOSING_MARKS:
                last += 1
            lang = _language(script, text[first:last], scripts[first:last], base)
            if runs and runs[-1][2] == script and runs[-1][3] == lang and not any(
                    scripts[runs[-1][1]:first]) and runs[-1][1] >= start:
                runs[-1][1] = last
            else:
                runs.append([first, last, script, lang])
    return [tuple(r) for r in runs]


def _script_runs(text: str, scripts: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, script) of each stretch of letters in one script, the shared characters between
    two letters of the same script included, those between two scripts left out (a combining accent
    goes with the letter before it)."""
    runs: list[list] = []
    for k, script in enumerate(scripts):
        if not script:
            if runs and runs[-1][1] == k and unicodedata.category(text[k])[0] == "M":
                runs[-1][1] = k + 1
            continue
        if runs and runs[-1][2] == script:
            runs[-1][1] = k + 1
        else:
            runs.append([k, k + 1, script])
    return [tuple(r) for r in runs]


def _find_quote(text: str, wanted: str) -> tuple[int, int] | None:
    """Where `wanted` stands in `text`, any run of spaces matching any other, case ignored."""
    pattern = r"\s+".join(re.escape(word) for word in wanted.split())
    found = re.search(pattern, text, re.I) if pattern else None
    return found.span() if found else None


def _wrap_spans(run, spans: list) -> tuple:
    """`run` with the characters of each (start, end, lang, rtl) span wrapped in Foreign; a span that
    crosses markup is wrapped on each side of it."""
    position = passed = 0  # passed: how many spans (sorted) end before `position`, never looked at again

    def rebuild(nodes) -> list:
        nonlocal position, passed
        out = []
        for node in nodes:
            if isinstance(node, Text):
                while passed < len(spans) and spans[passed][1] <= position:
                    passed += 1
                out.extend(_cut(node.text, position, spans, passed))
                position += len(node.text)
            elif isinstance(node, LineBreak):
                position += 1
                out.append(node)
            elif isinstance(node, Link):
                out.append(Link(node.url, merge_inlines(rebuild(node.children))))
            elif isinstance(node, Foreign):
                out.append(Foreign(node.lang, merge_inlines(rebuild(node.children)), node.rtl))
            else:
                out.append(type(node)(merge_inlines(rebuild(node.children))))
        return out

    return merge_inlines(rebuild(run))


def _cut(text: str, offset: int, spans: list, begin: int = 0) -> list:
    """A Text node's pieces: plain outside the spans, Foreign inside. Only the spans from `begin` that
    start before the node's end are read: reading all of them for every node of a paragraph was
    quadratic (4,000 foreign words between emphases: 50 s)."""
    out, at = [], 0
    for k in range(begin, len(spans)):
        start, end, lang, rtl = spans[k]
        if start >= offset + len(text):  # spans are sorted: none after this one reaches the node
            break
        first, last = max(start - offset, at), min(end - offset, len(text))
        if first >= last:
            continue
        out.append(Text(text[at:first]))
        out.append(Foreign(lang, (Text(text[first:last]),), rtl))
        at = last
    out.append(Text(text[at:]))
    return [node for node in out if not isinstance(node, Text) or node.text]


def _primary(lang: str) -> str:
    return lang.split("-", 1)[0].casefold()


def _name(lang: str) -> str:
    return f"{LANGUAGE_NAMES.get(_primary(lang), lang)} ({lang})"
