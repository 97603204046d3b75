"""`memeaudit batch` and `memeaudit digest`: many images into an output folder (batch/ does the
work), and a newsletter issue from such a folder (digest.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from memeaudit.cli_options import TemplateDirOption, shared_options
from memeaudit.cli_print import say
from memeaudit.errors import ExitCode
from memeaudit.formats import EXTENSION
from memeaudit.options import DEFAULTS, Options


@shared_options
def batch(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Folders (walked recursively), globs or files.", show_default=False),
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The output folder (created if missing).")
    ] = Path("memeaudit-out"),
    fmt: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format: md, json or html; repeat for several. [default: md]",
        ),
    ] = None,
    from_file: Annotated[
        str | None,
        typer.Option("--from-file", help="A file listing input paths, one per line; '-' is stdin."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("-j", "--jobs", min=1, help="Worker processes. [default: number of cores]"),
    ] = None,
    executor: Annotated[
        Literal["local", "dask"],
        typer.Option("--executor", help="local processes, or Dask distributed."),
    ] = "local",
    cluster: Annotated[
        str | None,
        typer.Option("--cluster", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."),
    ] = None,
    known: Annotated[
        Path | None,
        typer.Option("--known", help="Known PDQ hashes to match, one per line: HEX[,label]."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Redo images an earlier run already finished.")
    ] = False,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first input that fails.")
    ] = False,
    wait_lock: Annotated[
        bool,
        typer.Option(
            "--wait-lock/--no-wait-lock",
            help="When another batch is writing to OUTDIR, wait for it to finish instead of "
            "refusing (exit 7).",
        ),
    ] = False,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Follow symbolic links found in input folders (by default each is a skipped "
            "row); links given as inputs are always followed.",
        ),
    ] = False,
    opts: Options = DEFAULTS,  # stands for the shared flags: see shared_options
) -> None:
    """Analyse many images into OUTDIR: reports/, index.jsonl, summary.csv and run.json.

    Resumable: a rerun skips images already finished with the same engines, rules and options.
    Exit code 1 when some inputs failed (each is an error row in the index)."""
    import os

    from memeaudit.batch.rows import shown
    from memeaudit.batch.run import BatchConfig, run_batch
    from memeaudit.errors import InputError

    if not inputs and not from_file:
        raise InputError("no inputs", "give folders, globs or files, or --from-file FILE")
    if cluster and executor != "dask":
        raise InputError("--cluster needs --executor dask")
    if bad := [f for f in fmt or [] if f not in EXTENSION]:
        raise InputError(f"unknown --format {bad[0]!r}", "use md, json or html")
    config = BatchConfig(
        inputs=list(inputs or []),
        outdir=output,
        options=opts,
        formats=tuple(dict.fromkeys(fmt or ["md"])),
        workers=jobs or os.cpu_count() or 1,
        executor=executor,
        cluster=cluster,
        from_file=from_file,
        known=known,
        force=force,
        fail_fast=fail_fast,
        wait_lock=wait_lock,
        follow_symlinks=follow_symlinks,
        waiting=lambda line: say(f"memeaudit: {line}", err=True),
    )
    outcome = run_batch(config)
    counts = outcome.record["counts"]
    say(
        f"{counts['inputs']} inputs: {counts['ok']} ok ({counts['resumed']} from an earlier run), "
        f"{counts['error']} failed, {counts['skipped']} skipped; index: {output / 'index.jsonl'}"
    )
    for row in outcome.rows:
        if row.status == "error":
            say(f"memeaudit: error: {shown(row.error or '')}")
    if outcome.failed:
        raise typer.Exit(ExitCode.some_failed)


def digest(
    outdir: Annotated[Path, typer.Argument(help="A batch output folder (with index.jsonl).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="md or html. [default: from the -o suffix (.html, .htm), else md]",
        ),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Every report in full, instead of short items.")
    ] = False,
    skip_benign: Annotated[
        bool, typer.Option("--skip-benign", help="Leave out the images with no finding.")
    ] = False,
    title: Annotated[str | None, typer.Option("--title", help="The issue's title.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="The issue's date. [default: today]")
    ] = None,
    template_dir: TemplateDirOption = None,
) -> None:
    """A newsletter issue from a batch: a lead paragraph, then the images grouped by their most
    severe finding, each with its picture, first sentence, lead finding, key claim and a link to
    its full report. Pictures and links are relative to where the digest is written."""
    from memeaudit.digest import build_digest
    from memeaudit.write import write_atomic

    if fmt is None:
        fmt = "html" if output is not None and output.suffix.lower() in (".html", ".htm") else "md"
    if fmt not in ("md", "html"):
        raise typer.BadParameter(
            f"{fmt!r} is not a digest format: use md or html", param_hint="--format"
        )
    base = output.parent if output is not None else Path.cwd()
    text = build_digest(
        outdir,
        title=title,
        date=date,
        template_dir=template_dir,
        full=full,
        fmt=fmt,
        skip_benign=skip_benign,
        base=base,
    )
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)
        say(f"wrote {output}")
