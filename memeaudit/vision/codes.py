"""QR codes and barcodes in the picture, read with zxing-cpp.

zxing-cpp was measured against OpenCV's readers on flyers with a code at several sizes, a
rotation and JPEG 60-90 (`python benchmarks/codes.py`, README "QR codes, barcodes and links"):
it decoded every QR code and most barcodes, in a fifth of OpenCV's time, and invented none on
images without a code. A small image with no code found is read once more at twice its size:
a barcode whose bars are under two pixels wide is only legible that way.
"""

from __future__ import annotations

import logging

import numpy as np

from memeaudit.load import LoadedImage
from memeaudit.model import Code

log = logging.getLogger("memeaudit")
UPSCALE_BELOW = 1_500_000  # pixels: smaller images are read again at twice the size


def _read(gray: np.ndarray, scale: float) -> list[Code]:
    import zxingcpp

    codes = []
    for found in zxingcpp.read_barcodes(gray):
        if not found.valid or not found.text:
            continue
        pos = found.position
        xs = [pos.top_left.x, pos.top_right.x, pos.bottom_left.x, pos.bottom_right.x]
        ys = [pos.top_left.y, pos.top_right.y, pos.bottom_left.y, pos.bottom_right.y]
        x, y = min(xs) / scale, min(ys) / scale
        box = (round(x), round(y), round(max(xs) / scale - x), round(max(ys) / scale - y))
        codes.append(Code(format=found.format.name, text=found.text, bbox=box))
    return codes


def read_codes(image: LoadedImage) -> list[Code]:
    """Every code zxing-cpp can decode in the image; none where zxing-cpp is missing."""
    import cv2

    gray = cv2.cvtColor(image.bgr, cv2.COLOR_BGR2GRAY)
    try:
        codes = _read(gray, 1.0)
        if not codes and gray.size < UPSCALE_BELOW:
            codes = _read(cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC), 2.0)
    except ImportError:
        log.info("no QR code reader: pip install zxing-cpp")
        return []
    unique: dict[tuple[str, str], Code] = {}
    for code in codes:
        unique.setdefault((code.format, code.text), code)
    return list(unique.values())
