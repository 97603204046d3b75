"""Where the per-image function runs: this process, a local process pool, or Dask distributed.

Each executor takes an iterator of jobs and yields (tag, row, texts) as jobs finish, with at most
`window` jobs in flight, so a run over a million files holds only a few images in memory."""

from __future__ import annotations

import contextlib
import itertools
import logging
import sys
import tempfile
import threading
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any

from memeaudit.batch.rows import IndexRow
from memeaudit.batch.work import Job, process, start_worker, worker_environment
from memeaudit.errors import PackageMissing
from memeaudit.options import Options

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from distributed import LocalCluster

Result = tuple[Any, IndexRow, dict[str, str]]
EXECUTORS = ("local", "dask")


def in_process(jobs: Iterator[tuple[Any, Job]]) -> Generator[Result, None, None]:
    for tag, job in jobs:
        yield (tag, *process(job))


def _bounded(
    jobs: Iterator[tuple[Any, Job]],
    submit: Callable[[Job], Any],
    wait_some: Callable[[set[Any]], tuple[set[Any], set[Any]]],
    window: int,
) -> Iterator[Result]:
    """Keep `window` jobs in flight; yield each as it finishes."""
    pending: dict[Any, Any] = {}
    exhausted = False
    while pending or not exhausted:
        while not exhausted and len(pending) < window:
            try:
                tag, job = next(jobs)
            except StopIteration:
                exhausted = True
                break
            pending[submit(job)] = tag
        if not pending:
            break
        done, _ = wait_some(set(pending))
        for future in done:
            yield (pending.pop(future), *future.result())


# Libraries with native threads or state that a forked child must not inherit half-way.
_NOT_FORK_SAFE = ("numpy", "cv2", "onnxruntime", "torch", "tokenizers")


def start_method() -> str:
    """How local workers start: "fork" on Linux from a process that holds nothing a child could
    inherit half-way (no other thread, no engine library imported yet; the batch command's own
    process), which spares each worker ~0.3 s of interpreter start and imports; "spawn"
    elsewhere (macOS, or a program that loaded numpy or an engine before calling run_batch)."""
    if sys.platform != "linux" or threading.active_count() > 1:
        return "spawn"
    if any(name in sys.modules for name in _NOT_FORK_SAFE):
        return "spawn"
    return "fork"


def local_pool(
    jobs: Iterator[tuple[Any, Job]], workers: int, options: Options, method: str = "spawn"
) -> Generator[Result, None, None]:
    """`workers` single-threaded processes started by `method` (see start_method; no engine is
    loaded before they start), engines loaded once in each as it starts. No work (a rerun with
    everything done) starts no process."""
    first = next(jobs, None)
    if first is None:
        return
    jobs = itertools.chain([first], jobs)
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from multiprocessing import get_context

    context = get_context(method)
    with (
        worker_environment(),
        ProcessPoolExecutor(
            workers, context, initializer=start_worker, initargs=(options,)
        ) as pool,
    ):

        def wait_some(futures: set[Future[Any]]) -> tuple[set[Any], set[Any]]:
            done, rest = wait(futures, return_when=FIRST_COMPLETED)
            return set(done), set(rest)

        try:
            yield from _bounded(jobs, lambda job: pool.submit(process, job), wait_some, 2 * workers)
        except BaseException:  # a signal, --fail-fast, or the batch's own error: stop now
            _stop_workers(pool)
            raise


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers at once, rather than wait for the images they hold (a worker
    writes nothing, so nothing is lost), and drop the work not yet started.

    A worker killed while it sends a result (a report over 16 kB goes as a header, then a body)
    leaves half a message in the result pipe, and the pool's manager thread waits for the rest
    forever: `shutdown(wait=True)` then hung the batch after Ctrl-C (the signal test failed one
    clean-clone CI run in three). This process's own copy of the pipe's write end is closed
    once the workers are killed, so the reader sees end-of-file, the pool counts itself broken,
    and shutdown returns (tests/test_batch_stop.py)."""
    if hasattr(pool, "kill_workers"):  # Python 3.14
        pool.kill_workers()
    for worker in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError):
            worker.kill()
    results = getattr(pool, "_result_queue", None)
    with contextlib.suppress(AttributeError, OSError):
        results._writer.close()  # type: ignore[union-attr]
    pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def local_cluster(workers: int) -> Iterator[LocalCluster]:
    """The local Dask cluster: `workers` single-threaded worker processes, closed to every other
    process on the machine. Every connection (client, scheduler, nannies, workers) is TLS on
    loopback, and each side must show a certificate made for this run alone
    (Security.temporary(): a key pair held in memory, never written), so no other process can
    submit work, run code in a worker or read a result. No dashboard: the scheduler's HTTP
    server, which Dask starts anyway, listens on a random loopback port and serves no route.
    Dask's scratch space (scheduler and workers) is a temporary folder, removed with it."""
    import dask
    from distributed import LocalCluster
    from distributed.security import Security

    try:
        security = Security.temporary()
    except ImportError as err:
        raise PackageMissing(
            "the dask executor needs cryptography", "pip install 'memeaudit[dask]'"
        ) from err
    with tempfile.TemporaryDirectory(
        prefix="memeaudit-dask-", ignore_cleanup_errors=True
    ) as scratch:
        config = {"distributed.scheduler.http.routes": [], "temporary-directory": scratch}
        with dask.config.set(config):
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                protocol="tls://",
                security=security,
                dashboard_address=None,
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                local_directory=scratch,
                silence_logs=logging.ERROR,
            )
        with cluster:
            yield cluster


def dask_cluster(
    jobs: Iterator[tuple[Any, Job]], workers: int, address: str | None
) -> Iterator[Result]:
    """Dask distributed: a local cluster of `workers` single-threaded processes, or the
    scheduler at `address`. Workers keep their engines loaded between images."""
    try:
        from distributed import Client
        from distributed import wait as dask_wait
    except ImportError as err:
        raise PackageMissing(
            "the dask executor needs dask distributed", "pip install 'memeaudit[dask]'"
        ) from err
    with contextlib.ExitStack() as stack:
        cluster = stack.enter_context(local_cluster(workers)) if address is None else None
        client = stack.enter_context(Client(address or cluster))
        slots = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())

        def submit(job: Job) -> Any:
            return client.submit(process, job, pure=False)

        def wait_some(futures: set[Any]) -> tuple[set[Any], set[Any]]:
            done, rest = dask_wait(list(futures), return_when="FIRST_COMPLETED")
            return set(done), set(rest)

        yield from _bounded(jobs, submit, wait_some, 2 * max(1, slots))
