"""The editor's preview: the annotated HTML, and a real server on a free loopback port whose page
follows the sidecar as it is edited, broken and mended."""

from __future__ import annotations

import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

import pytest

from pipeline.build import load_issue
from pipeline.errors import InputError
from pipeline.writers.html import render_html

from conftest import MANUSCRIPTS, ROOT


@pytest.fixture
def issue_folder(tmp_path: Path) -> Path:
    """A copy of the web sample, its sidecar and publication.yaml, free to edit."""
    for name in ("sample-web.txt", "sample-web.yaml", "publication.yaml"):
        shutil.copy(MANUSCRIPTS / name, tmp_path / name)
    return tmp_path


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read().decode("utf-8")


def served_once(url: str, wanted: str, seconds: float = 20) -> str:
    """The page as soon as it contains `wanted`, or as it is after `seconds` (a rebuild takes far less)."""
    deadline = time.monotonic() + seconds
    page = fetch(url)
    while wanted not in page and time.monotonic() < deadline:
        time.sleep(0.1)
        page = fetch(url)
    return page


def announced_url(preview: subprocess.Popen, seconds: float = 60) -> str:
    """The address the preview prints once it watches the files and serves the first build."""
    readable, _, _ = select.select([preview.stdout], [], [], seconds)
    line = preview.stdout.readline() if readable else ""
    assert line.startswith("preview: http://127.0.0.1:") and "Ctrl-C to stop" in line, \
        f"no address announced within {seconds} s: {line!r}"
    return line.split()[1]


def test_the_served_page_follows_the_sidecar(issue_folder: Path):
    manuscript, sidecar = issue_folder / "sample-web.txt", issue_folder / "sample-web.yaml"
    headline_line = manuscript.read_text(encoding="utf-8").splitlines().index("What the Strike Taught Us") + 1
    command = [sys.executable, "-m", "pipeline", "preview", str(manuscript), "--port", "0"]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as preview:
        try:
            url = announced_url(preview)
            page = fetch(url)
            assert f'data-lines="{headline_line}"' in page and 'fetch("/version"' in page
            assert "Something New" not in page
            version = fetch(url + "version")

            good = sidecar.read_text(encoding="utf-8") + (
                f'overrides:\n  - {{action: title, at: {headline_line}, value: "Something New"}}\n')
            sidecar.write_text(good, encoding="utf-8")
            page = served_once(url, "Something New")
            assert f'data-lines="{headline_line}" title="manuscript lines {headline_line}">Something New</h2>' in page
            assert fetch(url + "version") != version

            sidecar.write_text(good + "date_start: someday\n", encoding="utf-8")
            with pytest.raises(InputError) as broken:
                load_issue(manuscript)
            error = escape(str(broken.value), quote=False)
            page = served_once(url, error)
            assert f'<p class="preview-error">{error}</p>' in page and "Something New" not in page

            sidecar.write_text(good, encoding="utf-8")
            page = served_once(url, "Something New")
            assert 'class="preview-error"' not in page

            preview.send_signal(signal.SIGINT)
            out, err = preview.communicate(timeout=20)
            assert preview.returncode == 0, err
            assert "Traceback" not in err
            said = out.splitlines()  # after the address: a line a save, then the last one
            assert f"preview: error: {broken.value}" in said and said[-1] == "preview: stopped"
            assert set(said[:-1]) == {"preview: rebuilt", f"preview: error: {broken.value}"}
        finally:
            if preview.poll() is None:
                preview.kill()


def test_a_missing_manuscript_is_one_line_and_exit_2(tmp_path: Path):
    missing = tmp_path / "nothing.txt"
    done = subprocess.run([sys.executable, "-m", "pipeline", "preview", str(missing), "--port", "0"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == f"error: {missing}: no such manuscript file\n"


def test_annotations_point_every_block_and_guess_at_its_lines():
    issue = load_issue(MANUSCRIPTS / "sample-en.txt")
    document = ET.fromstring(render_html(issue, annotate=True))  # still well-formed XHTML
    body = document.find("body")

    stories = body.findall(".//article")
    assert stories and all(story.get("data-lines") for story in stories)
    assert all(p.get("data-lines") for p in body.findall(".//article/p") if p.get("class") != "continued")

    joined = {el.get("data-lines"): el.get("title") for el in body.iter() if el.get("class") == "guess-join"}
    joins = [n for n in issue.notes if n.step == "join_split_paragraphs"]
    assert joins, "the sample has joins to mark"
    for note in joins:
        assert any(note.message in title for title in joined.values()), f"join not marked: {note.message}"

    derived = [h for h in body.iter("h2") if "derived-title" in h.get("class", "")]
    assert derived and all("{action: title, at: " in h.get("title") for h in derived)

    panel = body.find("./aside[@class='preview-guesses']")
    dropped = panel.find("./section[@class='dropped']")
    assert [li.get("data-lines") for li in dropped.iter("li")] == [str(n.line) for n in issue.notes if n.dropped]


def test_the_published_html_has_no_preview_marks():
    issue = load_issue(MANUSCRIPTS / "sample-en.txt")
    published = render_html(issue, "p {}")
    assert published == render_html(issue, "p {}", annotate=False)
    for mark in ("data-lines", "guess-join", "preview-guesses", "<script"):
        assert mark not in published


def raw_get(url: str, host: str | None) -> tuple[int, bytes]:
    """GET `/` of `url` with this Host header (or none), over a plain socket: (status, body)."""
    import http.client

    address = url.split("//", 1)[1].rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=10)
    connection.putrequest("GET", "/", skip_host=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    answer = connection.getresponse()
    return answer.status, answer.read()


def test_the_preview_answers_only_its_own_host_names_and_shows_the_photos(tmp_path: Path):
    """DNS rebinding: a page the editor visits resolves its own name to 127.0.0.1 and reads the port.
    The preview answers only 127.0.0.1, localhost and ::1 on its port; the photos show, inlined."""
    shutil.copytree(MANUSCRIPTS / "sample-photos", tmp_path / "sample-photos")
    for name in ("sample-photos.txt", "sample-photos.yaml", "publication.yaml"):
        if (MANUSCRIPTS / name).exists():
            shutil.copy(MANUSCRIPTS / name, tmp_path / name)
    command = [sys.executable, "-m", "pipeline", "preview", str(tmp_path / "sample-photos.txt"), "--port", "0"]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as preview:
        try:
            url = announced_url(preview)
            port = url.rstrip("/").rsplit(":", 1)[1]
            for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}"):
                status, body = raw_get(url, host)
                assert status == 200 and b"data:image/jpeg;base64," in body and b'src="photos/' not in body, host
            for host in (f"rebind.attacker.example:{port}", f"127.0.0.1.nip.io:{port}", "127.0.0.1:1", None, ""):
                status, body = raw_get(url, host)
                assert status == 421 and b"<article" not in body, host
            assert fetch(url).count("<article") >= 1  # and it still serves its own
        finally:
            preview.send_signal(signal.SIGINT)
            preview.communicate(timeout=20)
