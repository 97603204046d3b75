"""Tie short OCR labels (one to three words over a picture) to the nearest detected object."""

from __future__ import annotations

from functools import cache

from memeaudit.geometry import overlap
from memeaudit.model import BBox, DetectedObject, Line, Post
from memeaudit.paths import PACKAGE
from memeaudit.yamlload import safe_load

MAX_WORDS = 3
MAX_GAP_ABOVE = 1.5  # a label may float this many object-heights above its object
MAX_GAP_BELOW = 0.6


def _isolated(line: Line, lines: list[Line]) -> bool:
    """No aligned text line sits directly above or below it: a label, not a caption's line."""
    x, y, w, h = line.bbox
    for other in lines:
        if other is line:
            continue
        ox, oy, ow, oh = other.bbox
        centred = abs((ox + ow / 2) - (x + w / 2)) < 0.25 * max(w, ow)
        left_aligned = abs(ox - x) < max(h, oh)
        gap = max(oy - (y + h), y - (oy + oh))
        if (centred or left_aligned) and gap < 0.6 * max(h, oh):
            return False
    return True


def _caption_line(line: Line, lines: list[Line], width: int, height: int) -> bool:
    """A top or bottom caption: near an edge, centred on the image, alone in its row."""
    x, y, w, h = line.bbox
    near_edge = y + h / 2 < 0.3 * height or y + h / 2 > 0.7 * height
    centred = abs(x + w / 2 - width / 2) < 0.12 * width
    row = [
        o for o in lines if o is not line and abs((o.bbox[1] + o.bbox[3] / 2) - (y + h / 2)) < h / 2
    ]
    return near_edge and centred and not row


@cache
def _words() -> dict:
    return safe_load((PACKAGE / "vision" / "label_words.yaml").read_text(encoding="utf-8"))


def word_like(text: str) -> bool:
    """Enough letters, mostly letters, and not the start of a sentence's fragment."""
    rules = _words()
    chars = [c for c in text if not c.isspace()]
    letters = sum(c.isalpha() for c in chars)
    first = text.split()[0] if text.split() else ""
    return (
        letters >= rules["min_letters"]
        and letters >= rules["min_letter_share"] * len(chars)
        and first not in rules["fragment_starts"]
    )


def short_labels(lines: list[Line], post: Post | None, size: tuple[int, int]) -> list[Line]:
    """Lines of one to three words standing alone: not in the post card, not a caption, not a
    line of a stacked text block."""
    width, height = size
    free = [
        ln
        for ln in lines
        if not (post and post.bbox and overlap(ln.bbox, post.bbox) > 0.5)
        and not _caption_line(ln, lines, width, height)
    ]
    return [
        ln
        for ln in free
        if 1 <= len(ln.text.split()) <= MAX_WORDS and word_like(ln.text) and _isolated(ln, free)
    ]


def _distance(label: BBox, obj: BBox) -> float | None:
    """Horizontal offset of centres plus the vertical gap, if the label can belong to obj."""
    cx = label[0] + label[2] / 2
    if label[2] > 1.5 * obj[2]:
        return None  # wider than the object: a caption, not its label
    if not obj[0] - 0.1 * obj[2] <= cx <= obj[0] + 1.1 * obj[2]:
        return None
    above = obj[1] - (label[1] + label[3])
    below = label[1] - (obj[1] + obj[3])
    if above > MAX_GAP_ABOVE * obj[3] or below > MAX_GAP_BELOW * obj[3]:
        return None
    return abs(cx - (obj[0] + obj[2] / 2)) + max(above, below, 0)


def tie(
    labels: list[Line], objects: list[DetectedObject]
) -> tuple[list[DetectedObject], list[str]]:
    """Give each object at most one label, nearest first.

    Returns the objects with their tags, and the labels left over."""
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
