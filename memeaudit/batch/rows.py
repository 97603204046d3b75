"""One index row per input: what index.jsonl, summary.csv and the digest are made of."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer

Status = Literal["ok", "error", "skipped"]
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# What a spreadsheet reads as the start of a formula (OWASP "CSV injection"), fullwidth forms too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_LEADING = " \t\r\n\"'\u00a0\u3000"  # skipped before a formula by some spreadsheets


def shown(text: str) -> str:
    """A file name as the OS gave it, made valid text: each byte that was not UTF-8 (held by
    Python as a surrogate escape) becomes `\\xNN`, as `ls -b` shows it. Every output format
    (JSON, CSV, HTML, Markdown, the terminal) gets names through this."""
    return _SURROGATE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def shown_values(value: Any) -> Any:
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, list):
        return [shown_values(v) for v in value]
    if isinstance(value, dict):
        return {shown(k): shown_values(v) for k, v in value.items()}
    return value


def defused(cell: str) -> str:
    """A CSV cell a spreadsheet will show as text: one that starts with a formula character, even
    after leading spaces or quotes, gets a leading `'`."""
    formula = cell[:1] in FORMULA_START or cell.lstrip(_LEADING)[:1] in FORMULA_START
    return "'" + cell if formula else cell


class IndexRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str  # the input as given (or as found under a given folder)
    sha256: str | None = None  # of the file's bytes; None when it could not be read
    status: Status
    error: str | None = None  # the one-line message for "error", the reason for "skipped"
    error_code: int | None = None  # the exit code analyze gives for it: 3 = the file is bad
    report: str | None = None  # the first report file, relative to OUTDIR
    reports: dict[str, str] = {}  # format -> report file, relative to OUTDIR
    platform: str | None = None
    handle: str | None = None
    author: str | None = None  # display name, when the post shows one
    topics: list[str] = []  # topic ids
    figures: list[str] = []  # figures exactly as written, from the claims
    flags: list[str] = []  # personal-data, near-duplicate, recaptioned, known, no-text
    seconds: float = 0.0  # time spent on this input in this run (0 when resumed)
    resumed: bool = False  # the report came from an earlier run with the same key
    pdq: str | None = None  # PDQ hash, 64 hex digits; None when quality < 50 or not an image
    pdq_quality: int | None = None
    dup_group: int | None = None  # inputs with the same group id are near-duplicates
    known: str | None = None  # the label of a --known hash this image matches
    text: str = ""  # a short excerpt of the image's text, for "same picture, different text"

    @model_serializer(mode="wrap")
    def _valid_text(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """In memory `path` is the name as the OS gave it (so the file can be opened again);
        written anywhere, it is valid text (see `shown`)."""
        return shown_values(handler(self))  # type: ignore[no-any-return]

    def csv_row(self) -> dict[str, str]:
        """Flat strings for summary.csv: lists joined with ';'. A cell that a spreadsheet would
        read as a formula (see `defused`) is prefixed with a quote, so it stays text."""
        out: dict[str, str] = {}
        for key, value in self.model_dump().items():
            if key == "reports":
                continue
            if isinstance(value, list):
                out[key] = ";".join(value)
            elif value is None:
                out[key] = ""
            else:
                out[key] = str(value)
            out[key] = defused(out[key])
        return out
