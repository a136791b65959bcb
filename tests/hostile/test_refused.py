"""The editor's mistakes and an attacker's inputs that must be refused: exit 2, one line on stderr
naming the file (and its line), nothing in the build folder, whatever the input tried.

Each case is data: the files of its input folder, the command (`{in}` is that folder, `{out}` the
build folder), and where the error must point (`{in}/x.yaml:3`)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field

import pytest

from harness import WEB_STORY, leftovers, pipeline

STORY = WEB_STORY
MODEL = ["model", "{in}/x.txt", "-o", "{out}/x/x.issue.json"]
DEEP = "publication: " + "[" * 5000 + "\n"
BOMB = ("volume: 1\noverrides:\n  - {action: title, at: 2, value: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]}\n"
        + "".join(f"  - {{action: title, at: 2, value: &{chr(98 + k)} [{', '.join([f'*{chr(97 + k)}'] * 9)}]}}\n"
                  for k in range(8)))


@dataclass
class Case:
    name: str
    files: dict               # name → text, bytes, or ("link", target) / ("fifo",) / ("folder",)
    command: list
    where: str                # what the error line must name: `{in}/x.yaml:3`
    env: dict = field(default_factory=dict)
    file_size: int | None = None
    also: str = ""            # a further phrase the line must hold


def sidecar(text: str, where_line: int | None, also: str = "", name: str = "", command=MODEL) -> Case:
    where = "{in}/x.yaml" + (f":{where_line}" if where_line else "")
    return Case(name, {"x.txt": STORY, "x.yaml": text}, command, where, also=also)


CASES = [
    # 1. names that would reach a shell, or read as options
    Case("name-backtick", {"x`id`.txt": STORY}, ["model", "{in}/x`id`.txt", "-o", "{out}/m.json"], "{in}/x`id`.txt"),
    Case("name-dollar", {"$(id).txt": STORY}, ["model", "{in}/$(id).txt", "-o", "{out}/m.json"], "{in}/$(id).txt"),
    Case("name-semicolon", {"a;id.txt": STORY}, ["model", "{in}/a;id.txt", "-o", "{out}/m.json"], "{in}/a;id.txt"),
    Case("name-space", {"a b.txt": STORY}, ["model", "{in}/a b.txt", "-o", "{out}/m.json"], "{in}/a b.txt"),
    Case("name-leading-dash", {"-x.txt": STORY}, ["model", "{in}/-x.txt", "-o", "{out}/m.json"], "{in}/-x.txt"),
    Case("name-newline", {"a\nb.txt": STORY}, ["model", "{in}/a\nb.txt", "-o", "{out}/m.json"], "{in}/a\\nb.txt"),
    # 2. outputs that are not a regular file in its folder, or are an input
    # /dev/full's twin, made in the case's folder: a regression must not turn the machine's own into a file
    Case("out-dev-full", {"x.txt": STORY, "full": ("device", (1, 7))}, ["html", "{in}/x.txt", "-o", "{in}/full"],
         "{in}/full", also="a device"),
    Case("out-is-the-manuscript", {"x.txt": STORY}, ["html", "{in}/x.txt", "-o", "{in}/x.txt"], "{in}/x.txt",
         also="overwrite the input"),
    Case("out-is-the-sidecar", {"x.txt": STORY, "x.yaml": "volume: 1\n"}, ["model", "{in}/x.txt", "-o", "{in}/x.yaml"],
         "{in}/x.yaml", also="overwrite the input"),
    Case("out-is-a-hard-link-to-the-manuscript", {"x.txt": STORY, "h.html": ("hardlink", "x.txt")},
         ["html", "{in}/x.txt", "-o", "{in}/h.html"], "{in}/h.html", also="overwrite the input"),
    Case("out-is-a-folder", {"x.txt": STORY, "sub": ("folder",)}, ["html", "{in}/x.txt", "-o", "{in}/sub"], "{in}/sub",
         also="a folder"),
    Case("out-is-a-link", {"x.txt": STORY, "l.html": ("link", "/etc/hostname")},
         ["html", "{in}/x.txt", "-o", "{in}/l.html"], "{in}/l.html", also="a link"),
    Case("out-is-a-fifo", {"x.txt": STORY, "f.html": ("fifo",)}, ["html", "{in}/x.txt", "-o", "{in}/f.html"],
         "{in}/f.html"),
    Case("out-under-a-file", {"x.txt": STORY}, ["html", "{in}/x.txt", "-o", "{in}/x.txt/y.html"], "{in}/x.txt/y.html"),
    Case("out-report-is-the-manuscript", {"x.txt": STORY},
         ["html", "{in}/x.txt", "-o", "{out}/x.html", "--report", "{in}/x.txt"], "{in}/x.txt"),
    Case("out-stats-is-the-manuscript", {"x.txt": STORY},
         ["pdf", "{in}/x.txt", "-o", "{out}/x.pdf", "--stats", "{in}/x.txt"], "{in}/x.txt"),
    Case("out-disk-full", {"x.txt": STORY, "x.issue.json": ("model", "x.txt")},
         ["html", "{in}/x.issue.json", "-o", "{out}/x/x.html"], "{out}/x/x.html", file_size=4000, also="cannot write"),
    # 3. bounds: sizes, YAML that expands or nests without end
    Case("manuscript-too-large", {"x.txt": ("big", 9 * 1024 * 1024)}, MODEL, "{in}/x.txt", also="larger than 8 MB"),
    Case("line-too-long", {"x.txt": "HEADLINE\n\n" + "word " * 6000 + "\n"}, MODEL, "{in}/x.txt:3",
         also="30,000 characters"),
    sidecar(BOMB, 3, "aliases", "yaml-alias-bomb-in-an-override"),
    sidecar("publication: &p Red Flag\nslogan: *p\n", 1, "aliases", "yaml-anchor-in-metadata"),
    sidecar(DEEP, 1, "nested more than", "yaml-nested-5000-deep"),
    sidecar("volume: 1\nnumber: 2\nvolume: 3\n", 3, "given twice", "yaml-duplicate-key"),
    sidecar("overrides:\n  - {action: title, at: 2, value: a, value: b}\n", 2, "given twice", "yaml-duplicate-override-key"),
    sidecar("overrides:\n  - {action: title, at: 2, value: !!python/object/apply:os.system [id]}\n", 2,
            "tags", "yaml-python-tag"),
    sidecar("overrides:\n  - action: title\n    at: 2\n    ? [a, b]\n    : c\n", 4, "plain word", "yaml-complex-key"),
    sidecar("# " + "x" * (2 * 1024 * 1024) + "\n", None, "larger than 1 MB", "sidecar-too-large"),
    # 4. characters no document may hold, in a sidecar
    sidecar('publication: "Red\\0Flag"\n', 1, "U+0000", "sidecar-escaped-nul"),
    sidecar('publication: "Red\\eFlag"\n', 1, "U+001B", "sidecar-escaped-escape"),
    sidecar('slogan: "a\\x1b[31mred"\n', 1, "U+001B", "sidecar-escaped-ansi"),
    sidecar(b"publication: Red\x00Flag\n", 1, "U+0000", "sidecar-raw-nul"),
    sidecar('publication: "\\uFFFE"\n', 1, "U+FFFE", "sidecar-noncharacter"),
    # 5. values that are not what they claim
    sidecar("date_start: 2025-13-45\n", 1, "not a day of the calendar", "date-not-a-day"),
    sidecar("date_start: 2025-02-29\n", 1, "not a day of the calendar", "date-not-a-leap-year"),
    sidecar("date_start: 9999-12-31\n", 1, "outside the years", "date-a-zip-cannot-hold"),
    sidecar("date_start: 1970-01-01\n", 1, "outside the years", "date-before-zip-time"),
    sidecar("date_start: 2025-03-12\ndate_end: 2025-03-01\n", 2, "before `date_start`", "date-end-before-start"),
    sidecar("language: xx\n", 1, "language tag", "language-unknown"),
    sidecar("language: english\n", 1, "language tag", "language-a-name"),
    sidecar("editions: {xx: Red}\n", 1, "language tag", "edition-language-unknown"),
    sidecar("volume: twelve\n", 1, "whole number", "volume-not-a-number"),
    sidecar("downloads: javascript:alert(1)\n", 1, "web address", "downloads-not-a-web-address"),
    sidecar("downloads: https://example.org/red flag/\n", 1, "web address", "downloads-with-a-space"),
    sidecar("website: file:///etc/passwd\n", 1, "web address", "website-a-file"),
    sidecar("overrides:\n  - {action: title, at: 2, value: {a: b}}\n", 2, "single value", "override-value-a-mapping"),
    sidecar(f"overrides:\n  - {{action: join, at: {10 ** 30}}}\n", 2, "holds no text", "override-line-far-away"),
    sidecar("overrides:\n  - {action: rm, at: 2}\n", 2, "unknown action", "override-unknown-action"),
    sidecar("overrides: {action: join}\n", 1, "must be a list", "overrides-not-a-list"),
    sidecar("- just\n- a list\n", 1, "key: value", "sidecar-not-a-mapping"),
    sidecar("publication: [unclosed\n", 2, "invalid YAML", "sidecar-broken-yaml"),
    sidecar(b"publication: \xff\xfe Red\n", 1, "UTF-8", "sidecar-not-utf8"),
    Case("publication-yaml-broken", {"x.txt": STORY, "publication.yaml": "language: [\n"}, MODEL,
         "{in}/publication.yaml:2"),
    # 6. environment and figures the editor passed
    Case("epoch-huge", {"x.txt": STORY}, ["epub", "{in}/x.txt", "-o", "{out}/x.epub"], "SOURCE_DATE_EPOCH",
         env={"SOURCE_DATE_EPOCH": "99999999999999"}),
    Case("epoch-not-a-number", {"x.txt": STORY}, ["epub", "{in}/x.txt", "-o", "{out}/x.epub"], "SOURCE_DATE_EPOCH",
         env={"SOURCE_DATE_EPOCH": "yesterday"}),
    Case("render-limit-not-a-number", {"x.txt": STORY}, ["pdf", "{in}/x.txt", "-o", "{out}/x.pdf"],
         "PIPELINE_RENDER_CPU_SECONDS", env={"PIPELINE_RENDER_CPU_SECONDS": "lots"}),
    Case("stats-missing", {"x.txt": STORY}, ["report", "{in}/x.txt", "-o", "{out}/r.md", "--stats", "{in}/no.json"],
         "{in}/no.json"),
    Case("stats-not-json", {"x.txt": STORY, "s.json": "pages: 3\n"},
         ["report", "{in}/x.txt", "-o", "{out}/r.md", "--stats", "{in}/s.json"], "{in}/s.json"),
    Case("stats-wrong-shape", {"x.txt": STORY, "s.json": '{"format": "pdf", "pages": "many"}'},
         ["report", "{in}/x.txt", "-o", "{out}/r.md", "--stats", "{in}/s.json"], "{in}/s.json"),
    Case("model-not-json", {"x.issue.json": "{not json"}, ["html", "{in}/x.issue.json", "-o", "{out}/x.html"],
         "{in}/x.issue.json"),
    # 7. manuscripts that are not text, not there, or not where they say
    Case("manuscript-empty", {"x.txt": "\n \n"}, MODEL, "{in}/x.txt", also="empty"),
    Case("manuscript-binary", {"x.txt": bytes(range(256)) * 40}, MODEL, "{in}/x.txt", also="binary"),
    Case("manuscript-latin-1", {"x.txt": "HEADLINE\n\nThe ni\xf1o.\n".encode("latin-1")}, MODEL, "{in}/x.txt:3",
         also="UTF-8"),
    Case("manuscript-missing", {}, MODEL, "{in}/x.txt"),
    Case("manuscript-is-a-folder", {"x.txt": ("folder",)}, MODEL, "{in}/x.txt"),
    Case("manuscript-is-a-fifo", {"x.txt": ("fifo",)}, MODEL, "{in}/x.txt"),
    Case("manuscript-links-to-shadow", {"x.txt": ("link", "/etc/shadow")}, MODEL, "{in}/x.txt", also="outside its folder"),
    Case("manuscript-links-out-of-its-folder", {"x.txt": ("link", "../elsewhere.txt")}, MODEL, "{in}/x.txt",
         also="outside its folder"),
    Case("sidecar-links-to-shadow", {"x.txt": STORY, "x.yaml": ("link", "/etc/shadow")}, MODEL, "{in}/x.yaml",
         also="outside its folder"),
    Case("publication-links-to-passwd", {"x.txt": STORY, "publication.yaml": ("link", "/etc/passwd")}, MODEL,
         "{in}/publication.yaml", also="outside its folder"),
]


def _make_files(folder, files: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder.parent / "elsewhere.txt").write_text(STORY, encoding="utf-8")
    for name, content in files.items():
        path = folder / name
        if isinstance(content, tuple):
            kind = content[0]
            if kind == "link":
                path.symlink_to(content[1])
            elif kind == "hardlink":
                os.link(folder / content[1], path)
            elif kind == "fifo":
                os.mkfifo(path)
            elif kind == "device":
                os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(*content[1]))
            elif kind == "folder":
                path.mkdir()
            elif kind == "model":  # built beforehand, so that the case reads no more than the model
                assert pipeline("model", folder / content[1], "-o", path).code == 0
            elif kind == "big":
                path.write_bytes(b"A line of a giant issue.\n" * (content[1] // 25 + 1))
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _snapshot(folder):
    return {p: (p.lstat().st_mode, p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_refused_in_one_line_with_nothing_written(case, tmp_path):
    given, build = tmp_path / "in", tmp_path / "build"
    _make_files(given, case.files)
    before = _snapshot(given)
    fill = {"in": given, "out": build}
    run = pipeline(*[part.format_map(fill) for part in case.command], env=case.env, file_size=case.file_size)
    line = run.error_line
    assert run.code == 2, line
    where = case.where.format_map(fill)
    assert line.startswith(f"error: {where}:"), line
    assert case.also in line, line
    assert leftovers(build) == [], "the build folder must hold nothing after a refusal"
    assert _snapshot(given) == before, "an input was changed"
    assert "root:" not in run.stderr + run.stdout, "a line of a system file was printed"


def test_there_are_at_least_fifty_refusals():
    assert len(CASES) >= 50
    assert len({case.name for case in CASES}) == len(CASES)
