"""The issue's cover image: nameplate, slogan, issue line and the lead headlines, as a 1600×2560 JPEG
(the KDP size; also the download page's thumbnail source). Drawn with Pillow from the same fonts as
the print edition; the same issue always gives the same bytes."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from ..inline import plain_text
from ..labels import date_range, label
from ..model import Article, Issue
from . import STYLES

WIDTH, HEIGHT = 1600, 2560
MARGIN = 110
RED, INK, PAPER = (179, 18, 15), (17, 17, 17), (250, 248, 243)
FONTS = STYLES / "fonts"
LEAD_STORIES = 5


def render_cover(issue: Issue) -> bytes:
    """The cover as JPEG bytes."""
    meta = issue.metadata
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    bold = str(FONTS / "Oswald-Bold.ttf")
    medium = str(FONTS / "Oswald-Medium.ttf")

    draw.rectangle((0, 0, WIDTH, 660), fill=RED)
    name = (meta.publication or "").upper()
    size = _fit(draw, name, bold, WIDTH - 2 * MARGIN, 330)
    _centered(draw, name, ImageFont.truetype(bold, size), 90, PAPER)
    if meta.slogan:
        slogan = meta.slogan.upper()
        _centered(draw, slogan, ImageFont.truetype(medium, _fit(draw, slogan, medium, WIDTH - 2 * MARGIN, 64)),
                  520, PAPER)

    issue_line = []
    if meta.volume and meta.number:
        issue_line.append(label(meta.language, "volume_number", volume=meta.volume, number=meta.number))
    if meta.date_start:
        issue_line.append(date_range(meta.date_start, meta.date_end, meta.language))
    line = " · ".join(issue_line).upper()
    if line:
        _centered(draw, line, ImageFont.truetype(medium, _fit(draw, line, medium, WIDTH - 2 * MARGIN, 60)), 720, INK)
    draw.line((MARGIN, 830, WIDTH - MARGIN, 830), fill=INK, width=6)

    y = 900
    headline_font = ImageFont.truetype(bold, 96)
    kicker_font = ImageFont.truetype(medium, 48)
    for article in _lead_stories(issue):
        if article.kicker:
            kicker = plain_text(article.kicker.inlines).upper()
            if y + 70 > HEIGHT - 200:
                break
            draw.text((MARGIN, y), _clip(draw, kicker, kicker_font, WIDTH - 2 * MARGIN), font=kicker_font, fill=RED)
            y += 70
        lines = _wrap(draw, plain_text(article.headline.inlines).upper(), headline_font, WIDTH - 2 * MARGIN)
        if y + 110 * len(lines) > HEIGHT - 200:
            break
        for text in lines:
            draw.text((MARGIN, y), text, font=headline_font, fill=INK)
            y += 110
        draw.line((MARGIN, y + 25, MARGIN + 240, y + 25), fill=RED, width=5)
        y += 80
    if meta.website:
        site = meta.website.removeprefix("https://").removeprefix("http://").upper()
        _centered(draw, site, ImageFont.truetype(medium, 54), HEIGHT - 140, INK)

    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()


def _lead_stories(issue: Issue) -> list[Article]:
    return [a for a in issue.items if isinstance(a, Article) and not a.headline.derived][:LEAD_STORIES]


def _fit(draw, text: str, font_path: str, width: int, largest: int) -> int:
    size = largest
    while size > 20 and draw.textlength(text, font=ImageFont.truetype(font_path, size)) > width:
        size -= 4
    return size


def _centered(draw, text: str, font, y: int, fill) -> None:
    draw.text(((WIDTH - draw.textlength(text, font=font)) / 2, y), text, font=font, fill=fill)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and draw.textlength(trial, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + [current] if current else lines


def _clip(draw, text: str, font, width: int) -> str:
    while text and draw.textlength(text, font=font) > width:
        text = text[:-2].rstrip() + "…"
    return text
