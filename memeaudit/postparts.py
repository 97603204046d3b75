"""The parts of a post below its header, found from the layout of OCR lines: the counts row,
the stamp line, a quoted post's block, a link card, embedded media, thread cues, and the badge
beside the name (from the pixels, when the image is given). Pure functions; memeaudit.post
puts them together."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from memeaudit.geometry import same_row, union_box
from memeaudit.model import BBox, Line, LinkCard, Word
from memeaudit.postfields import (
    cues,
    find_handle,
    find_stamp,
    glyph_count,
    labelled_counts,
    parse_count,
    phrase_in,
)

DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)
PART_OF = re.compile(r"(?<!\d)(\d{1,2})\s?/\s?(\d{1,2})(?!\d)\s*$|🧵")


@dataclass
class CountsRow:
    numbers: list[int]
    lines: list[Line]
    lefts: list[int]  # where each number starts, in pixels
    height: float  # of the row's text


def join_body(lines: list[Line]) -> str:
    """Body lines joined; a vertical gap wider than one line height starts a new paragraph."""
    text: list[str] = []
    for prev, line in zip([None, *lines], lines, strict=False):
        if prev is not None:
            gap = line.bbox[1] - (prev.bbox[1] + prev.bbox[3])
            text.append("\n\n" if gap > 0.9 * line.bbox[3] else " ")
        text.append(line.text)
    return "".join(text).strip()


def merge_fragments(lines: list[Line]) -> list[Line]:
    """OCR lines that are pieces of one line of text (words read as lines of their own, on one
    row and less than a text height apart) joined into one, in reading order."""
    out: list[Line] = []
    for line in lines:
        for k in range(len(out) - 1, max(-1, len(out) - 4), -1):
            prev = out[k]
            gap = line.bbox[0] - (prev.bbox[0] + prev.bbox[2])
            if same_row(prev, line) and -0.5 * line.bbox[3] < gap < 1.0 * line.bbox[3]:
                out[k] = Line(
                    text=f"{prev.text} {line.text}",
                    conf=min(prev.conf, line.conf),
                    bbox=union_box([prev.bbox, line.bbox]),
                    engine=prev.engine,
                    words=[*_as_words(prev), *_as_words(line)],
                )
                break
        else:
            out.append(line)
    return out


def _as_words(line: Line) -> list[Word]:
    """A line's tokens as words with boxes (see _tokens), for a line made of several."""
    return [Word(text=t, conf=line.conf, bbox=box, engine=line.engine) for t, box in _tokens(line)]


def slots(row: CountsRow, n: int, left: float, width: float) -> list[int]:
    """Which of `n` cells of equal width, from x = `left`, each number of the row sits in. A
    count of 0 is drawn as an icon with no number, so three numbers under a post with four cells
    are placed by where they are, not by their order: the numbers' starts must fall on a grid
    of equal pitch that begins at the row's start (the icon sits before each number, and OCR
    may put it in the number's box, so the offset is allowed up to two text heights). With
    fewer than three numbers the pitch is taken from the column's `width` (the counts cells and
    a bookmark cell across it)."""
    k, h = len(row.numbers), row.height
    if k >= n or k == 0:
        return list(range(k))
    guess = width / (n + 1)
    best: tuple[float, tuple[int, ...]] = (float("inf"), tuple(range(k)))
    for chosen in combinations(range(n), k):
        xs = np.array(row.lefts, dtype=float)
        ss = np.array(chosen, dtype=float)
        if k >= 3:
            pitch, offset = np.polyfit(ss, xs, 1)
            miss = float(np.abs(offset + pitch * ss - xs).max()) / max(pitch, 1.0)
        else:
            pitch = guess
            offset = float(np.mean(xs - pitch * ss))
            miss = float(np.abs(offset + pitch * ss - xs).max()) / pitch
            miss += (
                abs(float(xs[-1] - xs[0]) / max(ss[-1] - ss[0], 1) - pitch) / pitch if k == 2 else 0
            )
        if pitch < 2 * h:
            continue
        start = offset - left
        outside = max(0.0, -h - start, start - 2.5 * h) / pitch
        cost = miss + 2 * outside
        if cost < best[0]:
            best = (cost, chosen)
    return list(best[1])


