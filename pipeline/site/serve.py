"""`make serve`: the download site (build/site/) over HTTP, with the media types e-readers and OPDS
apps look for (`application/epub+zip`, `application/atom+xml;profile=opds-catalog;kind=…`,
`application/opds+json`). Bound to 127.0.0.1 unless another address is asked for."""

from __future__ import annotations

import functools
import os
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..errors import InputError
from .archive import content_type


class SiteHandler(SimpleHTTPRequestHandler):
    """Files of the site only, each with the site's media type (http.server's own map knows neither
    EPUB's nor OPDS's)."""

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
    handler = functools.partial(SiteHandler, directory=str(root))
    with ThreadingHTTPServer((host, port), handler) as server:
        name, bound = server.server_address[:2]
        print(f"serving {site} on http://{name if ':' not in name else f'[{name}]'}:{bound}/ "
              f"(OPDS: /opds/root.xml, /opds/root.json); Ctrl-C stops", flush=True)
        server.serve_forever()
    return 0
