"""Reading an input file's bytes, with a one-line error for each way it can fail. Kept apart from
the image loader so that a batch's parent process reads and hashes files without importing it."""

from __future__ import annotations

from pathlib import Path

from memeaudit.errors import InputError


def read_bytes(source: str | Path | bytes) -> tuple[str, bytes]:
    """Return (display path, bytes) for a path, '-' (stdin is read by the caller) or raw bytes."""
    if isinstance(source, bytes):
        return "<bytes>", source
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an image", "pass image files, or use batch")
    if not path.exists():
        what = "broken link" if path.is_symlink() else "no such file"
        raise InputError(f"{path}: {what}")
    try:
        return str(path), path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or err})") from err
