"""A newsletter issue from a batch run: OUTDIR/index.jsonl and the JSON reports it points to.

The default issue is short: a lead paragraph (how many images, how many with findings, the most
severe families), then the items grouped by the level of their most severe finding, benign ones
last (or left out), each with its picture, the Description's first sentence, the lead finding, the
key claim with its figures, and a link to the full report. `full=True` gives every report in full
instead. It renders as Markdown (templates/digest.md.j2, digest-full.md.j2) or HTML
(digest.html.j2, pictures inline), through the same sandboxed Jinja2 environment as the reports
(see report.py), overridable with --template-dir; in Markdown every value that comes from an image
passes through the |md filter, and HTML autoescapes.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from pydantic import ValidationError

from memeaudit.batch.gallery import thumbnail
from memeaudit.batch.rows import IndexRow
from memeaudit.errors import InputError, OutputError
from memeaudit.knowledge.loader import Knowledge, load_knowledge
from memeaudit.knowledge.schema import LEVELS
from memeaudit.model import Report
from memeaudit.report import render_template

TEMPLATES = {("md", False): "digest.md.j2", ("md", True): "digest-full.md.j2"}
TEMPLATES[("html", False)] = TEMPLATES[("html", True)] = "digest.html.j2"
DEFAULT_TITLE = "memeaudit digest"
MAX_FIGURES = 3
NO_FINDINGS = "No findings"


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
    level: str | None = None  # the most severe finding's level (critical … informational)
    lead: str | None = None  # the most severe finding's title
    gist: str | None = None  # the Description's first sentence
    claim: str | None = None  # the first claim worth checking, as the report quotes it
    thumb: str | None = None  # the picture: a path relative to the digest, or a data: URI
    link: str | None = None  # the full report, relative to the digest
    family: str | None = None  # the lead finding's family, e.g. "harmful speech"

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


def _first_sentence(report: Report) -> str | None:
    """The Description's first sentence, on one line."""
    section = next((sec for sec in report.sections if sec.number == 1), None)
    if section is None:
        return None
    if section.sentences:
        return one_line(section.sentences[0].text) or None
    text = one_line(section.text)
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    return (match.group(1) if match else text) or None


def _lead(report: Report, kb: Knowledge) -> tuple[str | None, str | None, str | None]:
    """(title, level, family) of the report's most severe finding; Nones when it has none. A
    topic the knowledge base does not know (a rule file the digest was not given) is medium."""
    hits = report.facts.topics
    if not hits:
        if report.facts.personal_data:
            return "personal data in the image", "medium", "privacy"
        return None, None, None
    known = [hit for hit in hits if hit.id in kb.topics]
    if not known:
        return hits[0].title, "medium", None
    hit = kb.most_severe_first(known)[0]
    topic = kb.topics[hit.id]
    return hit.title, topic.level, topic.family()


def _claim(report: Report) -> str | None:
    claim = next((c for c in report.facts.claims if c.figures), None) or next(
        iter(report.facts.claims), None
    )
    return one_line(claim.text) if claim is not None else None


def _was_redacted(outdir: Path) -> bool:
    try:
        record = json.loads((outdir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(isinstance(record, dict) and record.get("options", {}).get("redact", False))


def _picture(outdir: Path, row: IndexRow, base: Path, inline: bool) -> str | None:
    """The row's thumbnail (made if missing and the input is still there): a path relative to
    `base`, or a data: URI when `inline`."""
    try:
        thumb = thumbnail(outdir, row)
    except OutputError:  # a read-only batch folder: the digest goes without that picture
        return None
    if thumb is None:
        return None
    path = outdir / thumb.src
    if inline:
        return "data:image/jpeg;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
    return _relative(path, base)


def _relative(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()


def _relative_link(outdir: Path, item: DigestItem, base: Path, fmt: str) -> str | None:
    reports = item.row.reports
    target = reports.get(fmt) or reports.get("md") or reports.get("html") or item.report_path
    if not target:
        return None
    return _relative(outdir / target, base)


def newsletter(
    outdir: Path, items: list[DigestItem], base: Path, fmt: str, pictures: bool
) -> list[tuple[str, list[DigestItem]]]:
    """Fill in each item's short form and group the items by their lead finding's level, most
    severe first, with the items that have no finding last."""
    kb = load_knowledge()
    for item in items:
        if item.report is not None:
            item.lead, item.level, family = _lead(item.report, kb)
            item.family = family.replace("-", " ") if family else None
            item.gist = _first_sentence(item.report)
            item.claim = _claim(item.report)
        if pictures:
            item.thumb = _picture(outdir, item.row, base, inline=fmt == "html")
        item.link = _relative_link(outdir, item, base, fmt)
    groups = [
        (level.capitalize(), [i for i in items if i.level == level]) for level in reversed(LEVELS)
    ]
    groups.append((NO_FINDINGS, [i for i in items if i.level is None]))
    return [(name, group) for name, group in groups if group]


def _lead_paragraph(groups: list[tuple[str, list[DigestItem]]]) -> list[str]:
    """The most severe families, most severe first: ("fraud", "critical", 2), …"""
    seen: dict[str, tuple[str, int]] = {}
    for level, group in groups:
        for item in group:
            if item.level is None:
                continue
            family = item.family or "other"
            first, count = seen.get(family, (level.lower(), 0))
            seen[family] = (first, count + 1)
    return [f"{family} ({level}, {count})" for family, (level, count) in seen.items()]


def build_digest(
    outdir: Path,
    *,
    title: str | None = None,
    date: str | None = None,
    template_dir: str | Path | None = None,
    full: bool = False,
    fmt: str = "md",
    skip_benign: bool = False,
    base: Path | None = None,
) -> str:
    """The digest of the batch run in OUTDIR as Markdown or HTML (raises InputError without an
    index). `base` is the folder the digest will be written to (pictures and links are relative
    to it; the current folder by default). `full` puts every report in full instead of the short
    items; `skip_benign` leaves out the images with no finding."""
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
    pictures = not _was_redacted(outdir)  # a thumbnail would show what the reports mask
    groups = newsletter(outdir, items, base or Path.cwd(), fmt, pictures)
    if skip_benign:
        groups = [(name, group) for name, group in groups if name != NO_FINDINGS]
    context = dict(
        title=title if title is not None else DEFAULT_TITLE,
        date=date if date is not None else dt.date.today().isoformat(),
        counts=counts,
        items=items,
        groups=groups,
        families=_lead_paragraph(groups),
        skip_benign=skip_benign,
        full=full,
        errors=[{"path": one_line(r.path), "error": one_line(r.error or "")} for r in errors],
        skipped=[{"path": one_line(r.path), "reason": one_line(r.error or "")} for r in skipped],
        outdir=str(outdir),
    )
    return render_template(TEMPLATES[(fmt, full)], context, template_dir)
