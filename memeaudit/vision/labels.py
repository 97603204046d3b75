"""Tie short OCR labels (one to three words over a picture) to the nearest detected object."""

from __future__ import annotations

from memeaudit.model import BBox, DetectedObject, Line, Post
from memeaudit.ocr.base import overlap

MAX_WORDS = 3


def short_labels(lines: list[Line], post: Post | None) -> list[Line]:
    """Lines of one to three words that are not part of the post card."""
    return [
        ln
        for ln in lines
        if 1 <= len(ln.text.split()) <= MAX_WORDS
        and any(c.isalpha() for c in ln.text)
        and not (post and post.bbox and overlap(ln.bbox, post.bbox) > 0.5)
    ]


def _distance(label: BBox, obj: BBox) -> float | None:
    """Vertical gap between a label and an object it sits over, under or inside; else None."""
    cx = label[0] + label[2] / 2
    if not obj[0] - 0.1 * obj[2] <= cx <= obj[0] + 1.1 * obj[2]:
        return None
    above = obj[1] - (label[1] + label[3])
    below = label[1] - (obj[1] + obj[3])
    gap = max(above, below, 0)
    return gap if gap <= 0.6 * obj[3] else None


def tie(
    labels: list[Line], objects: list[DetectedObject]
) -> tuple[list[DetectedObject], list[str]]:
    """Give each object at most one label, nearest first; return objects and untied labels."""
    pairs = sorted(
        (d, li, oi)
        for li, label in enumerate(labels)
        for oi, obj in enumerate(objects)
        if (d := _distance(label.bbox, obj.bbox)) is not None
    )
    tags: dict[int, str] = {}
    used: set[int] = set()
    for _, li, oi in pairs:
        if li not in used and oi not in tags:
            tags[oi] = labels[li].text
            used.add(li)
    tied = [obj.model_copy(update={"tag": tags.get(i)}) for i, obj in enumerate(objects)]
    return tied, [ln.text for i, ln in enumerate(labels) if i not in used]
