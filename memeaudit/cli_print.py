"""What the command line prints: every line made printable, and -v's logging. A leaf that every
cli_* module may import (it imports none of them)."""

from __future__ import annotations

import logging

import typer

from memeaudit.errors import MemeauditError, printable

state = {"verbose": False}


def log_verbosely(verbose: bool) -> None:
    """-v, before the command or after `analyze`: log each stage, show tracebacks of bugs."""
    state["verbose"] = verbose
    handler = logging.StreamHandler()
    handler.setFormatter(_PrintableFormatter("%(name)s: %(message)s"))
    level = logging.INFO if verbose else logging.WARNING
    # On the handler too: libraries that set their own loggers' level (Dask's INFO) still
    # propagate their records here, and without -v only warnings are worth a line.
    handler.setLevel(level)
    logging.basicConfig(level=level, handlers=[handler], force=True)


class _PrintableFormatter(logging.Formatter):
    """Log lines (warnings name files) reach the terminal without control characters."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def say(text: str, err: bool = True) -> None:
    """Every line the CLI prints that can hold a file name or image text: no control or bidi
    character reaches the terminal (a name can carry an escape sequence)."""
    typer.echo(printable(text), err=err)


def error(err: MemeauditError) -> None:
    say(f"memeaudit: error: {err}")
