"""Posts without an @handle in their header, known by their layout (postcues.yaml `layouts`):
Facebook and LinkedIn (name, time under it, reactions and labelled counts above the button
row), TikTok (username, 'Name · date', 'original sound', likes and comments), Instagram
(username · Follow, 'N likes', the caption after the username, the age at the bottom), YouTube
comments ('@handle age', likes before 'Reply') and Telegram channels (the channel, views and
clock under the message). One function per layout; each returns a Post or None."""

from __future__ import annotations

import re
from collections.abc import Callable

from memeaudit.geometry import same_row, union_box
from memeaudit.kinds.rows import STATUS_BAR
from memeaudit.model import Counts, Line, Post
from memeaudit.postfields import (
    AGO,
    RELATIVE,
    SHORT_DATE,
    clean_name,
    cues,
    find_handle,
    find_stamp,
    glyph_count,
    labelled_counts,
    parse_count,
    split_glued_name,
)
from memeaudit.postparts import join_body
from memeaudit.textspans import box_of

MONTH_DAY = re.compile(r"(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])")  # TikTok's '10-17'
RELATIVE_AGO = re.compile(r"(?<![\w.,])\d{1,2}\s?[smhdw] ago\b")
# Telegram's views and clock, run together by OCR: '53909:41' is 539 views at 09:41.
VIEWS_CLOCK = re.compile(
    r"^\D{0,2}(?P<views>\d[\d.,]*?[KM]?)\s*(?P<clock>\d{2}:\d{2}|(?<!\d)\d:\d{2})$"
)
DEGREE = re.compile(r"(?<=[^\W\d_])\s*[·•.\-]\s*(?:1st|2nd|3rd\+?)$")  # LinkedIn's degree
INSTAGRAM_HEAD = re.compile(r"^(?P<user>[a-z0-9._]{2,30}?)\s*[·•.]?\s*Follow$", re.IGNORECASE)


def time_in(text: str) -> str | None:
    """A time in any form a post shows, as shown: 'Yesterday at 14:02', '3 days ago', '2h'."""
    if (stamp := find_stamp(text)) is not None:
        return stamp.shown
    for pattern in (AGO, RELATIVE_AGO, MONTH_DAY, RELATIVE, SHORT_DATE):
        if match := pattern.search(text):
            return match.group(0).strip()
    return None


def _name(text: str) -> str | None:
    extras = {w.lower() for w in cues()["name_extras"]}
    text = DEGREE.sub("", text.strip())  # 'Aisha Sato.2nd', 'Kenji Haddad-2nd'
    words = re.split(r"\s*[·•]\s*|\s+", text)
    while words and (words[-1].lower().strip(".") in extras or not words[-1]):
        words.pop()
    return clean_name(" ".join(words).rstrip(" .·"))[0]


def _word(line: Line) -> str:
    return re.sub(r"[^a-z]", "", line.text.lower())


def _button_row(lines: list[Line], buttons: list[str]) -> int | None:
    """Index of the first line of the row drawing every button (each word on its own)."""
    want = {b.lower() for b in buttons}
    for line in lines:
        row = [ln for ln in lines if same_row(ln, line)]
        if want <= {_word(ln)[-len(b) :] for ln in row for b in want if _word(ln).endswith(b)}:
            return min(lines.index(ln) for ln in row)
    return None


def _bare(line: Line) -> int | None:
    """The first count in a line of bare numbers ('23.7K 263' -> 23700), else None."""
    numbers = _numbers(line)
    return numbers[0] if numbers else None


def _numbers(line: Line) -> list[int]:
    """The counts among a line's tokens; a button word beside them ('→Share') is skipped."""
    found = [
        parse_count(t) if parse_count(t) is not None else glyph_count(t) for t in line.text.split()
    ]
    return [n for n in found if n is not None]


def _post(platform: str, lines: list[Line], **fields: object) -> Post:
    """The post, with each field's box found among the lines this layout read it from."""
    body: list[Line] = fields.pop("body_lines", [])  # type: ignore[assignment]
    counted: list[Line] = fields.pop("count_lines", [])  # type: ignore[assignment]
    boxes = {
        "display_name": box_of(fields.get("display_name"), lines),  # type: ignore[arg-type]
        "handle": box_of(fields.get("handle"), lines),  # type: ignore[arg-type]
        "timestamp": box_of(fields.get("timestamp_raw"), lines, last=True),  # type: ignore[arg-type]
        "body": union_box([ln.bbox for ln in body]) if body else None,
        "counts": union_box([ln.bbox for ln in counted]) if counted else None,
    }
    return Post(
        platform=platform,
        body=join_body(body) or None,
        bbox=union_box([ln.bbox for ln in lines]),
        confidence={"platform": 0.7, **({"body": min(ln.conf for ln in body)} if body else {})},
        boxes={field: [box] for field, box in boxes.items() if box is not None},
        **fields,  # type: ignore[arg-type]
    )


CLOSE = re.compile(r"^\s*[x×✕…]\s*$|^\s*\.{3}\s*$", re.IGNORECASE)  # a post's close or menu button


