"""`memeaudit batch`: lock OUTDIR, expand the inputs, skip what an earlier run finished, run the
rest on an executor, write each image's reports as it finishes, then the index, summary and
audit record.

The index never loses a row to an interrupted run: until a run has finished, the index it writes
(every INDEX_EVERY seconds, and when it stops) keeps the earlier index's row for each input it
has not redone yet, and the earlier rows of inputs it was not given. A finished run's index has
one row per input it was given."""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from memeaudit import versions
from memeaudit.batch import executors
from memeaudit.batch.dimensions import pixel_count
from memeaudit.batch.dupes import group_rows, load_known, match_known
from memeaudit.batch.inputs import Input, expand
from memeaudit.batch.lock import outdir_lock
from memeaudit.batch.outdir import Outdir
from memeaudit.batch.outputs import (
    finished_row,
    remove_stale_temporaries,
    report_paths,
    report_stem,
    write_index,
    write_results,
    write_run,
)
from memeaudit.batch.progress import Progress
from memeaudit.batch.rows import IndexRow, shown
from memeaudit.batch.signals import Signals, Stop
from memeaudit.batch.work import Job, read_input
from memeaudit.errors import ExitCode, Interrupted, OutputError
from memeaudit.options import Options

INDEX_EVERY = 30.0  # seconds between rewrites of index.jsonl during a long run
log = logging.getLogger("memeaudit")


@dataclass
class BatchConfig:
    inputs: list[str]
    outdir: Path
    options: Options = field(default_factory=Options)
    formats: tuple[str, ...] = ("md",)
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    executor: str = "local"
    cluster: str | None = None
    from_file: str | None = None
    known: Path | None = None
    force: bool = False
    fail_fast: bool = False
    progress: bool = True
    wait_lock: bool = False  # another batch writing to OUTDIR: wait for it (else OutputError)
    follow_symlinks: bool = False  # follow symbolic links found in input folders
    waiting: Callable[[str], None] | None = None  # told, in one line, when the lock is waited for


@dataclass
class Outcome:
    rows: list[IndexRow]
    record: dict[str, Any]
    given: int = 0  # inputs this run was given (files found, not skipped ones)
    done: int = 0  # of those, how many it finished (all, unless it was stopped)

    @property
    def failed(self) -> int:
        return sum(row.status == "error" for row in self.rows)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_batch(cfg: BatchConfig) -> Outcome:
    """Run the batch with OUTDIR locked. SIGINT or SIGTERM stops it: the index of what finished
    is written, run.json says "interrupted", and Interrupted is raised (exit 130 or 143)."""
    outdir = cfg.outdir
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(
            f"{outdir}: cannot make the output folder ({err.strerror or err})"
        ) from err
    with Signals() as signals:
        try:
            with outdir_lock(outdir, cfg.wait_lock, cfg.waiting or log.warning):
                outcome = _run_locked(cfg, signals)
        except Stop as stop:  # before the work began: waiting for the lock, or reading inputs
            raise Interrupted(
                f"interrupted by {stop}: the batch into {outdir} had not started",
                _term(stop.signum),
            ) from None
    if signals.signum is not None:
        raise Interrupted(
            f"interrupted by {signals.name}: {outcome.done} of {outcome.given} inputs finished; "
            f"{outdir / 'index.jsonl'} lists them",
            _term(signals.signum),
            "run the same command again to do the rest",
        )
    return outcome


def _term(signum: int) -> bool:
    return signum == signal.SIGTERM


def _prepare(cfg: BatchConfig) -> tuple[Outdir, list[IndexRow]]:
    """Check OUTDIR (nothing of someone else's is overwritten), delete stale temporaries and,
    for --redact over a run that was not redacted, everything that run wrote. Returns OUTDIR's
    survey and the rows of the index an earlier run left."""
    found = Outdir.survey(cfg.outdir)
    found.check(cfg.formats)
    found.adopt()
    remove_stale_temporaries(cfg.outdir)
    earlier = found.record or {}
    if cfg.options.redact and not earlier.get("options", {}).get("redact", False):
        found.remove_outputs()  # unredacted reports, journal, thumbnails and index
        return found, []
    return found, found.previous_rows()


