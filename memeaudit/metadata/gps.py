"""GPS positions as EXIF and XMP write them: degrees, minutes and seconds to signed decimal
degrees, out-of-range and 0, 0 positions dropped, and the one way reports write a position."""

from __future__ import annotations

import math
import re
from typing import Any

from memeaudit.metadata.text import clean
from memeaudit.model import GpsPosition


def dms(value: Any) -> float | None:
    """Degrees, minutes, seconds (three rationals) to decimal degrees; None if malformed."""
    try:
        parts = [float(v) for v in value]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not parts or len(parts) > 3 or not all(math.isfinite(p) and p >= 0 for p in parts):
        return None
    degrees = sum(p / 60**i for i, p in enumerate(parts))
    return degrees


def signed(value: float | None, ref: Any, negative: str, limit: float) -> float | None:
    if value is None:
        return None
    sign = -1 if (clean(ref) or "").upper().startswith(negative) else 1
    value = sign * value
    return round(value, 6) if -limit <= value <= limit else None


def checked_position(gps: GpsPosition, notes: list[str]) -> GpsPosition:
    """Drop a position that is out of range or 0, 0 (what devices write without a fix)."""
    if gps.latitude is None or gps.longitude is None:
        return gps.model_copy(update={"latitude": None, "longitude": None})
    if gps.latitude == 0 and gps.longitude == 0:
        notes.append(f"{gps.source} GPS fields hold 0, 0 (no position fix); no position is given.")
        return gps.model_copy(update={"latitude": None, "longitude": None})
    return gps


def position_text(gps: GpsPosition) -> str:
    """'51.5007, -0.1246': how reports write a position (redaction masks this same text)."""
    return f"{gps.latitude:.4f}, {gps.longitude:.4f}"


def xmp_coordinate(text: str | None, negative: str, limit: float) -> float | None:
    """XMP writes 'DDD,MM.mmmk' or 'DDD,MM,SSk' (k is N, S, E or W)."""
    match = re.fullmatch(
        r"\s*(\d{1,3}),(\d{1,2}(?:\.\d+)?)(?:,(\d{1,2}(?:\.\d+)?))?\s*([NSEW])\s*", text or ""
    )
    if not match:
        return None
    degrees, minutes, seconds, ref = match.groups()
    value = float(degrees) + float(minutes) / 60 + float(seconds or 0) / 3600
    return signed(value, ref, negative, limit)
