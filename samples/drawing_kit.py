"""The pieces memeaudit's sample images are drawn with (samples/make_samples.py): fonts, photos,
text wrapping, a post card with its icons and avatar, label boxes, stacking and caption bars.
Only Pillow, Debian fonts and the photos in samples/assets/ are used; nothing is random.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
LIBERATION = Path("/usr/share/fonts/truetype/liberation2")

Color = str | tuple[int, int, int]
XY = tuple[float, float]


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """Load a Debian font: 'sans', 'sans-bold', 'cond-bold' or 'dejavu-bold'."""
    files = {
        "sans": LIBERATION / "LiberationSans-Regular.ttf",
        "sans-bold": LIBERATION / "LiberationSans-Bold.ttf",
        "cond-bold": DEJAVU / "DejaVuSansCondensed-Bold.ttf",
        "dejavu-bold": DEJAVU / "DejaVuSans-Bold.ttf",
    }
    return ImageFont.truetype(str(files[name]), size)


def photo(name: str) -> Image.Image:
    return Image.open(ASSETS / name).convert("RGB")


def wrap(text: str, fnt: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap; each '\\n' starts a new line and an empty paragraph stays a blank line."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            trial = f"{line} {word}".strip()
            if line and fnt.getlength(trial) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


# --- post-card pieces -------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    bg: Color
    text: Color
    muted: Color
    rule: Color


LIGHT = Theme(bg="#FFFFFF", text="#0F1419", muted="#536471", rule="#EFF3F4")
DIM = Theme(bg="#15202B", text="#F7F9F9", muted="#8B98A5", rule="#38444D")


def scaled(x: float, y: float, s: float, *uv: XY) -> list[XY]:
    """Map unit-square points (u, v) into the s-by-s box at (x, y)."""
    return [(x + u * s, y + v * s) for u, v in uv]


def icon_reply(d: ImageDraw.ImageDraw, x: float, y: float, s: float, c: Color) -> None:
    d.rounded_rectangle((x, y + s * 0.1, x + s, y + s * 0.75), radius=s * 0.3, outline=c, width=2)
    d.polygon(scaled(x, y, s, (0.3, 0.72), (0.5, 0.72), (0.3, 1)), fill=c)


def icon_repost(d: ImageDraw.ImageDraw, x: float, y: float, s: float, c: Color) -> None:
    d.line(scaled(x, y, s, (0.2, 0.85), (0.2, 0.25), (0.65, 0.25)), fill=c, width=2)
    d.polygon(scaled(x, y, s, (0.03, 0.32), (0.37, 0.32), (0.2, 0.1)), fill=c)
    d.line(scaled(x, y, s, (0.8, 0.15), (0.8, 0.75), (0.35, 0.75)), fill=c, width=2)
    d.polygon(scaled(x, y, s, (0.63, 0.68), (0.97, 0.68), (0.8, 0.9)), fill=c)


def icon_like(d: ImageDraw.ImageDraw, x: float, y: float, s: float, c: Color) -> None:
    pts: list[XY] = []
    for i in range(48):  # the classic parametric heart, scaled into an s-by-s box
        t = 2 * math.pi * i / 48
        hx = 16 * math.sin(t) ** 3
        hy = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        pts.append((x + s / 2 + hx * s / 34, y + s * 0.45 - hy * s / 34))
    d.polygon(pts, outline=c, width=2)


def icon_bookmark(d: ImageDraw.ImageDraw, x: float, y: float, s: float, c: Color) -> None:
    pts = scaled(x, y, s, (0.2, 0), (0.8, 0), (0.8, 1), (0.5, 0.72), (0.2, 1))
    d.polygon(pts, outline=c, width=2)


ICONS = (icon_reply, icon_repost, icon_like, icon_bookmark)


def round_avatar(
    size: int, bg: Color, draw_logo: Callable[[ImageDraw.ImageDraw, int], None]
) -> tuple[Image.Image, Image.Image]:
    """Return (avatar image, circular mask) for a logo drawn on a filled circle."""
    av = Image.new("RGB", (size, size), bg)
    draw_logo(ImageDraw.Draw(av), size)
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, size - 1, size - 1), fill=255)
    return av, mask


def post_card(
    theme: Theme,
    avatar: tuple[Image.Image, Image.Image],
    name: str,
    handle: str,
    body: str,
    stamp: str,
    counts: tuple[str, str, str, str],
    width: int = 1200,
    body_size: int = 30,
) -> Image.Image:
    """An X (Twitter) post in the single-post layout: header, body, timestamp, counts row."""
    pad, av = 40, avatar[0].width
    f_name, f_handle = font("sans-bold", 30), font("sans", 27)
    f_body, f_small = font("sans", body_size), font("sans", 27)
    lines = wrap(body, f_body, width - 2 * pad)
    line_h = body_size + 12
    body_y = pad + av + 26
    stamp_y = body_y + len(lines) * line_h + 22
    row_y = stamp_y + 60
    height = row_y + 80
    img = Image.new("RGB", (width, height), theme.bg)
    d = ImageDraw.Draw(img)
    img.paste(avatar[0], (pad, pad), avatar[1])
    d.text((pad + av + 18, pad + 8), name, font=f_name, fill=theme.text)
    d.text((pad + av + 18, pad + 48), handle, font=f_handle, fill=theme.muted)
    for i, line in enumerate(lines):
        d.text((pad, body_y + i * line_h), line, font=f_body, fill=theme.text)
    d.text((pad, stamp_y), stamp, font=f_small, fill=theme.muted)
    d.line((pad, row_y - 12, width - pad, row_y - 12), fill=theme.rule, width=2)
    d.line((pad, height - 12, width - pad, height - 12), fill=theme.rule, width=2)
    slot = (width - 2 * pad) / 4
    for i, (draw_icon, count) in enumerate(zip(ICONS, counts, strict=True)):
        x = pad + i * slot + 10
        draw_icon(d, x, row_y + 16, 26, theme.muted)
        d.text((x + 56, row_y + 14), count, font=f_small, fill=theme.muted)
    return img


def label_box(d: ImageDraw.ImageDraw, center: XY, text: str, fnt: ImageFont.FreeTypeFont) -> None:
    """Bold dark text on a light rounded box centred on `center`."""
    left, top, right, bottom = d.textbbox((0, 0), text, font=fnt)
    x0, y0 = center[0] - (right - left) / 2 - 16, center[1] - (bottom - top) / 2 - 10
    # no outline: a dark border makes tesseract's layout analysis treat the label as picture
    d.rounded_rectangle((x0, y0, x0 + right - left + 32, y0 + bottom - top + 20), 12, "#FFFDF5")
    d.text((x0 + 16 - left, y0 + 10 - top), text, font=fnt, fill="#1A1A1A")


def stack(*parts: Image.Image) -> Image.Image:
    """Stack images vertically, centred, on white."""
    width = max(p.width for p in parts)
    out = Image.new("RGB", (width, sum(p.height for p in parts)), "#FFFFFF")
    y = 0
    for p in parts:
        out.paste(p, ((width - p.width) // 2, y))
        y += p.height
    return out


def caption_bar(text: str, width: int, size: int = 44) -> Image.Image:
    """Black text on a white bar, wrapped to the width."""
    fnt = font("dejavu-bold", size)
    lines = wrap(text, fnt, width - 80)
    bar = Image.new("RGB", (width, 40 + len(lines) * int(size * 1.3)), "#FFFFFF")
    d = ImageDraw.Draw(bar)
    for i, line in enumerate(lines):
        d.text((width / 2, 20 + i * size * 1.3), line, font=fnt, fill="#000000", anchor="ma")
    return bar
