"""The sentences section writers say, kept as data (knowledge/wording/*.yaml): a phrase is looked
up by key and its `{name}` fields filled in. The packaged file of each writer fixes which phrases
exist and which fields each may use; a user's wording file (--rules) rewords them within that."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from memeaudit.knowledge.schema import Phrase, Plural, WordingFile, placeholders


class Misfit(ValueError):
    """A wording file that does not fit the phrases it rewords; `loc` is where, in the file."""

    def __init__(self, loc: tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc


def _fields(phrase: Phrase) -> frozenset[str]:
    if isinstance(phrase, Plural):
        return placeholders(phrase.one) | placeholders(phrase.other)
    return placeholders(phrase)


def merge(known: dict[str, Phrase] | None, doc: WordingFile) -> dict[str, Phrase]:
    """The phrases after `doc`: the first file of a writer (the packaged one) defines them; a later
    one may only reword known phrases, in the same form (plural or not), with no new field."""
    if known is None:
        return dict(doc.phrases)
    merged = dict(known)
    for key, phrase in doc.phrases.items():
        where = ("phrases", key)
        if key not in known:
            raise Misfit(where, f"no phrase {key!r} in the {doc.wording} wording")
        if isinstance(phrase, Plural) != isinstance(known[key], Plural):
            form = "one/other forms" if isinstance(known[key], Plural) else "one form"
            raise Misfit(where, f"this phrase takes {form}")
        if extra := _fields(phrase) - _fields(known[key]):
            allowed = ", ".join(f"{{{f}}}" for f in sorted(_fields(known[key]))) or "none"
            unknown = ", ".join(f"{{{f}}}" for f in sorted(extra))
            raise Misfit(where, f"unknown field {unknown} (this phrase can use: {allowed})")
        merged[key] = phrase
    return merged


@dataclass(frozen=True)
class Words:
    """One writer's phrases: `words("key", name=value)`; `count` picks a plural form and fills
    `{count}`."""

    name: str
    phrases: dict[str, Phrase]

    def __call__(self, key: str, count: int | None = None, **fields: Any) -> str:
        phrase = self.phrases[key]
        if isinstance(phrase, Plural):
            if count is None:
                raise TypeError(f"wording {self.name}.{key} needs a count")
            phrase = phrase.one if count == 1 else phrase.other
        return phrase.format_map({"count": count, **fields})
