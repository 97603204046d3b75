"""Where memeaudit finds its packaged files and keeps its cache."""

from __future__ import annotations

import importlib.util
import logging
import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

PACKAGE = resources.files("memeaudit")


def cache_dir(name: str) -> Path:
    """A folder under $XDG_CACHE_HOME/memeaudit (default ~/.cache/memeaudit), created on use; an
    OutputError naming the folder when it cannot be."""
    from memeaudit.errors import OutputError

    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "memeaudit"
    path = root / name
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(
            f"{path}: cannot create the cache folder ({err.strerror or err})",
            "set XDG_CACHE_HOME to a writable folder",
        ) from err
    return path


def optional_cache_dir(name: str) -> Path | None:
    """cache_dir for a cache that only saves start-up time: None (and a log line) when the folder
    cannot be created, and the caller computes what it would have read."""
    from memeaudit.errors import OutputError

    try:
        return cache_dir(name)
    except OutputError as err:
        logging.getLogger("memeaudit").info("not cached: %s", err)
        return None


def save_npz_atomic(path: Path, **arrays: Any) -> None:
    """Arrays cached at `path` (an .npz) through a temporary file and a rename, so concurrent
    workers never read half a file. A cache that cannot be written only costs start-up time."""
    import numpy as np

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            np.savez(handle, **arrays)
        os.replace(tmp, path)
    except OSError as err:
        logging.getLogger("memeaudit").info("not cached: %s: %s", path, err)
        tmp.unlink(missing_ok=True)


def packaged_templates() -> Traversable:
    """The templates inside the wheel, or the repository's templates/ in a source checkout."""
    inside = PACKAGE / "templates"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent / "templates"


def package_folder(module: str) -> Path | None:
    """Where an installed package's files are, found without importing it (some model packages
    import things at start-up that are no longer installed, such as pkg_resources)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))
