"""Split an image into picture panels: the area beside the post card, bands separated by flat
full-width rows, and, where a band (or the whole image) shows a vertical gutter (flat columns
from its top to its bottom), the pictures side by side in it. Text rows and empty margins are not
pictures."""

from __future__ import annotations

import numpy as np

from memeaudit.geometry import intersection, iou
from memeaudit.model import BBox, Post

MIN_PANEL = 0.15  # a panel is at least this share of the image height ...
MIN_PANEL_PX = 64  # ... and this many pixels tall: smaller ones are too small to detect in
FLAT_STD = 6.0  # a separator row has this little variation across its width
MIN_CONTENT_STD = 20.0  # a panel with less variation than this is an empty margin
MIN_COLUMN = 0.2  # a side-by-side panel is at least this share of its band's width ...
MIN_GUTTER = 3  # ... and separated from the next by this many flat columns at least


def _bands(bgr: np.ndarray, post: Post | None) -> list[BBox]:
    height, width = bgr.shape[:2]
    found: list[BBox] = []
    if post is not None and post.bbox is not None:
        top, bottom = post.bbox[1], post.bbox[1] + post.bbox[3]
        found += [(0, bottom, width, height - bottom), (0, 0, width, top)]
    flat = bgr.mean(axis=2).std(axis=1) < FLAT_STD
    start = None
    for y, is_flat in enumerate([*flat.tolist(), True]):
        if not is_flat and start is None:
            start = y
        elif is_flat and start is not None:
            if y - start < 0.95 * height:
                found.append((0, start, width, y - start))
            start = None
    return found


def _columns(bgr: np.ndarray, band: BBox) -> list[BBox]:
    """The pictures side by side in a band, split at vertical gutters (runs of MIN_GUTTER flat
    columns or more from the band's top to its bottom); [] when it holds fewer than two."""
    x0, y0, w, h = band
    crop = bgr[y0 : y0 + h, x0 : x0 + w]
    if crop.size == 0:
        return []
    flat = crop.mean(axis=2).std(axis=0) < FLAT_STD
    runs: list[tuple[int, int]] = []  # (start, end) of the runs of picture columns
    start, gap = None, MIN_GUTTER  # the flat columns seen since the last picture column
    for x, is_flat in enumerate(flat.tolist()):
        if not is_flat:
            if start is None:
                start = x
            elif gap >= MIN_GUTTER:  # a gutter closed the run before
                runs.append((start, x - gap))
                start = x
            gap = 0
        else:
            gap += 1
    if start is not None:
        runs.append((start, len(flat) - gap))
    wide = [(a, b) for a, b in runs if b - a >= max(MIN_COLUMN * w, MIN_PANEL_PX)]
    if len(wide) < 2 or len(wide) != len(runs):
        return []  # one picture, or narrow strips that are not pictures (text, an icon)
    return [(x0 + a, y0, b - a, h) for a, b in wide]


def _inside_card(region: BBox, card: BBox | None) -> float:
    """Share of the region's area that the post card covers."""
    return intersection(region, card) / max(1, region[2] * region[3]) if card else 0.0


def _nested(a: BBox, b: BBox) -> bool:
    """Whether most of the smaller region lies inside the larger one."""
    return intersection(a, b) >= 0.8 * min(a[2] * a[3], b[2] * b[3])


def panels(bgr: np.ndarray, post: Post | None) -> list[BBox]:
    """Picture regions worth looking at on their own, the whole image excluded."""
    height = bgr.shape[0]
    card = post.bbox if post is not None else None
    kept: list[BBox] = []
    found: list[BBox] = []
    for band in _bands(bgr, post):
        found += _columns(bgr, band) or ([band] if band[3] < 0.95 * height else [])
    # Pictures side by side over the whole height, where no flat row splits them; a column that
    # holds (or lies in) a panel the bands found is that panel again, with its label around it.
    for column in _columns(bgr, (0, 0, bgr.shape[1], height)):
        if not any(_nested(column, other) for other in found):
            found.append(column)
    for x, y, w, h in found:
        if h < max(MIN_PANEL * height, MIN_PANEL_PX) or _inside_card((x, y, w, h), card) > 0.5:
            continue
        same = any(iou((x, y, w, h), other) > 0.8 for other in kept)
        if not same and float(bgr[y : y + h, x : x + w].std()) >= MIN_CONTENT_STD:
            kept.append((x, y, w, h))
    return kept
