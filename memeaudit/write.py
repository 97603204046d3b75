"""Atomic writes: a temporary file in the same folder, then rename. A reader never sees half a file."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from memeaudit.errors import OutputError


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def write_atomic(path: Path, content: str | bytes, what: str = "the report") -> None:
    """Write text (UTF-8, LF) or bytes through a temporary file in the same folder and a rename.
    `what` names the file in the one-line error.

    What is at `path` is never replaced by something else: a device or a FIFO (`-o /dev/null`,
    `-o /dev/stdout`) is opened and written as a shell redirection would; a symlink stays a
    symlink, and its target is written (atomically, as above)."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        found = os.stat(path)  # follows symlinks: what a redirection would write to
    except FileNotFoundError:
        found = None
    except OSError as err:  # a symlink loop, a file used as a folder, a folder we may not enter
        raise OutputError(f"{path}: cannot write {what} ({err.strerror or err})") from err
    if found is not None and not stat.S_ISREG(found.st_mode) and not stat.S_ISDIR(found.st_mode):
        _write_in_place(path, data, what)
    elif path.is_symlink():
        _replace(Path(os.path.realpath(path)), data, what, make_folder=False)
    else:
        _replace(path, data, what, make_folder=True)


def _write_in_place(path: Path, data: bytes, what: str) -> None:
    """A character or block device, a FIFO (or a socket, which refuses): written, not replaced."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as err:
        raise OutputError(f"{path}: cannot write {what} ({err.strerror or err})") from err


def _replace(path: Path, data: bytes, what: str, make_folder: bool) -> None:
    tmp: str | None = None
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        prefix = "." + _shortened(path.name, NAME_MAX - TEMP_EXTRA) + "."
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes the file private; reports are not
        os.replace(tmp, path)
    except OSError as err:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot write {what} ({err.strerror or err})") from err


NAME_MAX = 255  # bytes in one file name, on Linux, macOS and Windows file systems
TEMP_EXTRA = len(".") + len(".") + 8 + len(".tmp")  # what mkstemp adds around the prefix


def _shortened(name: str, limit: int) -> str:
    """`name` cut to `limit` bytes (as the OS stores it) without splitting a UTF-8 character."""
    raw = os.fsencode(name)
    if len(raw) <= limit:
        return name
    cut = raw[:limit]
    for drop in range(4):  # a UTF-8 character is at most 4 bytes
        try:
            return cut[: len(cut) - drop].decode("utf-8")
        except UnicodeDecodeError:
            continue
    return os.fsdecode(cut)  # not UTF-8 anyway: surrogate escapes keep every byte


def short_name(stem: str, suffix: str, limit: int = NAME_MAX) -> str:
    """`stem + suffix` as one file name that fits `limit` bytes: a stem too long is cut, and a
    hash of the whole stem keeps two long names that share a beginning apart."""
    if len(os.fsencode(stem + suffix)) <= limit:
        return stem + suffix
    tag = "-" + hashlib.sha256(os.fsencode(stem)).hexdigest()[:12]
    room = limit - len(os.fsencode(tag + suffix))
    return _shortened(stem, room) + tag + suffix
