"""Side-by-side panels (issue M #4): where a band of the image shows a vertical gutter, the
pictures left and right of it are panels of their own; a picture with flat margins, or text
columns narrower than a picture, is not split."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from memeaudit.vision.layout import panels

CAT = Path(__file__).parent / "resources" / "skimage_chelsea_cat.png"


def _bgr(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("RGB"))[:, :, ::-1].copy()


def _pictures() -> tuple[Image.Image, Image.Image]:
    cat = Image.open(CAT).convert("RGB").resize((300, 240))
    noise = np.random.default_rng(19).integers(0, 255, (240, 300, 3), dtype=np.uint8)
    return cat, Image.fromarray(noise)


def test_two_pictures_side_by_side_are_two_panels() -> None:
    left, right = _pictures()
    out = Image.new("RGB", (300 + 16 + 300, 240), "white")
    out.paste(left, (0, 0))
    out.paste(right, (316, 0))
    assert panels(_bgr(out), None) == [(0, 0, 300, 240), (316, 0, 300, 240)]


def test_a_two_by_two_grid_under_a_caption_bar_is_four_panels() -> None:
    left, right = _pictures()
    out = Image.new("RGB", (616, 80 + 240 + 12 + 240), "white")
    out.paste(Image.new("RGB", (400, 30), "black"), (100, 25))  # a caption's shape on the bar
    for y in (80, 80 + 240 + 12):
        out.paste(left, (0, y))
        out.paste(right, (316, y))
    found = panels(_bgr(out), None)
    assert sorted(found) == [
        (0, 80, 300, 240),
        (0, 332, 300, 240),
        (316, 80, 300, 240),
        (316, 332, 300, 240),
    ]


def test_a_picture_with_flat_margins_is_not_split() -> None:
    left, _ = _pictures()
    out = Image.new("RGB", (500, 240), "white")
    out.paste(left, (100, 0))
    assert panels(_bgr(out), None) == []


def test_a_narrow_strip_beside_a_picture_is_not_a_panel() -> None:
    left, _ = _pictures()
    out = Image.new("RGB", (360, 240), "white")
    out.paste(left, (0, 0))
    out.paste(Image.new("RGB", (30, 200), "black"), (320, 20))  # an icon column, not a picture
    assert panels(_bgr(out), None) == []
