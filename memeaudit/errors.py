"""One exception hierarchy. Each class carries its exit code; only cli.py turns them into exits."""

from __future__ import annotations

import re
from enum import IntEnum

# Control and bidi characters: a file name or image text must not drive the terminal. (Also the
# Arabic letter mark and the Unicode line and paragraph separators, which break a line.)
CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def printable(text: str) -> str:
    """Text as a terminal may show it: control and bidi characters removed (an escape sequence
    in a file name does nothing), and each byte of a name that was not UTF-8 (a surrogate escape)
    shown as `\\xNN`, as `ls -b` shows it. Newlines and tabs are kept."""
    cleaned = CONTROL.sub("", text)
    try:
        raw = cleaned.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        raw = cleaned.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


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
    interrupted = 130  # batch: stopped by SIGINT (Ctrl-C), as a shell reports it (128 + 2)
    terminated = 143  # batch: stopped by SIGTERM (128 + 15)


class MemeauditError(Exception):
    """Base class, never raised itself (its exit code is that of a bug): each failure raises the
    subclass whose exit code the README documents. `str(err)` is the one-line message."""

    exit_code: ExitCode = ExitCode.internal

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.message} ({self.hint})" if self.hint else self.message
        return printable(" ".join(text.split()))  # one line, nothing a terminal runs


class InputError(MemeauditError):
    """The input is missing, unreadable, too big or not an image; or the command line names
    inputs that cannot work together."""

    exit_code = ExitCode.bad_input


class EngineMissing(MemeauditError):
    """Tesseract, a language pack or a model file is not installed."""

    exit_code = ExitCode.engine_missing


class PackageMissing(EngineMissing):
    """An optional Python package (an extra: dask, caption, ml) is not installed; the hint names
    the pip command. Exit 4, as for any engine that is not installed."""


class EngineFailed(MemeauditError):
    """An engine was there and ran, and failed."""

    exit_code = ExitCode.engine_failed


class DownloadFailed(EngineFailed):
    """`memeaudit models pull` could not fetch the model it was asked for. Exit 5."""


class RulesError(MemeauditError):
    """A rule pack or knowledge file does not validate (the message gives file and line)."""

    exit_code = ExitCode.bad_rules


class TemplateError(RulesError):
    """A report template (packaged or --template-dir) that cannot be found, read or rendered, or
    a --template-dir that is not a folder. Exit 6, as for a rule file: both are the user's
    configuration, checked before or while rendering."""


class OutputError(MemeauditError):
    """A report, an OUTDIR file or the cache could not be written."""

    exit_code = ExitCode.output


class Interrupted(MemeauditError):
    """A batch stopped by a signal, after writing the index of what finished."""

    def __init__(self, message: str, terminated: bool, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.exit_code = ExitCode.terminated if terminated else ExitCode.interrupted
