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


def overlap(a: BBox, b: BBox) -> float:
    """Intersection over the smaller box's area: 1.0 when one box holds the other."""
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    smaller = min(a[2] * a[3], b[2] * b[3])
    return (ix * iy) / smaller if smaller > 0 else 0.0


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


def reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom; lines whose vertical centres share a row read left to right."""
    ordered = sorted(lines, key=lambda ln: ln.bbox[1] + ln.bbox[3] / 2)
    rows: list[list[Line]] = []
    for line in ordered:
        centre = line.bbox[1] + line.bbox[3] / 2
        if rows:
            last = rows[-1][0]
            if abs(centre - (last.bbox[1] + last.bbox[3] / 2)) < 0.5 * min(
                line.bbox[3], last.bbox[3]
            ):
                rows[-1].append(line)
                continue
        rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda ln: ln.bbox[0])]
