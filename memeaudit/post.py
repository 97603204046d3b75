"""OCR lines -> the fields of a social-media post screenshot, each with a confidence.

Only what is visible is filled: a field the layout does not show stays None.
X (Twitter) is recognised from its layout: a display name above or beside an @handle, then the
body, then a timestamp line ("10:02 AM · Feb 23, 2026 · 4.1M Views") and a row of counts.
"""

from __future__ import annotations

import re
from datetime import datetime

from memeaudit.model import Counts, Line, OcrResult, Post
from memeaudit.ocr.base import union_box

HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{1,15})\b")
COUNT = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[KMB]?$", re.IGNORECASE)
VIEWS = re.compile(r"(\d[\d.,]*[KMB]?)\s*Views", re.IGNORECASE)
CLOCK = r"\d{1,2}:\d{2}\s*[AP]M"
DATE = r"[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}"
NAME_JUNK = re.compile(r"[\s@·•✓©®]+$")
TIMESTAMP = re.compile(rf"(?:(?P<clock>{CLOCK})\s*[·.•-]?\s*)?(?P<date>{DATE})")
SCALE = {"K": 1_000, "M": 1_000_000, "B": 1_000_000_000}
LABELLED = re.compile(
    r"(\d[\d.,]*[KMB]?)\s+(Replies|Reply|Retweets?|Reposts?|Quote Tweets?|Quotes?|Likes?|Views)\b",
    re.IGNORECASE,
)
LABEL_FIELD = {
    "repl": "replies",
    "retw": "reposts",
    "repo": "reposts",
    "like": "likes",
    "view": "views",
}


def parse_count(text: str) -> int | None:
    """'1.2K' -> 1200, '3.1M' -> 3100000, '24,000' -> 24000; None if it is not a count."""
    token = text.strip().upper()
    if not COUNT.match(token):
        return None
    scale = SCALE.get(token[-1], 1)
    number = token[:-1] if scale > 1 else token
    if scale > 1:
        return round(float(number.replace(",", "")) * scale)
    return int(number.replace(",", "").replace(".", ""))


def parse_timestamp(raw: str) -> str | None:
    """'10:02 AM · Feb 23, 2026' -> '2026-02-23T10:02:00'; a date alone -> '2026-02-23'."""
    match = TIMESTAMP.search(raw)
    if not match:
        return None
    date = match.group("date").replace(".", "")
    for fmt in ("%b %d, %Y", "%B %d, %Y"):
        try:
            day = datetime.strptime(date, fmt)
        except ValueError:
            continue
        if match.group("clock"):
            clock = datetime.strptime(match.group("clock").replace(" ", ""), "%I:%M%p")
            return day.replace(hour=clock.hour, minute=clock.minute).isoformat()
        return day.date().isoformat()
    return None


def _counts_row(lines: list[Line], start: int) -> tuple[list[int], list[Line]]:
    """Numbers on the first row at or after `start` made only of count tokens."""
    for i in range(start, len(lines)):
        row = [ln for ln in lines[i:] if _same_row(ln, lines[i])]
        tokens = [t for ln in row for t in ln.text.split()]
        numbers = [parse_count(t) for t in tokens]
        if len(tokens) >= 2 and sum(n is not None for n in numbers) >= 2:
            return [n for n in numbers if n is not None], row
    return [], []


def _labelled_counts(lines: list[Line]) -> tuple[dict[str, int], list[Line]]:
    """Counts written with their labels, as older X layouts show them: '184K Likes'."""
    found: dict[str, int] = {}
    used = []
    for line in lines:
        for number, label in LABELLED.findall(line.text):
            field = LABEL_FIELD.get(label.lower()[:4])
            value = parse_count(number)
            if field and value is not None and not label.lower().startswith("quote"):
                found.setdefault(field, value)
                used.append(line)
    return found, used


def _same_row(a: Line, b: Line) -> bool:
    ca, cb = a.bbox[1] + a.bbox[3] / 2, b.bbox[1] + b.bbox[3] / 2
    return abs(ca - cb) < 0.5 * min(a.bbox[3], b.bbox[3])


