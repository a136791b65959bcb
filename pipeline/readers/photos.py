"""An issue's photos: the images an editor puts in the photo folder beside the manuscript
(`manuscripts/<stem>/`, for `manuscripts/<stem>.txt`), matched to the issue's captions.

A caption takes the file an override names (`{action: photo, at: LINE, file: x.jpg}`), else the
next unnamed file in name order, captions in reading order. Every file is checked before any writer
sees it: a regular file in the folder itself (no link out of it, no subfolder), at most PHOTO_BYTES,
a JPEG or PNG by its content (whatever its name says), at most PHOTO_PIXELS and at least MIN_SIDE
pixels a side. Anything else is bad input: one line naming the file, exit 2. Writers only ever read
files this module accepted, from this folder.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..limits import read_bounded
from ..model import Article, Box, Caption, Issue, Note
from ..model.inlines import quote, text_of
from .overrides import override_note

PHOTO_BYTES = 20 * 1024 * 1024   # a press-quality JPEG of a full page is ~5 MB
PHOTO_PIXELS = 40_000_000        # 8000 × 5000: above any camera the paper uses, below a decompression bomb
MIN_SIDE = 16                    # smaller is an icon or a tracking pixel, not a photo
SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")  # it becomes part of a URL in three outputs
MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}  # what PDF, EPUB 3 (core media types) and browsers all show


def photo_folder(manuscript: str | Path) -> Path:
    """`manuscripts/000_x.txt` → `manuscripts/000_x/`."""
    manuscript = Path(manuscript)
    return manuscript.with_name(manuscript.stem)


def photo_files(manuscript: str | Path) -> list[Path]:
    """The files of the photo folder (none when there is no folder), in name order, hidden ones
    (`.DS_Store`) left out. Each is checked when it is read (`read_photo`)."""
    folder = photo_folder(manuscript)
    if folder.is_symlink():
        raise InputError(str(folder), "the photo folder is a link; put the photos in a real folder beside the manuscript")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def read_photo(path: Path) -> tuple[bytes, str, int, int]:
    """(bytes, media type, width, height) of a checked photo; InputError naming the file otherwise."""
    if not SAFE_NAME.fullmatch(path.name):
        raise InputError(str(path), "a photo's name may hold only letters, digits, dots, underscores and hyphens; rename it")
    if path.is_symlink() or not path.is_file():
        raise InputError(str(path), "not a regular file; the photo folder may hold only image files")
    data = read_bounded(path, PHOTO_BYTES, "photo")
    from PIL import Image  # Pillow (HPND): reads only the header here, then verifies the data

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                if kind in MEDIA_TYPES and width * height <= PHOTO_PIXELS:
                    image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(str(path), f"the photo has more than {PHOTO_PIXELS:,} pixels; scale it down") from None
    except Exception as err:  # noqa: BLE001 — whatever Pillow raises on a broken file, it is the file's fault
        raise InputError(str(path), f"not a readable JPEG or PNG image ({type(err).__name__})") from None
    if kind not in MEDIA_TYPES:
        raise InputError(str(path), f"a {kind} image; the paper prints JPEG and PNG photos only")
    if width * height > PHOTO_PIXELS:
        raise InputError(str(path), f"the photo is {width}×{height} pixels, more than {PHOTO_PIXELS:,}; scale it down")
    if min(width, height) < MIN_SIDE:
        raise InputError(str(path), f"the photo is {width}×{height} pixels; a photo needs at least {MIN_SIDE} a side")
    return data, MEDIA_TYPES[kind], width, height


def media_type(data: bytes) -> str:
    """The media type of a photo already accepted (`read_photo`), by its content's first bytes."""
    return "image/png" if data.startswith(b"\x89PNG\r\n\x1a\n") else "image/jpeg"


def attach_photos(issue: Issue, manuscript: str | Path) -> Issue:
    """The issue with each caption given its photo (see the module's docstring)."""
    files = photo_files(manuscript)
    photo_overrides = [o for o in issue.overrides if o.action == "photo"]
    if not files and not photo_overrides:
        return issue
    by_name = {f.name: f for f in files}
    captions = list(_captions(issue))
    chosen: dict[int, tuple[Path, object]] = {}  # id(caption) → (file, override or None)
    for override in photo_overrides:
        path, line = override.origin.rpartition(":")[0], int(override.origin.rpartition(":")[2])
        if override.value not in by_name:
            raise InputError(path, f"override `photo`: no file {override.value!r} in {photo_folder(manuscript)}/", line)
        caption = next((c for c in captions if c.source.first <= override.line <= c.source.last), None)
        if caption is None:
            raise InputError(path, f"override `photo`: line {override.line} holds no caption (make it one first: "
                                   f"{{action: caption, at: {override.line}}})", line)
        chosen[id(caption)] = (by_name[override.value], override)
    named = {file.name for file, _ in chosen.values()}
    unnamed = iter(f for f in files if f.name not in named)
    for caption in captions:
        if id(caption) not in chosen:
            file = next(unnamed, None)
            if file is None:
                break
            chosen[id(caption)] = (file, None)
    left = [f.name for f in unnamed]
    if left:
        raise InputError(str(photo_folder(manuscript)), f"{len(left)} photo(s) with no caption to go with "
                         f"({', '.join(left[:3])}); add captions, or name each photo's caption with "
                         "{action: photo, at: LINE, file: NAME} in the issue's sidecar")
    notes = []
    placed: dict[int, Caption] = {}
    for caption in captions:
        if id(caption) not in chosen:
            continue
        file, override = chosen[id(caption)]
        _, _, width, height = read_photo(file)
        placed[id(caption)] = replace(caption, photo=file.name, width=width, height=height)
        message = f"photo {file.name} ({width}×{height}) set above the caption {quote(text_of(caption), 40)}"
        notes.append(override_note(override, message) if override else Note("attach_photos", caption.source.first, message))
    return replace(issue, items=tuple(_swap(item, placed) for item in issue.items), notes=issue.notes + tuple(notes))


def _captions(issue: Issue):
    """Every caption of the issue in reading order: between stories, in stories, in boxes."""
    for item in issue.items:
        if isinstance(item, Caption):
            yield item
        elif isinstance(item, (Article, Box)):
            yield from (b for b in (item.body if isinstance(item, Article) else item.blocks) if isinstance(b, Caption))


def _swap(item, placed: dict[int, Caption]):
    if isinstance(item, Caption):
        return placed.get(id(item), item)
    if isinstance(item, Article):
        return replace(item, body=tuple(placed.get(id(b), b) for b in item.body))
    if isinstance(item, Box):
        return replace(item, blocks=tuple(placed.get(id(b), b) for b in item.blocks))
    return item


def issue_photos(issue: Issue) -> list[Caption]:
    """The captions that carry a photo, in reading order (each photo once)."""
    return [c for c in _captions(issue) if c.photo]

