"""QR code and barcode readers compared: OpenCV's detectors against zxing-cpp.

    python benchmarks/codes.py

On flyers carrying a code (tests/code_fixtures.py: ten QR payloads and three EAN-13 codes at
several module sizes, scales, a rotation, PNG and JPEG 60-90) it prints, per reader, how many
codes it decoded exactly and its median time per image; on images without a code (the samples,
the dev set, scikit-image's photos) how many codes it invented.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.code_fixtures import code_images  # noqa: E402

Reader = Callable[[np.ndarray], list[str]]


def opencv_qr(gray: np.ndarray) -> list[str]:
    ok, texts, _, _ = cv2.QRCodeDetector().detectAndDecodeMulti(gray)
    return [t for t in texts if t] if ok else []


def opencv_aruco(gray: np.ndarray) -> list[str]:
    ok, texts, _, _ = cv2.QRCodeDetectorAruco().detectAndDecodeMulti(gray)
    return [t for t in texts if t] if ok else []


def opencv_qr_and_barcode(gray: np.ndarray) -> list[str]:
    found = opencv_qr(gray)
    ok, texts, _, _ = cv2.barcode.BarcodeDetector().detectAndDecodeMulti(gray)
    return found + ([t for t in texts if t] if ok else [])


def zxing(gray: np.ndarray) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(gray) if b.valid]


READERS: dict[str, Reader] = {
    "opencv QRCodeDetector + barcode": opencv_qr_and_barcode,
    "opencv QRCodeDetectorAruco": opencv_aruco,
    "zxing-cpp": zxing,
}


def negatives() -> list[tuple[str, np.ndarray]]:
    import skimage.data

    out = []
    folders = [ROOT / "samples", ROOT.parent / "shared" / "eval" / "dev" / "images"]
    for folder in folders:
        for path in sorted(folder.glob("*.*")):
            if path.suffix.lower() in {".png", ".jpg", ".jpeg", ".webp"}:
                out.append((path.name, np.asarray(Image.open(path).convert("L"))))
    for name in ["astronaut", "coffee", "chelsea", "rocket", "camera", "page", "text", "hubble_deep_field"]:  # fmt: skip
        image = getattr(skimage.data, name)()
        gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
        out.append((name, np.ascontiguousarray(gray)))
    return out


def main() -> None:
    positives = [(c, np.asarray(c.image.convert("L"))) for c in code_images()]
    negs = negatives()
    print(f"{len(positives)} images with a code, {len(negs)} without")
    print("| reader | QR decoded | barcodes decoded | invented on images without | median ms |")
    print("|---|---|---|---|---|")
    for name, read in READERS.items():
        times, qr, linear, invented = [], 0, 0, 0
        for case, gray in positives:
            start = time.perf_counter()
            got = read(gray)
            times.append(time.perf_counter() - start)
            if set(case.payloads) <= set(got):
                qr += case.kind == "qr"
                linear += case.kind == "linear"
        for _, gray in negs:
            start = time.perf_counter()
            invented += len(read(gray))
            times.append(time.perf_counter() - start)
        n_qr = sum(c.kind == "qr" for c, _ in positives)
        n_lin = len(positives) - n_qr
        print(f"| {name} | {qr}/{n_qr} | {linear}/{n_lin} | {invented} | "
              f"{1000 * statistics.median(times):.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
