"""Box arithmetic on (x, y, w, h) image-pixel boxes, shared by OCR, post fields, vision, redaction
and the annotation. It knows the model's box and line types and nothing else."""

from __future__ import annotations

from memeaudit.model import BBox, Line, Word


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


def same_row(a: Line, b: Line) -> bool:
    """Vertical centres closer than half the shorter line's height."""
    ca, cb = a.bbox[1] + a.bbox[3] / 2, b.bbox[1] + b.bbox[3] / 2
    return abs(ca - cb) < 0.5 * min(a.bbox[3], b.bbox[3])
