"""What kind of picture a region is: a screenshot, a photo or a cartoon/illustration, from cheap
OpenCV cues (flat colour areas, colour variety, text cover), and whether a screenshot is in dark
mode."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np

from memeaudit.geometry import intersection
from memeaudit.model import BBox, Line
from memeaudit.paths import PACKAGE
from memeaudit.yamlload import safe_load

SIDE = 160  # regions are judged on a copy this many pixels wide
QUANT = 24  # colour levels are binned in steps of this size
FLAT_UI = 0.9  # a region this flat, with text on it, is a screenshot or a page
MIN_TEXT = 0.03
FLAT_PHOTO = 0.7  # a photo is rarely flatter than this
SURE = 0.3  # the classifier's top class needs this probability to call a region a photo
DARK = 60  # median grey below which a screenshot is in dark mode


@dataclass(frozen=True)
class Cues:
    flat: float  # share of pixels in the 8 commonest colours
    text: float  # share of the region that OCR lines cover
    smooth: float  # share of pixels whose 3x3 neighbourhood barely varies
    grey: float  # median grey level


def cues(bgr: np.ndarray, region: BBox, lines: list[Line]) -> Cues:
    x, y, w, h = region
    crop = bgr[y : y + h, x : x + w]
    small = cv2.resize(
        crop, (SIDE, max(1, round(SIDE * h / max(w, 1)))), interpolation=cv2.INTER_AREA
    )
    binned = (small // QUANT).reshape(-1, 3).astype(np.int32)
    codes = (binned[:, 0] * 16 + binned[:, 1]) * 16 + binned[:, 2]  # 256 // QUANT < 16 levels
    counts = np.bincount(codes)
    flat = float(np.sort(counts)[::-1][:8].sum() / codes.size)
    grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).astype(np.float32)
    local = cv2.blur((grey - cv2.blur(grey, (3, 3))) ** 2, (3, 3))
    smooth = float((local < 4.0).mean())
    covered = sum(intersection(ln.bbox, region) for ln in lines) / max(1, w * h)
    return Cues(flat=flat, text=min(1.0, covered), smooth=smooth, grey=float(np.median(grey)))


@cache
def _groups() -> dict[str, frozenset[str]]:
    data = safe_load((PACKAGE / "vision" / "scene_classes.yaml").read_text(encoding="utf-8"))
    return {kind: frozenset(labels) for kind, labels in data.items()}


def kind_of(c: Cues, classes: list[tuple[str, float]]) -> str:
    """screenshot, cartoon, photo, or picture when the evidence does not settle it."""
    groups = _groups()
    top, prob = classes[0] if classes else (None, 0.0)
    if (c.flat >= FLAT_UI and c.text >= MIN_TEXT) or top in groups["screenshot"]:
        return "screenshot"
    if top in groups["cartoon"]:
        return "cartoon"
    if top is not None and prob >= SURE and c.flat < FLAT_PHOTO:
        return "photo"
    return "picture"


def dark(c: Cues) -> bool:
    return c.grey < DARK
