"""Speed and memory of memeaudit against bare tesseract on the same images.

    python benchmarks/bench_pipeline.py [IMAGE_DIR] [--limit N]

Default images: ../shared/eval/dev/images (the dev set), else samples/. Prints the median seconds
per image for bare `tesseract IMG stdout`, each OCR engine, the fused OCR, the vision stage and
the whole pipeline, each as a ratio to bare tesseract, and the process's peak RSS. Engines are
warmed up once first, so load time is reported separately.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "dev" / "images"


def bare_tesseract(path: Path) -> None:
    subprocess.run(["tesseract", str(path), "stdout", "-l", "eng"], capture_output=True, check=True)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "images", nargs="?", type=Path, default=DEFAULT if DEFAULT.is_dir() else ROOT / "samples"
    )
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    images = sorted(
        p for p in args.images.iterdir() if p.suffix.lower() in {".png", ".jpg", ".jpeg"}
    )
    images = images[: args.limit] if args.limit else images

    from memeaudit import analyze
    from memeaudit.load import load_image
    from memeaudit.ocr import read_text
    from memeaudit.options import Options
    from memeaudit.post import parse_post
    from memeaudit.vision import see

    start = time.perf_counter()
    analyze(images[0])  # build every engine once
    print(f"engine start-up (all engines, one image): {time.perf_counter() - start:.2f} s")
    loaded = {p: load_image(p) for p in images}
    rows: dict[str, list[float]] = {
        k: []
        for k in ("bare tesseract", "tesseract", "ppocr", "auto (fused)", "vision", "pipeline")
    }
    for path in images:
        image = loaded[path]
        text, _ = read_text(image, Options())
        fields = parse_post(text)
        rows["bare tesseract"].append(timed(partial(bare_tesseract, path)))
        rows["tesseract"].append(timed(partial(read_text, image, Options(ocr="tesseract"))))
        rows["ppocr"].append(timed(partial(read_text, image, Options(ocr="ppocr"))))
        rows["auto (fused)"].append(timed(partial(read_text, image, Options(ocr="auto"))))
        rows["vision"].append(timed(partial(see, image, text, fields, Options())))
        rows["pipeline"].append(timed(partial(analyze, path)))
    base = statistics.median(rows["bare tesseract"])
    print(f"{len(images)} images from {args.images}")
    print(f"{'stage':<16} {'median s':>9} {'x bare tesseract':>17}")
    for name, values in rows.items():
        median = statistics.median(values)
        print(f"{name:<16} {median:9.3f} {median / base:17.2f}")
    print(f"peak RSS of this process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
