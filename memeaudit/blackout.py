"""Where to paint a masked word black, and the painting: the picture that --redact shows.

OCR word boxes do not always hold their glyphs: PP-OCR reads whole lines, and its word boxes are
spread over the line's box by character count, so in proportional type they start or end a
letter or two off; a tesseract box is tight to the ink, with no room for antialiasing. So the
painted area is found from the pixels of the line: its ink is cut into words at the spaces (the
widest blank stretches, as many as the OCR line has words, less one); where each ink word
matches the OCR word of the same rank (about as wide, and near it), a run of masked words covers
the ink words it stands for. Elsewhere (a busy background, OCR that missed or merged a space), the run's boxes grow over
any glyph they cut, up to the next space or REACH line heights. Then PAD line heights of padding all round."""

from __future__ import annotations

import itertools

import numpy as np
from PIL import Image, ImageDraw

from memeaudit.geometry import union_box
from memeaudit.model import BBox, Line, Report

MASK = {  # what --redact writes in place of each kind of masked value
    "email": "[email redacted]",
    "phone": "[phone redacted]",
    "address": "[address redacted]",
    "handle": "[handle redacted]",
    "booking": "[booking reference redacted]",
    "card": "[card number redacted]",
    "name": "[name redacted]",
    "gps": "[GPS position redacted]",
    "serial": "[serial number redacted]",
    "owner": "[owner name redacted]",
}


# In line heights: padding all round; the blank width that ends a word where the line's own
# spaces do not show it; how far a box may grow along its line, and up or down.
PAD, GAP, REACH, REACH_UP = 0.12, 0.3, 2.0, 0.5
WIDTH = 2.0  # an ink word and the OCR word box of the same rank agree within this factor
INK = 48  # a pixel this far (per channel, 0-255) from the strip's median colour is ink
Corners = tuple[int, int, int, int]  # x0, y0, x1, y1, inclusive, as ImageDraw.rectangle takes


def ink(pixels: np.ndarray) -> np.ndarray:
    """Which pixels of a strip of text differ from its background (its median colour)."""
    strip = pixels.reshape(-1, 3) if pixels.size else np.zeros((1, 3), np.uint8)
    background = np.median(strip, axis=0)
    return np.abs(pixels.astype(np.int16) - background).max(axis=2) > INK


def blank_widths(profile: np.ndarray) -> np.ndarray:
    """For each position of a profile, the width of the blank stretch it lies in (0 on ink)."""
    widths = np.zeros(len(profile), dtype=np.int64)
    at = 0
    for blank, group in itertools.groupby(profile.tolist(), key=lambda inked: not inked):
        size = len(list(group))
        if blank:
            widths[at : at + size] = size
        at += size
    return widths


def grow(profile: np.ndarray, start: int, end: int, gap: int, reach: int) -> tuple[int, int]:
    """Widen [start, end) along a profile of inked positions until each end meets a blank
    stretch at least `gap` wide (or `reach` is used up): a box that cuts a glyph, or stops
    between two letters, grows over the rest of the word."""
    start, end = min(max(0, start), len(profile)), min(max(0, end), len(profile))
    low, high = max(0, start - reach), min(len(profile), end + reach)
    widths = blank_widths(profile)
    while start > low and widths[start - 1] < gap:
        start -= 1
    while end < high and widths[end] < gap:
        end += 1
    return start, end


def blank_runs(profile: np.ndarray) -> list[int]:
    """Widths of the blank stretches between the first and the last inked position."""
    inked = np.flatnonzero(profile)
    if len(inked) < 2:
        return []
    steps = np.diff(inked) - 1
    return [int(n) for n in steps if n > 0]


