"""OCR lines -> the fields of a social-media post screenshot, each with a confidence.

Only what is visible is filled: a field the layout does not show stays None. The platform comes
from the layout: the shape of the handle (@user on X, @name.bsky.social on Bluesky,
@user@instance on Mastodon, u/user on Reddit), a bare username with a relative time (Threads),
and the timestamp line and counts row that follow the body.

Top to bottom, a post is: an optional "… reposted" line; the header (name and handle on one line
or two, a time after the handle in a timeline); "Replying to @…"; the body; a quoted post
(indented, parsed as a post of its own), a link card or a picture; the stamp line; the counts
row (the bottom-most row of counts, so digits in a picture are never counts). The pieces below
the header are found by memeaudit.postparts.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

import numpy as np

from memeaudit import postparts as parts
from memeaudit.geometry import same_row, union_box
from memeaudit.model import BBox, Counts, Line, OcrResult, Post
from memeaudit.postfields import (
    AGO,
    LABELLED,
    RELATIVE,
    SHORT_DATE,
    THREADS_HEADER,
    VIEWS,
    clean_name,
    cues,
    find_handle,
    find_stamp,
    fix_handle,
    labelled_counts,
    phrase_in,
)
from memeaudit.postlayouts import parse_layout
from memeaudit.textspans import box_of
from memeaudit.tokenread import glued, read_line, reconcile, spaced

REDDIT_BYLINE = re.compile(r"(^|\s)r/\w+|\bposted by\s*$", re.IGNORECASE)
HEADER_LINES = 8  # the handle is among the first lines of a post screenshot
# The rest of a handle whose '_' OCR read as a space: '@ravi haddad · Mar 4', '@priya sato47'.
SPLIT_HANDLE = re.compile(
    r"^ (?!\d{1,2}[smhdw]\b)(?=[a-z0-9_]*[a-z])([a-z0-9_]{2,14})(?![\w@]|\.\w)"
)


@dataclass
class Header:
    at: int  # index of the handle's line
    platform: str
    handle: str
    name: str | None
    name_conf: float
    name_box: tuple[int, int, int, int] | None
    lines: list[Line]
    time: str | None  # as shown in the header ('2h', '13 Sep')
    reposted_by: str | None


def _header_time(text: str) -> str | None:
    text = re.sub(r"(?<![A-Za-z])[lI](?=\d)", "1", text)  # 'l3 Sep'
    if stamp := find_stamp(text):
        return stamp.shown
    if match := RELATIVE.search(text):
        return match.group(1).replace(" ", "")
    if match := SHORT_DATE.search(text):
        return match.group(0)
    return match.group(0) if (match := AGO.search(text)) else None


def _reposted(line: Line | None) -> str | None:
    """'Ines Ortega reposted' -> 'Ines Ortega'."""
    if line is None or not (word := phrase_in(line.text, "reposted")):
        return None
    at = line.text.lower().find(word.lower())
    tokens = re.sub(r"^[a-z]{1,2}(?=[A-Z])", "", line.text[:at].strip()).split()  # 'tMateo'
    while tokens and len(tokens[0]) <= 2 and not tokens[0][:1].isupper():
        tokens.pop(0)  # the repost icon, read as 't', 'ta' or '1'
    return clean_name(" ".join(tokens))[0]


def _name_before(lines: list[Line], i: int) -> tuple[str | None, Line | None]:
    """The name on the handle's row to its left, or on the line above it, left-aligned."""
    line = lines[i]
    left = [
        ln
        for ln in lines[: i + 3]
        if ln is not line and same_row(ln, line) and ln.bbox[0] < line.bbox[0]
    ]
    if left:
        nearest = max(left, key=lambda ln: ln.bbox[0])
        return clean_name(nearest.text)[0], nearest
    above = next(
        (ln for ln in reversed(lines[:i]) if abs(ln.bbox[0] - line.bbox[0]) < 3 * line.bbox[3]),
        None,
    )
    if (
        above is not None
        and line.bbox[1] - (above.bbox[1] + above.bbox[3]) < 1.5 * line.bbox[3]
        and not phrase_in(above.text, "reposted")
    ):
        return clean_name(above.text)[0], above
    return None, None


