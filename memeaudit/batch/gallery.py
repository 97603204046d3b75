"""The batch gallery: OUTDIR/index.html, one card per input, with thumbnails under OUTDIR/thumbs/.

The page is one self-contained file: inline CSS, a small inline script for the filters (topic,
status, platform, flag), no requests to anything but OUTDIR, and it works from file://. Every
value that comes from an input (its path, handle, text, topics) reaches the page through the
sandboxed, autoescaping Jinja environment of memeaudit.report, and reaches the script only
through data-* attributes. A Content-Security-Policy allows no script but the page's own
(matched by its hash), so markup that slipped through could still not run.

Thumbnails are named after the input's sha256 and made once: a later run (or a resumed batch)
keeps the ones already there. An input that can no longer be read, or whose bytes are no longer
the ones the row describes, gets no thumbnail.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from PIL import Image, ImageOps

from memeaudit.batch.outdir import write_output
from memeaudit.batch.regular import open_regular
from memeaudit.batch.rows import IndexRow, shown
from memeaudit.errors import CONTROL, ExitCode
from memeaudit.options import MAX_PIXELS
from memeaudit.report import render_template
from memeaudit.version import __version__
from memeaudit.write import write_atomic

TEMPLATE = "gallery.html.j2"
THUMBS = "thumbs"
THUMB_SIZE = 240  # longest side, in pixels
THUMB_SUFFIX = ".jpg"
THUMB_QUALITY = 85
THUMB_THREADS = min(8, os.cpu_count() or 1)
MAX_SOURCE_PIXELS = MAX_PIXELS  # the batch's default --max-pixels: larger inputs get no thumbnail
REPORT_PREFERENCE = (("html", "HTML report"), ("md", "Markdown report"), ("json", "JSON report"))

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass
class Thumb:
    src: str  # relative to OUTDIR, URL-quoted
    width: int
    height: int


@dataclass
class Card:
    row: IndexRow
    name: str  # the input's file name
    path: str  # the input as given
    platform: str  # "" when none
    topics: list[str]
    flags: list[str]
    thumb: Thumb | None = None
    link: str | None = None  # relative URL of the best report
    link_label: str = ""
    message: str | None = None  # the error line (status error) or the reason (status skipped)


@dataclass
class Entry:
    """One item of the grid: a single card, or a near-duplicate group of cards shown together."""

    cards: list[Card]
    group: int | None = None


@dataclass
class Facet:
    values: list[tuple[str, int]] = field(default_factory=list)  # (value, how many cards)
    none: int = 0  # cards without any value


def _clean(text: object) -> str:
    return CONTROL.sub("", shown(str(text)))


def _clean_list(values: list[str]) -> list[str]:
    return list(dict.fromkeys(_clean(v) for v in values))


def _relative_url(rel: str) -> str | None:
    """A report path from the index as a relative URL, or None if it is not a plain path inside
    OUTDIR (an index row is data: it must not become a javascript: or file:///etc link)."""
    rel = rel.replace("\\", "/")
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or ":" in rel or ".." in parts or CONTROL.search(rel):
        return None
    return quote(rel, safe="/")


def _report_link(row: IndexRow) -> tuple[str | None, str]:
    for fmt, label in REPORT_PREFERENCE:
        rel = row.reports.get(fmt)
        if rel and (url := _relative_url(rel)):
            return url, label
    return None, ""


def remove_stale_thumb_temporaries(outdir: Path) -> None:
    folder = outdir / THUMBS
    if folder.is_dir():
        for path in folder.glob(".*.tmp"):
            path.unlink(missing_ok=True)


def _make_thumbnail(source: str, sha256: str) -> tuple[bytes, tuple[int, int]] | None:
    """The input's thumbnail as JPEG bytes and its size; None if the input cannot be read any
    more, is no longer the file the row describes, or is not an image Pillow can decode."""
    try:
        with open_regular(source) as handle:  # never a FIFO that replaced the input
            data = handle.read()
    except (OSError, ValueError):
        return None
    if hashlib.sha256(data).hexdigest() != sha256:
        return None  # the file changed since the batch read it: its thumbnail would lie
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_SOURCE_PIXELS:
                return None
            image.draft("RGB", (THUMB_SIZE * 2, THUMB_SIZE * 2))  # JPEG: decode at a lower scale
            image.load()
            picture = ImageOps.exif_transpose(image)
            picture.thumbnail((THUMB_SIZE, THUMB_SIZE), Image.Resampling.LANCZOS)
            if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
                rgba = picture.convert("RGBA")
                flat = Image.new("RGB", rgba.size, (255, 255, 255))
                flat.paste(rgba, mask=rgba.getchannel("A"))
                picture = flat
            else:
                picture = picture.convert("RGB")
            out = io.BytesIO()
            picture.save(out, "JPEG", quality=THUMB_QUALITY, optimize=True)
            return out.getvalue(), picture.size
    # Pillow raises many kinds of exception on hostile files; a thumbnail is never worth a crash.
    except Exception:
        return None


def thumbnail(outdir: Path, row: IndexRow, make: bool = True) -> Thumb | None:
    """OUTDIR/thumbs/SHA256.jpg for the row's input, made unless it is already there (or unless
    `make` is off: then None when it is missing)."""
    sha = (row.sha256 or "").lower()
    if not _SHA256.fullmatch(sha):
        return None  # never read, or not a hash: it must not name a file
    target = outdir / THUMBS / f"{sha}{THUMB_SUFFIX}"
    src = f"{THUMBS}/{sha}{THUMB_SUFFIX}"
    if target.is_file():
        try:
            with Image.open(target) as image:
                return Thumb(src, *image.size)
        except Exception:  # damaged (a disk error?): make it again
            target.unlink(missing_ok=True)
    if not make:
        return None
    made = _make_thumbnail(row.path, sha)
    if made is None:
        return None
    data, (width, height) = made
    write_atomic(target, data, "the thumbnail")
    return Thumb(src, width, height)


def _card(row: IndexRow, thumb: Thumb | None) -> Card:
    link, label = _report_link(row) if row.status == "ok" else (None, "")
    return Card(
        row=row,
        name=_clean(PurePosixPath(row.path.replace("\\", "/")).name or row.path),
        path=_clean(row.path),
        platform=_clean(row.platform or ""),
        topics=_clean_list(row.topics),
        flags=_clean_list(row.flags),
        thumb=thumb,
        link=link,
        link_label=label,
        message=_clean(row.error) if row.error and row.status != "ok" else None,
    )


def arrange(cards: list[Card]) -> list[Entry]:
    """Cards in input order, except that the members of a near-duplicate group are taken out and
    shown together, as one entry where the group's first member was."""
    groups: dict[int, Entry] = {}
    entries: list[Entry] = []
    for card in cards:
        group = card.row.dup_group
        if group is None:
            entries.append(Entry([card]))
        elif group in groups:
            groups[group].cards.append(card)
        else:
            groups[group] = Entry([card], group)
            entries.append(groups[group])
    return entries


def _facet(values: list[list[str]]) -> Facet:
    counts: dict[str, int] = {}
    facet = Facet()
    for each in values:
        if not each:
            facet.none += 1
        for value in each:
            counts[value] = counts.get(value, 0) + 1
    facet.values = sorted(counts.items(), key=lambda kv: (kv[0].casefold(), kv[0]))
    return facet


def render_gallery(
    outdir: Path, rows: list[IndexRow], template_dir: str | None = None, thumbnails: bool = True
) -> str:
    """The gallery page (making any missing thumbnails; none when `thumbnails` is off, as with
    --redact, since a thumbnail would show the personal data the reports mask)."""
    thumbs = [thumbnail(outdir, row, make=False) if thumbnails else None for row in rows]
    missing = [
        i for i, row in enumerate(rows) if thumbnails and thumbs[i] is None and _drawable(row)
    ]
    if missing:  # a rerun finds them all on disk and starts no threads
        workers = max(1, min(THUMB_THREADS, len(missing)))
        with ThreadPoolExecutor(workers) as pool:  # Pillow decodes and resizes without the GIL
            made = pool.map(lambda i: thumbnail(outdir, rows[i]), missing)
            for i, thumb in zip(missing, made, strict=True):
                thumbs[i] = thumb
    cards = [_card(row, thumb) for row, thumb in zip(rows, thumbs, strict=True)]
    statuses = {
        status: sum(c.row.status == status for c in cards) for status in ("ok", "error", "skipped")
    }
    context: dict[str, Any] = {
        "entries": arrange(cards),
        "cards": cards,
        "statuses": statuses,
        "topics": _facet([c.topics for c in cards]),
        "platforms": _facet([[c.platform] if c.platform else [] for c in cards]),
        "flags": _facet([c.flags for c in cards]),
        "version": __version__,
        "groups": len({c.row.dup_group for c in cards if c.row.dup_group is not None}),
    }
    return render_template(TEMPLATE, context, template_dir)


def _drawable(row: IndexRow) -> bool:
    """Could the row's input give a thumbnail? Not if it was never read, or if the image loader
    already found it unreadable (each later run would try again in vain)."""
    return bool(row.sha256) and row.error_code != ExitCode.bad_input


def write_gallery(
    outdir: Path, rows: list[IndexRow], template_dir: str | None = None, thumbnails: bool = True
) -> Path:
    """Write OUTDIR/index.html (atomically) and the thumbnails it shows; return the page's path."""
    outdir = Path(outdir)
    remove_stale_thumb_temporaries(outdir)
    folder = str(template_dir) if template_dir is not None else None
    page = render_gallery(outdir, rows, folder, thumbnails)
    write_output(outdir, "index.html", page)
    return outdir / "index.html"
