"""Render small test images with known text, with Debian's DejaVu fonts."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def text_image(
    lines: list[str],
    size: int = 28,
    fg: str = "black",
    bg: str = "white",
    width: int = 900,
    bold: bool = False,
) -> Image.Image:
    font = ImageFont.truetype(str(BOLD if bold else FONT), size)
    height = 40 + len(lines) * int(size * 1.6)
    image = Image.new("RGB", (width, height), bg)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((30, 20 + i * int(size * 1.6)), line, font=font, fill=fg)
    return image
