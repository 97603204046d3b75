"""OCR lines -> the fields of a social-media post screenshot, each with a confidence.

Only what is visible is filled: a field the layout does not show stays None. The platform comes
from the layout: the shape of the handle (@user on X, @name.bsky.social on Bluesky,
@user@instance on Mastodon, u/user on Reddit), a bare username with a relative time (Threads),
and the timestamp line and counts row that follow the body.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from memeaudit.geometry import same_row, union_box
from memeaudit.model import Counts, Line, OcrResult, Post
from memeaudit.postfields import (
    RELATIVE,
    THREADS_HEADER,
    TIMESTAMP,
    VIEWS,
    find_handle,
    labelled_counts,
    parse_count,
    parse_timestamp,
)

HEADER_LINES = 8  # the handle is among the first lines of a post screenshot
NAME_JUNK = re.compile(r"[\s@·•✓©®]+$")
COUNT_ORDER = {  # the order in which each platform shows bare numbers under a post
    "X": ("replies", "reposts", "likes", "views"),
    "Threads": ("likes", "replies", "reposts"),
    "Reddit": ("likes", "replies"),
    "Bluesky": ("replies", "reposts", "likes"),
    "Mastodon": ("replies", "reposts", "likes"),
}


@dataclass
class Header:
    at: int  # index of the handle's line
    platform: str
    handle: str
    name: str | None
    name_conf: float
    lines: list[Line]
    relative: str | None


def _header(lines: list[Line]) -> Header | None:
    for i, line in enumerate(lines[:HEADER_LINES]):
        if threads := THREADS_HEADER.match(line.text.strip()):
            return Header(i, "Threads", threads["user"], None, 0.0, [line], threads["ago"])
        if found := find_handle(line.text):
            platform, handle = found
            before, _, after = line.text.partition(handle)
            ago = RELATIVE.search(after) or (RELATIVE.search(lines[i - 1].text) if i else None)
            name, name_conf, used = (
                NAME_JUNK.sub("", before.strip(" ·•")) or None,
                line.conf,
                [line],
            )
            above = lines[i - 1] if i else None
            if (
                name is None
                and platform != "Reddit"
                and above
                and abs(above.bbox[0] - line.bbox[0]) < 3 * line.bbox[3]
            ):
                name, name_conf, used = (
                    NAME_JUNK.sub("", above.text) or None,
                    above.conf,
                    [above, line],
                )
            if platform == "Reddit" and above:
                used = [above, line]
            return Header(i, platform, handle, name, name_conf, used, ago.group(1) if ago else None)
    return None


def _counts_row(lines: list[Line], start: int) -> tuple[list[int], list[Line]]:
    """Numbers on the first row at or after `start` made only of count tokens; icon glyphs that
    OCR reads as small digits are left out by their height."""
    for i in range(start, len(lines)):
        row = [ln for ln in lines[i:] if same_row(ln, lines[i])]
        tall = statistics.median(ln.bbox[3] for ln in row)
        row = [ln for ln in row if ln.bbox[3] >= 0.7 * tall]
        numbers = [n for ln in row for t in ln.text.split() if (n := parse_count(t)) is not None]
        # Each piece of the row is a count, or a short button label ("→ share"), never prose.
        buttons = all(
            len(ln.text.split()) <= 2 or all(parse_count(t) is not None for t in ln.text.split())
            for ln in row
        )
        if len(numbers) >= 2 and buttons:
            return numbers, row
    return [], []


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
    head = _header(lines)
    if head is None:
        return None
    after = head.at + 1
    stamp_at = next((i for i in range(after, len(lines)) if TIMESTAMP.search(lines[i].text)), None)
    search_from = stamp_at + 1 if stamp_at is not None else after
    labelled: dict[str, int] = {}
    count_lines: list[Line] = []
    for line in lines[search_from:]:
        if found := labelled_counts(line.text):
            labelled = {**found, **labelled}
            count_lines.append(line)
    numbers: list[int] = []
    if not labelled:
        numbers, count_lines = _counts_row(lines, search_from)
    cues = (stamp_at is not None) + bool(count_lines)
    if (
        head.platform == "X"
        and not cues
        and not (head.name and (len(head.lines) == 2 or head.relative))
    ):
        return None  # an @handle in a caption is not a post
    if head.platform == "Threads" and not count_lines:
        return None
    ends = [
        i for i in (stamp_at, lines.index(count_lines[0]) if count_lines else None) if i is not None
    ]
    body_end = min(ends) if ends else _first_gap(lines, after)
    body_lines = [ln for ln in lines[after:body_end] if not same_row(ln, lines[head.at])]
    raw = lines[stamp_at].text if stamp_at is not None else None
    counts = Counts(**labelled)
    if raw and (views := VIEWS.search(raw)):
        counts.views = parse_count(views.group(1))
    for field, value in zip(COUNT_ORDER[head.platform], numbers, strict=False):
        if getattr(counts, field) is None:
            setattr(counts, field, value)
    handle_shape = head.platform in ("Mastodon", "Bluesky", "Reddit")
    confidence = {
        "platform": min(0.95, 0.5 + 0.2 * cues + 0.2 * handle_shape),
        "handle": lines[head.at].conf,
    }
    if head.name:
        confidence["display_name"] = head.name_conf
    if body_lines:
        confidence["body"] = min(ln.conf for ln in body_lines)
    if raw or head.relative:
        confidence["timestamp"] = (
            lines[stamp_at].conf if stamp_at is not None else lines[head.at].conf
        )
    if count_lines:
        confidence["counts"] = min(ln.conf for ln in count_lines)
    stamp_match = TIMESTAMP.search(raw) if raw else None
    shown = [
        *head.lines,
        *body_lines,
        *count_lines,
        *([lines[stamp_at]] if stamp_at is not None else []),
    ]
    return Post(
        platform=head.platform,
        display_name=head.name,
        handle=head.handle,
        timestamp=parse_timestamp(raw) if raw else None,
        timestamp_raw=stamp_match.group(0).strip() if stamp_match else head.relative,
        body=_body(body_lines) or None,
        counts=counts,
        confidence=confidence,
        bbox=union_box([ln.bbox for ln in shown]),
    )
