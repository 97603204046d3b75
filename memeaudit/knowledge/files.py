"""The YAML files a run loads, read as text: the packaged knowledge base, then the packaged rule
packs (a folder per topic family, one file per topic), then the user's --rules files and folders.
Kept apart from the loader so that a batch can fingerprint them without importing the parser."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

from memeaudit.errors import RulesError
from memeaudit.paths import PACKAGE

SUFFIXES = (".yaml", ".yml")


def _walk(folder: Path) -> list[Path]:
    """Every YAML file under a folder, in order of their paths relative to it (so `a/z.yaml`
    comes before `b/a.yaml`, on every file system)."""
    found = [p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file()]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _walk_packaged(folder: Traversable, parts: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, text) of the YAML files under a packaged folder, in path order (through
    importlib.resources: the package may be a zip file, as when run from a wheel)."""
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            found += _walk_packaged(entry, (*parts, entry.name))
        elif entry.name.endswith(SUFFIXES):
            found.append(("/".join((*parts, entry.name)), entry.read_text("utf-8")))
    return found


def packaged_files() -> list[tuple[str, str]]:
    """(name, text) of every shipped YAML file: knowledge base, rule packs, then wording."""
    found = []
    for folder in ("kb", "packs", "wording"):
        found += _walk_packaged(PACKAGE / "knowledge" / folder, ("memeaudit", "knowledge", folder))
    return found


def user_files(paths: tuple[Path, ...]) -> list[Path]:
    """The files that --rules or `rules lint` arguments name: a file as given, a folder walked
    for *.yaml and *.yml files. A folder with none is a rules error, not a silent no-op."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = _walk(path)
            if not inside:
                raise RulesError(f"{path}: no .yaml rule file in this folder")
            files.extend(inside)
        else:
            files.append(path)
    return files


def read_user_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise RulesError(f"{path}: cannot read rule file ({err.strerror or err})") from err
    except UnicodeDecodeError as err:
        raise RulesError(f"{path}: not a UTF-8 text file ({err.reason})") from err


def rule_files(extra: tuple[Path, ...] = ()) -> list[tuple[str, str]]:
    """(name, text) of every file a run loads, in load order: packaged, then the user's."""
    return [*packaged_files(), *((str(p), read_user_file(p)) for p in user_files(extra))]
