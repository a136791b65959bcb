"""Errors an editor can act on: each names the file (and line) and says what is wrong, in one line."""

from __future__ import annotations

import signal


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


class Stopped(BaseException):
    """The build was asked to stop (SIGTERM, SIGINT, SIGHUP): raised where it stands, so that every
    `finally` removes its temporary files before the process ends. The CLI exits 128 + the signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum, self.name = signum, signal.Signals(signum).name


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
_asked: list[int] = []  # the signal that asked this process to stop, once one has


def ask_to_stop(signum: int) -> None:
    """Record that the build must stop, and stop it here (a signal handler's work). The exception can
    be lost — Python ignores one raised inside an after-fork hook or a finalizer — so what commits an
    output asks `raise_if_stopped` first."""
    _asked[:] = [signum]
    raise Stopped(signum)


def raise_if_stopped() -> None:
    """Raise Stopped if a stop was asked for, even when the handler's own exception was swallowed."""
    if _asked:
        raise Stopped(_asked[0])
