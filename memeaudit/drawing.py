"""The drawing primitives of the annotation: two-tone strokes (a dark outer line under a bright
inner one, solid, dashed or dotted), label pills and where they go, and the box arithmetic they
need, all in output pixels. memeaudit/annotate.py decides what to draw."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from PIL import ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILE = "DejaVuSans-Bold.ttf"

Colour = tuple[int, int, int]
XY = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in output pixels
Style = Literal["solid", "dashed", "dotted"]

DARK: Colour = (0, 0, 0)
INK: Colour = (16, 16, 16)  # text on the bright pills


def grow(b: Box, by: float) -> Box:
    return (b[0] - by, b[1] - by, b[2] + by, b[3] + by)


def box_area(b: Box) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def overlap_area(a: Box, b: Box) -> float:
    return box_area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def nearest_on_box(p: XY, b: Box) -> XY:
    """The point of box b's outline nearest to p (p itself projected out when p is inside)."""
    x = min(max(p[0], b[0]), b[2])
    y = min(max(p[1], b[1]), b[3])
    if (x, y) != p:
        return (x, y)
    gaps = [(p[0] - b[0], (b[0], p[1])), (b[2] - p[0], (b[2], p[1]))]
    gaps += [(p[1] - b[1], (p[0], b[1])), (b[3] - p[1], (p[0], b[3]))]
    return min(gaps)[1]


def exit_point(p: XY, q: XY, b: Box) -> XY:
    """Where the segment from p (inside box b) towards q leaves b; p when q is inside b too."""
    t_out = 1.0
    for axis in (0, 1):
        d = q[axis] - p[axis]
        if d > 0:
            t_out = min(t_out, (b[axis + 2] - p[axis]) / d)
        elif d < 0:
            t_out = min(t_out, (b[axis] - p[axis]) / d)
    t_out = max(0.0, t_out)
    return (p[0] + t_out * (q[0] - p[0]), p[1] + t_out * (q[1] - p[1]))


@cache
def load_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(FONT_DIR / FONT_FILE), size)
    except OSError:
        return ImageFont.load_default(size)


@dataclass
class Stroke:
    points: list[XY]  # a polyline; closed when it is a box
    colour: Colour
    width: int
    style: Style = "solid"
    alpha: int = 255
    closed: bool = False
    dots: list[XY] = field(default_factory=list)  # round end marks


def dashes(p: XY, q: XY, style: Style, width: int) -> list[tuple[XY, XY]]:
    if style == "solid":
        return [(p, q)]
    dash, gap = (4 * width + 4, 3 * width + 2) if style == "dashed" else (width + 1, 2 * width + 2)
    length = math.dist(p, q)
    if length == 0:
        return [(p, q)]
    ux, uy = (q[0] - p[0]) / length, (q[1] - p[1]) / length
    out, t = [], 0.0
    while t < length:
        e = min(length, t + dash)
        out.append(((p[0] + ux * t, p[1] + uy * t), (p[0] + ux * e, p[1] + uy * e)))
        t = e + gap
    return out


def draw_stroke(draw: ImageDraw.ImageDraw, s: Stroke, outer: bool) -> None:
    """The dark outer line (outer=True) or the bright inner one."""
    width = s.width + 2 if outer else s.width
    colour = (*DARK, round(s.alpha * 0.8)) if outer else (*s.colour, s.alpha)
    pts = [*s.points, s.points[0]] if s.closed else s.points
    if s.style == "solid":
        if len(pts) > 1:
            draw.line(pts, fill=colour, width=width, joint="curve")
    else:
        for p, q in itertools.pairwise(pts):
            for a, b in dashes(p, q, s.style, s.width):
                if outer:  # wrap the dash's ends too
                    d = math.dist(a, b) or 1.0
                    ux, uy = (b[0] - a[0]) / d, (b[1] - a[1]) / d
                    a, b = (a[0] - ux, a[1] - uy), (b[0] + ux, b[1] + uy)
                draw.line([a, b], fill=colour, width=width)
    radius = s.width + (3 if outer else 2)
    for x, y in s.dots:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)


def box_stroke(b: Box, colour: Colour, width: int, style: Style = "solid", alpha: int = 255):
    x0, y0, x1, y1 = b
    return Stroke([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], colour, width, style, alpha, True)


def place_label(
    size: tuple[float, float],
    target: Box,
    canvas: tuple[int, int],
    busy: list[Box],
    text: list[Box],
) -> Box:
    """Where a label of `size` goes near `target`: outside it if there is room, away from other
    labels first and from OCR text second."""
    pw, ph = size
    x0, y0, x1, y1 = target
    g = 2
    spots = [
        (x0, y0 - ph - g),
        (x1 - pw, y0 - ph - g),
        (x1 + g, y0),
        (x0 - pw - g, y0),
        (x0, y1 + g),
        (x0 + g, y0 + g),
        (x1 - pw - g, y0 + g),
    ]
    width, height = canvas
    best, best_score = None, math.inf
    for order, (x, y) in enumerate(spots):
        x = min(max(0.0, x), max(0.0, width - pw))
        y = min(max(0.0, y), max(0.0, height - ph))
        box = (x, y, x + pw, y + ph)
        area = max(1.0, pw * ph)
        score = (
            100 * sum(overlap_area(box, b) for b in busy) / area
            + 10 * sum(overlap_area(box, b) for b in text) / area
            + order * 0.01
        )
        if score < best_score:
            best, best_score = box, score
    assert best is not None
    return best


def pill_size(draw: ImageDraw.ImageDraw, text: str, font) -> tuple[tuple[float, float], Box]:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad = max(2, round(font.size * 0.3)) if hasattr(font, "size") else 3
    return (right - left + 2 * pad, bottom - top + 2 * pad), (left, top, right, bottom)


def draw_pill(draw: ImageDraw.ImageDraw, box: Box, text: str, colour: Colour, font) -> None:
    x0, y0, x1, y1 = box
    radius = max(1, round((y1 - y0) / 2))
    draw.rounded_rectangle(box, radius=radius, fill=(*colour, 240), outline=(*DARK, 230), width=1)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    tx = x0 + (x1 - x0 - (right - left)) / 2 - left
    ty = y0 + (y1 - y0 - (bottom - top)) / 2 - top
    draw.text((tx, ty), text, font=font, fill=(*INK, 255))