def _tokens(line: Line) -> list[tuple[str, BBox]]:
    """A line's tokens with their boxes: the line's own box for a line of one token (engines
    that estimate word boxes place them less well), its words where they are its tokens, else
    boxes shared out by characters."""
    tokens = line.text.split()
    if len(tokens) == 1:
        return [(tokens[0], line.bbox)]
    if [w.text for w in line.words] == tokens:
        return [(w.text, w.bbox) for w in line.words]
    width = line.bbox[2] / max(len(line.text), 1)
    out, at = [], 0
    for token in line.text.split(" "):
        if token:
            out.append((token, (line.bbox[0] + round(at * width), *line.bbox[1:2],
                                round(len(token) * width), line.bbox[3])))  # fmt: skip
        at += len(token) + 1
    return out


STUCK_COUNTS = re.compile(  # '53.8K424', '6.3Mlil657': two counts OCR ran together
    r"^(?P<a>\d[\d.,]*[KMB])(?:[^\d\s]{0,3})(?P<b>\d[\d.,]*[KMB]?)$|"
    r"^(?P<c>\d[\d.,]*[KMB]?)[^\d\s.,:KMB]{1,3}(?P<d>\d[\d.,]*[KMB]?)$"  # not a clock, 12:30
)


def _split(tokens: list[tuple[str, BBox]]) -> list[tuple[str, BBox]]:
    """Tokens that are two counts run together, as two tokens sharing the box by characters."""
    out = []
    for text, box in tokens:
        match = STUCK_COUNTS.match(text)
        if match is None:
            out.append((text, box))
            continue
        first, second = (match["a"], match["b"]) if match["a"] else (match["c"], match["d"])
        cut = round(box[2] * (len(text) - len(second)) / len(text))
        out += [
            (first, (box[0], box[1], cut, box[3])),
            (second, (box[0] + cut, box[1], box[2] - cut, box[3])),
        ]
    return out


def row_numbers(row: list[Line]) -> list[tuple[int, int]] | None:
    """The counts in a row of bare numbers, left to right, or None if the row is not one: each
    piece is a count or a short button label, never prose. An icon glyph read as letters stuck
    to a count ('P333') gives the count; one read as a count of its own right before another
    count ('C2 1.2K', '2 1.2K') is left out."""
    tokens = sorted((t for ln in row for t in _split(_tokens(ln))), key=lambda t: t[1][0])
    height = statistics.median(ln.bbox[3] for ln in row)
    items: list[tuple[int, BBox]] = []  # (value, box)
    for text, box in tokens:
        if (n := parse_count(text)) is not None or (n := glyph_count(text)) is not None:
            items.append((n, box))
    words = sum(
        1
        for text, _ in tokens
        if len(text) > 2
        and any(c.isalpha() for c in text)
        and glyph_count(text) is None
        and parse_count(text) is None
    )
    if words > 2 or (len(items) < 2 and not (items and words == 0)):
        return None
    kept = []
    icon_at: int | None = None
    for i, (value, box) in enumerate(items):
        nxt = items[i + 1] if i + 1 < len(items) else None
        close = nxt is not None and nxt[1][0] - (box[0] + box[2]) < 1.2 * height
        if close and value < 10:  # 'C2 1.2K'; an icon stuck to a count ('Q933') is the count
            icon_at = box[0]  # an icon read as a digit, right before the count it stands for
            continue
        kept.append((value, box[0] if icon_at is None else icon_at))
        icon_at = None
    return kept if len(kept) >= 2 or (len(kept) == 1 and len(row) == 1) else None


def counts_row(lines: list[Line], start: int, stop: int) -> CountsRow | None:
    """The bottom-most row of bare counts in lines[start:stop]: the counts row sits under the
    post, so numbers in an embedded picture above it are never taken. A row of a single number
    counts only when it is the last row (a post with one count drawn)."""
    seen: set[int] = set()
    rows: list[list[Line]] = []
    for i in range(start, stop):
        if i in seen:
            continue
        row = [j for j in range(start, stop) if same_row(lines[j], lines[i])]
        seen.update(row)
        rows.append([lines[j] for j in row])
    rows.sort(key=lambda r: r[0].bbox[1])  # OCR's order is not always top to bottom
    for k in range(len(rows) - 1, -1, -1):
        row = rows[k]
        tall = statistics.median(ln.bbox[3] for ln in row)
        row = [ln for ln in row if ln.bbox[3] >= 0.7 * tall]
        text = " ".join(ln.text for ln in row)
        if labelled_counts(text) or find_stamp(text):
            continue  # the stamp line, or counts with their labels
        numbers = row_numbers(row)
        if numbers and (len(numbers) >= 2 or k == len(rows) - 1):
            if len(numbers) == 1 and (k == 0 or parse_count(row[0].text.strip()) is None):
                continue
            height = statistics.median(ln.bbox[3] for ln in row)
            return CountsRow([n for n, _ in numbers], row, [x for _, x in numbers], height)
    return None