def _header(
    lines: list[Line], limit: int = HEADER_LINES, image: np.ndarray | None = None
) -> Header | None:
    for i, line in enumerate(lines[:limit]):
        text = line.text.strip()
        if threads := THREADS_HEADER.match(text):
            return Header(
                i, "Threads", threads["user"], None, 0.0, None, [line], threads["ago"], None
            )
        if phrase_in(text, "reply") or phrase_in(text, "reposted"):
            continue
        found = find_handle(text, header=True)
        if not found:
            continue
        platform, handle = found
        start = text.find(handle)
        before, after = text[:start], text[start + len(handle) :]
        if before.rstrip().endswith(":"):
            continue  # 'Flood her page: @kayleigh': a handle the text names, not its author
        if platform == "X" and (rest := SPLIT_HANDLE.match(after)):
            handle, after = f"{handle}_{rest[1]}", after[rest.end(1) :]  # '_' read as a space
        handle = fix_handle(handle)
        if image is not None and platform == "X":
            handle = reconcile(handle, read_line(image, line.bbox))  # a dropped '_'
        right = [
            ln for ln in lines[i + 1 : i + 3] if same_row(ln, line) and ln.bbox[0] > line.bbox[0]
        ]
        time = _header_time(after) or next(
            (t for ln in right if (t := _header_time(ln.text))), None
        )
        used = [line]
        worded = any(sum(c.isalpha() for c in w) >= 2 for w in before.split())  # not 'r @mara'
        name, name_line = clean_name(before)[0] if worded else None, line
        if name is None and platform != "Reddit":
            name, name_line = _name_before(lines, i)
            if name_line is not None:
                used = [name_line, line]
        if platform == "Reddit" and name and REDDIT_BYLINE.search(name):
            name = None  # 'r/personalfinance · Posted by': the subreddit's byline, not a name
        if platform == "Reddit" and i:
            used = [lines[i - 1], line]
        name_box = _name_box(name_line, name) if name and name_line is not None else None
        if name and name_box is not None:
            name = _respaced(name, name_box, image)
        first = min(lines.index(ln) for ln in used)
        repost = _reposted(lines[first - 1]) if first else None
        conf = name_line.conf if name and name_line is not None else 0.0
        return Header(i, platform, handle, name, conf, name_box, used, time, repost)
    return None


def _respaced(name: str, box: BBox, image: np.ndarray | None) -> str:
    """The name with the spaces a second reading of its box draws where OCR ran a lower-case
    letter into a capital ('MarketNews'); else the name as read."""
    return spaced(name, read_line(image, box)) if image is not None and glued(name) else name


def _layout_respaced(post: Post, image: np.ndarray | None) -> Post:
    """A layout's post with its name respaced (_respaced)."""
    name, boxes = post.display_name, post.boxes.get("display_name")
    if not name or not boxes or (fixed := _respaced(name, boxes[0], image)) == name:
        return post
    return post.model_copy(update={"display_name": fixed})


def _name_box(line: Line, name: str) -> tuple[int, int, int, int]:
    """The box of the name's words in its line (the badge sits right after it)."""
    words = [w for w in line.words if w.text.strip()]
    n = len(name.split())
    if len(words) >= n and [w.text for w in words[:n]] == name.split():
        return union_box([w.bbox for w in words[:n]])
    share = min(1.0, len(name) / max(len(line.text), 1))
    return (line.bbox[0], line.bbox[1], round(line.bbox[2] * share), line.bbox[3])


def _next_header(lines: list[Line], head: Header, after: int) -> int:
    """Where a second post starts below this one (a thread, or the replies under it): a handle
    in the header's column, alone on its line or followed by a time."""
    column = lines[head.at].bbox[0]
    for i in range(after + 1, len(lines)):
        line = lines[i]
        found = find_handle(line.text, header=True)
        if not found or abs(line.bbox[0] - column) > line.bbox[3]:
            continue
        stripped = line.text.strip()
        at = stripped.find(found[1])
        rest = stripped[at + len(found[1]) :]
        alone = stripped == found[1]
        named = any(c.isalpha() for c in stripped[:at])
        header_like = alone or (
            named and len(rest) < 12 and (_header_time(rest) or not rest.strip())
        )
        if header_like and parts.counts_row(lines, after, i) is not None:
            return i - 1 if alone and _name_before(lines, i)[1] is lines[i - 1] else i
    return len(lines)


def _reply(lines: list[Line], middle: list[int]) -> tuple[str | None, list[int]]:
    """The handle of a 'Replying to @…' line right under the header (OCR may split the row or
    read the handle's '_' as a space), and the line indices left for the body."""
    for i in middle[:2]:
        if not phrase_in(lines[i].text, "reply"):
            continue
        row = sorted(
            (j for j in middle if same_row(lines[j], lines[i])), key=lambda j: lines[j].bbox[0]
        )
        joined = " ".join(lines[j].text for j in row)
        if not (found := find_handle(joined, header=True)):
            return None, middle
        tail = SPLIT_HANDLE.match(joined[joined.find(found[1]) + len(found[1]) :])
        handle = fix_handle(found[1] + (f"_{tail[1]}" if tail else ""))
        return handle, [j for j in middle if j not in row]
    return None, middle


