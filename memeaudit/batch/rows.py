"""One index row per input: what index.jsonl, summary.csv and the digest are made of."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Status = Literal["ok", "error", "skipped"]


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

    def csv_row(self) -> dict[str, str]:
        """Flat strings for summary.csv: lists joined with ';'. A cell that a spreadsheet would
        read as a formula (=, +, -, @, tab, CR) is prefixed with a quote, so it stays text."""
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
            if out[key][:1] in ("=", "+", "-", "@", "\t", "\r"):
                out[key] = "'" + out[key]
        return out
