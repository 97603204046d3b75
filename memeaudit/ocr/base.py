"""The OCR engine interface, and the geometry helpers every engine shares."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from memeaudit.model import BBox, Line, Word


class OcrEngine(Protocol):
    """An engine reads a BGR image and returns lines (with words) in image pixels."""

    name: str

    def version(self) -> str: ...

    def read(self, bgr: np.ndarray) -> list[Line]: ...


def union_box(boxes: list[BBox]) -> BBox:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return (x0, y0, x1 - x0, y1 - y0)


def intersection(a: BBox, b: BBox) -> int:
    """Area, in pixels, that two boxes share."""
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    return ix * iy


def overlap(a: BBox, b: BBox) -> float:
    """Intersection over the smaller box's area: 1.0 when one box holds the other."""
    smaller = min(a[2] * a[3], b[2] * b[3])
    return intersection(a, b) / smaller if smaller > 0 else 0.0


def iou(a: BBox, b: BBox) -> float:
    """Intersection over union of two boxes."""
    shared = intersection(a, b)
    union = a[2] * a[3] + b[2] * b[3] - shared
    return shared / union if union > 0 else 0.0


def split_words(text: str, box: BBox, conf: float, engine: str) -> list[Word]:
    """Words of a line-level reading, with boxes spread in proportion to their characters."""
    tokens = text.split()
    if not tokens:
        return []
    x, y, w, h = box
    per_char = w / max(1, len(text))
    words, cursor = [], 0
    for token in tokens:
        start = text.index(token, cursor)
        cursor = start + len(token)
        wx = x + round(start * per_char)
        words.append(
            Word(
                text=token, conf=conf, bbox=(wx, y, round(len(token) * per_char), h), engine=engine
            )
        )
    return words


def _widest_gap(spans: list[tuple[int, int]]) -> tuple[int, int]:
    """(gap, cut position) of the widest empty stretch between 1-D spans; gap < 0 if none."""
    spans = sorted(spans)
    best, cut, reach = -1, 0, spans[0][1]
    for start, end in spans[1:]:
        if start - reach > best:
            best, cut = start - reach, start
        reach = max(reach, end)
    return best, cut


def reading_order(lines: list[Line]) -> list[Line]:
    """Recursive XY-cut: split the lines at the widest empty band, across or down, and read the
    parts top to bottom or left to right. Side-by-side panels and label blocks come out whole;
    a post card comes out header, body, counts."""
    if len(lines) <= 1:
        return list(lines)
    across, y_cut = _widest_gap([(ln.bbox[1], ln.bbox[1] + ln.bbox[3]) for ln in lines])
    down, x_cut = _widest_gap([(ln.bbox[0], ln.bbox[0] + ln.bbox[2]) for ln in lines])
    height = sorted(ln.bbox[3] for ln in lines)[len(lines) // 2]
    # Cut down a column gap when no row gap exists, or when the column gap is wide (panels).
    if down >= 0.5 * height and (across < 0 or (down >= 2 * height and down > across)):
        first = [ln for ln in lines if ln.bbox[0] < x_cut]
        return reading_order(first) + reading_order([ln for ln in lines if ln.bbox[0] >= x_cut])
    if across >= 0:
        first = [ln for ln in lines if ln.bbox[1] < y_cut]
        return reading_order(first) + reading_order([ln for ln in lines if ln.bbox[1] >= y_cut])
    return _rows(lines)


def same_row(a: Line, b: Line) -> bool:
    """Vertical centres closer than half the shorter line's height."""
    ca, cb = a.bbox[1] + a.bbox[3] / 2, b.bbox[1] + b.bbox[3] / 2
    return abs(ca - cb) < 0.5 * min(a.bbox[3], b.bbox[3])


def _rows(lines: list[Line]) -> list[Line]:
    """Lines that no cut separates: rows by vertical centre, each read left to right."""
    ordered = sorted(lines, key=lambda ln: ln.bbox[1] + ln.bbox[3] / 2)
    rows: list[list[Line]] = []
    for line in ordered:
        if rows and same_row(line, rows[-1][0]):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda ln: ln.bbox[0])]
