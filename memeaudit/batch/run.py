"""`memeaudit batch`: expand the inputs, skip what an earlier run finished, run the rest on an
executor, write each image's reports as it finishes, then the index, summary and audit record."""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from memeaudit import versions
from memeaudit.batch import executors
from memeaudit.batch.dimensions import pixel_count
from memeaudit.batch.dupes import group_rows, load_known, match_known
from memeaudit.batch.inputs import Input, expand
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
from memeaudit.batch.rows import IndexRow
from memeaudit.batch.work import Job, read_input
from memeaudit.errors import ExitCode
from memeaudit.options import Options

INDEX_EVERY = 30.0  # seconds between rewrites of index.jsonl during a long run


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


@dataclass
class Outcome:
    rows: list[IndexRow]
    record: dict[str, Any]

    @property
    def failed(self) -> int:
        return sum(row.status == "error" for row in self.rows)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_batch(cfg: BatchConfig) -> Outcome:
    outdir = cfg.outdir
    outdir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(outdir)
    items, skipped = expand(cfg.inputs, cfg.from_file, exclude=outdir)
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
        "started": _now(),
        "finished": None,
        "status": "running",
    }
    write_run(outdir, record)
    rows: dict[int, IndexRow] = {}
    twins: dict[str, list[int]] = {}  # key -> later inputs with the same bytes as one in flight

    def jobs() -> Iterator[tuple[tuple[int, str], Job]]:
        for i in largest_first(items):
            item = items[i]
            data, error = read_input(item.path)
            if data is None:
                rows[i] = IndexRow(path=item.path, status="error", error=error)
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

    with Progress(len(items), cfg.progress) as progress:
        last_index = time.monotonic()
        for (i, key), row, texts in _execute(cfg, jobs(), record["workers_start"]):
            if row.status == "ok" or row.error_code == ExitCode.bad_input:
                write_results(outdir, key, row, texts)  # a bad file stays bad: not retried
            rows[i] = row
            for twin in twins.pop(key, []):
                rows[twin] = row.model_copy(update={"path": items[twin].path})
                progress.advance(failed=row.status != "ok")
            progress.advance(failed=row.status != "ok")
            if time.monotonic() - last_index > INDEX_EVERY:
                write_index(outdir, _ordered(items, rows, skipped, known))
                last_index = time.monotonic()
            if cfg.fail_fast and row.status == "error":
                break
    final = _ordered(items, rows, skipped, known)
    write_index(outdir, final)
    if "html" in cfg.formats:
        from memeaudit.batch.gallery import write_gallery

        write_gallery(outdir, final, cfg.options.template_dir, thumbnails=not cfg.options.redact)
    counts = {s: sum(r.status == s for r in final) for s in ("ok", "error", "skipped")}
    record.update(
        finished=_now(),
        status="stopped" if len(rows) < len(items) else "finished",
        counts={
            "inputs": len(final),
            **counts,
            "resumed": sum(r.resumed and r.status == "ok" for r in final),
        },
    )
    write_run(outdir, record)
    return Outcome(final, record)


def largest_first(items: list[Input]) -> list[int]:
    """Input positions, most pixels first (read from each file's header). Big images take
    longest, and starting them first keeps every worker busy to the end instead of one finishing
    a big image alone (the index is written in input order whatever the order of work)."""
    pixels = [pixel_count(item.path) for item in items]
    return sorted(range(len(items)), key=lambda i: (-pixels[i], i))


def _workers_start(cfg: BatchConfig) -> str | None:
    """How local worker processes start ("fork" or "spawn"); None when there are none."""
    return executors.start_method() if cfg.executor == "local" and cfg.workers > 1 else None


def _execute(cfg: BatchConfig, jobs: Iterator[tuple[Any, Job]], start: str | None) -> Iterator[Any]:
    if cfg.executor == "dask":
        return executors.dask_cluster(jobs, cfg.workers, cfg.cluster)
    if cfg.workers <= 1:
        return executors.in_process(jobs)
    return executors.local_pool(jobs, cfg.workers, cfg.options, start or "spawn")


def _ordered(
    items: list[Input],
    rows: dict[int, IndexRow],
    skipped: list[IndexRow],
    known: list[tuple[str, str]],
) -> list[IndexRow]:
    """Rows in input order, skipped files last; near-duplicate groups and known matches marked."""
    final = [rows[i] for i in range(len(items)) if i in rows] + skipped
    for row in final:
        row.known = match_known(row.pdq, known)
        row.flags = [f for f in row.flags if f != "known"] + (["known"] if row.known else [])
    group_rows(final)
    return final
