"""The OCR engine interface, and the reading order of the lines an engine returns."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from memeaudit.geometry import same_row
from memeaudit.model import Line


class OcrEngine(Protocol):
    """An engine reads a BGR image and returns lines (with words) in image pixels."""

    name: str

    def version(self) -> str: ...

    def read(self, bgr: np.ndarray) -> list[Line]: ...


def _widest_gap(spans: list[tuple[int, int]]) -> tuple[int, int]:
    """(gap, cut position) of the widest empty stretch between 1-D spans; gap < 0 if none."""
    spans = sorted(spans)
    best, cut, reach = -1, 0, spans[0][1]
    for start, end in spans[1:]:
        if start - reach > best:
            best, cut = start - reach, start
        reach = max(reach, end)
    return best, cut


def reading_order(lines: list[Line]) -> list[Line]:
    """Recursive XY-cut: split the lines at the widest empty band, across or down, and read the
    parts top to bottom or left to right. Side-by-side panels and label blocks come out whole;
    a post card comes out header, body, counts."""
    if len(lines) <= 1:
        return list(lines)
    across, y_cut = _widest_gap([(ln.bbox[1], ln.bbox[1] + ln.bbox[3]) for ln in lines])
    down, x_cut = _widest_gap([(ln.bbox[0], ln.bbox[0] + ln.bbox[2]) for ln in lines])
    height = sorted(ln.bbox[3] for ln in lines)[len(lines) // 2]
    # Cut down a column gap when no row gap exists, or when the column gap is wide (panels).
    if down >= 0.5 * height and (across < 0 or (down >= 2 * height and down > across)):
        first = [ln for ln in lines if ln.bbox[0] < x_cut]
        return reading_order(first) + reading_order([ln for ln in lines if ln.bbox[0] >= x_cut])
    if across >= 0:
        first = [ln for ln in lines if ln.bbox[1] < y_cut]
        return reading_order(first) + reading_order([ln for ln in lines if ln.bbox[1] >= y_cut])
    return _rows(lines)


def _rows(lines: list[Line]) -> list[Line]:
    """Lines that no cut separates: rows by vertical centre, each read left to right."""
    ordered = sorted(lines, key=lambda ln: ln.bbox[1] + ln.bbox[3] / 2)
    rows: list[list[Line]] = []
    for line in ordered:
        if rows and same_row(line, rows[-1][0]):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda ln: ln.bbox[0])]
