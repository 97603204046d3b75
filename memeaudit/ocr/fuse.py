"""Fuse two engines' lines: per region keep the reading with the better support."""

from __future__ import annotations

from memeaudit.geometry import iou, overlap
from memeaudit.model import Line
from memeaudit.ocr.base import reading_order

MIN_SOLO_SUPPORT = 0.80  # a line only one engine saw must be this well supported to be kept
MARGIN = 0.05
SAME_REGION = 0.5  # IoU above which two engines' lines read the same region  # the second engine's reading must be this much better to replace the first's


def support(line: Line) -> float:
    """Confidence times the share of tokens that look like words rather than icon junk."""
    tokens = line.text.split()
    if not tokens:
        return 0.0
    wordlike = sum(1 for t in tokens if sum(c.isalnum() for c in t) >= len(t) / 2)
    return line.conf * wordlike / len(tokens)


def fuse(primary: list[Line], secondary: list[Line]) -> list[Line]:
    """Each region keeps the better-supported reading; lone lines need MIN_SOLO_SUPPORT."""
    primary = [ln for ln in primary if support(ln) > 0]
    secondary = [ln for ln in secondary if support(ln) > 0]
    matches = {
        i: [j for j, other in enumerate(secondary) if overlap(line.bbox, other.bbox) > 0.5]
        for i, line in enumerate(primary)
    }
    claimed = [j for js in matches.values() for j in js]
    kept: list[Line] = []
    for i, line in enumerate(primary):
        rivals = matches[i]
        # A rival replaces a line only when both read the same region, one-to-one and whole:
        # a fragment (one bright word of a grey line) never replaces the full line.
        if len(rivals) == 1 and claimed.count(rivals[0]) == 1:
            rival = secondary[rivals[0]]
            same_span = iou(line.bbox, rival.bbox) > SAME_REGION and len(rival.text) >= 0.7 * len(
                line.text
            )
            if same_span and support(rival) > support(line) + MARGIN:
                line = rival
        kept.append(line)
    for j, line in enumerate(secondary):
        alone = j not in claimed and not any(overlap(line.bbox, k.bbox) > 0.3 for k in kept)
        if alone and support(line) >= MIN_SOLO_SUPPORT and len(line.text.strip()) > 1:
            kept.append(line)
    return reading_order(kept)
