"""How many cores this process may use, and so whether one image's stages run side by side."""

from __future__ import annotations

import os


def threads() -> int:
    """MEMEAUDIT_THREADS when it is set (a batch worker sets 1: -j N workers use N cores), else
    the CPUs this process may run on."""
    wanted = os.environ.get("MEMEAUDIT_THREADS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def side_by_side() -> bool:
    """Whether one image's engines run at the same time: outside a batch worker, with two cores
    or more."""
    return threads() > 1
