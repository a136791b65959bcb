"""`make serve` answers only its own addresses, only with files inside the site's folder, and any
request line with a status, never a dropped connection: a real server on a free loopback port."""

from __future__ import annotations

import http.client
import re
import socket
import threading
from pathlib import Path

import pytest

from pipeline.site.serve import addressed_to_us, serve


@pytest.fixture
def site(tmp_path: Path):
    """A site folder with a page and an issue's file, a secret beside it, and a link inside the site
    that leads to the secret; served by `serve` on a free port in a thread."""
    root = tmp_path / "site"
    (root / "x").mkdir(parents=True)
    (root / "index.html").write_text("<!DOCTYPE html><title>site</title>", encoding="utf-8")
    (root / "x" / "x.epub").write_bytes(b"PK epub")
    (tmp_path / "secret.txt").write_text("the editor's notes", encoding="utf-8")
    (root / "x" / "notes.txt").symlink_to(tmp_path / "secret.txt")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    thread = threading.Thread(target=serve, args=(root, "127.0.0.1", port), daemon=True)
    thread.start()
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            threading.Event().wait(0.05)
    return port


def get(port: int, path: str, host: str | None = "own") -> tuple[int, bytes, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    if host is not None:
        connection.putheader("Host", f"127.0.0.1:{port}" if host == "own" else host)
    connection.endheaders()
    answer = connection.getresponse()
    return answer.status, answer.read(), answer.getheader("Content-Type", "")


def raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        return connection.recv(4096)


def test_files_of_the_site_with_their_media_types(site):
    assert get(site, "/x/x.epub") == (200, b"PK epub", "application/epub+zip")
    assert get(site, "/", f"localhost:{site}")[0] == 200


def test_other_host_names_are_refused(site):
    for host in (f"rebind.attacker.example:{site}", f"127.0.0.1:{site + 1}", None):
        status, body, _ = get(site, "/x/x.epub", host)
        assert status == 421 and b"PK epub" not in body, host


def test_a_link_out_of_the_folder_is_not_followed(site):
    status, body, _ = get(site, "/x/notes.txt")
    assert status == 404 and b"the editor's notes" not in body


@pytest.mark.parametrize("request_line", [b"GET /%00 HTTP/1.1", b"GET /x/%00.epub HTTP/1.1", b"GET /../../etc/passwd HTTP/1.1",
                                          b"\x00\xff garbage", b"GET " + b"a" * 70000 + b" HTTP/1.1", b"BREW / HTCPCP/1.0"])
def test_any_request_line_gets_an_answer_and_the_server_goes_on(site, request_line):
    answer = raw(site, request_line + f"\r\nHost: 127.0.0.1:{site}\r\n\r\n".encode())
    # a line with no HTTP version is answered as HTTP/0.9 does: the error page alone, no status line
    status = answer.split(b"\r\n", 1)[0] if answer.startswith(b"HTTP/") else b""
    assert re.search(rb" (400|404|414|421|501) ", status) or re.search(rb"Error code: (400|414|501)", answer), answer[:200]
    assert get(site, "/x/x.epub")[0] == 200


def test_addresses_beyond_loopback_when_it_listens_there():
    assert addressed_to_us("192.168.1.5:8000", "0.0.0.0", 8000)
    assert not addressed_to_us("192.168.1.5:8000", "127.0.0.1", 8000)
    assert not addressed_to_us("reader.example:8000", "0.0.0.0", 8000)
    assert addressed_to_us("reader.example:8000", "0.0.0.0", 8000, names=("reader.example",))
    assert addressed_to_us("[::1]:8000", "127.0.0.1", 8000) and addressed_to_us("127.0.0.1", "127.0.0.1", 80)