def word_gap(profile: np.ndarray, words: int, height: int) -> int:
    """The blank width that parts two words on a line: OCR says how many words the line holds,
    so its `words - 1` widest blank stretches are the spaces and the rest fall between letters;
    the threshold lies midway. GAP line heights where the pixels do not show it (one word, or a
    background with no blank column)."""
    runs = sorted(blank_runs(profile), reverse=True)
    if words < 2 or len(runs) < words - 1:
        return max(2, round(GAP * height))
    space = runs[words - 2]
    letters = runs[words - 1] if len(runs) >= words else 0
    return max(2, (space + letters + 1) // 2)


def ink_words(profile: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """[start, end) of each stretch of ink that no blank `gap` wide interrupts: the words."""
    found: list[list[int]] = []
    for x in np.flatnonzero(profile).tolist():
        if found and x - found[-1][1] < gap:
            found[-1][1] = x + 1
        else:
            found.append([x, x + 1])
    return [(a, b) for a, b in found]


def _same_words(found: list[tuple[int, int]], boxes: list[BBox], height: int) -> bool:
    """The line's ink words and its OCR words tell the same story: as many, and each ink word
    about as wide as the OCR box of the same rank (within a factor WIDTH) and within a line
    height of it (PP-OCR's boxes drift along a line by a few letters)."""
    if len(found) != len(boxes):
        return False
    for (a, b), (x, _, w, _) in zip(found, boxes, strict=True):
        if not (w / WIDTH <= b - a <= w * WIDTH and a < x + w + height and b > x - height):
            return False
    return True


def cover(
    pixels: np.ndarray, run: BBox, line: BBox, boxes: list[BBox], first: int, last: int
) -> Corners:
    """The painted area for the masked words first..last (a run, whose boxes' union is `run`)
    of a line with box `line` whose OCR words have `boxes`."""
    height = max(line[3], run[3], 1)
    reach, pad = round(REACH * height), max(2, round(PAD * height))
    top, bottom = max(0, min(line[1], run[1])), max(line[1] + line[3], run[1] + run[3])
    x0 = max(0, min(line[0], run[0]) - reach)
    x1 = min(pixels.shape[1], max(line[0] + line[2], run[0] + run[2]) + reach)
    profile = ink(pixels[top:bottom, x0:x1]).any(axis=0)
    offset = max(0, line[0] - x0)
    own = profile[offset : max(0, line[0] + line[2] - x0)]
    gap = word_gap(own, max(1, len(boxes)), height)
    found = [(a + x0 + offset, b + x0 + offset) for a, b in ink_words(own, gap)]
    if _same_words(found, boxes, height) and 0 <= first <= last < len(boxes):
        left = min(found[first][0], run[0]) - x0  # the ink of those words, and their boxes
        right = max(found[last][1], run[0] + run[2]) - x0
    else:
        left, right = grow(profile, run[0] - x0, run[0] + run[2] - x0, gap, reach)
    y0 = max(0, top - reach)
    column = ink(pixels[y0 : bottom + reach, x0 + left : x0 + right]).any(axis=1)
    up, down = grow(column, top - y0, bottom - y0, 1, round(REACH_UP * height))
    return (x0 + left - pad, y0 + up - pad, x0 + right - 1 + pad, y0 + down - 1 + pad)


def redacted_boxes(report: Report) -> list[BBox]:
    """The boxes (image pixels) of every OCR word that redaction masked, in reading order."""
    masks = tuple(MASK.values())
    words = [*report.ocr.words, *(w for line in report.ocr.lines for w in line.words)]
    found = [w.bbox for w in words if any(m in w.text for m in masks)]
    return list(dict.fromkeys(found))


def _masked(text: str) -> bool:
    return any(mask in text for mask in MASK.values())


def _runs(line: Line) -> list[tuple[int, int, BBox]]:
    """(first, last, union of their boxes) of each run of masked words in the line. A masked
    line without words is masked whole."""
    runs: list[list[int]] = []
    for i, word in enumerate(line.words):
        if _masked(word.text):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    if not line.words and _masked(line.text):
        return [(0, 0, line.bbox)]
    return [(r[0], r[-1], union_box([line.words[i].bbox for i in r])) for r in runs]


def redacted_regions(image: Image.Image, report: Report) -> list[Corners]:
    """Corners (x0, y0, x1, y1, inclusive) of the areas redact_picture paints: per run of
    masked words on a line, every glyph of those words, found from the line's pixels (see
    memeaudit.blackout), padded in proportion to the line height. A masked word of
    report.ocr.words that no line holds is painted by its own box, the same way."""
    pixels = np.asarray(image.convert("RGB"))
    regions, seen = [], set()
    for line in report.ocr.lines:
        boxes = [w.bbox for w in line.words]
        for first, last, run in _runs(line):
            regions.append(cover(pixels, run, line.bbox, boxes, first, last))
        seen.update(w.bbox for w in line.words)
    for word in report.ocr.words:
        if _masked(word.text) and word.bbox not in seen:
            regions.append(cover(pixels, word.bbox, word.bbox, [word.bbox], 0, 0))
    return regions


def redact_picture(image: Image.Image, report: Report) -> Image.Image:
    """A copy of the image with every glyph of every masked word painted black (see
    redacted_regions): what outputs that show the pixels use with a redacted report. The image
    must be the one the report's boxes refer to (loaded, EXIF orientation applied)."""
    out = image.convert("RGB")  # always a copy
    draw = ImageDraw.Draw(out)
    for region in redacted_regions(out, report):
        draw.rectangle(region, fill=(0, 0, 0))
    return out
