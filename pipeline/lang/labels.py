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
        "box_letters": "About letters", "box_ad": "Pamphlet", "box_contact": "Contact", "box_web": "On the web",
        "box_subscribe": "Subscribe", "box_notice": "Notice", "box_contents": "In this issue", "box": "Box",
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
        "box_letters": "Sobre las cartas", "box_ad": "Folleto", "box_contact": "Contacto", "box_web": "En la web",
        "box_subscribe": "Suscripción", "box_notice": "Aviso", "box_contents": "En este número", "box": "Recuadro",
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
    parts = issue_line_parts(metadata)
    return f"{name} — {', '.join(parts)}" if parts else name


def issue_line_parts(metadata) -> list[str]:
    """What of `Vol. 16 No. 4` and `March 12 – April 2, 2025` (or the dates as printed) an issue has."""
    parts = []
    if metadata.volume and metadata.number:
        parts.append(label(metadata.language, "volume_number", volume=metadata.volume, number=metadata.number))
    if metadata.date_start:
        parts.append(date_range(metadata.date_start, metadata.date_end, metadata.language))
    elif metadata.date_text:
        parts.append(metadata.date_text)
    return parts


def plural(count: int, word: str, words: str = "") -> str:
    """`1 page`, `11 pages`, `1 story`, `17 stories` (the report's and the summary's English)."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


# The download site's words (pipeline/site.py), per edition language
SITE_LABELS = {
    "en": {
        "edition": "English", "all_issues": "All issues", "latest": "Latest issue", "archive": "Archive",
        "volume": "Volume {volume}", "other_issues": "Issues without a volume", "undated": "undated",
        "downloads": "Downloads", "in_this_issue": "In this issue", "read_online": "Read online",
        "read_online_note": "the whole issue as one web page", "details": "Downloads and stories",
        "epub": "EPUB", "epub_note": "Apple Books, KOReader, Thorium, Google Play Books, Send to Kindle",
        "kepub": "Kobo EPUB (kepub)", "kepub_note": "for Kobo e-readers",
        "pdf-letter": "Print PDF, Letter", "pdf-a4": "Print PDF, A4", "pdf-tabloid": "Print PDF, tabloid",
        "booklet": "Booklet PDF, half-letter", "booklet-tabloid": "Booklet PDF, tabloid",
        "press": "PDF for the press, Letter", "press-a4": "PDF for the press, A4",
        "press-tabloid": "PDF for the press, tabloid",
        "cover_alt": "Cover of {title}", "other_editions": "Other editions",
        "catalogs": "For e-reader apps", "catalogs_note": "Add one of these catalog addresses to KOReader, "
        "Thorium, Moon+ Reader or another OPDS app:", "opds1": "OPDS 1.2 catalog (Atom)",
        "opds2": "OPDS 2.0 catalog (JSON)", "complete": "All issues, every edition",
        "catalog_all": "every issue of every edition, newest first", "catalog_edition": "{name}: every issue, newest first",
        "issues": "{count} issues",
        "search": "Search every issue", "search_button": "Search", "search_title": "Search the archive",
        "search_label": "Words of a headline or a story ({editions})",
        "search_noscript": "Searching needs JavaScript; every issue is also listed by volume on the front page.",
        "search_none": "No story holds every one of these words.", "search_found": "{count} stories found.",
        "search_more": "The first {count} are shown: add a word to narrow it down.",
        "search_description": "Search every story of every issue: {editions}.",
        "short_epub": "EPUB", "short_pdf-letter": "PDF", "this_issue_in": "This issue in English",
        "story_in": "In English", "from_issue": "The whole issue: {issue}", "next": "Next",
        "previous": "Previous", "story_links": "This story elsewhere",
        "index_description": "{name}: every issue ({count}) to read online or download as EPUB, Kobo "
                             "EPUB and PDF, with OPDS catalogs for e-reader apps.",
        "volume_description": "{name}, {volume}: {count} issues to read online or download.",
        "feed": "News feed of new issues (Atom)", "facet_edition": "Edition", "facet_year": "Year",
        "new_issues": "new issues",
    },
    "es": {
        "edition": "Español", "all_issues": "Todos los números", "latest": "Último número", "archive": "Archivo",
        "volume": "Volumen {volume}", "other_issues": "Números sin volumen", "undated": "sin fecha",
        "downloads": "Descargas", "in_this_issue": "En este número", "read_online": "Leer en línea",
        "read_online_note": "el número entero en una página web", "details": "Descargas y notas",
        "epub": "EPUB", "epub_note": "Apple Books, KOReader, Thorium, Google Play Libros, Send to Kindle",
        "kepub": "EPUB para Kobo (kepub)", "kepub_note": "para lectores Kobo",
        "pdf-letter": "PDF impreso, carta", "pdf-a4": "PDF impreso, A4", "pdf-tabloid": "PDF impreso, tabloide",
        "booklet": "PDF en cuadernillo, media carta", "booklet-tabloid": "PDF en cuadernillo, tabloide",
        "press": "PDF para la imprenta, carta", "press-a4": "PDF para la imprenta, A4",
        "press-tabloid": "PDF para la imprenta, tabloide",
        "cover_alt": "Portada de {title}", "other_editions": "Otras ediciones",
        "catalogs": "Para aplicaciones de lectura", "catalogs_note": "Añada una de estas direcciones de "
        "catálogo a KOReader, Thorium, Moon+ Reader u otra aplicación OPDS:", "opds1": "Catálogo OPDS 1.2 (Atom)",
        "opds2": "Catálogo OPDS 2.0 (JSON)", "complete": "Todos los números, todas las ediciones",
        "catalog_all": "todos los números de todas las ediciones, del más reciente al más antiguo",
        "catalog_edition": "{name}: todos los números, del más reciente al más antiguo",
        "issues": "{count} números",
        "search": "Buscar en todos los números", "search_button": "Buscar", "search_title": "Buscar en el archivo",
        "search_label": "Palabras de un título o de una nota ({editions})",
        "search_noscript": "La búsqueda necesita JavaScript; todos los números están también en la portada, por volumen.",
        "search_none": "Ninguna nota tiene todas estas palabras.", "search_found": "{count} notas encontradas.",
        "search_more": "Se muestran las primeras {count}: añada una palabra para acotar.",
        "search_description": "Busque en todas las notas de todos los números: {editions}.",
        "short_epub": "EPUB", "short_pdf-letter": "PDF", "this_issue_in": "Este número en español",
        "story_in": "En español", "from_issue": "El número entero: {issue}", "next": "Siguiente",
        "previous": "Anterior", "story_links": "Esta nota en otros lugares",
        "index_description": "{name}: todos los números ({count}) para leer en línea o descargar en EPUB, "
                             "EPUB para Kobo y PDF, con catálogos OPDS para aplicaciones de lectura.",
        "volume_description": "{name}, {volume}: {count} números para leer en línea o descargar.",
        "feed": "Canal de noticias de números nuevos (Atom)", "facet_edition": "Edición", "facet_year": "Año",
        "new_issues": "números nuevos",
    },
}


def site_label(language: str, key: str, **values) -> str:
    table = SITE_LABELS.get(language.split("-")[0], SITE_LABELS["en"])
    return table[key].format(**values)


def human_size(size: int) -> str:
    """`412 KB`, `1.4 MB`."""
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
