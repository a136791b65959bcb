"""Words the pipeline itself prints, per edition language (English and Spanish)."""

from __future__ import annotations

LABELS = {
    "en": {
        "see_inside": "See inside",
        "continued": "The rest of this story is not in this edition.",
        "page_short": "p.",
        "volume_number": "Vol. {volume} No. {number}",
        "in_this_issue": "In this issue",
        "figure": "Photo",
        "lead_stories": "Lead stories",
        "cover": "Cover",
        "contents": "Contents",
        "landmarks": "Landmarks",
        "first_story": "First story",
        "from_the_paper": "From the paper",
        "front_page": "Front page",
        "reports": "Reports",
        "letters": "Letters",
        "subject_news": "News",
        "subject_periodical": "Newspapers",
        "next": "Next",
        "web_copy": "From the paper’s website",
        "colophon": "Colophon",
        "imprint": "Imprint",
        "published_by": "Published by",
        "website": "Website",
        "downloads_at": "Every issue to download",
        "made_with": "This e-book was made from the issue’s manuscript by the paper’s publishing pipeline.",
        "home_code": "This issue as an e-book, free to download:",
    },
    "es": {
        "see_inside": "En este número",
        "continued": "El resto de esta nota no está en esta edición.",
        "page_short": "pág.",
        "volume_number": "Vol. {volume} N.º {number}",
        "in_this_issue": "En este número",
        "figure": "Foto",
        "lead_stories": "Notas principales",
        "cover": "Portada",
        "contents": "Índice",
        "landmarks": "Puntos de referencia",
        "first_story": "Primera nota",
        "from_the_paper": "Del periódico",
        "front_page": "Primera plana",
        "reports": "Reportajes",
        "letters": "Cartas",
        "subject_news": "Noticias",
        "subject_periodical": "Periódicos",
        "next": "Siguiente",
        "web_copy": "Del sitio web del periódico",
        "colophon": "Colofón",
        "imprint": "Pie de imprenta",
        "published_by": "Publicado por",
        "website": "Sitio web",
        "downloads_at": "Todos los números para descargar",
        "made_with": "Este libro electrónico se hizo a partir del manuscrito del número con el sistema de edición del periódico.",
        "home_code": "Este número como libro electrónico, de descarga gratuita:",
    },
}


# The language tag a print edition is set (and hyphenated) in: pyphen reads a bare `en` as British
# English ("capit-alism", "immig-rants"), and the paper is American.
PRINT_LANGUAGE = {"en": "en-US", "es": "es"}


def print_language(language: str) -> str:
    """`en` → `en-US`; a tag that already names a region, or a language not listed, is kept."""
    return PRINT_LANGUAGE.get(language, language)


def label(language: str, key: str, **values: str) -> str:
    """The label `key` in `language` (English when the language has none), filled with `values`."""
    table = LABELS.get(language.split("-")[0], LABELS["en"])
    return table[key].format(**values)


_MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
}


def date_range(start: str, end: str, language: str = "en") -> str:
    """ISO dates as the paper prints a range: `March 12 – April 2, 2025`; in Spanish
    `12 de marzo – 2 de abril de 2025`. One date alone when `end` is empty."""
    lang = "es" if language.startswith("es") else "en"
    months = _MONTHS[lang]

    def parts(iso: str):
        y, m, d = (int(x) for x in iso.split("-"))
        return y, months[m - 1], d

    y1, m1, d1 = parts(start)
    if not end or end == start:
        return f"{d1} de {m1} de {y1}" if lang == "es" else f"{m1} {d1}, {y1}"
    y2, m2, d2 = parts(end)
    if lang == "es":
        first = f"{d1} de {m1}" + (f" de {y1}" if y1 != y2 else "")
        return f"{first} – {d2} de {m2} de {y2}"
    first = f"{m1} {d1}" + (f", {y1}" if y1 != y2 else "")
    return f"{first} – {m2} {d2}, {y2}"


def issue_title(metadata) -> str:
    """The line that names an issue: `Red Flag — Vol. 16 No. 4, March 12 – April 2, 2025`."""
    name = metadata.publication or "Untitled paper"
    parts = []
    if metadata.volume and metadata.number:
        parts.append(label(metadata.language, "volume_number", volume=metadata.volume, number=metadata.number))
    if metadata.date_start:
        parts.append(date_range(metadata.date_start, metadata.date_end, metadata.language))
    elif metadata.date_text:
        parts.append(metadata.date_text)
    return f"{name} — {', '.join(parts)}" if parts else name


def plural(count: int, word: str, words: str = "") -> str:
    """`1 page`, `11 pages`, `1 story`, `17 stories` (the report's and the summary's English)."""
    return f"{count} {word if count == 1 else (words or word + 's')}"