def is_quote_header(line: Line, body_left: int) -> bool:
    """A quoted post's header inside a post: a name and handle, drawn indented."""
    found = find_handle(line.text, header=True)
    return found is not None and line.bbox[0] > body_left + 0.3 * line.bbox[3]


def quote_block(lines: list[Line], at: int, stop: int) -> list[Line]:
    """The quoted post's lines from its header at `at`: those indented as far as it is."""
    left = lines[at].bbox[0]
    block = [lines[at]]
    for line in lines[at + 1 : stop]:
        if line.bbox[0] < left - 0.5 * line.bbox[3]:
            break
        block.append(line)
    return block


def link_card(lines: list[Line], start: int, stop: int) -> tuple[LinkCard, list[Line]] | None:
    """A link card: a line that is a bare domain ('example.org', 'From example.org') and the
    title drawn beside it in the same block."""
    prefixes = [p.lower() for p in cues()["link_prefix"]]
    for i in range(start, stop):
        text = lines[i].text.strip()
        words = text.split()
        if len(words) == 2 and words[0].lower() in prefixes:
            text = words[1]
        elif len(words) == 2 and "." in words[1]:
            text = "".join(words)  # a domain OCR cut in two ('blog.examp le.net')
        if not DOMAIN.match(text) or not any(c.isalpha() for c in text.split(".")[-1]):
            continue
        used = [lines[i]]
        title = None
        for j in (i + 1, i - 1):
            if start <= j < stop and abs(lines[j].bbox[0] - lines[i].bbox[0]) < lines[i].bbox[3]:
                gap = abs(lines[j].bbox[1] - lines[i].bbox[1])
                if gap < 2.2 * lines[i].bbox[3] and not parse_count(lines[j].text.split()[0]):
                    title = lines[j].text.strip()
                    used.append(lines[j])
                    break
        box = union_box([ln.bbox for ln in used])
        return LinkCard(domain=text.lower(), title=title, bbox=box), used
    return None


def picture_lines(lines: list[Line], ref_height: float) -> list[Line]:
    """Lines drawn far taller than the post's text: writing inside an embedded picture."""
    return [ln for ln in lines if ln.bbox[3] > 1.8 * ref_height]


def gap_box(above: Line, below: Line, left: int, right: int) -> BBox | None:
    """The empty space between two lines when it is taller than three lines of text: an
    embedded picture that carries no text."""
    top = above.bbox[1] + above.bbox[3]
    gap = below.bbox[1] - top
    if gap > 3 * max(above.bbox[3], below.bbox[3]):
        return (left, top, max(right - left, 1), gap)
    return None


def is_thread(lines: list[Line], body: str | None) -> bool:
    """'Show this thread', a '2/5' or 🧵 at the end of the body."""
    if any(
        (p := phrase_in(ln.text, "thread")) and len(ln.text.strip()) <= len(p) + 4 for ln in lines
    ):
        return True
    return bool(body and PART_OF.search(body))


def badge_box(image: np.ndarray | None, name_box: BBox) -> BBox | None:
    """Where a verification badge beside the name is: a round blob of a badge colour
    (postcues.yaml), about as tall as a letter, at the end of the name's box (OCR often takes
    the badge into the box, never into the text) or just after it. None if there is none.
    `image` is RGB."""
    if image is None:
        return None
    x, y, w, h = name_box
    x0, x1 = max(0, x + w - round(1.5 * h)), min(image.shape[1], x + w + round(2.2 * h))
    y0, y1 = max(0, y - h // 8), min(image.shape[0], y + h)  # not the blue link under it
    if x1 - x0 < 3 or y1 - y0 < 3:
        return None
    patch = image[y0:y1, x0:x1, :3].astype(np.int32)
    for rgb in cues()["badge_colours"].values():
        ys, xs = np.nonzero(np.abs(patch - np.array(rgb)).sum(axis=2) < 60)
        if len(ys) < max(10, 0.08 * h * h):
            continue
        tall, wide = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
        if 0.3 * h <= tall <= 1.3 * h and 0.6 <= wide / tall <= 1.6:
            return (x0 + int(xs.min()), y0 + int(ys.min()), int(wide), int(tall))
    return None
