"""Rendered social-media post screenshots with known fields, for the post parser's tests.

Each `Card` holds the ground truth of one made-up post and `render(card)` draws it the way the
app draws a single post (simplified: plain coloured avatars, icons drawn as shapes, Debian's
Liberation and DejaVu fonts). Rendering is deterministic: the same card gives the same bytes.

Conventions of the ground truth:
- `handle` and `timestamp_raw` are the text exactly as drawn; `timestamp` is its ISO 8601 form, or
  None when the app shows a relative time ("2h").
- `body` is the post text with paragraphs separated by a blank line; for Reddit the title is the
  first paragraph.
- `counts` maps replies / reposts / likes / views to the number drawn (None if not drawn);
  `counts_shown` lists every count string drawn, top to bottom and left to right, including ones
  with no key in `counts` (X bookmarks, Bluesky quotes).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FontName = str
Colour = str
Segment = tuple[str, "ImageFont.FreeTypeFont", Colour]

_LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES: dict[FontName, Path] = {
    "sans": _LIBERATION / "LiberationSans-Regular.ttf",
    "sans-bold": _LIBERATION / "LiberationSans-Bold.ttf",
    "dejavu": _DEJAVU / "DejaVuSans.ttf",
    "dejavu-bold": _DEJAVU / "DejaVuSans-Bold.ttf",
}


@dataclass(frozen=True)
class Card:
    name: str
    platform: str
    display_name: str | None
    handle: str | None
    timestamp_raw: str | None
    timestamp: str | None
    body: str
    counts: dict[str, int | None]
    counts_shown: tuple[str, ...]


def _font(name: FontName, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILES[name]), size)


# ----------------------------------------------------------------------------- themes


@dataclass(frozen=True)
class Theme:
    bg: Colour
    text: Colour
    grey: Colour
    divider: Colour
    accent: Colour = "#1D9BF0"
    avatar: Colour = "#7A5AF8"


X_LIGHT = Theme(bg="#FFFFFF", text="#0F1419", grey="#536471", divider="#EFF3F4", avatar="#E0633A")
X_DIM = Theme(bg="#15202B", text="#F7F9F9", grey="#8B98A5", divider="#38444D", avatar="#2E9E6B")
X_BLACK = Theme(bg="#000000", text="#E7E9EA", grey="#71767B", divider="#2F3336", avatar="#C7A43B")
BLUESKY = Theme(bg="#FFFFFF", text="#0B0F14", grey="#6F869F", divider="#D4DBE2", accent="#1083FE")
THREADS = Theme(bg="#FFFFFF", text="#000000", grey="#999999", divider="#E5E5E5", avatar="#4F7CAC")
MASTODON = Theme(bg="#FFFFFF", text="#000000", grey="#606984", divider="#E6E6EF", accent="#6364FF")
REDDIT = Theme(bg="#FFFFFF", text="#0F1A1C", grey="#576F76", divider="#E5EBEE", accent="#FF4500")


# ----------------------------------------------------------------------------- icons
# Each icon is drawn 4x on its own tile in the background colour and scaled down, which
# antialiases the shapes; coordinates are fractions of the tile.

_SS = 4
IconFn = Callable[[ImageDraw.ImageDraw, float, Colour, Colour], None]


def _pts(points: Sequence[tuple[float, float]], s: float) -> list[tuple[float, float]]:
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
    d.polygon(_pts([(0.24, 0.66), (0.46, 0.7), (0.26, 0.92)], s), fill=fg)


def _icon_round_bubble(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """Threads' and Reddit's comment icon: a circle with a small tail at the bottom left."""
    w = round(s * 0.085)
    d.polygon(_pts([(0.08, 0.94), (0.14, 0.62), (0.4, 0.86)], s), fill=fg)
    d.ellipse(_box(0.07, 0.07, 0.93, 0.93, s), fill=bg, outline=fg, width=w)
    d.polygon(_pts([(0.14, 0.86), (0.17, 0.72), (0.3, 0.83)], s), fill=bg)


def _icon_repost(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """Two arrows chasing each other round a rectangle (retweet / repost / boost)."""
    w = round(s * 0.085)
    d.line(_pts([(0.2, 0.3), (0.2, 0.78), (0.56, 0.78)], s), fill=fg, width=w, joint="curve")
    d.polygon(_pts([(0.04, 0.34), (0.36, 0.34), (0.2, 0.12)], s), fill=fg)
    d.line(_pts([(0.8, 0.7), (0.8, 0.22), (0.44, 0.22)], s), fill=fg, width=w, joint="curve")
    d.polygon(_pts([(0.64, 0.66), (0.96, 0.66), (0.8, 0.88)], s), fill=fg)


def _icon_bookmark(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    w = round(s * 0.085)
    outline = [(0.24, 0.1), (0.76, 0.1), (0.76, 0.9), (0.5, 0.7), (0.24, 0.9), (0.24, 0.1)]
    d.line(_pts(outline, s), fill=fg, width=w, joint="curve")


def _icon_share(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """An arrow up out of a tray."""
    w = round(s * 0.085)
    d.line(_pts([(0.5, 0.1), (0.5, 0.62)], s), fill=fg, width=w)
    d.line(_pts([(0.28, 0.32), (0.5, 0.1), (0.72, 0.32)], s), fill=fg, width=w, joint="curve")
    d.line(_pts([(0.14, 0.5), (0.14, 0.86), (0.86, 0.86), (0.86, 0.5)], s), fill=fg, width=w)


def _icon_views(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """X's view count: four vertical bars."""
    w = round(s * 0.09)
    for x, top in ((0.2, 0.55), (0.4, 0.2), (0.6, 0.4), (0.8, 0.1)):
        d.line(_pts([(x, top), (x, 0.88)], s), fill=fg, width=w)


