"""Which recorded values are not facts: placeholders a device or program wrote where it had no
value ("XXX-XXX", "Unknown", "0000:00:00 00:00:00"), and dates that cannot be right (not a
calendar date, still to come, or a capture later than the file's last change).

`vet(meta, placeholders)` gives the metadata without those values, so that no sentence presents
them as facts, and the list of what it set aside, so that section 2 can call each one what it
is. The JSON report keeps every value as the file wrote it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from memeaudit.model import Device, ImageMetadata, MetadataField

# A date as EXIF ("2024:05:01 10:11:12") or XMP ("2024-05-01T10:11:12+02:00") writes it.
DATE = re.compile(
    r"(\d{4})[:\-](\d{2})[:\-](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?"
    r"\s*(?:Z|[+\-]\d{2}:?\d{2})?"
)
ZEROS = re.compile(r"[\s0:\-T.+Z]*")  # "0000:00:00 00:00:00", "    :  :     :  :  "
# Fields that say when the picture was taken or made, and when the file was last changed.
TAKEN = {"DateTimeOriginal", "DateTimeDigitized", "CreateDate", "DateCreated"}
CHANGED = {"DateTime", "ModifyDate", "MetadataDate"}
SLACK = timedelta(days=1)  # clocks and time zones: only a larger gap is impossible

Why = Literal["placeholder", "future", "calendar", "after"]


@dataclass(frozen=True)
class Doubt:
    """A value set aside: its field, the value as written, why, and for "after" the field and
    value of the last change it comes after."""

    field: str
    value: str
    why: Why
    other_field: str | None = None
    other_value: str | None = None


def _bare(field: str) -> str:
    """'EXIF DateTimeOriginal' -> 'DateTimeOriginal'; 'XMP xmp:ModifyDate' -> 'ModifyDate'."""
    return field.split(" ", 1)[-1].split(":")[-1]


def is_placeholder(value: str, placeholders: list[str]) -> bool:
    """A value that is a placeholder as a whole: one of the knowledge base's patterns
    (kb/metadata.yaml `placeholders`), or a date of zeros."""
    text = value.strip()
    if ZEROS.fullmatch(text) and any(c in text for c in "0:"):
        return True
    return bool(text) and any(re.fullmatch(p, text, re.IGNORECASE) for p in placeholders)


def parse_date(value: str) -> datetime | Literal["calendar"] | None:
    """The date and time a timestamp writes; "calendar" when it is no calendar date (month 13,
    30 February, hour 25); None when it is not written as EXIF or XMP write dates."""
    match = DATE.fullmatch(value.strip())
    if not match:
        return None
    parts = [int(p) if p else 0 for p in match.groups()]
    try:
        return datetime(*parts)  # type: ignore[arg-type, misc]
    except ValueError:
        return "calendar"


def _dates(times: dict[str, str], now: datetime) -> tuple[dict[str, str], list[Doubt]]:
    """Timestamps without the impossible ones, and those as doubts."""
    kept, doubts = {}, []
    parsed: dict[str, datetime] = {}
    for field, value in times.items():
        when = parse_date(value)
        if when == "calendar":
            doubts.append(Doubt(field, value, "calendar"))
        elif isinstance(when, datetime) and when > now + SLACK:
            doubts.append(Doubt(field, value, "future"))
        else:
            kept[field] = value
            if isinstance(when, datetime):
                parsed[field] = when
    changed = [(f, w) for f, w in parsed.items() if _bare(f) in CHANGED]
    for field, when in list(parsed.items()):
        if _bare(field) not in TAKEN:
            continue
        later = [(f, w) for f, w in changed if when > w + SLACK]
        if later:
            other, _ = min(later, key=lambda fw: fw[1])
            doubts.append(Doubt(field, kept.pop(field), "after", other, times[other]))
    return kept, doubts


def _device(device: Device, placeholders: list[str]) -> tuple[Device | None, list[Doubt]]:
    doubts = [
        Doubt(f, v, "placeholder")
        for f, v in device.fields.items()
        if is_placeholder(v, placeholders)
    ]
    doubts += [
        Doubt(f, v, "placeholder")
        for f, v in device.serial_numbers.items()
        if is_placeholder(v, placeholders)
    ]
    if not doubts:
        return device, []
    gone = {d.value for d in doubts}
    update = {
        key: None
        for key in ("make", "model", "lens", "owner")
        if getattr(device, key) is not None and getattr(device, key) in gone
    }
    fields = {f: v for f, v in device.fields.items() if v not in gone}
    serials = {f: v for f, v in device.serial_numbers.items() if v not in gone}
    kept = device.model_copy(update={**update, "fields": fields, "serial_numbers": serials})
    if not any((kept.make, kept.model, kept.lens, kept.owner, kept.serial_numbers)):
        return None, doubts
    return kept, doubts


def _fields(
    fields: list[MetadataField], placeholders: list[str]
) -> tuple[list[MetadataField], list[Doubt]]:
    doubtful = [f for f in fields if is_placeholder(f.value, placeholders)]
    kept = [f for f in fields if f not in doubtful]
    return kept, [Doubt(f.field, f.value, "placeholder") for f in doubtful]


def vet(
    meta: ImageMetadata, placeholders: list[str], now: datetime | None = None
) -> tuple[ImageMetadata, list[Doubt]]:
    """The metadata without its placeholder values and impossible dates, and what was set aside
    (placeholders first, then dates). `now` (default: the current time) decides what is still to
    come."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    doubts: list[Doubt] = []
    device = meta.device
    if device is not None:
        device, found = _device(device, placeholders)
        doubts += found
    times = {f: v for f, v in meta.timestamps.items() if not is_placeholder(v, placeholders)}
    doubts += [Doubt(f, v, "placeholder") for f, v in meta.timestamps.items() if f not in times]
    editing, found = _fields(meta.editing, placeholders)
    doubts += found
    other, found = _fields(meta.other, placeholders)
    doubts += found
    times, found = _dates(times, now)
    doubts += found
    if not doubts:
        return meta, []
    software = meta.software
    if software is not None and is_placeholder(software, placeholders):
        software = None
    kept = meta.model_copy(
        update={
            "device": device,
            "timestamps": times,
            "editing": editing,
            "other": other,
            "software": software,
        }
    )
    return kept, doubts
