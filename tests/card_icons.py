"""The icons of tests/post_cards.py's post screenshots, drawn as shapes: each is drawn SS times
larger on its own tile in the background colour and scaled down, which antialiases it;
coordinates are fractions of the tile."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PIL import ImageDraw

Colour = str

SS = 4
IconFn = Callable[[ImageDraw.ImageDraw, float, Colour, Colour], None]


def _box(x0: float, y0: float, x1: float, y1: float, s: float) -> tuple[float, ...]:
    return (x0 * s, y0 * s, x1 * s, y1 * s)


def pts(points: Sequence[tuple[float, float]], s: float) -> list[tuple[float, float]]:
    return [(x * s, y * s) for x, y in points]


def _heart_shape(d: ImageDraw.ImageDraw, s: float, colour: Colour, k: float) -> None:
    """A filled heart scaled by k about the tile centre."""

    def p(x: float, y: float) -> tuple[float, float]:
        return ((0.5 + (x - 0.5) * k) * s, (0.52 + (y - 0.52) * k) * s)

    r = 0.235 * k * s
    for cx in (0.285, 0.715):
        x, y = p(cx, 0.36)
        d.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    d.polygon([p(0.06, 0.42), p(0.5, 0.92), p(0.94, 0.42), p(0.5, 0.3)], fill=colour)


def _icon_heart(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    _heart_shape(d, s, fg, 1.0)
    _heart_shape(d, s, bg, 0.72)


def _icon_bubble(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """X's reply icon: a rounded speech bubble with a tail at the bottom left."""
    w = s * 0.085
    d.rounded_rectangle(_box(0.08, 0.12, 0.92, 0.74, s), radius=s * 0.3, outline=fg, width=round(w))
    d.polygon(pts([(0.24, 0.66), (0.46, 0.7), (0.26, 0.92)], s), fill=fg)


def _icon_round_bubble(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """Threads' and Reddit's comment icon: a circle with a small tail at the bottom left."""
    w = round(s * 0.085)
    d.polygon(pts([(0.08, 0.94), (0.14, 0.62), (0.4, 0.86)], s), fill=fg)
    d.ellipse(_box(0.07, 0.07, 0.93, 0.93, s), fill=bg, outline=fg, width=w)
    d.polygon(pts([(0.14, 0.86), (0.17, 0.72), (0.3, 0.83)], s), fill=bg)


def _icon_repost(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """Two arrows chasing each other round a rectangle (retweet / repost / boost)."""
    w = round(s * 0.085)
    d.line(pts([(0.2, 0.3), (0.2, 0.78), (0.56, 0.78)], s), fill=fg, width=w, joint="curve")
    d.polygon(pts([(0.04, 0.34), (0.36, 0.34), (0.2, 0.12)], s), fill=fg)
    d.line(pts([(0.8, 0.7), (0.8, 0.22), (0.44, 0.22)], s), fill=fg, width=w, joint="curve")
    d.polygon(pts([(0.64, 0.66), (0.96, 0.66), (0.8, 0.88)], s), fill=fg)


def _icon_bookmark(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    w = round(s * 0.085)
    outline = [(0.24, 0.1), (0.76, 0.1), (0.76, 0.9), (0.5, 0.7), (0.24, 0.9), (0.24, 0.1)]
    d.line(pts(outline, s), fill=fg, width=w, joint="curve")


def _icon_share(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """An arrow up out of a tray."""
    w = round(s * 0.085)
    d.line(pts([(0.5, 0.1), (0.5, 0.62)], s), fill=fg, width=w)
    d.line(pts([(0.28, 0.32), (0.5, 0.1), (0.72, 0.32)], s), fill=fg, width=w, joint="curve")
    d.line(pts([(0.14, 0.5), (0.14, 0.86), (0.86, 0.86), (0.86, 0.5)], s), fill=fg, width=w)


def _icon_views(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """X's view count: four vertical bars."""
    w = round(s * 0.09)
    for x, top in ((0.2, 0.55), (0.4, 0.2), (0.6, 0.4), (0.8, 0.1)):
        d.line(pts([(x, top), (x, 0.88)], s), fill=fg, width=w)


def _icon_plane(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """Threads' share icon: a paper plane outline."""
    w = round(s * 0.08)
    plane = [(0.08, 0.16), (0.92, 0.16), (0.52, 0.9), (0.42, 0.46), (0.08, 0.16)]
    d.line(pts(plane, s), fill=fg, width=w, joint="curve")
    d.line(pts([(0.42, 0.46), (0.92, 0.16)], s), fill=fg, width=w)


def _icon_star(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    outer: list[tuple[float, float]] = []
    for i in range(10):
        radius = 0.46 if i % 2 == 0 else 0.2
        angle = -math.pi / 2 + i * math.pi / 5
        outer.append((0.5 + radius * math.cos(angle), 0.54 + radius * math.sin(angle)))
    outer.append(outer[0])
    d.line(pts(outer, s), fill=fg, width=round(s * 0.08), joint="curve")


def _icon_reply_arrow(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """Mastodon's reply icon: an arrow pointing left whose tail bends down to the right."""
    w = round(s * 0.09)
    d.arc(_box(0.2, 0.36, 0.88, 1.28, s), start=270, end=360, fill=fg, width=w)
    d.line(pts([(0.56, 0.36), (0.12, 0.36)], s), fill=fg, width=w)
    d.line(pts([(0.4, 0.1), (0.12, 0.36), (0.4, 0.62)], s), fill=fg, width=w, joint="curve")


def _arrow(up: bool) -> IconFn:
    def draw(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
        shape = [(0.5, 0.08), (0.9, 0.5), (0.67, 0.5), (0.67, 0.9), (0.33, 0.9), (0.33, 0.5)]
        shape += [(0.1, 0.5), (0.5, 0.08)]
        if not up:
            shape = [(x, 1 - y) for x, y in shape]
        d.line(pts(shape, s), fill=fg, width=round(s * 0.085), joint="curve")

    return draw


def _icon_reddit_share(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """Reddit's share icon: a curved arrow leaving to the right."""
    w = round(s * 0.085)
    d.arc(_box(0.12, 0.42, 0.88, 1.3, s), start=200, end=290, fill=fg, width=w)
    d.line(pts([(0.6, 0.42), (0.82, 0.42)], s), fill=fg, width=w)
    d.polygon(pts([(0.62, 0.16), (0.94, 0.42), (0.62, 0.68)], s), fill=fg)


def _icon_globe(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    w = round(s * 0.07)
    d.ellipse(_box(0.08, 0.08, 0.92, 0.92, s), outline=fg, width=w)
    d.ellipse(_box(0.3, 0.08, 0.7, 0.92, s), outline=fg, width=w)
    d.line(pts([(0.08, 0.5), (0.92, 0.5)], s), fill=fg, width=w)


def _icon_dots(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    r = 0.085 * s
    for x in (0.18, 0.5, 0.82):
        d.ellipse((x * s - r, 0.5 * s - r, x * s + r, 0.5 * s + r), fill=fg)


ICONS: dict[str, IconFn] = {
    "heart": _icon_heart,
    "bubble": _icon_bubble,
    "round-bubble": _icon_round_bubble,
    "repost": _icon_repost,
    "bookmark": _icon_bookmark,
    "share": _icon_share,
    "views": _icon_views,
    "plane": _icon_plane,
    "star": _icon_star,
    "reply-arrow": _icon_reply_arrow,
    "up": _arrow(up=True),
    "down": _arrow(up=False),
    "reddit-share": _icon_reddit_share,
    "globe": _icon_globe,
    "dots": _icon_dots,
}
