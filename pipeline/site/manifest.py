"""The site folder is the pipeline's, and only what it wrote there is its: every file it writes is listed
in a manifest beside the folder (build/site-manifest.json), a file it wrote before and no longer writes
is removed, and nothing else in the folder is ever touched. Files are rewritten only when their bytes
change, so an upload of the folder sends only what changed."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..output import write_atomically


def manifest_path(site: Path) -> Path:
    return site.parent / f"{site.name}-manifest.json"


class SiteWriter:
    """Writes the shared files of one `site-index` run and settles the manifest in `finish()`."""

    def __init__(self, site: Path):
        self.site = site
        try:
            old = json.loads(manifest_path(site).read_text(encoding="utf-8"))
        except FileNotFoundError:
            old = {}
        except (OSError, ValueError) as err:
            raise InputError(str(manifest_path(site)), f"not the site's manifest ({err}); remove it and build again") from None
        self.old_files = set(old.get("files", ()))
        self.old_pages: dict[str, str] = old.get("pages", {})
        self.history: dict[str, list[str]] = old.get("addresses", {})
        self.files: set[str] = set()
        self.pages: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self.written: list[Path] = []

    def write(self, name: str, text: str) -> None:
        """`name` (relative to the site) with `text`, unless it already holds exactly that."""
        path = self.site / name
        data = text.encode("utf-8")
        self.files.add(name)
        self.texts[name] = text
        try:
            if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
                return
        except OSError:
            pass
        write_atomically(path, data)
        self.written.append(path)

    def text(self, name: str) -> str:
        return self.texts[name]

    def own_issue_files(self, entry: dict) -> None:
        """What `site-issue` put at the issue's address: its downloads, photos, cover and thumbnails."""
        for item in entry["files"] + entry["photos"] + [entry["cover"]] + entry["thumbnails"]:
            self.files.add(entry["address"] + item["href"])

    def unchanged(self, stem: str, digest: str, pages: list[str]) -> bool:
        """Whether an issue's pages were written from the same inputs and are all still there."""
        self.pages[stem] = digest
        if self.old_pages.get(stem) == digest and all((self.site / p).is_file() for p in pages):
            self.files.update(pages)
            return True
        return False

    def addresses(self, stem: str, current: str) -> list[str]:
        """Where this issue was published before (its old address `<stem>/`, and any other it had): each
        becomes a redirect to `current`."""
        seen = [a for a in self.history.get(stem, []) if a != current]
        self.history[stem] = sorted(set(seen) | {current})
        return sorted(set(seen) | {f"{stem}/"})

    def finish(self) -> list[Path]:
        """Remove what an earlier run wrote and this one did not (only those files, then their folders
        when that leaves them empty), and write the manifest."""
        for name in sorted(self.old_files - self.files):
            path = self.site / name
            if path.is_file() or path.is_symlink():
                path.unlink()
            folder = path.parent
            while folder != self.site and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        stems = set(self.pages)
        manifest = {"files": sorted(self.files), "pages": dict(sorted(self.pages.items())),
                    "addresses": {s: a for s, a in sorted(self.history.items()) if s in stems}}
        write_atomically(manifest_path(self.site), json.dumps(manifest, indent=0) + "\n")
        return self.written


