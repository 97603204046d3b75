"""What kind of picture a region is: a screenshot, a photo or a cartoon/illustration, from cheap
OpenCV cues (flat colour areas, colour variety, text cover), and whether a screenshot is in dark
mode. For the whole image, layout_kind() adds the meme layouts (a caption bar above a picture,
captions over its top and bottom, two picture panels or more) from where the text lines and the
panels are, and documents; the kinds classifier (memeaudit.kinds) has the last word on
screenshots and documents."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np

from memeaudit.geometry import intersection
from memeaudit.model import BBox, Line, Panel
from memeaudit.paths import PACKAGE
from memeaudit.yamlload import safe_load

SIDE = 160  # regions are judged on a copy this many pixels wide
QUANT = 24  # colour levels are binned in steps of this size
FLAT_UI = 0.9  # a region this flat, with text on it, is a screenshot or a page
MIN_TEXT = 0.03
FLAT_PHOTO = 0.7  # a photo is rarely flatter than this
SURE = 0.3  # the classifier's top class needs this probability to call a region a photo
DARK = 60  # median grey below which a screenshot is in dark mode
BAND = 0.3  # a top-and-bottom meme's captions sit in the top and bottom 30% of the picture
MIN_CAPTION = 0.25  # ... and are at least this share of its width (a watermark is not)
MIN_BAR = 0.06  # a caption bar is at least this share of the image height ...
FLAT_BAR = 0.8  # ... and this flat
PAGE_LINES = 5  # a document: this many lines of text ...
PAGE_TEXT = 0.1  # ... covering this share of it, on a light background
LIGHT = 150
SCREEN_KINDS = frozenset({"post", "chat", "email", "review", "code", "terminal"})


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


def _captions(lines: list[Line]) -> list[Line]:
    """Lines that read as words: two letters or digits at least."""
    return [ln for ln in lines if sum(ch.isalnum() for ch in ln.text) >= 2 and ln.conf >= 0.4]


def layout_kind(
    bgr: np.ndarray,
    lines: list[Line],
    panels: list[Panel],
    picture: str,
    page: Cues,
    text_kind: str | None = None,
) -> str:
    """The whole image's kind: `picture` (kind_of() of the whole) unless the kinds classifier
    (`text_kind`) says screenshot or document, or the layout shows a meme or a page."""
    if text_kind in SCREEN_KINDS:
        return "screenshot"
    if text_kind == "document":
        return "document"
    height, width = bgr.shape[:2]
    text = _captions(lines)
    pictures = [p for p in panels if p.kind != "screenshot"]
    if picture == "screenshot":  # flat all over, as a drawn meme is too: its layout decides
        if _caption_bar(bgr, text, pictures, lines) or _framed(text, panels, height, width):
            return "caption-meme" if _caption_bar(bgr, text, pictures, lines) else "top-bottom-meme"
        light = page.grey >= LIGHT and page.text >= PAGE_TEXT and len(text) >= PAGE_LINES
        return "document" if light and _page_lines(text, width) else "screenshot"
    if not text:
        return picture
    if len(pictures) >= 2:
        return "multi-panel-meme"
    if _caption_bar(bgr, text, pictures, lines):
        return "caption-meme"
    edges, middle = _edges(text, height, width)
    if edges and len(middle) <= len(edges):
        return "top-bottom-meme"
    return picture


def _caption_bar(
    bgr: np.ndarray, text: list[Line], pictures: list[Panel], lines: list[Line]
) -> bool:
    """Text on a flat bar above one picture that fills most of the image's height."""
    if len(pictures) != 1:
        return False
    height, width = bgr.shape[:2]
    top = pictures[0].bbox[1]
    above = [ln for ln in text if ln.bbox[1] + ln.bbox[3] <= top + 2]
    if not (above and top >= MIN_BAR * height and pictures[0].bbox[3] >= 0.45 * height):
        return False
    return cues(bgr, (0, 0, width, top), lines).flat >= FLAT_BAR


def _edges(text: list[Line], height: int, width: int) -> tuple[list[Line], list[Line]]:
    """(wide lines in the top or bottom band, lines between them)."""

    def where(ln: Line) -> float:
        return (ln.bbox[1] + ln.bbox[3] / 2) / max(1, height)

    wide = [ln for ln in text if ln.bbox[2] >= MIN_CAPTION * width]
    edges = [ln for ln in wide if where(ln) < BAND or where(ln) > 1 - BAND]
    return edges, [ln for ln in text if BAND <= where(ln) <= 1 - BAND]


def _framed(text: list[Line], panels: list[Panel], height: int, width: int) -> bool:
    """A flat image read as a top-and-bottom meme: captions in both bands, none between, and a
    picture centred between them that takes a third of the height (a sign's headline and footer have
    print between them, not a picture)."""
    edges, middle = _edges(text, height, width)
    tops = [ln for ln in edges if ln.bbox[1] + ln.bbox[3] / 2 < height / 2]
    bottoms = [ln for ln in edges if ln.bbox[1] + ln.bbox[3] / 2 >= height / 2]
    if middle or not tops or not bottoms:
        return False
    floor = max(ln.bbox[1] + ln.bbox[3] for ln in tops)
    ceiling = min(ln.bbox[1] for ln in bottoms)
    return any(
        floor <= p.bbox[1] + p.bbox[3] / 2 <= ceiling and p.bbox[3] >= height / 3 for p in panels
    )


def _page_lines(text: list[Line], width: int) -> bool:
    """Most lines of a page start near one left margin."""
    starts = sorted(ln.bbox[0] for ln in text)
    margin = starts[len(starts) // 4]
    return sum(abs(x - margin) <= 0.05 * width for x in starts) >= 0.5 * len(starts)
