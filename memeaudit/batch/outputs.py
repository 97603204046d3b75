"""What a batch writes into OUTDIR, every file through a temporary file and a rename:

reports/NAME-SHA.{md,json,html}   one report per image
index.jsonl                       one row per input
summary.csv                       the same rows for spreadsheets
run.json                          the run's audit record
.memeaudit/done/KEY.json          the journal: a finished image's row, written after its reports
.memeaudit/outputs.json           the sha256 of each top-level file above (see outdir.py)
.memeaudit/lock                   held by the batch writing here (see lock.py)
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from memeaudit.batch.outdir import write_output
from memeaudit.batch.rows import IndexRow, shown_values
from memeaudit.formats import EXTENSION
from memeaudit.write import write_atomic

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def report_stem(name: str, sha256: str) -> str:
    """A file name for an input's reports: its path made safe, then its content hash. It has no
    folder part, so it cannot leave reports/, and different contents never share a name."""
    stem = name.rsplit(".", 1)[0] if "." in Path(name).name else name
    safe = _UNSAFE.sub("_", stem.replace("/", "__").replace("\\", "__")).strip("._-")
    return f"{(safe or 'image')[:80]}-{sha256[:12]}"


def report_paths(stem: str, formats: tuple[str, ...]) -> dict[str, str]:
    """Format -> path relative to OUTDIR. JSON is always written: the digest reads it."""
    wanted = dict.fromkeys([*formats, "json"])
    return {fmt: f"reports/{stem}{EXTENSION[fmt]}" for fmt in wanted}


def done_record(outdir: Path, key: str) -> Path:
    return outdir / ".memeaudit" / "done" / f"{key}.json"


def finished_row(outdir: Path, key: str) -> IndexRow | None:
    """The row of an earlier run with the same key, if every report it names is still there."""
    record = done_record(outdir, key)
    try:
        row = IndexRow.model_validate_json(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if all((outdir / rel).is_file() for rel in row.reports.values()):
        return row
    return None


def write_results(outdir: Path, key: str, row: IndexRow, texts: dict[str, str]) -> None:
    """Reports first, the journal record last: a record always means complete reports."""
    for fmt, rel in row.reports.items():
        write_atomic(outdir / rel, texts[fmt])
    write_atomic(done_record(outdir, key), row.model_dump_json())


def remove_stale_temporaries(outdir: Path) -> int:
    """Temporary files a killed run left behind (never a finished file); returns how many."""
    stale = [
        p
        for folder in (
            outdir,
            outdir / "reports",
            outdir / ".memeaudit",
            outdir / ".memeaudit" / "done",
        )
        if folder.is_dir()
        for p in folder.glob(".*.tmp")
    ]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def write_index(outdir: Path, rows: list[IndexRow]) -> None:
    """index.jsonl and summary.csv. The CSV ends its records with CRLF (RFC 4180), so that a
    cell holding a bare CR or an LF is quoted and stays one cell."""
    write_output(outdir, "index.jsonl", "".join(row.model_dump_json() + "\n" for row in rows))
    buffer = io.StringIO()
    fields = list(IndexRow.model_fields)
    fields.remove("reports")
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(row.csv_row() for row in rows)
    write_output(outdir, "summary.csv", buffer.getvalue())


def write_run(outdir: Path, record: dict[str, Any]) -> None:
    """run.json; names in it (the command line) are valid text, as everywhere (rows.shown)."""
    text = json.dumps(shown_values(record), indent=2, default=str, ensure_ascii=False) + "\n"
    write_output(outdir, "run.json", text)
