"""Atomic writes: a temporary file in the same folder, then rename. A reader never sees half a file."""

from __future__ import annotations

import os
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
    `what` names the file in the one-line error."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
