"""The paper's recurring phrases as data, one table per language: jump lines, boxes, decks, datelines, site furniture.

Read top to bottom. Patterns are regular expressions matched, case-insensitively, against a block's
whole text (markup stripped, white space folded); furniture lines are plain text compared the same way.
Recognition uses every language's table at once, since a Spanish issue reprints English boilerplate and
the other way round; the issue's language decides only the words the pipeline writes (labels.py).
An editor adds the paper's own lines in publication.yaml (`furniture:`) without touching code.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PAGE = r"(?:pages?|pp?\.|pgs?\.?|páginas?|págs?\.?|pág)"
_NUM = r"(?P<page>\d{1,3})"

PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        # The story goes on on another page: `See: X, page 3`, `(Continued on page 5)`, `Continued on p. 6`.
        "jump_out": (
            rf"(?:see|please see|continued on|continues on|turn to)\b:?\s+(?!{_PAGE}\b)(?P<slug>.+?)"
            rf"[\s,”\"’':;–—-]*(?:on\s+)?{_PAGE}\s*{_NUM}\.?",
            rf"\(?(?:continued|continues|cont\.|see|turn to|jump to|more)\s+(?:on\s+)?{_PAGE}\s*{_NUM}\.?\)?",
        ),
        # The rest of a story from another page: `CONTINUED FROM PAGE 1: NURSES…`, `X, from page 1`,
        # `TEACHERS AND PARENTS (Jump from page 1)`, `(Continued from page 8)`.
        "jump_in": (
            rf"\(?(?:continued|continues|cont\.|jump|jumped)\s+from\s+{_PAGE}\s*{_NUM}\)?\s*(?:[:.—–-]\s*(?P<slug>.*))?",
            rf"(?P<slug>.+?)[\s,”\"’'(:–—-]*(?:continued\s+|jump\s+)?from\s+{_PAGE}\s*{_NUM}\)?\.?",
        ),
        # Boxes, by their opening words.
        "letters_box": (r"(?:please\s+)?(?:send|mail)\s+(?:us\s+)?your\s+letters\b", r"write\s+to\s+us!",
                        r"this is the paper of the working class\. we get no funding",
                        r"red flag aspires to be a newspaper of a new type"),
        "see_inside": (r"see inside:?", r"inside:?", r"in this issue:?", r"inside this issue:?", r"on this page:?"),
        # A page of letters says so over them: `Letters to Red Flag`, `More Letters`, `Letters: A Title`.
        "letters_label": (r"(?:more\s+)?letters(?:\s+to\s+(?:red\s+flag|the\s+editor))?:?", r"(?:more\s+)?letters\s*:\s*\S.*",
                          r"letters,?\s+vol(?:ume)?\.?\s*\d+.*", r"(?:more\s+)?letters(?:\s+to\s+red\s+flag)?\s+from\s+\S.*"),
        # The website's links to leaflets and pamphlets, not the paper's stories: `NEW LEAFLET: …`.
        "leaflet_link": (r"(?:new:?\s+)?(?:leaflet|pamphlet|flyer)s?\b.*",),
        # One letter's title says so: `Letter: Why I Joined`, `Second Letter from Gaza: …`.
        "letter_title": (r"(?:\w+\s+)?letter\s*(?::|from\b)",),
        # A piece that calls itself a letter in its own words.
        "letter_words": (r"\b(?:this letter|i am writing to (?:you|red flag)|i write to you|i want to write to you)\b",),
        # The paper's answer printed under a letter's signature: part of the letter.
        "reply": (r"red flag (?:responds|replies|answers|comments)\b", r"editor'?s note\b"),
        # A letter's opening: `Dear Comrades,`, `Greetings comrades,`, `Red greetings!`.
        "salutation": (r"(?:dear|greetings|red greetings|comradely greetings|hello)\b[^.!?]{0,40}[,!:]",),
        "ad_start": (r"read\s+(?:our\s+)?(?:new\s+)?(?:pamphlet|manifesto|leaflet)\b",),
        "ad_end": (r"\bavailable\s+at\b",),
        "issue_line": (r"volume\s+\d+,?\s+(?:number|no\.)\s+\d+",),
        "contact": (r"\b(?:e-mail|email|twitter|instagram|facebook|phone|write to)\b",),
        "web_box": (r"on the web\b", r"as usual, we have more than we can print"),
        "subscribe": (r"subscribe to\b",),
        # Matter that only works on paper: a form to fill in, a QR code to scan, an address left to a picture.
        "print_only": (r"_{3,}", r"\bqr\s+code\b", r"\bavailable\s+at:?\s*$", r"\bcut\s+(?:out|along)\b",
                       r"\bfill\s+(?:in|out)\s+(?:this|the)\s+form\b"),
        "deck": (r"previous article\b", r"part \w+ of\b"),
        # A signature with no dash, closing a letter: `Young comrade in Durban`.
        "signer": (r"(?:a |an |young |old )?(?:comrade|worker|reader|student|teacher|soldier)\b[^.!?]{0,50}",
                   r"(?:a )?red flag (?:reader|distributor|supporter)\b[^.!?]{0,50}",
                   # `Dockworker Comrade in Greece`, `Garment worker in Dhaka`: who, then where
                   r"(?:[\w-]+ ){0,3}(?:comrade|worker|reader|student|teacher|soldier|sailor|nurse|driver|mechanic)s?"
                   r" (?:in|from|at) [^.!?]{1,40}"),
        # Site furniture always dropped: the website's own chrome, never the paper's words.
        "chrome": (
            "Header image", "line decor", "BIGGER SMALLER", "Search page", "RSS image", "image",
            "Subscribe : RSS image", "Newest Red Flag Subscribe : RSS image Facebook",
            "Newest Red Flag Subscribe : RSS image Twitter", "Sitio en Español aquí", "Print", "Share",
        ),
        "chrome_pattern": (
            r"to contact icwp,? send an email to:?.*", r"icwp@anonymousspeech\.com(?:\s+rss image)?",
            r"text size:?(?:\s+abc)*", r"contact icwp:.*", r"bigger\s+smaller\s+pdf version", r"newest red flag\b.*\brss image\b.*", r"\(english, español, .*\)",
            r"front page of this issue", r"print friendly, pdf (?:&|and) email", r"first article",
        ),
        # Chrome of the website that a printed page shares words with: dropped from web copy only (on
        # paper `(English, Español, Français…)` lists a leaflet's languages, and is the paper's text).
        "site_links": (r"\(english, español, .*\)",),
        # Chrome at the end of a line of the paper's words: cut off, the line kept.
        "chrome_suffix": (r"\s*english site here\.?",),
        # Site menus: dropped where they stand among other furniture (a story could be titled `Home`).
        "menu": (
            "Home", "About ICWP", "Red Flag newspaper", "Red Flag Newspaper", "Article Series from Red Flag",
            "RED FLAG Article Series", "Letters to RED FLAG", "Letters to Red Flag", "Previous Issue",
            "RED FLAG Archive", "Communist Dialectics", "English", "Español", "RED FLAG in PDF",
            "Articles en Français", "International Communist Workers Party",
            "International Communist Workers' Party", "Next Issue", "Archive", "FIGHT FOR COMMUNISM!",
            "Red Flag Facebook Page", "Red Flag Archive", "Red Flag Article Series", "Where to Find Things on This Website",
        ),
    },
    "es": {
        "jump_out": (
            rf"(?:ver|vea|véase)\b:?\s+(?!{_PAGE}\b)(?P<slug>.+?)[\s,”\"’':;–—-]*(?:en\s+)?(?:la\s+)?{_PAGE}\s*{_NUM}\.?",
            rf"\(?(?:pasa|sigue|continúa|continua|contin[uú]a)\s+(?:a|en)\s+(?:la\s+)?{_PAGE}\s*{_NUM}\.?\)?",
        ),
        "jump_in": (
            rf"\(?(?:viene|contin[uú]a|continuación|sigue)\s+de\s+(?:la\s+)?{_PAGE}\s*{_NUM}\)?\s*(?:[:.—–-]\s*(?P<slug>.*))?",
            rf"(?P<slug>.+?)[\s,”\"’'(:–—-]*(?:viene\s+|continuación\s+)?de\s+la\s+{_PAGE}\s*{_NUM}\)?\.?",
        ),
        "letters_box": (r"(?:por\s+favor,?\s+)?(?:env[ií]en(?:nos)?|manden(?:nos)?)\s+sus\s+cartas\b",
                        r"¡?escr[ií]banos!?", r"bandera roja aspira a ser un periódico de nuevo tipo",
                        r"enviar sus cartas o sugerencias\b",
                        r"este es el periódico de la clase (?:trabajadora|obrera)\b"),
        "see_inside": (r"en este número:?", r"vea adentro:?", r"en el interior:?", r"al interior:?", r"adentro:?",
                       r"en esta página:?"),
        "letters_label": (r"(?:más\s+)?cartas(?:\s+a\s+bandera\s+roja)?:?", r"(?:más\s+)?cartas\s*:\s*\S.*",
                          r"(?:más\s+)?cartas(?:\s+a\s+bandera\s+roja)?\s+(?:de|desde)\s+\S.*"),
        "leaflet_link": (r"(?:nuevo:?\s+)?(?:folleto|volante)s?\b.*",),
        "letter_title": (r"(?:\w+\s+)?carta\s*(?::|de\b|desde\b)",),
        "salutation": (r"¡?(?:querid[oa]s?|estimad[oa]s?|saludos)\b[^.!?]{0,40}[,!:]",),
        "reply": (r"bandera roja (?:responde|contesta|comenta)\b", r"nota (?:de la redacción|del editor)\b"),
        "letter_words": (r"\b(?:esta carta|les escribo|me dirijo a ustedes|les quiero escribir)\b",),
        "ad_start": (r"lea\s+(?:nuestro\s+)?(?:nuevo\s+)?(?:folleto|manifiesto|volante)\b",),
        "ad_end": (r"\bdisponible\s+en\b",),
        "issue_line": (r"volumen\s+\d+,?\s+(?:número|núm\.|no\.|n\.º)\s*\d+",),
        "contact": (r"\b(?:correo|tel[eé]fono|escriba a|escr[ií]banos a)\b",),
        "web_box": (r"en la red\b", r"en la web\b", r"como siempre, tenemos más"),
        "subscribe": (r"su[b]?scr[ií]b(?:a|e)se\b", r"su[b]?scr[ií]base\b"),
        "print_only": (r"\bc[oó]digo\s+qr\b", r"\bdisponible\s+en:?\s*$", r"\brecorte\b", r"\bllene\s+(?:este|el)\s+cup[oó]n\b"),
        "deck": (r"artículo anterior\b", r"parte \w+ de\b"),
        "signer": (r"(?:un |una |joven |viej[oa] )?(?:camarada|compañer[oa]|obrer[oa]|lector[a]?|estudiante|"
                   r"maestr[oa]|soldado)\b[^.!?]{0,50}",
                   r"(?:un |una )?(?:lector|lectora|distribuidor|distribuidora) de bandera roja\b[^.!?]{0,50}",
                   r"(?:[\w-]+ ){0,3}(?:camarada|compañer[oa]|obrer[oa]|trabajador[a]?|estudiante|maestr[oa]|soldado)s?"
                   r" (?:en|desde) [^.!?]{1,40}"),  # not `de`: `Obreras de la costura` is a kicker
        "chrome": ("Más Grande Más Pequeño", "MAS GRANDE MAS PEQUEÑO", "Página de Búsqueda", "Imagen",
                   "Bandera Roja Más Reciente Subscribirse : RSS image Twitter Twitter",
                   "English site here", "Imprimir", "Compartir"),
        "chrome_pattern": (
            r"contactar(?:\s+con)?\s+pcoi:?.*", r"bandera roja más reciente\b.*\brss image\b.*",
            r"clique mostrar las im[aá]genes", r"(?:m[aá]s\s+)?grande\s+(?:m[aá]s\s+)?peque[ñn]o",
            r"primera página de esta edición",
        ),
        "chrome_suffix": (r"\s*sitio en español aquí\.?",),
        "site_links": (r"\(inglés, español, .*\)",),
        "menu": ("Inicio", "Cartas", "Cartas a Bandera Roja", "Archivo de Bandera Roja", "El Numero Pasado",
                 "El Número Pasado", "Artículos en Serie de Bandera Roja", "Dialéctica Comunista",
                 "BANDERA ROJA en PDF", "Bandera Roja Periodico", "Bandera Roja Periódico",
                 "Partido Comunista Obrero Internacional", "Acerca de PCOI", "Sobre PCOI", "English", "Inglés",
                 "¡Luchemos por el Comunismo!", "Bandera Roja Periódico", "Artículos en Serie",
                 "Dónde Encontrar Información en Este Sitio Web"),
    },
}


def fold(text: str) -> str:
    """A line as furniture is compared: `  BIGGER    SMALLER ` → `bigger smaller` (NFKC, case-folded)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=None)