def _first_gap(lines: list[Line], start: int) -> int:
    """Index where the text after `start` breaks off by more than three line heights."""
    for i in range(start + 1, len(lines)):
        prev = lines[i - 1]
        if lines[i].bbox[1] - (prev.bbox[1] + prev.bbox[3]) > 3 * prev.bbox[3]:
            return i
    return len(lines)


def _body(lines: list[Line]) -> str:
    """Join body lines; a vertical gap wider than one line height starts a new paragraph."""
    parts: list[str] = []
    for prev, line in zip([None, *lines], lines, strict=False):
        if prev is not None:
            gap = line.bbox[1] - (prev.bbox[1] + prev.bbox[3])
            parts.append("\n\n" if gap > 0.9 * line.bbox[3] else " ")
        parts.append(line.text)
    return "".join(parts).strip()


def parse_post(ocr: OcrResult) -> Post | None:
    lines = ocr.lines
    head = next((i for i, ln in enumerate(lines[:8]) if HANDLE.search(ln.text)), None)
    if head is None:
        return None
    handle_line = lines[head]
    handle = "@" + HANDLE.search(handle_line.text).group(1)  # type: ignore[union-attr]
    before_handle = handle_line.text.split(handle)[0].strip(" ·•")
    name, name_conf, header = None, 0.0, [handle_line]
    if before_handle:
        name, name_conf = before_handle, handle_line.conf
    elif head > 0 and abs(lines[head - 1].bbox[0] - handle_line.bbox[0]) < 3 * handle_line.bbox[3]:
        name, name_conf = lines[head - 1].text, lines[head - 1].conf
        header.append(lines[head - 1])
    name = NAME_JUNK.sub("", name) if name else None
    stamp_at = next(
        (i for i in range(head + 1, len(lines)) if TIMESTAMP.search(lines[i].text)), None
    )
    after = (stamp_at or head) + 1
    labelled, count_lines = _labelled_counts(lines[after:])
    numbers: list[int] = []
    if not labelled:
        numbers, count_lines = _counts_row(lines, after)
    if stamp_at is None and not (numbers or labelled) and not (name and len(header) == 2):
        return None  # an @handle alone is not a post layout
    if stamp_at is not None:
        body_end = stamp_at
    elif count_lines:
        body_end = lines.index(count_lines[0])
    else:
        body_end = _first_gap(lines, head + 1)
    body_lines = [ln for ln in lines[head + 1 : body_end] if not _same_row(ln, handle_line)]
    counts, raw = Counts(**labelled), lines[stamp_at].text if stamp_at is not None else None
    views = VIEWS.search(raw) if raw else None
    if views:
        counts.views = parse_count(views.group(1))
    for field, value in zip(("replies", "reposts", "likes", "views"), numbers, strict=False):
        if getattr(counts, field) is None:
            setattr(counts, field, value)
    cues = (stamp_at is not None) + bool(numbers or labelled)
    confidence = {"platform": (0.5, 0.7, 0.9)[cues], "handle": handle_line.conf}
    if name:
        confidence["display_name"] = name_conf
    if body_lines:
        confidence["body"] = min(ln.conf for ln in body_lines)
    if raw:
        confidence["timestamp"] = lines[stamp_at].conf  # type: ignore[index]
    if count_lines:
        confidence["counts"] = min(ln.conf for ln in count_lines)
    shown = [*header, *body_lines, *count_lines] + (
        [lines[stamp_at]] if stamp_at is not None else []
    )
    return Post(
        platform="X",
        display_name=name,
        handle=handle,
        timestamp=parse_timestamp(raw) if raw else None,
        timestamp_raw=TIMESTAMP.search(raw).group(0) if raw else None,  # type: ignore[union-attr]
        body=_body(body_lines) or None,
        counts=counts,
        confidence=confidence,
        bbox=union_box([ln.bbox for ln in shown]),
    )
