"""The claim finder's knowledge: memeaudit/knowledge/claims/*.yaml, one topic per file, each a set
of named cue lists (phrases, word stems, regular expressions) compiled to one pattern per list."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from memeaudit.paths import PACKAGE
from memeaudit.yamlload import safe_load

FOLDER = PACKAGE / "knowledge" / "claims"
NEVER = re.compile(r"(?!x)x")


class CueList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phrases: list[str] = []
    stems: list[str] = []
    patterns: list[str] = []

    def compiled(self) -> re.Pattern[str]:
        """One case-insensitive pattern: whole phrases (inner spaces match any run of spaces),
        word beginnings, and the patterns as written."""
        parts = [r"\s+".join(map(re.escape, p.split())) for p in self.phrases]
        words = [rf"(?<![\w@]){p}(?![\w])" for p in sorted(parts, key=len, reverse=True)]
        stems = [r"(?<![\w@])" + r"\s+".join(map(re.escape, s.split())) for s in self.stems]
        every = words + stems + [f"(?:{p})" for p in self.patterns]
        return re.compile("|".join(every), re.IGNORECASE) if every else NEVER


class CueFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str
    cues: dict[str, CueList] = {}
    # figures.yaml only: plain word lists
    not_units: list[str] = []
    id_words: list[str] = []
    currencies: list[str] = []
    durations: list[str] = []
    year_nouns: list[str] = []
    # names.yaml only
    words: list[str] = []
    known: list[str] = []
    units: list[str] = []


class Cues:
    """Every claims file by topic; `cues.match("accusation", "acts", text)`."""

    def __init__(self, files: dict[str, CueFile]) -> None:
        self.files = files
        self._compiled: dict[tuple[str, str], re.Pattern[str]] = {}

    def pattern(self, topic: str, name: str) -> re.Pattern[str]:
        key = (topic, name)
        if key not in self._compiled:
            self._compiled[key] = self.files[topic].cues[name].compiled()
        return self._compiled[key]

    def search(self, topic: str, name: str, text: str) -> re.Match[str] | None:
        return self.pattern(topic, name).search(text)

    def found(self, topic: str, name: str, text: str) -> list[str]:
        """Every match, as written, in order, once each."""
        return list(dict.fromkeys(m.group(0) for m in self.pattern(topic, name).finditer(text)))


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = safe_load((FOLDER / name).read_text(encoding="utf-8"))
    return data


@cache
def load_cues() -> Cues:
    files = {}
    for entry in sorted(FOLDER.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            doc = CueFile.model_validate(_read(entry.name))
            files[doc.topic] = doc
    return Cues(files)
