"""The print fonts' coverage: which characters the faces a stylesheet names can draw, and the check
that every character an issue prints has one, made before rendering, so a character no face has is
one error naming its manuscript line, never a `.notdef` box in print; and, after it, that every font
the PDF uses is embedded.

Coverage is fontconfig's own (`fc-list`, `fc-query`: the character sets Pango picks faces by), for the
families the stylesheets quote in `font`, `font-family` and custom properties, and for their
`@font-face` files.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import BuildError, InputError

_FONT_VALUE = re.compile(r"(?:font|font-family|--[\w-]+)\s*:\s*([^;{}]*)")
_QUOTED = re.compile(r'"([^"]+)"')
_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SILENT = {"Cc", "Cf", "Zl", "Zp"}  # controls, joiners, bidi marks, soft hyphens: shaped, never drawn alone


def named_faces(stylesheets: tuple[Path, ...]) -> tuple[tuple[str, ...], tuple[Path, ...]]:
    """The families the stylesheets quote, in order (`"Linux Libertine O"`; generic families are
    fontconfig's choice, so they are left out), and the files their `@font-face` rules load."""
    families: list[str] = []
    files: list[Path] = []
    for sheet in stylesheets:
        css = _COMMENT.sub("", Path(sheet).read_text(encoding="utf-8"))
        for value in _FONT_VALUE.findall(css):
            families += [name for name in _QUOTED.findall(value) if name not in families]
        for rule in _FONT_FACE.findall(css):
            for url in _URL.findall(rule):
                files.append(Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(sheet).parent / url)
    return tuple(families), tuple(files)


@lru_cache(maxsize=4)
def drawable(stylesheets: tuple[Path, ...]) -> frozenset[int]:
    """Every code point that a face named by the stylesheets has a glyph for: the `@font-face` files,
    and the installed faces of every other family quoted. A family neither loads nor is installed is
    a BuildError (the machine's setup is at fault, not the manuscript)."""
    families, files = named_faces(stylesheets)
    faces = (_faces(["fc-query", *map(str, files)]) if files else []) + _faces(["fc-list", ":"])
    wanted = {name.casefold() for name in families}
    covered: set[int] = set()
    found: set[str] = set()
    for k, (names, points) in enumerate(faces):
        matches = {name.casefold() for name in names} & wanted
        if k < len(files) or matches:
            found |= matches
            covered |= _code_points(points)
    if missing := [name for name in families if name.casefold() not in found]:
        raise BuildError(f"the print fonts {', '.join(missing)} are not installed; run `make` to install them "
                         "(scripts/bootstrap-system, scripts/fetch-fonts)")
    return frozenset(covered)


_FACE_WEIGHT = re.compile(r"font-weight\s*:\s*(\d+)")
_FC_WEIGHTS = {400: "regular", 500: "medium", 700: "bold"}


@lru_cache(maxsize=8)
def stack_faces(stylesheet: Path, stack: str, weight: int) -> tuple[tuple[str, int, frozenset[int]], ...]:
    """The faces a stylesheet's custom property lists (`--headline-faces`), at `weight`, in order: each
    one's file, its index in the file, and the characters it has — the `@font-face` file the
    stylesheet loads for the family, else the installed face fontconfig matches (for drawing outside
    WeasyPrint: the EPUB cover)."""
    css = _COMMENT.sub("", Path(stylesheet).read_text(encoding="utf-8"))
    value = re.search(rf"{re.escape(stack)}\s*:\s*([^;{{}}]*)", css)
    loaded: dict[str, list[tuple[int, Path]]] = {}
    for rule in _FONT_FACE.findall(css):
        family, url, face_weight = _QUOTED.search(rule), _URL.search(rule), _FACE_WEIGHT.search(rule)
        if family and url:
            loaded.setdefault(family.group(1), []).append(
                (int(face_weight.group(1)) if face_weight else 400, Path(stylesheet).parent / url.group(1)))
    faces = []
    for family in _QUOTED.findall(value.group(1)) if value else ():
        if family in loaded:
            path, index = min(loaded[family], key=lambda face: abs(face[0] - weight))[1], 0
        else:
            match = subprocess.run(["fc-match", "--format", "%{file}\t%{index}\t%{family}",
                                    f"{family}:{_FC_WEIGHTS.get(weight, 'regular')}"], capture_output=True, text=True)
            file, _, rest = match.stdout.partition("\t")
            index, _, names = rest.partition("\t")
            if match.returncode or family.casefold() not in names.casefold().split(","):
                continue
            path, index = Path(file), int(index)
        charset = next((c for n, c in _faces(["fc-query", "--index", str(index), str(path)])), "")
        faces.append((str(path), index, frozenset(_code_points(charset))))
    return tuple(faces)


def _faces(command: list[str]) -> list[tuple[list[str], str]]:
    """(family names, character set) of each face fontconfig reads (`fc-query FILE…`) or lists (`fc-list :`)."""
    result = subprocess.run([command[0], "--format", "%{family}\t%{charset}\n", *command[1:]],
                            capture_output=True, text=True)
    if result.returncode:
        raise BuildError(f"{command[0]} failed: {result.stderr.strip() or result.returncode}")
    return [(names.split(","), charset) for names, _, charset in (line.partition("\t") for line in result.stdout.splitlines())]


def _code_points(charset: str) -> set[int]:
    """fontconfig's character set (`20-7e a0-17f 1e9e`) as code points."""
    points: set[int] = set()
    for span in charset.split():
        first, _, last = span.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def undrawable(text: str, covered: frozenset[int]) -> list[str]:
    """The characters of `text` no face has, each once, in order of appearance (spaces, controls and
    other characters that are never drawn on their own left out)."""
    seen: dict[str, None] = {}
    for char in text:
        if ord(char) not in covered and char not in seen and not char.isspace() \
                and unicodedata.category(char) not in _SILENT and not _is_variation_selector(char):
            seen[char] = None
    return list(seen)


def _is_variation_selector(char: str) -> bool:
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"


def check_coverage(issue, html: str, stylesheets: tuple[Path, ...]) -> None:
    """Every character the issue's page body shows (`html`, the HTML writer's XHTML) has a face. If
    not, raise InputError naming the first manuscript line holding one that has none, and the
    character (`U+10FFFD`); a character the manuscript does not hold (a sidecar's) is a BuildError."""
    from lxml import etree

    text = "".join(etree.fromstring(html.encode("utf-8")).find("body").itertext())
    missing = undrawable(text, drawable(tuple(stylesheets)))
    if not missing:
        return
    char = missing[0]
    message = (f"no print font has the character “{char}” (U+{ord(char):04X} {unicodedata.name(char, 'unnamed')})"
               + (f" nor {len(missing) - 1} more ({', '.join(f'U+{ord(c):04X}' for c in missing[1:6])})"
                  if len(missing) > 1 else "")
               + "; replace it, or add a face that has it to styles/print.css (styles/fonts/README.md)")
    line = _line_holding(issue.path, char)
    if line is None:
        raise BuildError(f"{issue.path}: {message}")
    raise InputError(issue.path, message, line)


def _line_holding(path: str, char: str) -> int | None:
    """The first line of the manuscript at `path` holding `char`, or None."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, 1) if char in line), None)


def embedded_fonts(pdf: bytes) -> set[str]:
    """The base names of the fonts in a PDF, each checked to be embedded (poppler's `pdffonts`: a
    process costs less than importing a PDF library into this one)."""
    result = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True)
    if result.returncode:
        raise BuildError(f"pdffonts failed: {result.stderr.decode(errors='replace').strip()}")
    names = set()
    for line in result.stdout.decode("utf-8", "replace").splitlines()[2:]:  # after the header and its rule
        parts = line.split()
        if len(parts) < 6:
            continue
        if parts[-5] != "yes":  # columns end: emb sub uni object-number generation
            raise BuildError(f"font {parts[0]} is not embedded in the PDF")
        names.add(parts[0])
    return names
