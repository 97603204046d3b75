"""One exception hierarchy. Each class carries its exit code; only cli.py turns them into exits."""

from __future__ import annotations

import re
from enum import IntEnum

# Control and bidi characters: a file name or image text must not drive the terminal.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class ExitCode(IntEnum):
    ok = 0
    some_failed = 1  # batch: at least one input failed (the rest were written)
    usage = 2  # bad command line (typer/click uses 2 as well)
    bad_input = 3  # the file is missing, unreadable or not an image
    engine_missing = 4  # tesseract or a model is not installed
    engine_failed = 5  # an engine ran and failed
    bad_rules = 6  # a rule pack or template does not validate
    output = 7  # the report could not be written
    internal = 10  # a bug: please report it with the -v traceback


class MemeauditError(Exception):
    """Base class. `str(err)` is the one-line message the user sees."""

    exit_code: ExitCode = ExitCode.internal

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.message} ({self.hint})" if self.hint else self.message
        return CONTROL.sub("", " ".join(text.split()))  # one line, nothing a terminal runs


class InputError(MemeauditError):
    exit_code = ExitCode.bad_input


class EngineMissing(MemeauditError):
    exit_code = ExitCode.engine_missing


class EngineFailed(MemeauditError):
    exit_code = ExitCode.engine_failed


class RulesError(MemeauditError):
    exit_code = ExitCode.bad_rules


class OutputError(MemeauditError):
    exit_code = ExitCode.output
