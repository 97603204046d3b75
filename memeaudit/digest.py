"""A newsletter-style digest of a batch run: one Markdown file from OUTDIR/index.jsonl and the
JSON reports it points to.

The digest renders through the same sandboxed Jinja2 environment as the per-image reports (see
report.py): templates/digest.md.j2, overridable with --template-dir, and every value that comes
from an image passes through the |md filter in the template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from pydantic import ValidationError

from memeaudit.batch.rows import IndexRow
from memeaudit.errors import InputError
from memeaudit.model import Report
from memeaudit.report import render_template

TEMPLATE = "digest.md.j2"
DEFAULT_TITLE = "memeaudit digest"
MAX_FIGURES = 3


@dataclass
class DigestItem:
    """One ok input: its report, or why the report could not be loaded.

    The string fields are single-line and *not* escaped: the template escapes them with |md.
    """

    name: str  # the heading: the file name, or the path as given when two inputs share a name
    row: IndexRow
    report: Report | None
    missing: str | None = None  # why the report is missing or unreadable
    report_path: str | None = None  # the JSON report, relative to OUTDIR
    platform: str | None = None
    author: str | None = None
    topics: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # names of its near-duplicates
    recaptioned: bool = False
    known: str | None = None
    has_findings: bool = False

    @property
    def notes(self) -> list[str]:
        """What the heading mentions beside the name: near-duplicates, re-captions, known hashes."""
        notes = []
        if self.duplicates:
            notes.append("near-duplicate of " + ", ".join(self.duplicates))
        if self.recaptioned:
            notes.append("re-captioned: same picture, different text")
        if self.known:
            notes.append(f"matches known image {self.known}")
        return notes


def one_line(text: object) -> str:
    """Collapse whitespace (newlines included), so a value fits one table cell or list item."""
    return " ".join(str(text).split())


def read_index(outdir: Path) -> list[IndexRow]:
    index = outdir / "index.jsonl"
    if not index.is_file():
        raise InputError(
            f"{outdir}: no index.jsonl here", hint=f"run memeaudit batch … -o {outdir} first"
        )
    try:
        lines = index.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{index}: cannot read it ({one_line(err)})") from err
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rows.append(IndexRow.model_validate_json(line))
        except ValidationError as err:
            first = err.errors()[0] if err.errors() else {"msg": str(err)}
            where = ".".join(str(part) for part in first.get("loc", ()))
            reason = f"{where}: {first['msg']}" if where else first["msg"]
            raise InputError(f"{index}:{number}: not an index row ({one_line(reason)})") from err
    return rows


def load_report(outdir: Path, row: IndexRow) -> tuple[Report | None, str | None, str | None]:
    """The row's JSON report, or None with the reason; a bad file never stops the digest."""
    relative = row.reports.get("json")
    if relative is None:
        return None, None, "the index names no JSON report for it"
    path = outdir / relative
    if not path.resolve().is_relative_to(outdir.resolve()):
        return None, relative, "the index points outside the batch folder"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, relative, "file not found"
    except (OSError, UnicodeDecodeError) as err:
        return None, relative, f"cannot read it: {one_line(err)}"
    try:
        return Report.model_validate_json(text), relative, None
    except ValidationError as err:
        return None, relative, f"not a memeaudit JSON report ({err.error_count()} errors)"


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        value = one_line(value)
        if value:
            seen.setdefault(value, None)
    return list(seen)


def _author(display_name: str | None, handle: str | None) -> str | None:
    display_name = one_line(display_name or "") or None
    handle = one_line(handle or "") or None
    if display_name and handle:
        return f"{display_name} ({handle})"
    return display_name or handle


def _names(rows: list[IndexRow]) -> dict[int, str]:
    """File name per row; the path as given when two inputs share a file name."""
    bare = [PurePath(row.path).name or row.path for row in rows]
    return {
        i: one_line(name if bare.count(name) == 1 else rows[i].path) for i, name in enumerate(bare)
    }


def build_items(outdir: Path, rows: list[IndexRow]) -> list[DigestItem]:
    names = _names(rows)
    groups: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        if row.dup_group is not None:
            groups.setdefault(row.dup_group, []).append(i)
    items = []
    for i, row in enumerate(rows):
        if row.status != "ok":
            continue
        report, relative, missing = load_report(outdir, row)
        item = DigestItem(
            name=names[i],
            row=row,
            report=report,
            missing=missing,
            report_path=relative,
            duplicates=[names[j] for j in groups.get(row.dup_group, []) if j != i]
            if row.dup_group is not None
            else [],
            recaptioned="recaptioned" in row.flags,
            known=one_line(row.known) if row.known else None,
        )
        if report is not None:
            post = report.post
            item.platform = one_line(post.platform) if post and post.platform else None
            item.author = _author(post.display_name, post.handle) if post else None
            item.topics = _unique(topic.title for topic in report.facts.topics)
            figures = (figure.text for claim in report.facts.claims for figure in claim.figures)
            item.figures = _unique(figures)[:MAX_FIGURES]
            item.has_findings = bool(report.facts.topics or report.facts.personal_data)
        else:
            # What the batch copied into the index, so the table still has a row for it.
            item.platform = one_line(row.platform) if row.platform else None
            item.author = _author(row.author, row.handle)
            item.topics = _unique(row.topics)
            item.figures = _unique(row.figures)[:MAX_FIGURES]
        items.append(item)
    return items


def build_digest(
    outdir: Path,
    *,
    title: str | None = None,
    date: str | None = None,
    template_dir: str | Path | None = None,
) -> str:
    """The Markdown digest of the batch run in OUTDIR (raises InputError without an index)."""
    outdir = Path(outdir)
    rows = read_index(outdir)
    items = build_items(outdir, rows)
    errors = [row for row in rows if row.status == "error"]
    skipped = [row for row in rows if row.status == "skipped"]
    counts = {
        "images": len(items),
        "findings": sum(item.has_findings for item in items),
        "missing": sum(item.report is None for item in items),
        "errors": len(errors),
        "skipped": len(skipped),
    }
    context = dict(
        title=title if title is not None else DEFAULT_TITLE,
        date=date if date is not None else dt.date.today().isoformat(),
        counts=counts,
        items=items,
        errors=[{"path": one_line(r.path), "error": one_line(r.error or "")} for r in errors],
        skipped=[{"path": one_line(r.path), "reason": one_line(r.error or "")} for r in skipped],
        outdir=str(outdir),
    )
    return render_template(TEMPLATE, context, template_dir)
