"""Stopping a local pool whose workers are sending large results (a report of many kB): the
workers are killed mid-send, and the stop still returns. Before the fix the pool's manager
thread waited forever for the rest of a half-sent result, and a Ctrl-C'd batch hung."""

from __future__ import annotations

import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context

import pytest

from memeaudit.batch.executors import _stop_workers


def _large_result(i: int) -> bytes:
    return bytes([i % 256]) * 3_000_000  # sent in pieces: a kill lands mid-send


@pytest.mark.parametrize("trial", range(3))
def test_stopping_workers_that_are_sending_results_returns(trial: int) -> None:
    pool = ProcessPoolExecutor(2, get_context("fork"))
    futures = [pool.submit(_large_result, i) for i in range(8)]
    wait(futures, return_when=FIRST_COMPLETED)
    time.sleep(0.001)
    stopper = threading.Thread(target=_stop_workers, args=(pool,), daemon=True)
    stopper.start()
    stopper.join(30)
    assert not stopper.is_alive(), "the stop hung on a half-sent result"
    assert all(future.done() for future in futures)
