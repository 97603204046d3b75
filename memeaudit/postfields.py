"""Parsers for the pieces of a post: counts ("1.2K"), timestamps, handles. Pure functions."""

from __future__ import annotations

import re
from datetime import datetime

COUNT = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[KMB]?$", re.IGNORECASE)
SCALE = {"K": 1_000, "M": 1_000_000, "B": 1_000_000_000}
CLOCK = r"\d{1,2}:\d{2}(?:\s*[AP]M)?"
DATE = r"[A-Z][a-z]{2,8}\.? \d{1,2}, ?\d{4}"
# "10:02 AM · Feb 23, 2026" (X), "February 23, 2026 at 10:02 AM" (Bluesky), "Feb 23, 2026, 10:02" (Mastodon)
TIMESTAMP = re.compile(
    rf"(?:(?P<clock>{CLOCK})\s*[·.•-]?\s*)?(?P<date>{DATE})(?:(?:,|\s+at)\s*(?P<after>{CLOCK}))?",
    re.IGNORECASE,
)
RELATIVE = re.compile(r"(?<![\w.])(\d{1,2}[smhdw])(?![\w])")
VIEWS = re.compile(r"(\d[\d.,]*[KMB]?)\s*Views", re.IGNORECASE)
LABELLED = re.compile(
    r"(\d[\d.,]*[KMB]?)\s+(Replies|Reply|Comments?|Retweets?|Reposts?|Boosts?|Quote Tweets?|Quotes?"
    r"|Likes?|Favou?rites?|Upvotes?|Points?|Views)\b",
    re.IGNORECASE,
)
LABEL_FIELD = {
    "repl": "replies", "comm": "replies", "retw": "reposts", "repo": "reposts", "boos": "reposts",
    "like": "likes", "favo": "likes", "upvo": "likes", "poin": "likes", "view": "views",
}  # fmt: skip
HANDLES = [  # (platform, pattern): the handle's own shape names the platform
    ("Mastodon", re.compile(r"(?<![\w@])@[A-Za-z0-9_.]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")),
    ("Bluesky", re.compile(r"(?<![\w@])@[a-z0-9-]+(?:\.[a-z0-9-]+)+(?![\w@])")),
    ("Reddit", re.compile(r"(?<![\w/])u/[A-Za-z0-9_-]{3,20}\b")),
    ("X", re.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,15}(?![\w@.])")),
]
THREADS_HEADER = re.compile(r"^(?P<user>[a-z0-9._]{3,30})\s+(?P<ago>\d{1,2}[smhdw])$")


def parse_count(text: str) -> int | None:
    """'1.2K' -> 1200, '3.1M' -> 3100000, '24,000' -> 24000; None if it is not a count."""
    token = text.strip().upper()
    if not token.isascii() or not COUNT.match(token):
        return None
    scale = SCALE.get(token[-1], 1)
    number = (token[:-1] if scale > 1 else token).replace(",", "")
    return round(float(number) * scale)


def parse_timestamp(raw: str) -> str | None:
    """An absolute date (and clock) in ISO 8601; None when the text gives none."""
    match = TIMESTAMP.search(raw)
    if not match:
        return None
    date = re.sub(r",\s*", ", ", match.group("date").replace(".", ""))
    for fmt in ("%b %d, %Y", "%B %d, %Y"):
        try:
            day = datetime.strptime(date, fmt)
        except ValueError:
            continue
        clock = match.group("clock") or match.group("after")
        if not clock:
            return day.date().isoformat()
        clock = clock.replace(" ", "").upper()
        try:
            parsed = datetime.strptime(clock, "%I:%M%p" if clock.endswith("M") else "%H:%M")
        except ValueError:  # a misread clock ("25:99"): keep the date
            return day.date().isoformat()
        return day.replace(hour=parsed.hour, minute=parsed.minute).isoformat()
    return None


def labelled_counts(text: str) -> dict[str, int]:
    """Counts written with their labels: '184K Likes', '12 boosts', '345 comments'."""
    found: dict[str, int] = {}
    for number, label in LABELLED.findall(text):
        field = LABEL_FIELD.get(label.lower()[:4])
        value = parse_count(number)
        if field and value is not None:
            found.setdefault(field, value)
    return found


def find_handle(text: str) -> tuple[str, str] | None:
    """(platform the handle's shape implies, handle) for the first handle in the text."""
    for platform, pattern in HANDLES:
        if match := pattern.search(text):
            return platform, match.group(0)
    return None
