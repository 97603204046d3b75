"""The app's own text (chrome.yaml): whole lines and patterns that the parsers leave out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from memeaudit.kinds.rows import plain
from memeaudit.yamlload import safe_load


@dataclass(frozen=True)
class Phrases:
    lines: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]

    def match(self, text: str) -> bool:
        flat = " ".join(text.split())
        return plain(flat) in self.lines or any(p.search(flat) for p in self.patterns)


def _phrases(spec: dict[str, list[str]], key: str) -> Phrases:
    return Phrases(
        frozenset(plain(t) for t in spec.get(key, [])),
        tuple(re.compile(p, re.IGNORECASE) for p in spec.get(f"{key}_re", [])),
    )


@cache
def _data() -> dict[str, dict[str, list[str]]]:
    return safe_load((files("memeaudit.kinds") / "chrome.yaml").read_text(encoding="utf-8"))


@cache
def phrases(kind: str, key: str = "chrome") -> Phrases:
    """chrome.yaml's `key` list (and `key_re` patterns) for `kind`."""
    return _phrases(_data()[kind], key)


@cache
def words(kind: str, key: str) -> tuple[str, ...]:
    """A plain list from chrome.yaml, as written."""
    return tuple(_data()[kind].get(key, []))
