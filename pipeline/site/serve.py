"""`make serve`: the download site (build/site/) over HTTP, with the media types e-readers and OPDS
apps look for (`application/epub+zip`, `application/atom+xml;profile=opds-catalog;kind=…`,
`application/opds+json`). Bound to 127.0.0.1 unless another address is asked for; it answers only
requests addressed to itself, and only with files inside the site's folder."""

from __future__ import annotations

import functools
import ipaddress
import os
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..errors import InputError
from .archive import content_type

LOOPBACK_NAMES = ("localhost",)


def addressed_to_us(host_header: str | None, bound: str, port: int, names=()) -> bool:
    """Whether a request's `Host` names this server: `127.0.0.1:8000`, `localhost:8000`, `[::1]:8000`,
    any address of this machine written as an address when it listens beyond loopback, or one of
    `names` (what HOST= said), each with the port it listens on. Anything else — above all a name an
    attacker's DNS points at 127.0.0.1, which is how a page the editor visits would read the preview
    (DNS rebinding) — is refused, and so is a request with no Host at all."""
    if not host_header:
        return False
    host, given = _host_and_port(host_header)
    if not given.isdigit() or int(given) != port:
        return False
    host = host.lower()
    if host in LOOPBACK_NAMES or host in {n.lower() for n in names}:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name nobody configured: maybe anybody's
    if address.is_loopback:
        return True
    wide = bound in ("0.0.0.0", "::", "")
    return wide or host == bound


def _host_and_port(value: str) -> tuple[str, str]:
    """`127.0.0.1:8000` → (`127.0.0.1`, `8000`); `[::1]:8000` → (`::1`, `8000`); `localhost` → (`localhost`, `80`)."""
    value = value.strip()
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        return host, rest[1:] if rest.startswith(":") else ("80" if not rest else "")
    host, colon, port = value.rpartition(":")
    return (host, port) if colon else (value, "80")


class SiteHandler(SimpleHTTPRequestHandler):
    """Files of the site only, each with the site's media type (http.server's own map knows neither
    EPUB's nor OPDS's); no folder listings, nothing outside the folder (a link inside it that leads
    out is not followed), and any request line answered, never a dropped connection."""

    names: tuple[str, ...] = ()

    def send_head(self):
        bound, port = self.server.server_address[:2]
        if not addressed_to_us(self.headers.get("Host"), bound, port, self.names):
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "This server answers only its own address")
            return None
        try:
            path = Path(self.translate_path(self.path))
            inside = path.resolve().is_relative_to(Path(self.directory).resolve())
        except (ValueError, OSError):  # `GET /%00`: a NUL in the path, which no file name holds
            self.send_error(HTTPStatus.BAD_REQUEST, "Not a path of this site")
            return None
        if not inside:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        return super().send_head()

    def guess_type(self, path) -> str:
        return content_type(Path(os.path.relpath(path, self.directory)).as_posix())

    def list_directory(self, path):  # a folder without index.html is not a page of the site
        self.send_error(404, "Not found")
        return None

    def log_message(self, format, *args):
        sys.stderr.write(f"serve: {self.address_string()} {format % args}\n")


def serve(site: str | Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    root = Path(site).resolve()
    if not (root / "index.html").is_file():
        raise InputError(str(site), "no site here: run `make site` first")
    handler = functools.partial(type("Handler", (SiteHandler,), {"names": (host,)}), directory=str(root))
    with ThreadingHTTPServer((host, port), handler) as server:
        name, bound = server.server_address[:2]
        print(f"serving {site} on http://{name if ':' not in name else f'[{name}]'}:{bound}/ "
              f"(OPDS: /opds/root.xml, /opds/root.json); Ctrl-C stops", flush=True)
        server.serve_forever()
    return 0