def _gap_after(
    lines: list[Line], body: list[Line], known: list[Line], left: int
) -> tuple[int, int, int, int] | None:
    """A picture with no text in it: the empty gap under the body, unless a known part (a link
    card's text, a quoted post) comes right after it."""
    nxt = next((lines[i] for i in range(lines.index(body[-1]) + 1, len(lines))), None)
    if nxt is None or nxt in known:
        return None
    right = max(ln.bbox[0] + ln.bbox[2] for ln in body)
    return parts.gap_box(body[-1], nxt, left, right)


def _counts(
    platform: str,
    labelled: dict[str, int],
    row: parts.CountsRow | None,
    stamp_line: Line | None,
    body: list[Line],
    left: int,
) -> Counts:
    """Labelled counts, the views in the stamp line, then the counts row's numbers in the
    cells the platform draws (postcues.yaml), placed by position."""
    counts = Counts(**labelled)
    if stamp_line is not None and (views := VIEWS.search(stamp_line.text)):
        counts.views = labelled_counts(views.group(0)).get("views")
    if row is None:
        return counts
    layout = "count_order_under_stamp" if stamp_line is not None else "count_order"
    order = cues()[layout].get(platform) or cues()["count_order"].get(platform, ())
    free = [f for f in order if getattr(counts, f) is None]
    width = max((ln.bbox[0] + ln.bbox[2] for ln in body), default=0) - left
    where = parts.slots(row, len(free), left, max(width, row.height * 10))
    for slot, value in zip(where, row.numbers, strict=False):
        if slot < len(free):  # more numbers than cells: the rest are not counts
            setattr(counts, free[slot], value)
    return counts


def _stamp_line(lines: list[Line], start: int, stop: int) -> int | None:
    """The bottom-most line in range whose time has a clock or a year: the stamp line."""
    for i in range(stop - 1, start - 1, -1):
        if (stamp := find_stamp(lines[i].text)) and stamp.full:
            return i
    return None


