"""Batch inputs: folders (walked recursively), globs, and path lists from a file or stdin.

Files found in folders are recognised by content: a file whose first bytes are an image format's
signature is an input whatever its name; a file with an image extension but other content is an
input too (it becomes an error row saying what it is); anything else is a "skipped" row.

Only regular files are opened. A FIFO, device or socket found in a folder is an input if its name
says image (its row is the refusal, exit code 3) and a skipped row otherwise. A symbolic link
found in a folder (to a file or a folder) is a skipped row unless `follow_symlinks`; a path given
on the command line, matched by a glob or listed in a file is followed. Hidden files, the output
folder and memeaudit's own outputs (`own`) are never walked."""

from __future__ import annotations

import glob
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from memeaudit.batch.regular import kind, open_regular
from memeaudit.batch.rows import IndexRow
from memeaudit.errors import ExitCode, InputError

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
        with open_regular(path) as handle:
            head = handle.read(16)
    except OSError:
        return None
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return next((fmt for magic, fmt in SIGNATURES if head.startswith(magic)), None)


LINK_SKIPPED = "a symbolic link, not followed (--follow-symlinks follows links in folders)"
OWN_OUTPUT = "memeaudit's own output, never an input"


@dataclass
class _Walk:
    """One folder walk: what it found, and the folders already seen (a link loop ends)."""

    root: Path
    outdir: str | None  # the output folder's real path: never walked below the root
    own: Callable[[str], bool]
    follow: bool
    inputs: list[Input] = field(default_factory=list)
    skipped: list[IndexRow] = field(default_factory=list)
    seen: set[tuple[int, int]] = field(default_factory=set)

    def add(self, path: Path) -> None:
        self.inputs.append(Input(str(path), str(path.relative_to(self.root))))

    def visit(self, folder: Path) -> None:
        try:
            here = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as err:
            reason = f"{folder}: the folder cannot be read ({err.strerror or err})"
            self.skipped.append(IndexRow(path=str(folder), status="error", error=reason,
                                         error_code=int(ExitCode.bad_input)))  # fmt: skip
            return
        if (here.st_dev, here.st_ino) in self.seen:
            return
        self.seen.add((here.st_dev, here.st_ino))
        folders = []
        for entry in entries:
            path = folder / entry.name
            if entry.name.startswith(".") or self.own(str(path)):
                continue
            if entry.is_symlink() and not self.follow:
                self.skipped.append(IndexRow(path=str(path), status="skipped", error=LINK_SKIPPED))
                continue
            try:
                mode = path.stat().st_mode
            except OSError:
                self.add(path)  # a broken link or a file gone: its error row says so
                continue
            if stat.S_ISDIR(mode):
                if os.path.realpath(path) != self.outdir:
                    folders.append(path)
            elif stat.S_ISREG(mode) and sniff(path):
                self.add(path)
            elif path.suffix.lower() in IMAGE_EXTENSIONS:
                self.add(path)  # not an image, or not a regular file: its error row says so
            else:
                what = "not an image" if stat.S_ISREG(mode) else f"{kind(mode)}, not a file"
                self.skipped.append(IndexRow(path=str(path), status="skipped", error=what))
        for sub in folders:
            self.visit(sub)


def _from_folder(
    root: Path, exclude: str | None, own: Callable[[str], bool], follow: bool
) -> tuple[list[Input], list[IndexRow]]:
    walk = _Walk(root, exclude, own, follow)
    walk.visit(root)
    return walk.inputs, walk.skipped


def _lines(source: str) -> list[str]:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{source}: cannot read the list of inputs ({err})") from err
    return [line.strip() for line in text.splitlines() if line.strip()]


def expand(
    args: list[str],
    from_file: str | None = None,
    exclude: Path | None = None,
    follow_symlinks: bool = False,
    own: Callable[[str], bool] | None = None,
) -> tuple[list[Input], list[IndexRow]]:
    """The inputs in order, each once, and skipped rows for non-images found in folders.
    `exclude` is a folder never walked below an input folder (the output folder); `own` says
    whether a path is one of memeaudit's own outputs (never an input)."""
    outdir = os.path.realpath(exclude) if exclude else None
    is_own = own or (lambda _: False)
    inputs: list[Input] = []
    skipped: list[IndexRow] = []
    listed = _lines(from_file) if from_file else []

    def folder(root: Path) -> None:
        more, skip = _from_folder(root, outdir, is_own, follow_symlinks)
        inputs.extend(more)
        skipped.extend(skip)

    for arg in [*args, *listed]:
        path = Path(arg)
        if is_own(arg):
            skipped.append(IndexRow(path=arg, status="skipped", error=OWN_OUTPUT))
        elif path.is_dir():
            folder(path)
        elif not path.exists() and not path.is_symlink() and glob.has_magic(arg):
            root = Path(arg.split("*")[0].split("?")[0].split("[")[0]).parent
            for match in sorted(glob.glob(arg, recursive=True)):
                found = Path(match)
                if is_own(match) or os.path.realpath(match) == outdir:
                    continue
                if found.is_dir():
                    folder(found)
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