def pattern(kind: str) -> re.Pattern:
    """Every language's patterns of `kind` as one alternation, matched against a whole block."""
    alternatives = [p for table in PHRASES.values() for p in table[kind]]
    # the named groups repeat across alternatives: number them apart, then read them back by prefix
    numbered = [re.sub(r"\(\?P<(\w+)>", lambda m, k=k: f"(?P<{m.group(1)}{k}>", p) for k, p in enumerate(alternatives)]
    return re.compile("|".join(f"(?:{p})" for p in numbered), re.I)


def group(match: re.Match, name: str) -> str:
    """The value of named group `name` in whichever alternative matched ("" if it has none)."""
    for key, value in match.groupdict().items():
        if key.rstrip("0123456789") == name and value is not None:
            return value
    return ""


def fullmatch(kind: str, text: str) -> re.Match | None:
    """`text` (one block's words) as a whole is a phrase of `kind`."""
    return pattern(kind).fullmatch(text.strip())


def starts(kind: str, text: str) -> re.Match | None:
    """`text` opens with a phrase of `kind`."""
    return pattern(kind).match(text.strip())


def search(kind: str, text: str) -> re.Match | None:
    return pattern(kind).search(text)


@lru_cache(maxsize=None)
def lines(kind: str) -> frozenset[str]:
    """Every language's plain lines of `kind` (`chrome`, `menu`), folded."""
    return frozenset(fold(line) for table in PHRASES.values() for line in table[kind])


