"""What in OUTDIR is memeaudit's own, so that its outputs are never inputs and an input is never
overwritten (OUTDIR may be the input folder itself: `memeaudit batch d -o d`).

A batch writes four files at OUTDIR's top (index.jsonl, summary.csv, run.json, index.html) and
three folders (reports/, thumbs/, .memeaudit/). Before it writes one of those files it records the
content's sha256 in .memeaudit/outputs.json, so a file there is memeaudit's only if its content
is what memeaudit wrote: an image someone saved as `index.html` is not, and a batch that would
overwrite it refuses to start. reports/ and thumbs/ are memeaudit's once OUTDIR holds its record.
A folder written before the record existed counts as memeaudit's when run.json is a memeaudit run
record and the file at the name is not an image."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from memeaudit.batch.inputs import sniff
from memeaudit.batch.regular import kind
from memeaudit.batch.rows import IndexRow
from memeaudit.errors import OutputError
from memeaudit.write import write_atomic

FILES = ("index.jsonl", "summary.csv", "run.json", "index.html")
FOLDERS = ("reports", "thumbs", ".memeaudit")
MANIFEST = Path(".memeaudit") / "outputs.json"  # file name -> sha256 of what memeaudit wrote
_MAX_RECORD = 1 << 24  # a run.json or index bigger than 16 MB is read no further


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _manifest(outdir: Path) -> dict[str, list[str]] | None:
    try:
        found = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def read_record(outdir: Path) -> dict[str, Any] | None:
    """OUTDIR/run.json if it is a memeaudit run record (a regular file, not a link)."""
    path = outdir / "run.json"
    try:
        if not stat.S_ISREG(path.lstat().st_mode) or path.stat().st_size > _MAX_RECORD:
            return None
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(found, dict) and "memeaudit_version" in found and "started" in found:
        return found
    return None


@dataclass
class Outdir:
    """OUTDIR as a batch found it: which of its files and folders are memeaudit's."""

    path: Path
    record: dict[str, Any] | None  # the previous run's run.json
    manifest: dict[str, list[str]] | None
    own_files: set[str] = field(default_factory=set)  # real paths
    own_folders: tuple[str, ...] = ()  # real paths

    @classmethod
    def survey(cls, outdir: Path) -> Outdir:
        found = cls(outdir, read_record(outdir), _manifest(outdir))
        for name in FILES:
            if found.owns(name):
                found.own_files.add(os.path.realpath(outdir / name))
        found.own_folders = tuple(os.path.realpath(outdir / name) for name in FOLDERS)
        return found

    def owns(self, name: str) -> bool:
        """Is the regular file OUTDIR/name one memeaudit wrote?"""
        path = self.path / name
        try:
            if not stat.S_ISREG(path.lstat().st_mode):
                return False
        except OSError:
            return False
        if self.manifest is not None and name in self.manifest:
            return _sha256(path) in self.manifest[name]
        if self.manifest is None and self.record is not None:  # written before the manifest
            return name == "run.json" or sniff(path) is None
        return False

    def __call__(self, path: str) -> bool:
        """Is `path` (a file or folder anywhere) one of memeaudit's outputs here?"""
        real = os.path.realpath(path)
        return real in self.own_files or any(
            real == top or real.startswith(top + os.sep) for top in self.own_folders
        )

    def check(self, formats: tuple[str, ...]) -> None:
        """Refuse (OutputError, exit 7) before anything is written if the run would overwrite a
        file memeaudit did not write, or write into a folder that is not its own."""
        writes = [n for n in FILES if n != "index.html" or "html" in formats]
        for name in writes:
            path = self.path / name
            try:
                mode = path.lstat().st_mode
            except FileNotFoundError:
                continue
            except OSError as err:
                raise OutputError(f"{path}: cannot be checked ({err.strerror or err})") from err
            what = "a symbolic link" if stat.S_ISLNK(mode) else kind(mode)
            if not stat.S_ISREG(mode):
                raise OutputError(
                    f"{path}: is {what}, where the batch writes its {name}",
                    "choose another -o",
                )
            if not self.owns(name):
                raise OutputError(
                    f"{path}: memeaudit did not write this file, and the batch would overwrite it",
                    "move it, or choose another -o",
                )
        ours = self.record is not None or self.manifest is not None
        for name in ("reports", "thumbs"):
            path = self.path / name
            if not os.path.lexists(path):
                continue
            if path.is_symlink() or not path.is_dir() or not ours:
                raise OutputError(
                    f"{path}: is not a folder an earlier memeaudit batch made here, and the batch "
                    f"would write its {name} into it",
                    "move it, or choose another -o",
                )

    def adopt(self) -> None:
        """Record the files of a folder written before the manifest existed, so that they stay
        memeaudit's after this run rewrites some of them."""
        if self.manifest is None and self.own_files:
            names = [n for n in FILES if os.path.realpath(self.path / n) in self.own_files]
            self.manifest = {n: [d] for n in names if (d := _sha256(self.path / n)) is not None}
            text = json.dumps(self.manifest, indent=1, sort_keys=True) + "\n"
            write_atomic(self.path / MANIFEST, text, "the batch's list of its outputs")

    def previous_rows(self) -> list[IndexRow]:
        """The rows of the index an earlier run left (none if it is not memeaudit's)."""
        path = self.path / "index.jsonl"
        if os.path.realpath(path) not in self.own_files:
            return []
        rows = []
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for line in path.read_text(encoding="utf-8").splitlines():
                with contextlib.suppress(ValueError):
                    rows.append(IndexRow.model_validate_json(line))
        return rows

    def remove_outputs(self) -> None:
        """Delete everything an earlier run wrote but its run record: reports, thumbnails,
        journal, index, summary and gallery (for --redact over a run that was not redacted)."""
        for name in ("reports", "thumbs", ".memeaudit/done"):
            shutil.rmtree(self.path / name, ignore_errors=True)
        for name in ("index.jsonl", "summary.csv", "index.html"):
            if os.path.realpath(self.path / name) in self.own_files:
                (self.path / name).unlink(missing_ok=True)
        self.own_files = {f for f in self.own_files if os.path.exists(f)}


def write_output(outdir: Path, name: str, content: str) -> None:
    """Write OUTDIR/name atomically, having first recorded in the manifest that this content is
    memeaudit's (the previous content stays listed too, in case the write is cut short)."""
    data = content.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    manifest = _manifest(outdir) or {}
    known = manifest.get(name, [])
    if not known or known[-1] != digest:
        manifest[name] = [*known[-1:], digest]
        text = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
        write_atomic(outdir / MANIFEST, text, "the batch's list of its outputs")
    write_atomic(outdir / name, data, f"the batch's {name}")
