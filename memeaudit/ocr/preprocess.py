"""OpenCV preprocessing, kept only where the dev set's CER says it helps.

Measured with `python benchmarks/preprocess_ablation.py` (mean CER over the 21 dev images with
text; lower is better):

| step | tesseract | PP-OCRv5 |
|---|---|---|
| none | 0.536 | 0.030 |
| 2x upscale | 0.534 | 0.061 |
| 20 px border | 0.539 | 0.045 |
| invert dark images | 0.538 | 0.035 |
| white text only | 0.349 | 0.217 |
| white text unless a light page | 0.369 | 0.217 |

So PP-OCR reads the image as it is, and tesseract reads the white-text layer whenever the image
is not a light page. "White text only" everywhere scores a little better on this meme-heavy set,
but it erases the dark text of every document and light-theme screenshot, so light pages keep
their own pixels. Fused with PP-OCR the two choices tied (0.034 each, measured before the
glued-word split in cleanup.py was added).
"""

from __future__ import annotations

import cv2
import numpy as np

LIGHT_PAGE = 200  # median grey level at or above which an image is a light page
WHITE = 215  # every channel above this counts as white text


def is_light_page(bgr: np.ndarray) -> bool:
    """Dark text on a light background: documents, light-theme screenshots."""
    return float(np.median(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY))) >= LIGHT_PAGE


def white_text(bgr: np.ndarray) -> np.ndarray:
    """Keep only near-white pixels, drawn black on white: outlined captions, dark-mode text."""
    mask = (bgr.min(axis=2) > WHITE).astype(np.uint8) * 255
    return cv2.cvtColor(255 - mask, cv2.COLOR_GRAY2BGR)


def for_tesseract(bgr: np.ndarray) -> np.ndarray:
    return bgr if is_light_page(bgr) else white_text(bgr)