def _icon_plane(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """Threads' share icon: a paper plane outline."""
    w = round(s * 0.08)
    plane = [(0.08, 0.16), (0.92, 0.16), (0.52, 0.9), (0.42, 0.46), (0.08, 0.16)]
    d.line(_pts(plane, s), fill=fg, width=w, joint="curve")
    d.line(_pts([(0.42, 0.46), (0.92, 0.16)], s), fill=fg, width=w)


def _icon_star(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    outer: list[tuple[float, float]] = []
    for i in range(10):
        radius = 0.46 if i % 2 == 0 else 0.2
        angle = -math.pi / 2 + i * math.pi / 5
        outer.append((0.5 + radius * math.cos(angle), 0.54 + radius * math.sin(angle)))
    outer.append(outer[0])
    d.line(_pts(outer, s), fill=fg, width=round(s * 0.08), joint="curve")


def _icon_reply_arrow(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """Mastodon's reply icon: an arrow pointing left whose tail bends down to the right."""
    w = round(s * 0.09)
    d.arc(_box(0.2, 0.36, 0.88, 1.28, s), start=270, end=360, fill=fg, width=w)
    d.line(_pts([(0.56, 0.36), (0.12, 0.36)], s), fill=fg, width=w)
    d.line(_pts([(0.4, 0.1), (0.12, 0.36), (0.4, 0.62)], s), fill=fg, width=w, joint="curve")


def _arrow(up: bool) -> IconFn:
    def draw(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
        shape = [(0.5, 0.08), (0.9, 0.5), (0.67, 0.5), (0.67, 0.9), (0.33, 0.9), (0.33, 0.5)]
        shape += [(0.1, 0.5), (0.5, 0.08)]
        if not up:
            shape = [(x, 1 - y) for x, y in shape]
        d.line(_pts(shape, s), fill=fg, width=round(s * 0.085), joint="curve")

    return draw


def _icon_reddit_share(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    """Reddit's share icon: a curved arrow leaving to the right."""
    w = round(s * 0.085)
    d.arc(_box(0.12, 0.42, 0.88, 1.3, s), start=200, end=290, fill=fg, width=w)
    d.line(_pts([(0.6, 0.42), (0.82, 0.42)], s), fill=fg, width=w)
    d.polygon(_pts([(0.62, 0.16), (0.94, 0.42), (0.62, 0.68)], s), fill=fg)


def _icon_globe(d: ImageDraw.ImageDraw, s: float, fg: Colour, bg: Colour) -> None:
    w = round(s * 0.07)
    d.ellipse(_box(0.08, 0.08, 0.92, 0.92, s), outline=fg, width=w)
    d.ellipse(_box(0.3, 0.08, 0.7, 0.92, s), outline=fg, width=w)
    d.line(_pts([(0.08, 0.5), (0.92, 0.5)], s), fill=fg, width=w)


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


def _box(x0: float, y0: float, x1: float, y1: float, s: float) -> tuple[float, ...]:
    return (x0 * s, y0 * s, x1 * s, y1 * s)


# ----------------------------------------------------------------------------- canvas


class Canvas:
    """A tall page drawn top to bottom; `finish` crops it to what was drawn."""

    def __init__(self, width: int, theme: Theme) -> None:
        self.theme = theme
        self.image = Image.new("RGB", (width, 2400), theme.bg)
        self.draw = ImageDraw.Draw(self.image)
        self.width = width

    def text(
        self, xy: tuple[float, float], text: str, font: ImageFont.FreeTypeFont, fill: Colour
    ) -> float:
        """Draw text with its top-left at xy (the font's ascender line); return its advance."""
        self.draw.text(xy, text, font=font, fill=fill, anchor="la")
        return font.getlength(text)

    def segments(self, xy: tuple[float, float], parts: Sequence[Segment]) -> float:
        """Runs of differently styled text on one baseline; return the end x."""
        x, y = xy
        ascent = max(font.getmetrics()[0] for _, font, _ in parts)
        for text, font, fill in parts:
            self.draw.text((x, y + ascent), text, font=font, fill=fill, anchor="ls")
            x += font.getlength(text)
        return x

    def icon(
        self, name: str, xy: tuple[float, float], size: int, fill: Colour, bg: Colour | None = None
    ) -> None:
        back = bg or self.theme.bg
        tile = Image.new("RGB", (size * _SS, size * _SS), back)
        ICONS[name](ImageDraw.Draw(tile), size * _SS, fill, back)
        tile = tile.resize((size, size), Image.Resampling.LANCZOS)
        self.image.paste(tile, (round(xy[0]), round(xy[1])))

    def avatar(self, xy: tuple[float, float], size: int, square: bool = False) -> None:
        tile = Image.new("RGB", (size * _SS, size * _SS), self.theme.bg)
        d = ImageDraw.Draw(tile)
        box = (0, 0, size * _SS - 1, size * _SS - 1)
        if square:
            d.rounded_rectangle(box, radius=size * _SS // 8, fill=self.theme.avatar)
        else:
            d.ellipse(box, fill=self.theme.avatar)
        self.image.paste(
            tile.resize((size, size), Image.Resampling.LANCZOS), (round(xy[0]), round(xy[1]))
        )

    def hline(self, y: float, x0: float = 0, x1: float | None = None, width: int = 2) -> None:
        self.draw.line(
            (x0, y, self.width if x1 is None else x1, y), fill=self.theme.divider, width=width
        )

    def paragraphs(
        self,
        x: float,
        y: float,
        body: str,
        font: ImageFont.FreeTypeFont,
        fill: Colour,
        max_width: float,
        leading: float = 1.35,
        gap: float = 1.0,
    ) -> float:
        """Wrap and draw the body; paragraphs are split by a blank line of `gap` lines."""
        step = round(font.size * leading)
        for i, para in enumerate(body.split("\n\n")):
            if i:
                y += round(step * gap)
            for line in wrap(para, font, max_width):
                self.text((x, y), line, font, fill)
                y += step
        return y

    def finish(self, bottom: float) -> Image.Image:
        return self.image.crop((0, 0, self.width, round(bottom)))


def wrap(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Greedy word wrap; explicit newlines inside a paragraph are kept."""
    lines: list[str] = []
    for raw in text.split("\n"):
        line = ""
        for word in raw.split(" "):
            trial = f"{line} {word}" if line else word
            if line and font.getlength(trial) > max_width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def _count_items(
    c: Canvas,
    y: float,
    x0: float,
    x1: float,
    items: Sequence[tuple[str, str | None]],
    icon_size: int,
    font: ImageFont.FreeTypeFont,
    fill: Colour,
    trailing: Sequence[str] = (),
) -> None:
    """An action row: `items` (icon, count) spread from x0, `trailing` icons flush right at x1."""
    slot = (x1 - x0 - len(trailing) * icon_size * 2.2) / max(len(items), 1)
    text_dy = (icon_size - font.getbbox("0")[3]) / 2 - 1
    for i, (name, count) in enumerate(items):
        x = x0 + i * slot
        c.icon(name, (x, y), icon_size, fill)
        if count is not None:
            c.text((x + icon_size * 1.35, y + text_dy), count, font, fill)
    for j, name in enumerate(reversed(trailing)):
        c.icon(name, (x1 - icon_size - j * icon_size * 2.2, y), icon_size, fill)


# ----------------------------------------------------------------------------- renderers


@dataclass(frozen=True)
class XPost:
    """What X's single-post view draws besides the card: counts_shown is (views, replies,
    reposts, likes, bookmarks)."""

    theme: Theme
    verified: bool = False


def _x_verified(c: Canvas, xy: tuple[float, float], size: int) -> None:
    tile = Image.new("RGB", (size * _SS, size * _SS), c.theme.bg)
    d = ImageDraw.Draw(tile)
    s = size * _SS
    d.ellipse((0, 0, s - 1, s - 1), fill="#1D9BF0")
    d.line(
        _pts([(0.27, 0.52), (0.44, 0.68), (0.74, 0.34)], s),
        fill="#FFFFFF",
        width=round(s * 0.11),
        joint="curve",
    )
    c.image.paste(tile.resize((size, size), Image.Resampling.LANCZOS), (round(xy[0]), round(xy[1])))


def render_x_post(card: Card, post: XPost) -> Image.Image:
    """X's single-post view: header, large body, timestamp and views, then the action bar."""
    theme = post.theme
    views, replies, reposts, likes, bookmarks = card.counts_shown
    c = Canvas(920, theme)
    pad, av = 32, 80
    bold, handle_font = _font("sans-bold", 29), _font("sans", 27)
    c.avatar((pad, 28), av)
    name_x = pad + av + 22
    end = c.text((name_x, 34), card.display_name or "", bold, theme.text)
    if post.verified:
        _x_verified(c, (name_x + end + 6, 36), 28)
    c.text((name_x, 72), card.handle or "", handle_font, theme.grey)
    c.icon("dots", (c.width - pad - 30, 40), 30, theme.grey)

    body_font = _font("sans", 31)
    y = c.paragraphs(pad, 140, card.body, body_font, theme.text, c.width - 2 * pad)

    meta = _font("sans", 27)
    meta_bold = _font("sans-bold", 27)
    y += 22
    c.segments(
        (pad, y),
        [
            (f"{card.timestamp_raw} · ", meta, theme.grey),
            (views, meta_bold, theme.text),
            (" Views", meta, theme.grey),
        ],
    )
    y += 58
    c.hline(y, pad, c.width - pad)
    y += 22
    items = [("bubble", replies), ("repost", reposts), ("heart", likes), ("bookmark", bookmarks)]
    _count_items(
        c, y, pad, c.width - pad, items, 34, _font("sans", 27), theme.grey, trailing=("share",)
    )
    y += 34 + 22
    c.hline(y, pad, c.width - pad)
    return c.finish(y + 24)


@dataclass(frozen=True)
class XTimeline:
    time: str
    replies: str
    reposts: str
    likes: str
    views: str


def render_x_timeline(card: Card, post: XTimeline, theme: Theme) -> Image.Image:
    """X's feed: name, @handle and '· 2h' on one row right of the avatar, body, action row."""
    c = Canvas(920, theme)
    pad, av = 28, 80
    col = pad + av + 20
    bold, reg = _font("sans-bold", 28), _font("sans", 28)
    c.avatar((pad, 24), av)
    c.segments(
        (col, 26),
        [
            (card.display_name or "", bold, theme.text),
            (f" {card.handle} · {post.time}", reg, theme.grey),
        ],
    )
    c.icon("dots", (c.width - pad - 28, 30), 28, theme.grey)
    y = c.paragraphs(col, 68, card.body, reg, theme.text, c.width - col - pad)
    y += 14
    items = [
        ("bubble", post.replies),
        ("repost", post.reposts),
        ("heart", post.likes),
        ("views", post.views),
    ]
    _count_items(
        c,
        y,
        col,
        c.width - pad,
        items,
        30,
        _font("sans", 25),
        theme.grey,
        trailing=("bookmark", "share"),
    )
    y += 30 + 26
    c.hline(y)
    return c.finish(y + 2)


@dataclass(frozen=True)
class BlueskyPost:
    reposts: str
    quotes: str
    likes: str


def render_bluesky(card: Card, post: BlueskyPost) -> Image.Image:
    """Bluesky's post thread view of the focused post."""
    theme = BLUESKY
    c = Canvas(920, theme)
    pad, av = 30, 84
    c.avatar((pad, 28), av)
    name_x = pad + av + 22
    c.text((name_x, 34), card.display_name or "", _font("dejavu-bold", 28), theme.text)
    c.text((name_x, 74), card.handle or "", _font("dejavu", 25), theme.grey)
    y = c.paragraphs(
        pad, 144, card.body, _font("dejavu", 29), theme.text, c.width - 2 * pad, leading=1.4
    )
    y += 16
    c.text((pad, y), card.timestamp_raw or "", _font("dejavu", 24), theme.grey)
    y += 52
    c.hline(y, pad, c.width - pad)
    y += 24
    num, label = _font("dejavu-bold", 25), _font("dejavu", 25)
    c.segments(
        (pad, y),
        [
            (post.reposts, num, theme.text),
            (" reposts    ", label, theme.grey),
            (post.quotes, num, theme.text),
            (" quotes    ", label, theme.grey),
            (post.likes, num, theme.text),
            (" likes", label, theme.grey),
        ],
    )
    y += 52
    c.hline(y, pad, c.width - pad)
    y += 22
    icons = [("round-bubble", None), ("repost", None), ("heart", None), ("dots", None)]
    _count_items(c, y, pad + 10, c.width - pad, icons, 34, label, theme.grey)
    return c.finish(y + 34 + 26)


@dataclass(frozen=True)
class ThreadsPost:
    likes: str
    replies: str
    reposts: str


def render_threads(card: Card, post: ThreadsPost) -> Image.Image:
    """A Threads post: username and relative time on one row, body and icons indented."""
    theme = THREADS
    c = Canvas(920, theme)
    pad, av = 30, 72
    col = pad + av + 22
    name_font = _font("sans-bold", 28)
    c.avatar((pad, 26), av)
    end = c.text((col, 26), card.handle or "", name_font, theme.text)
    c.text((col + end + 16, 26), card.timestamp_raw or "", _font("sans", 28), theme.grey)
    c.icon("dots", (c.width - pad - 28, 30), 28, theme.text)
    y = c.paragraphs(col, 70, card.body, _font("sans", 28), theme.text, c.width - col - pad)
    y += 18
    font = _font("sans", 25)
    x = col - 4
    for name, count in (
        ("heart", post.likes),
        ("round-bubble", post.replies),
        ("repost", post.reposts),
        ("plane", None),
    ):
        c.icon(name, (x, y), 32, theme.text)
        x += 32 + 14
        if count is not None:
            x += c.text((x, y + 3), count, font, "#424242") + 40
    return c.finish(y + 32 + 30)


@dataclass(frozen=True)
class MastodonPost:
    boosts: str
    favourites: str


def render_mastodon(card: Card, post: MastodonPost) -> Image.Image:
    """Mastodon's web UI detailed status (4.3 light theme): date line, then the counts line."""
    theme = MASTODON
    c = Canvas(920, theme)
    pad, av = 28, 84
    c.avatar((pad, 28), av, square=True)
    name_x = pad + av + 20
    c.text((name_x, 34), card.display_name or "", _font("dejavu-bold", 27), theme.text)
    c.text((name_x, 72), card.handle or "", _font("dejavu", 24), theme.grey)
    body_font = _font("dejavu", 28)
    paras = card.body.split("\n\n")
    y = 148
    for i, para in enumerate(paras):
        fill = theme.accent if para.startswith("#") else theme.text
        y = c.paragraphs(
            pad, y + (round(28 * 1.35) if i else 0), para, body_font, fill, c.width - 2 * pad
        )
    y += 24
    meta, meta_bold = _font("dejavu", 24), _font("dejavu-bold", 24)
    end = c.segments((pad, y), [(f"{card.timestamp_raw} · ", meta, theme.grey)])
    c.icon("globe", (end + 2, y + 2), 24, theme.grey)
    y += 44
    c.segments(
        (pad, y),
        [
            (post.boosts, meta_bold, theme.text),
            (" boosts · ", meta, theme.grey),
            (post.favourites, meta_bold, theme.text),
            (" favourites", meta, theme.grey),
        ],
    )
    y += 52
    c.hline(y, pad, c.width - pad)
    y += 20
    icons = [
        ("reply-arrow", None),
        ("repost", None),
        ("star", None),
        ("bookmark", None),
        ("dots", None),
    ]
    _count_items(c, y, pad + 8, c.width - pad, icons, 32, meta, theme.grey)
    return c.finish(y + 32 + 22)


@dataclass(frozen=True)
class RedditPost:
    subreddit: str
    time: str
    score: str
    comments: str


def _pill(c: Canvas, x: float, y: float, w: float, h: int) -> None:
    c.draw.rounded_rectangle((x, y, x + w, y + h), radius=h // 2, fill=REDDIT.divider)


def render_reddit(card: Card, post: RedditPost) -> Image.Image:
    """New Reddit's post page: community and age, author, bold title, body, the pill buttons."""
    theme = REDDIT
    c = Canvas(980, theme)
    pad = 30
    c.draw.ellipse((pad, 26, pad + 48, 26 + 48), fill="#0079D3")
    x = pad + 48 + 14
    c.segments(
        (x, 24),
        [
            (post.subreddit, _font("sans-bold", 24), theme.text),
            (f" • {post.time}", _font("sans", 24), theme.grey),
        ],
    )
    c.text((x, 54), card.handle or "", _font("sans", 22), theme.grey)
    c.icon("dots", (c.width - pad - 28, 36), 28, theme.grey)
    title, _, body = card.body.partition("\n\n")
    y = c.paragraphs(
        pad, 104, title, _font("sans-bold", 34), theme.text, c.width - 2 * pad, leading=1.3
    )
    y += 14
    y = c.paragraphs(
        pad, y, body, _font("sans", 27), theme.text, c.width - 2 * pad, leading=1.45, gap=0.6
    )
    y += 18
    h, icon = 58, 30
    num = _font("sans-bold", 24)
    iy = y + (h - icon) / 2
    ty = y + (h - num.getbbox("0")[3]) / 2 - 1
    # votes pill: up, score, down
    w = 14 + icon + 12 + num.getlength(post.score) + 12 + icon + 14
    _pill(c, pad, y, w, h)
    c.icon("up", (pad + 14, iy), icon, theme.text, REDDIT.divider)
    c.text((pad + 14 + icon + 12, ty), post.score, num, theme.text)
    c.icon("down", (pad + w - 14 - icon, iy), icon, theme.text, REDDIT.divider)
    x = pad + w + 16
    # comments pill
    w = 18 + icon + 10 + num.getlength(post.comments) + 20
    _pill(c, x, y, w, h)
    c.icon("round-bubble", (x + 18, iy), icon, theme.text, REDDIT.divider)
    c.text((x + 18 + icon + 10, ty), post.comments, num, theme.text)
    x += w + 16
    # share pill
    w = 18 + icon + 10 + num.getlength("Share") + 20
    _pill(c, x, y, w, h)
    c.icon("reddit-share", (x + 18, iy), icon, theme.text, REDDIT.divider)
    c.text((x + 18 + icon + 10, ty), "Share", num, theme.text)
    return c.finish(y + h + 28)


# ----------------------------------------------------------------------------- the cards


CARDS: list[Card] = [
    Card(
        name="x-light",
        platform="X",
        display_name="Mara Quill",
        handle="@maraquill_sec",
        timestamp_raw="10:02 AM · Feb 23, 2026",
        timestamp="2026-02-23T10:02:00",
        body=(
            "PSA: a fake wallet sync extension is live in the Chrome Web Store. It asks for "
            "your seed phrase on first launch and sends it to a server in under a second.\n\n"
            "If you installed it, move your funds to a new wallet today and report the listing. "
            "Indicators of compromise in the thread below."
        ),
        counts={"replies": 1200, "reposts": 3400, "likes": 18000, "views": 4_100_000},
        counts_shown=("4.1M", "1.2K", "3.4K", "18K", "2.1K"),
    ),
    Card(
        name="x-dim",
        platform="X",
        display_name="Devon Achebe",
        handle="@devon_evals",
        timestamp_raw="9:47 PM · Jan 8, 2026",
        timestamp="2026-01-08T21:47:00",
        body=(
            "Kestrel-70B is out with open weights. On our runs it scores 71.3% on SWE-bench "
            "Verified, up from 48.9% for Kestrel-34B, with a 128K context window.\n\n"
            "Inference cost is about $0.60 per million tokens on 8 GPUs. Full eval logs "
            "and prompts are on the blog."
        ),
        counts={"replies": 214, "reposts": 1900, "likes": 9700, "views": 612_000},
        counts_shown=("612K", "214", "1.9K", "9.7K", "845"),
    ),
    Card(
        name="x-black",
        platform="X",
        display_name="Tomasz Wren",
        handle="@tomwren_data",
        timestamp_raw="7:15 AM · Dec 2, 2025",
        timestamp="2025-12-02T07:15:00",
        body=(
            "New scan results: 38,200 database servers are still reachable from the internet "
            "with no password set. That is 12% fewer than in June.\n\n"
            "Most of them sit on three cloud providers. We have notified all three."
        ),
        counts={"replies": 56, "reposts": 402, "likes": 2300, "views": 88_400},
        counts_shown=("88.4K", "56", "402", "2.3K", "117"),
    ),
    Card(
        name="x-timeline",
        platform="X",
        display_name="Sam Ortega",
        handle="@samortega_dev",
        timestamp_raw="2h",
        timestamp=None,
        body=(
            "Our team moved the build cache to a single bucket and CI time dropped from 41 "
            "minutes to 9.\n\n"
            "Nothing clever, just stopped rebuilding the same layers twice."
        ),
        counts={"replies": 12, "reposts": 48, "likes": 1100, "views": 52_000},
        counts_shown=("12", "48", "1.1K", "52K"),
    ),
    Card(
        name="bluesky",
        platform="Bluesky",
        display_name="Mara Quill",
        handle="@mara.bsky.social",
        timestamp_raw="February 23, 2026 at 10:02 AM",
        timestamp="2026-02-23T10:02:00",
        body=(
            "Reminder: your bank will never ask you to read out a one-time code over the "
            "phone. Hang up and call the number on your card.\n\n"
            "We saw 3 of these calls this week alone, all spoofing the same caller ID."
        ),
        counts={"replies": None, "reposts": 12, "likes": 148, "views": None},
        counts_shown=("12", "3", "148"),
    ),
    Card(
        name="threads",
        platform="Threads",
        display_name=None,
        handle="mara.quill",
        timestamp_raw="2h",
        timestamp=None,
        body=(
            "A new open model just matched last year's best closed one on math benchmarks, "
            "at a tenth of the size.\n\n"
            "Worth reading the eval details before the hype: the test set is only 500 problems."
        ),
        counts={"replies": 12, "reposts": 9, "likes": 148, "views": None},
        counts_shown=("148", "12", "9"),
    ),
    Card(
        name="mastodon",
        platform="Mastodon",
        display_name="Mara Quill",
        handle="@mara@infosec.exchange",
        timestamp_raw="Feb 23, 2026, 10:02",
        timestamp="2026-02-23T10:02:00",
        body=(
            "Patch your VPN appliances today. The auth bypass disclosed on Friday is now "
            "being exploited, and we count over 4,000 exposed devices.\n\n"
            "Vendor advisory and detection rules are linked in the replies.\n\n"
            "#infosec #patchnow"
        ),
        counts={"replies": None, "reposts": 12, "likes": 148, "views": None},
        counts_shown=("12", "148"),
    ),
    Card(
        name="reddit",
        platform="Reddit",
        display_name=None,
        handle="u/mara_q",
        timestamp_raw="5h",
        timestamp=None,
        body=(
            "[N] Kestrel-70B released with open weights and a 128K context window\n\n"
            "The model card reports 71.3% on SWE-bench Verified and 86.1% on MMLU. Weights "
            "are under a permissive license, with a 4-bit version that fits on two 24 GB cards.\n\n"
            "Has anyone reproduced the coding numbers yet?"
        ),
        counts={"replies": 345, "reposts": None, "likes": 1200, "views": None},
        counts_shown=("1.2K", "345"),
    ),
]

_X_POSTS: dict[str, XPost] = {
    "x-light": XPost(X_LIGHT),
    "x-dim": XPost(X_DIM, verified=True),
    "x-black": XPost(X_BLACK),
}


def render(card: Card) -> Image.Image:
    """Draw `card` as a screenshot of its platform; the same card always gives the same pixels."""
    if card.name in _X_POSTS:
        return render_x_post(card, _X_POSTS[card.name])
    if card.name == "x-timeline":
        return render_x_timeline(
            card, XTimeline(card.timestamp_raw or "", *card.counts_shown), X_LIGHT
        )
    if card.platform == "Bluesky":
        return render_bluesky(card, BlueskyPost(*card.counts_shown))
    if card.platform == "Threads":
        return render_threads(card, ThreadsPost(*card.counts_shown))
    if card.platform == "Mastodon":
        return render_mastodon(card, MastodonPost(*card.counts_shown))
    if card.platform == "Reddit":
        return render_reddit(
            card, RedditPost("r/MachineLearning", card.timestamp_raw or "", *card.counts_shown)
        )
    raise ValueError(f"no renderer for card {card.name!r}")
