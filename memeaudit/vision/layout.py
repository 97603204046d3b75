"""Split an image into panels: the post card, and bands separated by flat full-width rows."""

from __future__ import annotations

import numpy as np

from memeaudit.model import BBox, Post

MIN_PANEL = 0.12  # a panel is at least this share of the image height
FLAT_STD = 6.0  # a separator row has this little variation across its width


def panels(bgr: np.ndarray, post: Post | None) -> list[BBox]:
    """Regions worth looking at on their own, whole image excluded."""
    height, width = bgr.shape[:2]
    found: list[BBox] = []
    if post is not None and post.bbox is not None:
        top, bottom = post.bbox[1], post.bbox[1] + post.bbox[3]
        if height - bottom > MIN_PANEL * height:
            found.append((0, bottom, width, height - bottom))
        if top > MIN_PANEL * height:
            found.append((0, 0, width, top))
    gray = bgr.mean(axis=2)
    flat = gray.std(axis=1) < FLAT_STD
    start = None
    for y, is_flat in enumerate([*flat.tolist(), True]):
        if not is_flat and start is None:
            start = y
        elif is_flat and start is not None:
            if y - start > MIN_PANEL * height and y - start < 0.95 * height:
                found.append((0, start, width, y - start))
            start = None
    return found
