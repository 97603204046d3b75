"""One batch at a time per OUTDIR: an exclusive flock on OUTDIR/.memeaudit/lock, held for the
whole run (from before the clean-up of stale temporaries to the last index write).

The kernel drops the lock when the process ends, however it ends (kill -9 included), so a lock is
never stale. A forked worker closes its inherited copy of the descriptor at once: the lock is the
batch process's, and lasts exactly as long as it does."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from memeaudit.errors import OutputError

LOCK = Path(".memeaudit") / "lock"
_held: set[int] = set()  # descriptors this process holds a lock through


def _close_inherited() -> None:
    for fd in list(_held):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_close_inherited)


def _holder(fd: int) -> str:
    """The pid the batch holding the lock wrote into it, as " (pid N)", or ""."""
    with contextlib.suppress(OSError, ValueError):
        return f" (pid {int(os.pread(fd, 32, 0).split()[0])})"
    return ""


@contextlib.contextmanager
def outdir_lock(
    outdir: Path, wait: bool = False, waiting: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold OUTDIR's lock. When another batch holds it: OutputError (exit 7), or, with `wait`,
    call `waiting` with one line saying whom we wait for, and block until it is free."""
    path = outdir / LOCK
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as err:
        raise OutputError(f"{path}: cannot create the batch lock ({err.strerror or err})") from err
    try:
        _acquire(fd, outdir, wait, waiting)
        _held.add(fd)
        yield
    finally:
        _held.discard(fd)
        os.close(fd)


def _acquire(fd: int, outdir: Path, wait: bool, waiting: Callable[[str], None] | None) -> None:
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            who = f"another memeaudit batch{_holder(fd)} is writing to {outdir}"
            if not wait:
                raise OutputError(
                    who, "wait for it, add --wait-lock, or choose another -o"
                ) from None
            if waiting is not None:
                waiting(f"{who}; waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    except OSError as err:  # no locks on this file system, or the like
        raise OutputError(f"{outdir / LOCK}: cannot lock ({err.strerror or err})") from err
