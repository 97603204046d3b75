"""Untrusted metadata values to one line of plain text, and the caps on what is kept."""

from __future__ import annotations

import math
import re
from typing import Any

MAX_VALUE = 200  # characters kept of one value
MAX_KEY = 60  # characters kept of a field name the file chooses (PNG text keys)
MAX_FIELDS = 20  # entries kept per list (other fields, editing traces, history steps)
MAX_TIMESTAMPS = 12
MAX_RAW_GPS = 16
MAX_XMP = 1 << 20  # bytes of XMP parsed; a larger packet is noted, not read

CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
SPACE = re.compile(r"\s+")


def clean(value: Any, limit: int = MAX_VALUE) -> str | None:
    """Untrusted metadata to one line of plain text: bytes decoded, rationals written as numbers,
    control and bidi characters removed, whitespace collapsed, at most `limit` characters."""
    if value is None:
        return None
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
    elif isinstance(value, tuple | list):
        parts = [clean(v, limit) for v in list(value)[:16]]
        text = ", ".join(p for p in parts if p)
    elif isinstance(value, float) or type(value).__name__ == "IFDRational":
        number = float(value)
        text = "" if not math.isfinite(number) else f"{number:g}"
    else:
        text = str(value)
    text = SPACE.sub(" ", CONTROL.sub(" ", text[: limit * 4])).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None