_TABLE_DEBRIS = re.compile(r"(?:!\[\]\(\)\s*)+(?:\|\s*)*|(?:\|\s*)+")  # a table capture's empty cells: `![]() |`, `| |`
_TEASER_LINE = re.compile(r"\S.*?\s(?:here|aquí)\s*[♦♩]", re.I)  # WordPress: `Title here ♦ Title here ♦` (or ♩)


def is_chrome(line: str) -> bool:
    """A line only the website prints: its chrome (`Header image`, `line decor`, `BIGGER SMALLER`, the
    contact line), or a table capture's empty cells (`![]() |`)."""
    text = line.strip()
    return bool(text) and (fold(text) in lines("chrome") or bool(fullmatch("chrome_pattern", fold(text)))
                           or bool(_TABLE_DEBRIS.fullmatch(text)))


def chrome_suffix(line: str) -> re.Match | None:
    """The website's chrome ending a line of the paper's words: `January 24 …, 2024  Sitio en Español aquí.`"""
    # Tried only where a run of spaces starts (the leftmost match starts there anyway): tried at each
    # space of a long run, `\s*…$` read the rest of the run each time (20,000 spaces: seconds).
    m = re.search(f"(?<!\\s)(?:{pattern('chrome_suffix').pattern})$", line.rstrip(), re.I)
    return m if m and m.start() > 0 else None


def is_teaser_line(line: str) -> bool:
    """WordPress's line of links to the page's stories: `Minneapolis here ♦ Letter: Let’s Continue here ♦`."""
    return bool(_TEASER_LINE.match(line.strip()))
