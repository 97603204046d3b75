"""Batch inputs: folders (walked recursively), globs, and path lists from a file or stdin.

Files found in folders are recognised by content: a file whose first bytes are an image format's
signature is an input whatever its name; a file with an image extension but other content is an
input too (it becomes an error row saying what it is); anything else is a "skipped" row."""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from memeaudit.batch.rows import IndexRow
from memeaudit.errors import InputError

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
IMAGE_EXTENSIONS = frozenset(
    [".png", ".jpg", ".jpeg", ".jpe", ".gif", ".webp", ".bmp", ".dib", ".tif", ".tiff", ".jfif"]
)


@dataclass(frozen=True)
class Input:
    path: str  # as given, or the folder given joined with the file's place under it
    name: str  # the path under the folder or glob root: the base of its report's file name


def sniff(path: Path) -> str | None:
    """The image format named by the file's first bytes, or None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return None
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return next((fmt for magic, fmt in SIGNATURES if head.startswith(magic)), None)


def _walk(root: Path, exclude: Path | None) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (here / d).resolve() != exclude
        )
        found += [here / f for f in sorted(files) if not f.startswith(".")]
    return found


def _from_folder(root: Path, exclude: Path | None) -> tuple[list[Input], list[IndexRow]]:
    inputs, skipped = [], []
    for path in _walk(root, exclude):
        name = str(path.relative_to(root))
        if path.is_symlink() and not path.exists():
            inputs.append(Input(str(path), name))  # a broken link: an error row says so
        elif sniff(path) or path.suffix.lower() in IMAGE_EXTENSIONS:
            inputs.append(Input(str(path), name))
        else:
            skipped.append(IndexRow(path=str(path), status="skipped", error="not an image"))
    return inputs, skipped


def _lines(source: str) -> list[str]:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{source}: cannot read the list of inputs ({err})") from err
    return [line.strip() for line in text.splitlines() if line.strip()]


def expand(
    args: list[str], from_file: str | None = None, exclude: Path | None = None
) -> tuple[list[Input], list[IndexRow]]:
    """The inputs in order, each once, and skipped rows for non-images found in folders.
    `exclude` is a folder never walked (the output folder)."""
    exclude = exclude.resolve() if exclude else None
    inputs: list[Input] = []
    skipped: list[IndexRow] = []
    listed = _lines(from_file) if from_file else []
    for arg in [*args, *listed]:
        path = Path(arg)
        if path.is_dir():
            more, skip = _from_folder(path, exclude)
            inputs += more
            skipped += skip
        elif not path.exists() and not path.is_symlink() and glob.has_magic(arg):
            root = Path(arg.split("*")[0].split("?")[0].split("[")[0]).parent
            for match in sorted(glob.glob(arg, recursive=True)):
                found = Path(match)
                if found.is_dir():
                    more, skip = _from_folder(found, exclude)
                    inputs += more
                    skipped += skip
                else:
                    inputs.append(Input(match, os.path.relpath(match, root)))
        else:
            inputs.append(Input(arg, path.name or arg))  # missing files become error rows
    seen: set[str] = set()
    unique = []
    for item in inputs:
        key = os.path.realpath(item.path) if os.path.exists(item.path) else item.path
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique, skipped
