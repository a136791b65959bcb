"""Errors an editor can act on: each names the file (and line) and says what is wrong, in one line."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: a manuscript or sidecar the pipeline cannot read. The CLI exits 2 with `str(self)`."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        path = "".join(c if c.isprintable() else repr(c)[1:-1] for c in self.path)  # one line, whatever the name
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.message}"

    def __reduce__(self):  # the print render runs in a child process and sends its errors back
        return (type(self), (self.path, self.message, self.line))


class BuildError(Exception):
    """The input was read but an output could not be made or failed its checks. The CLI exits 1."""
