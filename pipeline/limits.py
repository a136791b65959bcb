"""Bounds on what one build may read and spend: sizes of manuscripts and sidecars, and the print
render's CPU time, memory and wall clock, which run it in a child process of its own.

A manuscript from many hands can be huge by mistake or by design; every bound here is far above
any real issue (the paper's largest web page is ~60 KB, its longest paragraph ~3,000 characters)
and far below what would exhaust the machine. The render limits can be lowered (or raised for a
giant special issue) with the environment variables named beside them.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import stat
from pathlib import Path

from .errors import STOP_SIGNALS, BuildError, InputError

MANUSCRIPT_BYTES = 8 * 1024 * 1024     # a 5 MB issue is ~100 times a real one
LINE_CHARACTERS = 20_000               # a real paragraph on one line is < 5,000
SIDECAR_BYTES = 1024 * 1024            # metadata and overrides: a few KB
PDF_BYTES = 64 * 1024 * 1024           # a print PDF as a manuscript: photos make it megabytes, not hundreds
PDF_PAGES = 200                        # an issue has 8–24
YAML_DEPTH = 8                         # overrides are a list of mappings: depth 3
INLINE_DEPTH = 32                      # emphasis inside links inside emphasis…

RENDER_LIMITS = {  # name: (environment variable, default)
    "cpu_seconds": ("PIPELINE_RENDER_CPU_SECONDS", 900),
    "memory_mb": ("PIPELINE_RENDER_MEMORY_MB", 6144),
}


def read_bounded(path: Path, limit: int, kind: str) -> bytes:
    """The bytes of an input file: a regular file in its own folder (a link to a file elsewhere,
    such as /etc/shadow, is refused without reading it), at most `limit` bytes."""
    path = Path(path)
    try:
        target = path.resolve(strict=True)
        if target.parent != path.parent.resolve():
            raise InputError(str(path), f"the {kind} is a link to a file outside its folder; copy the file in instead")
        with open(target, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError(str(path), f"the {kind} is not a regular file")
            data = handle.read(limit + 1)
    except OSError as err:
        raise InputError(str(path), f"cannot read the {kind}: {err.strerror or err}") from None
    if len(data) > limit:
        raise InputError(str(path), f"the {kind} is larger than {limit // (1024 * 1024)} MB; split it")
    return data


def render_limit(name: str) -> int:
    """A render limit from its environment variable, else its default."""
    variable, default = RENDER_LIMITS[name]
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) <= 10 ** 6:
        raise InputError(variable, f"must be a whole number between 1 and 1000000, not {raw!r}")
    return int(raw)


def run_limited(function, args: tuple, workdir: Path, what: str):
    """`function(*args)` in a forked child under CPU-time and address-space limits, with its
    temporary files in `workdir` (the caller removes it), and its result (or its BuildError /
    InputError) passed back. A child killed by a limit is one BuildError line naming `what`.

    Forked, not spawned: the child inherits the loaded issue, so nothing is serialized but the
    result. It dies with its parent (PR_SET_PDEATHSIG), so a killed build leaves no renderer running.
    """
    cpu, memory = render_limit("cpu_seconds"), render_limit("memory_mb")
    result_path = workdir / "result.pickle"
    parent = os.getpid()
    # A stop asked for while fork() runs its hooks (logging's lock release, in the parent) would raise
    # there, where Python ignores exceptions: the build went on and wrote its PDF. Held until after.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            _confine(cpu, memory, workdir, parent)
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            outcome = ("ok", function(*args))
        except (BuildError, InputError) as err:
            outcome, code = ("error", err), 1
        except MemoryError:
            outcome, code = ("limit", f"ran out of its {memory} MB of memory"), 1
        except BaseException as err:  # noqa: BLE001 — reported to the parent as an internal error
            outcome, code = ("bug", f"{type(err).__name__}: {err}"), 1
        try:
            result_path.write_bytes(pickle.dumps(outcome))
        except BaseException:  # noqa: BLE001 — the parent reports the missing result
            code = 3
        os._exit(code)
    _, status = _wait_for(pid, cpu, held)
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        reason = (f"ran past its limit of {cpu} s of CPU time" if signum == signal.SIGXCPU else
                  f"was stopped by {signal.Signals(signum).name}, most likely at its limit of {memory} MB of "
                  f"memory or {cpu} s of CPU time")  # native libraries abort or crash when memory runs out
        raise BuildError(f"{what}: {reason} (limits: {RENDER_LIMITS['cpu_seconds'][0]}, "
                         f"{RENDER_LIMITS['memory_mb'][0]})")
    try:
        kind, value = pickle.loads(result_path.read_bytes())
    except (OSError, pickle.PickleError, EOFError, ValueError):
        raise BuildError(f"{what}: the renderer stopped without a result (exit {os.WEXITSTATUS(status)})") from None
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    if kind == "limit":
        raise BuildError(f"{what}: {value} (limit: {RENDER_LIMITS['memory_mb'][0]})")
    raise BuildError(f"{what}: internal error in the renderer ({value})")


def _confine(cpu: int, memory: int, workdir: Path, parent: int) -> None:
    """In the child: die with the parent, stop at the limits, keep temporary files in `workdir`."""
    import ctypes
    import tempfile

    log = os.open(workdir / "render.log", os.O_WRONLY | os.O_CREAT, 0o600)
    os.dup2(log, 1)  # what native libraries print (fontconfig under memory pressure) stays out of
    os.dup2(log, 2)  # the build's one-line output
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: Linux only, harmless elsewhere
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_DFL)  # the parent cleans up; the child just stops
    _lower(resource.RLIMIT_CPU, cpu, cpu + 5)  # SIGXCPU at the soft limit, SIGKILL at the hard
    _lower(resource.RLIMIT_AS, memory * 1024 * 1024, memory * 1024 * 1024)
    os.environ["TMPDIR"] = str(workdir)
    tempfile.tempdir = str(workdir)


def _lower(kind: int, soft: int, hard: int) -> None:
    """Set a limit, never above one the build itself runs under (a CI's, a test harness's)."""
    _, ceiling = resource.getrlimit(kind)
    if ceiling != resource.RLIM_INFINITY:
        soft, hard = min(soft, ceiling), min(hard, ceiling)
    resource.setrlimit(kind, (soft, hard))


def _wait_for(pid: int, cpu: int, mask):
    """Wait for the child, killing it if it outlives twice its CPU limit in wall time (a renderer
    stuck waiting on something uses no CPU, so the CPU limit alone would never stop it). The stop
    signals held over the fork are let through (`mask`) where a stop also stops the child."""
    import time

    deadline = time.monotonic() + 2 * cpu + 30
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a stop asked for during the fork arrives here
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return done, status
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                return os.waitpid(pid, 0)
            time.sleep(0.05)
    except BaseException:  # the build was stopped: stop the child with it
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        raise
