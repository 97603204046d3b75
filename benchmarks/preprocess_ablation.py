"""Which OpenCV preprocessing steps help which OCR engine, on the dev set.

    python benchmarks/preprocess_ablation.py [DEV_DIR]

Prints the mean CER (the dev set's scoring) of tesseract and PP-OCR on each image as it is and
after each candidate step. memeaudit keeps a step only where this table says it helps; the
result is recorded in memeaudit/ocr/preprocess.py.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from memeaudit.evaluate import cer, items
from memeaudit.load import load_image
from memeaudit.ocr import get_engine
from memeaudit.ocr.base import reading_order
from memeaudit.ocr.cleanup import clean
from memeaudit.ocr.preprocess import for_tesseract, white_text

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"


def upscale(bgr: np.ndarray) -> np.ndarray:
    return cv2.resize(bgr, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)


def border(bgr: np.ndarray) -> np.ndarray:
    edge = np.median(np.concatenate([bgr[0], bgr[-1]]), axis=0)
    return cv2.copyMakeBorder(
        bgr, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=[int(v) for v in edge]
    )


def invert_dark(bgr: np.ndarray) -> np.ndarray:
    return 255 - bgr if cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY).mean() < 110 else bgr


STEPS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "none": lambda bgr: bgr,
    "2x upscale": upscale,
    "20 px border": border,
    "invert dark images": invert_dark,
    "white text only": white_text,
    "white text unless a light page (kept for tesseract)": for_tesseract,
}


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    cases = [(load_image(it.image).bgr, it.truth) for it in items(folder) if it.truth.strip()]
    print(f"{len(cases)} images with text from {folder}\n")
    print("| step | tesseract | PP-OCRv5 |\n|---|---|---|")
    for name, step in STEPS.items():
        row = []
        for engine in ("tesseract", "ppocr"):
            read = get_engine(engine).read
            scores = [
                cer("\n".join(ln.text for ln in clean(reading_order(read(step(bgr))))), truth)
                for bgr, truth in cases
            ]
            row.append(f"{statistics.mean(s for s in scores if s is not None):.3f}")
        print(f"| {name} | {' | '.join(row)} |")


if __name__ == "__main__":
    main()
