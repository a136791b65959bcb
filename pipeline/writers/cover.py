"""The issue's cover image: nameplate, slogan, issue line and the lead headlines, as a 1600×2560 JPEG
(the KDP size; also the download page's thumbnail source). Drawn with Pillow from the same faces as
the print edition's headlines (print.css `--headline-faces`: Oswald, then a face per script it lacks,
each character set in the first that has it, shaped by Raqm); the same issue always gives the same bytes."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from ..checks.fonts import stack_faces
from ..lang.labels import date_range, label
from ..model import Article, Issue
from ..model.inlines import plain_text
from . import STYLES

WIDTH, HEIGHT = 1600, 2560
MARGIN = 110
RED, INK, PAPER = (179, 18, 15), (17, 17, 17), (250, 248, 243)
LEAD_STORIES = 5
_GREEK_CAPITAL_ACCENT = re.compile(r"(?<=[\u0391-\u03a9])(\u0308?)[\u0301\u0342]")  # tonos, perispomeni (dialytika kept)


@dataclass(frozen=True)
class Type:
    """A size of the headline faces: `weight` 700 (bold) or 500 (medium), `size` in pixels."""

    weight: int
    size: int


def render_cover(issue: Issue) -> bytes:
    """The cover as JPEG bytes."""
    meta = issue.metadata
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    bold, medium = 700, 500

    draw.rectangle((0, 0, WIDTH, 660), fill=RED)
    name = _upper(meta.publication or "")
    _centered(draw, name, _fit(draw, name, bold, WIDTH - 2 * MARGIN, 330), 90, PAPER)
    if meta.slogan:
        slogan = _upper(meta.slogan)
        _centered(draw, slogan, _fit(draw, slogan, medium, WIDTH - 2 * MARGIN, 64), 520, PAPER)

    issue_line = []
    if meta.volume and meta.number:
        issue_line.append(label(meta.language, "volume_number", volume=meta.volume, number=meta.number))
    if meta.date_start:
        issue_line.append(date_range(meta.date_start, meta.date_end, meta.language))
    if not issue_line and issue.form == "web":  # a web copy with no sidecar (a report warning says so)
        issue_line.append(label(meta.language, "web_copy"))
    line = _upper(" · ".join(issue_line))
    if line:
        _centered(draw, line, _fit(draw, line, medium, WIDTH - 2 * MARGIN, 60), 720, INK)
    draw.line((MARGIN, 830, WIDTH - MARGIN, 830), fill=INK, width=6)

    y = 900
    headline_font = Type(bold, 96)
    kicker_font = Type(medium, 48)
    for article in _lead_stories(issue):
        if article.kicker:
            kicker = _upper(plain_text(article.kicker.inlines))
            if y + 70 > HEIGHT - 200:
                break
            _draw(draw, (MARGIN, y), _clip(draw, kicker, kicker_font, WIDTH - 2 * MARGIN), kicker_font, RED)
            y += 70
        lines = _wrap(draw, _upper(plain_text(article.headline.inlines)), headline_font, WIDTH - 2 * MARGIN)
        if y + 110 * len(lines) > HEIGHT - 200:
            break
        for text in lines:
            _draw(draw, (MARGIN, y), text, headline_font, INK)
            y += 110
        draw.line((MARGIN, y + 25, MARGIN + 240, y + 25), fill=RED, width=5)
        y += 80
    if meta.website:
        site = _upper(meta.website.removeprefix("https://").removeprefix("http://"))
        _centered(draw, site, Type(medium, 54), HEIGHT - 140, INK)

    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()


def _lead_stories(issue: Issue) -> list[Article]:
    return [a for a in issue.items if isinstance(a, Article) and not a.headline.derived][:LEAD_STORIES]


def _upper(text: str) -> str:
    """Capitals as the language sets them: Greek capitals drop their accents (`Εφημερίδα` → `ΕΦΗΜΕΡΙΔΑ`,
    not `ΕΦΗΜΕΡΊΔΑ`, which is what str.upper gives)."""
    decomposed = unicodedata.normalize("NFD", text.upper())
    return unicodedata.normalize("NFC", _GREEK_CAPITAL_ACCENT.sub(r"\1", decomposed))


def _fit(draw, text: str, weight: int, width: int, largest: int) -> Type:
    size = largest
    while size > 20 and _width(draw, text, Type(weight, size)) > width:
        size -= 4
    return Type(weight, size)


def _centered(draw, text: str, kind: Type, y: int, fill) -> None:
    _draw(draw, ((WIDTH - _width(draw, text, kind)) / 2, y), text, kind, fill)


def _wrap(draw, text: str, kind: Type, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and _width(draw, trial, kind) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + [current] if current else lines


def _clip(draw, text: str, kind: Type, width: int) -> str:
    while text and _width(draw, text, kind) > width:
        text = text[:-2].rstrip() + "…"
    return text


def _draw(draw, xy: tuple, text: str, kind: Type, fill) -> None:
    """`text` from its top left at `xy`, each run in its face, all on the first face's baseline."""
    x, y = xy
    baseline = y + _font(kind, 0).getmetrics()[0]
    for run, face in _runs(text, kind.weight):
        font = _font(kind, face)
        draw.text((x, baseline), run, font=font, fill=fill, anchor="ls")
        x += draw.textlength(run, font=font)


def _width(draw, text: str, kind: Type) -> float:
    return sum(draw.textlength(run, font=_font(kind, face)) for run, face in _runs(text, kind.weight))


def _runs(text: str, weight: int) -> list[tuple[str, int]]:
    """`text` cut where the face changes: (run, index in the stack); a character stays in the face
    of the run before it while that face has it (spaces, punctuation), else takes the first that does."""
    faces = stack_faces(STYLES / "print.css", "--headline-faces", weight)
    runs: list[list] = []
    for char in text:
        if runs and ord(char) in faces[runs[-1][1]][2]:
            runs[-1][0] += char
            continue
        face = next((k for k, f in enumerate(faces) if ord(char) in f[2]), 0)
        if runs and runs[-1][1] == face:
            runs[-1][0] += char
        else:
            runs.append([char, face])
    return [(run, face) for run, face in runs]


@lru_cache(maxsize=64)
def _font(kind: Type, face: int) -> ImageFont.FreeTypeFont:
    path, index, _ = stack_faces(STYLES / "print.css", "--headline-faces", kind.weight)[face]
    return ImageFont.truetype(path, kind.size, index=index)
