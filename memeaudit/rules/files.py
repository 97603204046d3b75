"""The YAML files the package ships, read as text: the knowledge base first, then the rule packs.
Kept apart from the loader so that a batch can fingerprint them without importing the parser."""

from __future__ import annotations

from memeaudit.paths import PACKAGE


def packaged_files() -> list[tuple[str, str]]:
    """(name, text) of every shipped YAML file, knowledge base first, then rule packs."""
    found = []
    for folder in ("kb", "packs"):
        root = PACKAGE / "rules" / folder
        for entry in sorted(root.iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".yaml", ".yml")):
                found.append((f"memeaudit/rules/{folder}/{entry.name}", entry.read_text("utf-8")))
    return found