def _reactions(platform: str, lines: list[Line]) -> Post | None:
    """Facebook and LinkedIn: name, (headline,) time; body; reactions and counts; buttons."""
    at = _button_row(lines, cues()["layouts"][platform]["buttons"])
    top = next((i for i, ln in enumerate(lines[:3]) if not STATUS_BAR.match(ln.text)), 0)
    if at is None or at < top + 3:
        return None
    head = next((i for i in range(top + 1, min(top + 4, at)) if time_in(lines[i].text)), None)
    if head is None:
        return None
    counts_at = at - 1
    row = [ln for ln in lines[:at] if same_row(ln, lines[counts_at])]
    labelled = {k: v for ln in row for k, v in labelled_counts(ln.text).items()}
    bare = [n for ln in row if not labelled_counts(ln.text) and (n := _bare(ln)) is not None]
    counts = Counts(**labelled)
    if bare and counts.likes is None:
        counts.likes = bare[0]
    first_row = min(lines.index(ln) for ln in row)
    return _post(
        platform,
        lines[:at],
        display_name=_name(lines[top].text),
        timestamp_raw=time_in(lines[head].text),
        counts=counts,
        body_lines=[ln for ln in lines[head + 1 : first_row] if not CLOSE.match(ln.text)],
        count_lines=row,
    )


def _tiktok(lines: list[Line]) -> Post | None:
    mark = next((i for i, ln in enumerate(lines) if "original sound" in ln.text.lower()), None)
    if mark is None or mark < 2:
        return None
    name_line = lines[1]
    # 'Name · 10-17'; OCR may read the dot as '.' stuck to both ('DeclanFischer.10-17') or
    # drop it ('MateoOkafor2-23')
    split = r"\s*[·•]\s*|\s+[-–]\s+|(?<=[^\W\d_])\.(?=\d)|(?<=[^\W\d_])(?=\d{1,2}-\d{1,2}\b)"
    name, when = [*re.split(split, name_line.text, maxsplit=1), ""][:2]
    numbers = [n for ln in lines[mark + 1 :] for n in _numbers(ln)][:2]
    counts = Counts(**dict(zip(("likes", "replies"), numbers, strict=False)))
    return _post(
        "TikTok",
        lines[: mark + 2],
        handle=lines[0].text.split()[0] if lines[0].text.split() else None,
        display_name=split_glued_name(_name(name)),
        timestamp_raw=time_in(when) if when else time_in(name_line.text),
        counts=counts,
        body_lines=[ln for ln in lines[2:mark] if not same_row(ln, lines[0])],
    )


def _instagram(lines: list[Line]) -> Post | None:
    head = INSTAGRAM_HEAD.match(lines[0].text.strip())
    if head is None:
        return None
    user = head["user"]
    likes = next((i for i, ln in enumerate(lines) if "likes" in labelled_counts(ln.text)), None)
    more = next(
        (i for i, ln in enumerate(lines) if re.match(r"view all", ln.text, re.I)), len(lines)
    )
    start = likes + 1 if likes is not None else 1
    body = lines[start:more]
    if body and body[0].text.startswith(user):
        body = [body[0].model_copy(update={"text": body[0].text[len(user) :].strip()}), *body[1:]]
    when = next((t for ln in reversed(lines[more:]) if (t := time_in(ln.text))), None)
    counts = Counts(**(labelled_counts(lines[likes].text) if likes is not None else {}))
    return _post(
        "Instagram", lines, handle=user, timestamp_raw=when, counts=counts, body_lines=body
    )


def _youtube(lines: list[Line]) -> Post | None:
    at = next((i for i in range(min(4, len(lines))) if find_handle(lines[i].text)), None)
    if at is None:
        return None
    handle = find_handle(lines[at].text)[1]  # type: ignore[index]
    reply = next((i for i in range(at + 1, len(lines)) if _word(lines[i]).endswith("reply")), None)
    stop = reply if reply is not None else len(lines)
    row = [ln for ln in lines if reply is not None and same_row(ln, lines[reply])]
    likes = next((n for ln in row if (n := _bare(ln)) is not None), None)
    first = min((lines.index(ln) for ln in row), default=stop)
    rest = lines[at].text.split(handle, 1)[1]
    return _post(
        "YouTube",
        lines[at : stop + 1],
        handle=handle,
        timestamp_raw=time_in(rest),
        counts=Counts(likes=likes),
        body_lines=lines[at + 1 : min(first, stop)],
        count_lines=row,
    )


def _telegram(lines: list[Line]) -> Post | None:
    channel = lines[0].text.strip()
    foot = next((i for i, ln in enumerate(lines) if VIEWS_CLOCK.match(ln.text.strip())), None)
    if foot is None:
        return None
    match = VIEWS_CLOCK.match(lines[foot].text.strip())
    start = next((i + 1 for i in range(1, foot) if lines[i].text.strip() == channel), 2)
    return _post(
        "Telegram",
        lines[: foot + 1],
        display_name=clean_name(channel)[0],
        timestamp_raw=match["clock"],  # type: ignore[index]
        counts=Counts(views=parse_count(match["views"])),  # type: ignore[index]
        body_lines=lines[start:foot],
        count_lines=[lines[foot]],
    )


PARSERS: dict[str, Callable[[list[Line]], Post | None]] = {
    "Facebook": lambda lines: _reactions("Facebook", lines),
    "LinkedIn": lambda lines: _reactions("LinkedIn", lines),
    "TikTok": _tiktok,
    "Instagram": _instagram,
    "YouTube": _youtube,
    "Telegram": _telegram,
}


def parse_layout(lines: list[Line]) -> Post | None:
    """The post, if the lines have the layout of one of the platforms above."""
    if len(lines) < 3:
        return None
    for platform, layout in cues()["layouts"].items():
        if "buttons" in layout:
            found = _button_row(lines, layout["buttons"]) is not None
        else:
            found = any(re.search(layout["mark"], ln.text.strip(), re.I) for ln in lines[:12])
        if found and (post := PARSERS[platform](lines)) is not None:
            return post
    return None
