"""The command line: a thin typer layer over memeaudit.analyze. Only the cli modules pick exit
codes, and this one turns errors into them. The commands live beside what they drive:
cli_analyze.py, cli_batch.py (batch, digest), cli_rules.py, cli_eval.py, cli_models.py and
templates_cli.py; the flags analyze and batch share are declared once in cli_options.py."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from typing import Annotated

import typer

from memeaudit.cli_analyze import analyze
from memeaudit.cli_batch import batch, digest
from memeaudit.cli_eval import eval_app
from memeaudit.cli_models import models_app
from memeaudit.cli_print import error, log_verbosely, say, state
from memeaudit.cli_rules import rules_app
from memeaudit.errors import ExitCode, InputError, MemeauditError
from memeaudit.templates_cli import templates_app
from memeaudit.version import __version__

app = typer.Typer(
    help="Read memes and post screenshots like a careful analyst: OCR, vision and rules give a "
    "five-section report (Description; Security and Privacy; Platforms and Models; Claims and "
    "Evidence; Legal and Ethical Implications).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(rules_app, name="rules")
app.add_typer(eval_app, name="eval")
app.add_typer(models_app, name="models")
app.add_typer(templates_app, name="templates")
app.command()(analyze)
app.command()(batch)
app.command()(digest)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"memeaudit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Log each stage; show tracebacks.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    log_verbosely(verbose)


@app.command()
def doctor() -> None:
    """Check that tesseract and every model are installed, and print their versions."""
    from memeaudit.doctor import checks

    problems = 0
    for name, ok, detail in checks():
        problems += not ok
        typer.echo(f"{'ok     ' if ok else 'MISSING'} {name}: {detail}")
    if problems:
        raise typer.Exit(ExitCode.engine_missing)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the report (--format json)."""
    import json

    from memeaudit.model import Report

    typer.echo(json.dumps(Report.model_json_schema(), indent=2))


def _traceback() -> None:
    """With -v: the traceback, as printable as every other line, before the one-line message."""
    import traceback

    say(traceback.format_exc().rstrip("\n"))


def main() -> None:
    try:
        app()
    except MemeauditError as err:
        if state["verbose"] and not isinstance(err, InputError):  # bad input: the line says all
            _traceback()
        error(err)
        sys.exit(int(err.exit_code))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # a bug: one line (after the traceback with -v), exit 10
        if state["verbose"]:
            _traceback()
        say(
            f"memeaudit: internal error: {type(err).__name__}: {err} (rerun with -v and "
            "report the traceback)"
        )
        sys.exit(int(ExitCode.internal))


def run() -> None:
    """The program's entry point: main(), then exit without tearing the interpreter down.
    Everything is written and closed by then; freeing every module and model one by one took
    0.1-0.2 s, a sixth of a batch rerun. Exit codes are those of sys.exit."""
    try:
        main()
        code: object = 0
    except SystemExit as stop:
        code = stop.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (memeaudit ... | head)
            stream.flush()
    os._exit(code)
