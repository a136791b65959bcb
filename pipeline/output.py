"""Writing outputs: only regular files, never an input, and atomically — a file in build/ is either
complete or absent; what a killed build left behind is swept by the next build of that output."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError, raise_if_stopped


def check_output(path: str | Path, inputs=()) -> None:
    """Refuse an output path that exists and is not a regular file (a folder, a device such as
    /dev/full, a link, a pipe), whose folder is not a folder, or that is one of the build's inputs."""
    path = Path(path)
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise InputError(str(path), f"cannot write here: {err.strerror}") from None
    if mode is not None and not stat.S_ISREG(mode):
        kind = ("a folder" if stat.S_ISDIR(mode) else "a link" if stat.S_ISLNK(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
        raise InputError(str(path), f"the output is {kind}; name a file to write (it is replaced whole)")
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise InputError(str(path), f"{parent} is not a folder")
    for source in inputs:
        if source and _same_file(path, Path(source)):
            raise InputError(str(path), f"the output would overwrite the input {source}; name another file")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def write_atomically(path: str | Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`. An OSError (a full disk,
    a read-only folder) is one line naming the output."""
    path = Path(path)
    check_output(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    made = _missing_folders(path)
    folder = _prepare_folder(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        raise_if_stopped()  # a stop whose exception was lost (see errors.ask_to_stop) still writes nothing
        os.replace(tmp, path)
    except OSError as err:
        raise InputError(str(path), f"cannot write it: {err.strerror or err}") from None
    finally:  # also when a signal stopped the build mid-write
        if tmp is not None and Path(tmp).exists():
            Path(tmp).unlink()
        _remove_if_unused(made, path)


def _remove_if_unused(made: list[Path], path: Path) -> None:
    """When nothing was written at `path`, the folders made for it go too (while empty)."""
    if path.exists():
        return
    for folder in made:
        try:
            folder.rmdir()
        except OSError:
            break


def _missing_folders(path: Path) -> list[Path]:
    """The folders above `path` that do not exist yet, deepest first."""
    missing = []
    for folder in path.parents:
        if folder.exists():
            break
        missing.append(folder)
    return missing


@contextmanager
def scratch_folder(path: str | Path):
    """A temporary folder beside the output `path` (`build/x/.x.pdf.ab12.tmp/`), removed afterwards —
    also when the build is stopped by a signal; one a SIGKILL left is swept by the next build."""
    path = Path(path)
    made = _missing_folders(path)
    folder = _prepare_folder(path)
    try:
        scratch = Path(tempfile.mkdtemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp"))
    except OSError as err:
        raise InputError(str(path), f"cannot write beside it: {err.strerror or err}") from None
    try:
        yield scratch
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        _remove_if_unused(made, path)
        raise
    shutil.rmtree(scratch, ignore_errors=True)


def _prepare_folder(path: Path) -> Path:
    """The output's folder, created if needed, with what an earlier killed build of this same output
    left (`.x.pdf.*.tmp` files and folders) removed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f".{_glob_escape(path.name)}.*.tmp"):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)
    except OSError as err:
        raise InputError(str(path), f"cannot write it: {err.strerror or err}") from None
    return path.parent


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