def _run_locked(cfg: BatchConfig, signals: Signals) -> Outcome:
    outdir = cfg.outdir
    found, previous = _prepare(cfg)
    items, skipped = expand(
        cfg.inputs, cfg.from_file, exclude=outdir, follow_symlinks=cfg.follow_symlinks, own=found
    )
    known = load_known(cfg.known) if cfg.known else []
    print_ = versions.fingerprint(cfg.options, cfg.formats)
    digest = versions.fingerprint_digest(print_)
    record: dict[str, Any] = {
        "memeaudit_version": print_["engines"]["memeaudit"],
        "command": sys.argv,
        **print_,
        "executor": cfg.executor,
        "workers_start": _workers_start(cfg),
        "cluster": cfg.cluster,
        "workers": cfg.workers,
        "force": cfg.force,
        "known": str(cfg.known) if cfg.known else None,
        "follow_symlinks": cfg.follow_symlinks,
        "started": _now(),
        "finished": None,
        "status": "running",
    }
    rows: dict[int, IndexRow] = {}
    twins: dict[str, list[int]] = {}  # key -> later inputs with the same bytes as one in flight

    def jobs() -> Iterator[tuple[tuple[int, str], Job]]:
        for i in largest_first(items):
            item = items[i]
            data, error = read_input(item.path, cfg.options.max_bytes)
            if data is None:
                rows[i] = IndexRow(
                    path=item.path, status="error", error=error, error_code=ExitCode.bad_input
                )
                progress.advance(failed=True)
                if cfg.fail_fast:
                    return
                continue
            sha = hashlib.sha256(data).hexdigest()
            key = versions.work_key(sha, digest)
            earlier = None if cfg.force else finished_row(outdir, key)
            if earlier is not None:
                rows[i] = earlier.model_copy(
                    update={"path": item.path, "resumed": True, "seconds": 0.0}
                )
                progress.advance(failed=earlier.status == "error")
                continue
            if key in twins:
                twins[key].append(i)
                continue
            twins[key] = []
            paths = report_paths(report_stem(item.name, sha), cfg.formats)
            yield (i, key), Job(item.path, data, sha, paths, cfg.options)

    def index(finished: bool) -> list[IndexRow]:
        return _ordered(items, rows, skipped, known, [] if finished else previous)

    with Progress(len(items), cfg.progress) as progress:
        try:
            write_run(outdir, record)
            last_index = time.monotonic()
            results = _execute(cfg, jobs(), record["workers_start"])
            try:
                for (i, key), row, texts in results:
                    if row.status == "ok" or row.error_code == ExitCode.bad_input:
                        write_results(outdir, key, row, texts)  # a bad file stays bad: not retried
                    rows[i] = row
                    for twin in twins.pop(key, []):
                        rows[twin] = row.model_copy(update={"path": items[twin].path})
                        progress.advance(failed=row.status != "ok")
                    progress.advance(failed=row.status != "ok")
                    if time.monotonic() - last_index > INDEX_EVERY:
                        write_index(outdir, index(finished=False))
                        last_index = time.monotonic()
                    if cfg.fail_fast and row.status == "error":
                        break
            finally:
                signals.disarm()  # the work is over: a signal from now on is only noted
                results.close()  # stops the workers when the loop ended early
        except Stop:
            pass  # the handler disarmed itself: from here a signal is only noted
    finished = len(rows) == len(items) and signals.signum is None
    final = index(finished)
    write_index(outdir, final)
    if "html" in cfg.formats and finished:
        from memeaudit.batch.gallery import write_gallery

        write_gallery(outdir, final, cfg.options.template_dir, thumbnails=not cfg.options.redact)
    counts = {s: sum(r.status == s for r in final) for s in ("ok", "error", "skipped")}
    status = "finished" if finished else "interrupted" if signals.signum else "stopped"
    record.update(
        finished=_now(),
        status=status,
        signal=signals.name,
        counts={
            "inputs": len(final),
            **counts,
            "resumed": sum(r.resumed and r.status == "ok" for r in final),
        },
    )
    write_run(outdir, record)
    return Outcome(final, record, given=len(items), done=len(rows))


def largest_first(items: list[Input]) -> list[int]:
    """Input positions, most pixels first (read from each file's header). Big images take
    longest, and starting them first keeps every worker busy to the end instead of one finishing
    a big image alone (the index is written in input order whatever the order of work)."""
    pixels = [pixel_count(item.path) for item in items]
    return sorted(range(len(items)), key=lambda i: (-pixels[i], i))


def _workers_start(cfg: BatchConfig) -> str | None:
    """How local worker processes start ("fork" or "spawn"); None when there are none."""
    return executors.start_method() if cfg.executor == "local" and cfg.workers > 1 else None


def _execute(
    cfg: BatchConfig, jobs: Iterator[tuple[Any, Job]], start: str | None
) -> Generator[Any, None, None]:
    if cfg.executor == "dask":
        return executors.dask_cluster(jobs, cfg.workers, cfg.cluster)  # type: ignore[return-value]
    if cfg.workers <= 1:
        return executors.in_process(jobs)
    return executors.local_pool(jobs, cfg.workers, cfg.options, start or "spawn")


def _ordered(
    items: list[Input],
    rows: dict[int, IndexRow],
    skipped: list[IndexRow],
    known: list[tuple[str, str]],
    previous: list[IndexRow],
) -> list[IndexRow]:
    """Rows in input order, skipped files last; near-duplicate groups and known matches marked.
    With `previous` (a run not finished), an input not done yet keeps its earlier row, and the
    earlier rows of inputs not given follow: the index never shrinks."""
    earlier = {shown(row.path): row for row in previous}
    final = [rows[i] if i in rows else earlier.get(shown(items[i].path)) for i in range(len(items))]
    final = [row for row in final if row is not None] + skipped
    listed = {shown(row.path) for row in final}
    final += [row for row in previous if shown(row.path) not in listed]
    for row in final:
        row.known = match_known(row.pdq, known)
        row.flags = [f for f in row.flags if f != "known"] + (["known"] if row.known else [])
    group_rows(final)
    return final
