"""Reading an input file's bytes, with a one-line error for each way it can fail. Kept apart from
the image loader so that a batch's parent process reads and hashes files without importing it.

Only regular files are read, and only up to a size limit: a FIFO, a device or a socket is refused
from its type (checked before opening, and again on the opened file, which is opened with
O_NONBLOCK so that a FIFO swapped in between never blocks the open), and a file over the limit is
refused from its size before a byte is read. Standard input is read up to the same limit."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from memeaudit.errors import InputError

MAX_BYTES = 200_000_000  # default limit on the bytes read of one input (--max-bytes)
HINT = "raise it with --max-bytes if the image is genuine"
# What a file that is not a regular file is, for the one-line error.
KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC


def _special(path: Path, mode: int) -> InputError | None:
    """The refusal for anything but a regular file, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return InputError(f"{path}: is a folder, not an image", "pass image files, or use batch")
    what = next((kind for test, kind in KINDS if test(mode)), "not a file")
    return InputError(f"{path}: is {what}, not a regular file")


def _too_big(name: str | Path, size: int, max_bytes: int) -> InputError:
    return InputError(
        f"{name}: the file is {size:,} bytes, over the {max_bytes:,} byte limit", HINT
    )


def read_stream(stream: BinaryIO, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """At most `max_bytes` from a stream (a pipe, a terminal, /dev/zero): one byte more is an
    error, so an endless stream costs no more than the limit."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: standard input holds over {max_bytes:,} bytes, the limit", HINT)
    return data


def read_stdin(max_bytes: int = MAX_BYTES) -> bytes:
    """The image on standard input ('-'), read up to the size limit."""
    return read_stream(sys.stdin.buffer, "-", max_bytes)


def read_bytes(source: str | Path | bytes, max_bytes: int = MAX_BYTES) -> tuple[str, bytes]:
    """Return (display path, bytes) for a path, '-' (stdin is read by the caller) or raw bytes."""
    if isinstance(source, bytes):
        if len(source) > max_bytes:
            raise _too_big("<bytes>", len(source), max_bytes)
        return "<bytes>", source
    path = Path(source)
    try:
        info = path.stat()  # follows links: a link to a FIFO is a FIFO
    except FileNotFoundError:
        what = "broken link" if path.is_symlink() else "no such file"
        raise InputError(f"{path}: {what}") from None
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or err})") from err
    if refusal := _special(path, info.st_mode):
        raise refusal
    if info.st_size > max_bytes:
        raise _too_big(path, info.st_size, max_bytes)
    try:
        fd = os.open(path, OPEN_FLAGS)
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or err})") from err
    with os.fdopen(fd, "rb") as stream:
        opened = os.fstat(fd)  # what was opened, should the path have changed since stat
        if refusal := _special(path, opened.st_mode):
            raise refusal
        try:
            data = stream.read(max_bytes + 1)
        except OSError as err:
            raise InputError(f"{path}: cannot be read ({err.strerror or err})") from err
    if len(data) > max_bytes:  # it grew after stat
        raise _too_big(path, len(data), max_bytes)
    return str(path), data
