"""Section 2's sentences on metadata values that are not facts (memeaudit/metadata/doubt.py):
placeholders and dates that cannot be right, each value said once, with the fields that hold it.
Also `by_value`, which lets the other metadata sentences say a value once when several fields
hold it ("EXIF UserComment and XMP exif:UserComment “Screenshot”")."""

from __future__ import annotations

from memeaudit.facts.text import join_names
from memeaudit.knowledge.wording import Words
from memeaudit.metadata.doubt import Doubt, parse_date
from memeaudit.model import Evidence
from memeaudit.sections.paragraph import metadata


def same_value(value: str) -> str:
    """What makes two values the same: a date however it is written ("2024:05:01 10:11:12" and
    "2024-05-01T10:11:12"), else the text without case and surrounding space."""
    when = parse_date(value)
    return when.isoformat() if hasattr(when, "isoformat") else value.strip().casefold()


def by_value(pairs: list[tuple[str, str]]) -> list[tuple[list[str], str]]:
    """(field, value) pairs grouped by value, in the order first seen: ([fields], the value as
    its first field writes it)."""
    groups: dict[str, tuple[list[str], str]] = {}
    for field, value in pairs:
        groups.setdefault(same_value(value), ([], value))[0].append(field)
    return list(groups.values())


def _date_item(w: Words, doubt: Doubt, fields: list[str]) -> str:
    return w(
        f"impossible-{doubt.why}",
        field=join_names(fields),
        value=doubt.value,
        other_field=doubt.other_field or "",
        other_value=doubt.other_value or "",
    )


def doubt_sentences(w: Words, doubts: list[Doubt]) -> list[tuple[str, list[Evidence]]]:
    """At most two sentences: the placeholders, then the impossible dates; each value once."""
    said = []
    placeholders = [d for d in doubts if d.why == "placeholder"]
    if placeholders:
        groups = by_value([(d.field, d.value) for d in placeholders])
        items = [w("placeholder-item", field=join_names(f), value=v) for f, v in groups]
        evidence = [metadata(d.field, d.value, "metadata.placeholder") for d in placeholders]
        said.append((w("placeholders", count=len(groups), fields=join_names(items)), evidence))
    dates = [d for d in doubts if d.why != "placeholder"]
    if dates:
        grouped: dict[tuple[str, str, str | None], list[Doubt]] = {}
        for d in dates:
            grouped.setdefault((same_value(d.value), d.why, d.other_field), []).append(d)
        items = [_date_item(w, ds[0], [d.field for d in ds]) for ds in grouped.values()]
        evidence = [metadata(d.field, d.value, "metadata.impossible-date") for d in dates]
        said.append((w("impossible-dates", count=len(items), dates=join_names(items)), evidence))
    return said