def parse_post(
    ocr: OcrResult, image: np.ndarray | None = None, nested: bool = False
) -> Post | None:
    """The post in the OCR lines, or None. `image` (RGB pixels) lets the badge be seen;
    `nested` parses a quoted post's lines, which need no stamp or counts."""
    lines = ocr.lines if nested else parts.merge_fragments(ocr.lines)
    if not nested and (by_layout := parse_layout(lines)) is not None:
        return _layout_respaced(by_layout, image)
    head = _header(lines, 2 if nested else HEADER_LINES, image)
    if head is None:
        return None
    header_rows = [ln for ln in lines if any(same_row(ln, h) for h in head.lines)]
    after = max(lines.index(ln) for ln in head.lines) + 1
    end = _next_header(lines, head, after) if not nested else len(lines)
    row = parts.counts_row(lines, after, end)
    row_at = lines.index(row.lines[0]) if row else end
    stamp_at = _stamp_line(lines, after, row_at)
    labelled: dict[str, int] = {}
    label_lines: list[Line] = []
    for line in lines[stamp_at if stamp_at is not None else after : end]:
        if (found := labelled_counts(line.text)) and not phrase_in(line.text, "reply"):
            labelled = {**found, **labelled}
            label_lines.append(line)
    count_lines = label_lines + (row.lines if row else [])
    content_end = min(
        [i for i in (stamp_at, row_at if row else None) if i is not None]
        + ([lines.index(label_lines[0])] if label_lines else [])
        + [end]
    )
    cues_seen = (stamp_at is not None) + bool(count_lines)
    bare = not (head.name and (len(head.lines) == 2 or head.time))
    if head.platform == "X" and not nested and not cues_seen and bare:
        return None  # an @handle in a caption is not a post
    if head.platform == "Threads" and not count_lines:
        return None
    # Between the header and the stamp: reply line, body, quoted post, link card, picture.
    middle = [i for i in range(after, content_end) if lines[i] not in header_rows]
    reply_to, kept = _reply(lines, middle)
    reply_lines, middle = [lines[i] for i in middle if i not in kept], kept
    body_left = min((lines[i].bbox[0] for i in middle), default=lines[head.at].bbox[0])
    quote_at = next((i for i in middle if parts.is_quote_header(lines[i], body_left)), None)
    quoted, quote_lines = None, []
    if quote_at is not None:
        quote_lines = parts.quote_block(lines, quote_at, content_end)
        sub = OcrResult(text="", engine=ocr.engine, words=[], lines=quote_lines)
        quoted = parse_post(sub, image, nested=True)
    rest = [i for i in middle if lines[i] not in quote_lines]
    card = parts.link_card(lines, min(rest, default=after), max(rest, default=after - 1) + 1)
    card_lines = card[1] if card else []
    text_height = statistics.median([lines[i].bbox[3] for i in rest] or [lines[head.at].bbox[3]])
    picture = parts.picture_lines(
        [lines[i] for i in rest], min(text_height, lines[head.at].bbox[3] * 1.3)
    )
    body_lines = [lines[i] for i in rest if lines[i] not in card_lines and lines[i] not in picture]
    cut = next(
        (
            k
            for k, ln in enumerate(body_lines)
            if quote_lines and ln.bbox[1] > quote_lines[0].bbox[1]
        ),
        None,
    )
    body_lines = body_lines[:cut] if cut is not None else body_lines
    media_box = union_box([ln.bbox for ln in picture]) if picture else None
    if media_box is None and body_lines:
        media_box = _gap_after(lines, body_lines, [*card_lines, *quote_lines], body_left)
    stamp_line = lines[stamp_at] if stamp_at is not None else None
    stamp = find_stamp(stamp_line.text) if stamp_line is not None else None
    counts = _counts(head.platform, labelled, row, stamp_line, body_lines, body_left)
    body = parts.join_body(body_lines) or None
    handle_shape = head.platform in ("Mastodon", "Bluesky", "Reddit")
    confidence = {
        "platform": min(0.95, 0.5 + 0.2 * cues_seen + 0.2 * handle_shape),
        "handle": lines[head.at].conf,
    }
    if head.name:
        confidence["display_name"] = head.name_conf
    if body_lines:
        confidence["body"] = min(ln.conf for ln in body_lines)
    if stamp or head.time:
        confidence["timestamp"] = (
            lines[stamp_at].conf if stamp_at is not None else lines[head.at].conf
        )
    if count_lines:
        confidence["counts"] = min(ln.conf for ln in count_lines)
    shown = [*head.lines, *body_lines, *quote_lines, *card_lines, *count_lines]
    shown += [lines[stamp_at]] if stamp_at is not None else []
    first = min(lines.index(ln) for ln in head.lines)
    handle_line = lines[head.at]
    if stamp and stamp_line is not None:
        stamp_box = box_of(stamp.shown, [stamp_line]) or stamp_line.bbox
    elif head.time:
        stamp_box = box_of(head.time, [handle_line], last=True) or handle_line.bbox
    else:
        stamp_box = None
    badge = parts.badge_box(image, head.name_box) if head.name_box else None
    boxes = {
        "display_name": head.name_box,
        "verified": badge,
        "handle": box_of(head.handle, [handle_line]) or handle_line.bbox,
        "body": union_box([ln.bbox for ln in body_lines]) if body_lines else None,
        "timestamp": stamp_box,
        "reply_to": union_box([ln.bbox for ln in reply_lines]) if reply_lines else None,
        "reposted_by": lines[first - 1].bbox if head.reposted_by and first else None,
    }
    count_boxes = [union_box([ln.bbox for ln in row.lines])] if row else []
    for line in label_lines:  # '4.1M Views' at the end of the date line: that part only
        spans = [m.group(0) for m in (*VIEWS.finditer(line.text), *LABELLED.finditer(line.text))]
        count_boxes += [box_of(span, [line]) or line.bbox for span in spans] or [line.bbox]
    return Post(
        platform=head.platform,
        display_name=head.name,
        handle=head.handle,
        timestamp=stamp.iso if stamp else None,
        timestamp_raw=stamp.shown if stamp else head.time,
        body=body,
        counts=counts,
        confidence=confidence,
        bbox=union_box([ln.bbox for ln in shown]),
        verified=badge is not None,
        reply_to=reply_to,
        reposted_by=head.reposted_by,
        quoted=quoted,
        thread=not nested and (end < len(lines) or parts.is_thread(lines[after:], body)),
        link_card=card[0] if card else None,
        media=media_box is not None,
        media_bbox=media_box,
        boxes={
            **{field: [box] for field, box in boxes.items() if box is not None},
            **({"counts": list(dict.fromkeys(count_boxes))} if count_boxes else {}),
        },
    )
