"""The editor's preview: the issue's annotated HTML, rebuilt on every save, served on loopback with automatic reload.

It answers only requests addressed to it (`127.0.0.1:PORT`, `localhost:PORT`): the unpublished issue is
never handed to a page that reached the port under another name (DNS rebinding)."""

from __future__ import annotations

import signal
import sys
import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from .build import load_issue
from .errors import BuildError, InputError
from .writers import STYLES
from .site.serve import addressed_to_us
from .writers.html import inline_photos, render_html

# Asks for the build's version twice a second and reloads when it changed (the browser keeps the scroll).
RELOAD = """<script>
(function poll(version) {
  setTimeout(function () {
    fetch("/version", {cache: "no-store"}).then(function (answer) { return answer.text(); }).then(
      function (now) { if (now === version) { poll(version); } else { location.reload(); } },
      function () { poll(version); });
  }, 500);
})("%s");
</script>
"""


def watched_files(manuscript: Path, publication: Path | None) -> tuple[Path, Path, Path]:
    """What the issue is built from: the manuscript, its sidecar, and publication.yaml (by default
    the one beside the manuscript, as load_issue finds it)."""
    return manuscript, manuscript.with_suffix(".yaml"), publication or manuscript.parent / "publication.yaml"


class PreviewPage:
    """The page as last built, and its version, which changes whenever the page does."""

    def __init__(self, manuscript: Path, publication: Path | None):
        self.manuscript, self.publication = manuscript, publication
        self.built = ""
        self.current = (0, b"")  # (version, page): one attribute, so a request never sees half a rebuild

    def rebuild(self) -> str:
        """Build the page again; a mistake in the input becomes the page (one line) until the next
        good save, so the server never stops over it. Returns a line saying what happened."""
        try:
            issue = load_issue(self.manuscript, self.publication)
            page = inline_photos(render_html(issue, preview_stylesheet(), annotate=True), issue)  # as the web page shows them
            status = "rebuilt"
        except (InputError, BuildError) as err:
            page, status = error_page(str(err)), f"error: {err}"
        except Exception as err:  # a bug in a step: said in one line, and the preview goes on
            page, status = error_page(f"internal error ({type(err).__name__}: {err})"), "internal error"
        if page != self.built:
            version = self.current[0] + 1
            served = page.replace("</body>", RELOAD % version + "</body>", 1)  # the script is the preview's alone
            self.built, self.current = page, (version, served.encode())
        return status


def preview_stylesheet() -> str:
    """The screen style and the preview's marks, read at every build: a change to either shows at the next save."""
    return "".join((STYLES / name).read_text(encoding="utf-8") for name in ("screen.css", "preview.css"))


def error_page(message: str) -> str:
    """The one line that says why the issue could not be built."""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n<title>Preview: error</title>\n'
            f'<style>\n{preview_stylesheet()}</style>\n</head>\n<body class="issue">\n'
            f'<p class="preview-error">{escape(message, quote=False)}</p>\n</body>\n</html>\n')


class _Requests(BaseHTTPRequestHandler):
    """`/`: the page; `/version`: its version, which the page's script polls."""

    def do_GET(self):
        if not addressed_to_us(self.headers.get("Host"), *self.server.server_address[:2]):
            self.send_error(421, "The preview answers only 127.0.0.1 and localhost")
            return
        version, page = self.server.preview.current
        path = self.path.split("?", 1)[0]
        if path not in ("/", "/version"):
            self.send_error(404)
            return
        body, kind = (page, "text/html; charset=utf-8") if path == "/" else (str(version).encode(), "text/plain")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        """Quiet: the page polls twice a second, which would bury the rebuild lines."""


def serve_preview(manuscript, publication=None, host: str = "127.0.0.1", port: int = 0, ready=None,
                  stop: threading.Event | None = None) -> None:
    """Serve the preview of `manuscript` until `stop` is set (or Ctrl-C). `ready(url)` is called once
    the files are watched and the first build is served, so a save after it is never missed."""
    preview = PreviewPage(Path(manuscript), Path(publication) if publication else None)
    stop = stop or threading.Event()
    built = threading.Event()
    watcher = threading.Thread(target=_watch, args=(preview, stop, built), daemon=True)
    with ThreadingHTTPServer((host, port), _Requests) as server:
        server.preview, server.timeout = preview, 0.2
        try:
            watcher.start()
            while not built.wait(0.2):
                if not watcher.is_alive():
                    raise BuildError(f"{manuscript}: the preview could not watch its files")
            if ready:
                ready(f"http://{server.server_address[0]}:{server.server_address[1]}/")
            while not stop.is_set():
                server.handle_request()  # one at a time here; each is answered on a thread of its own
        finally:
            stop.set()
            watcher.join(timeout=5)


def _watch(preview: PreviewPage, stop: threading.Event, built: threading.Event) -> None:
    """Rebuild on every save. The folders are watched, not the files: an editor that saves by
    renaming a new file over the old one would end a watch on the file."""
    paths = {p.resolve() for p in watched_files(preview.manuscript, preview.publication)}  # as the watcher reports them
    folders = {p.parent for p in paths if p.parent.is_dir()}
    # yield_on_timeout: the first pass (changes or not) means the watch is in place, so build then
    for changes in watch(*folders, watch_filter=lambda change, path: Path(path) in paths, stop_event=stop,
                         recursive=False, rust_timeout=200, yield_on_timeout=True):
        if changes or not built.is_set():
            status = preview.rebuild()
            if built.is_set():
                print(f"preview: {status}", flush=True)
            built.set()


def run_preview(manuscript, publication=None, host: str = "127.0.0.1", port: int = 0) -> int:
    """The `preview` command: serve until Ctrl-C, saying where in one line. Returns the exit status."""
    if not Path(manuscript).is_file():
        raise InputError(manuscript, "no such manuscript file")
    names = ", ".join(str(p) for p in watched_files(Path(manuscript), Path(publication) if publication else None))

    def announce(url: str) -> None:
        print(f"preview: {url} (watching {names}; Ctrl-C to stop)", flush=True)

    # Ctrl-C stops it even where it was started in the background of a script, which ignores SIGINT
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        serve_preview(manuscript, publication, host, port, ready=announce)
    except KeyboardInterrupt:
        print("preview: stopped", flush=True)
    except OSError as err:  # the port is taken, or the host is not this machine's
        raise BuildError(f"cannot serve on {host}:{port}: {err.strerror or err}") from None
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m pipeline.preview", description=__doc__)
    parser.add_argument("manuscript")
    parser.add_argument("--publication", help="publication.yaml to use (default: the one beside the manuscript)")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    args = parser.parse_args()
    try:
        sys.exit(run_preview(args.manuscript, args.publication, port=args.port))
    except (InputError, BuildError) as err:  # exit 2 for bad input, 1 when it cannot serve, as the CLI does
        print(f"error: {err}", file=sys.stderr)
        sys.exit(2 if isinstance(err, InputError) else 1)
