"""Kill a real batch part way with SIGKILL, without racing it.

A test that starts a batch, waits until it has done some work and then kills it must know that
the kill landed while the batch was still at work: a batch that finished first (a fast machine, a
slow poll) proves nothing about resuming. `kill_part_way` checks that after each kill (the
process died of SIGKILL, and the test's own `unfinished()` still holds) and starts again from
`reset()` when it did not, a few times, before it fails the test."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

ATTEMPTS = 3


def signature(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is rewritten, even within one tick of the clock or by an atomic
    rename: its inode, size and modification time (None while it does not exist)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def kill_part_way(
    command: Sequence[str],
    started: Callable[[], bool],
    unfinished: Callable[[], bool],
    reset: Callable[[], None] = lambda: None,
    timeout: float = 300,
) -> int:
    """Run `command` until `started()`, SIGKILL it, and return the attempt (1, 2, ...) whose kill
    landed part way: the process died of the signal, `started()` and `unfinished()` hold. Each attempt first
    calls `reset()` to put the files back as the test set them up."""
    seen = []
    for attempt in range(1, ATTEMPTS + 1):
        reset()
        victim = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and victim.poll() is None and not started():
            time.sleep(0.01)
        os.kill(victim.pid, signal.SIGKILL)  # a process that has exited is a zombie until wait()
        victim.wait()
        if victim.returncode == -signal.SIGKILL and started() and unfinished():
            return attempt
        seen.append(victim.returncode)
    pytest.fail(f"the batch was never killed part way in {ATTEMPTS} attempts (exit codes {seen})")
