"""The per-image function every executor runs: bytes in, an index row and rendered reports out.

It never writes files and never raises: a failure is an error row. Engines load on first use and
stay loaded for the life of the worker process (functools.cache in each engine module)."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import logging
import os
import signal
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from memeaudit.batch.regular import kind
from memeaudit.batch.rows import IndexRow, shown
from memeaudit.errors import ExitCode, MemeauditError
from memeaudit.options import Options

log = logging.getLogger("memeaudit")
EXCERPT = 300  # characters of image text kept in the index, for "same picture, different text"


@dataclass(frozen=True)
class Job:
    path: str
    data: bytes
    sha256: str
    reports: dict[str, str]  # format -> path relative to OUTDIR
    options: Options


# OMP_THREAD_LIMIT: tesseract (a child process); OMP_NUM_THREADS and OPENBLAS_NUM_THREADS:
# numpy's OpenBLAS, read when numpy is first imported; MEMEAUDIT_THREADS: onnxruntime sessions.
WORKER_ENV = {
    "OMP_THREAD_LIMIT": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MEMEAUDIT_THREADS": "1",
}


@contextlib.contextmanager
def worker_environment() -> Iterator[None]:
    """WORKER_ENV in this process's environment while worker processes start (forked or
    spawned), so that they start with it (numpy's thread pool is sized at import, before an
    initializer runs)."""
    saved = {name: os.environ.get(name) for name in WORKER_ENV}
    os.environ.update(WORKER_ENV)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def single_threaded() -> None:
    """One core per worker: -j N workers use N cores, with no thread oversubscription. OpenMP
    (tesseract), OpenCV and onnxruntime read these before their engines are built."""
    os.environ.update(WORKER_ENV)
    import cv2
    from threadpoolctl import threadpool_limits

    cv2.setNumThreads(1)
    threadpool_limits(1)  # numpy's BLAS, when it was imported before WORKER_ENV was set (-j 1)


def start_worker(options: Options) -> None:
    """A local pool worker's initializer: one thread, engines loaded before the first image."""
    from memeaudit.pipeline import load_engines

    # A forked worker inherits the batch's handlers. The batch process alone answers Ctrl-C
    # (sent to the whole process group) and SIGTERM: it stops its workers and writes the index.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    single_threaded()
    load_engines(options)
    # Last at exit, after multiprocessing has flushed this worker's results: skip the teardown
    # (freeing the models one by one took ~0.2 s that the batch waited for at its end).
    atexit.register(os._exit, 0)


def process(job: Job) -> tuple[IndexRow, dict[str, str]]:
    """Analyse one image and render its reports; errors become an error row."""
    from memeaudit.batch.dupes import pdq_hash
    from memeaudit.formats import render_outputs
    from memeaudit.load import load_image
    from memeaudit.pipeline import analyze_image

    if os.environ.get("MEMEAUDIT_THREADS") != "1":
        single_threaded()
    start = time.perf_counter()
    row = IndexRow(path=job.path, sha256=job.sha256, status="ok")
    try:
        name = shown(job.path)  # the report names the file in valid text
        image = load_image(job.data, name=name, max_pixels=job.options.max_pixels)
        report = analyze_image(image, job.options)
        opts = job.options
        texts = render_outputs(
            report, tuple(job.reports), opts.template_dir, image.rgb, redact=opts.redact
        ).texts
        row.pdq, row.pdq_quality = pdq_hash(image.rgb)
    except MemeauditError as err:
        row.status, row.error, row.error_code = "error", str(err), int(err.exit_code)
        row.seconds = round(time.perf_counter() - start, 3)
        return row, {}
    except Exception as err:  # a bug: keep the batch going, keep the message
        log.debug("internal error on %s", job.path, exc_info=True)
        row.status, row.error = "error", f"internal error: {type(err).__name__}: {err}"
        row.error_code = int(ExitCode.internal)
        row.seconds = round(time.perf_counter() - start, 3)
        return row, {}
    post = report.post
    row.reports = dict(job.reports)
    row.report = next(iter(job.reports.values()))
    row.platform = post.platform if post else None
    row.handle = post.handle if post else None
    row.author = post.display_name if post else None
    row.topics = [topic.id for topic in report.facts.topics]
    row.figures = list(dict.fromkeys(f.text for c in report.facts.claims for f in c.figures))
    row.text = " ".join(report.ocr.text.split())[:EXCERPT]
    flags = []
    if report.facts.personal_data:
        flags.append("personal-data")
    if not row.text:
        flags.append("no-text")
    row.flags = flags
    row.seconds = round(time.perf_counter() - start, 3)
    _give_back_memory()
    return row, texts


def _give_back_memory() -> None:
    """Return freed heap pages to the system after each image, so a long-lived worker's RSS
    tracks what it holds rather than its high-water mark (glibc only; a no-op elsewhere)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def read_input(path: str, max_bytes: int | None = None) -> tuple[bytes | None, str | None]:
    """The file's bytes, or None and a one-line reason. Only a regular file is read: a FIFO or
    a device is refused from its type, without opening it."""
    from memeaudit.inputfile import read_bytes

    try:
        mode: int | None = os.stat(path).st_mode
    except (OSError, ValueError):
        mode = None  # read_bytes says why
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return None, f"{path}: is {kind(mode)}, not a regular file"
    try:
        _, data = read_bytes(Path(path)) if max_bytes is None else read_bytes(Path(path), max_bytes)
    except MemeauditError as err:
        return None, str(err)
    if not data:
        return None, f"{path}: the file is empty"
    return data, None
