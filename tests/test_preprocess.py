"""The preprocessing choices, on images the tests render with known text."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from memeaudit.evaluate import cer
from memeaudit.ocr import get_engine
from memeaudit.ocr.base import reading_order
from memeaudit.ocr.preprocess import for_tesseract, is_light_page, white_text
from tests.render import BOLD, text_image

CAPTION = "ONE DOES NOT SIMPLY"


def outlined_caption() -> np.ndarray:
    """White Impact-style capitals with a thick black outline over a busy photo-like background."""
    rng = np.random.default_rng(7)
    noise = rng.integers(60, 200, size=(60, 90, 3), dtype=np.uint8)
    image = Image.fromarray(noise).resize((900, 300), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(BOLD), 64)
    draw.text(
        (450, 150),
        CAPTION,
        font=font,
        fill="white",
        stroke_width=5,
        stroke_fill="black",
        anchor="mm",
    )
    return np.asarray(image)[:, :, ::-1].copy()


def _tesseract(bgr: np.ndarray) -> str:
    return "\n".join(line.text for line in reading_order(get_engine("tesseract").read(bgr)))


def test_light_pages_are_told_from_pictures() -> None:
    page = np.asarray(text_image(["plain dark text on a light page"]))[:, :, ::-1]
    assert is_light_page(page)
    assert not is_light_page(outlined_caption())
    assert for_tesseract(page) is page


def test_white_text_layer_is_black_on_white() -> None:
    layer = white_text(outlined_caption())
    assert set(np.unique(layer)) <= {0, 255}
    assert (layer == 0).mean() < 0.2  # only the letters are dark


@pytest.mark.slow
def test_tesseract_reads_an_outlined_caption_only_through_the_white_text_layer() -> None:
    bgr = outlined_caption()
    plain = cer(_tesseract(bgr), CAPTION)
    layered = cer(_tesseract(for_tesseract(bgr)), CAPTION)
    assert layered is not None and plain is not None
    assert layered <= 0.1 < plain


@pytest.mark.slow
def test_dark_mode_text_is_read_through_the_white_text_layer() -> None:
    bgr = np.asarray(
        text_image(["white text in dark mode", "second line here"], fg="white", bg="#15202B")
    )[:, :, ::-1]
    assert not is_light_page(bgr)
    assert (
        cer(_tesseract(for_tesseract(bgr.copy())), "white text in dark mode second line here")
        <= 0.05
    )
