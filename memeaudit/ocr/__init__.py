"""The OCR stage: pick or fuse engines, return words and lines in reading order."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import cache

from memeaudit.load import LoadedImage
from memeaudit.model import OcrResult
from memeaudit.ocr.base import OcrEngine, reading_order
from memeaudit.ocr.cleanup import clean
from memeaudit.ocr.fuse import fuse
from memeaudit.ocr.preprocess import for_tesseract
from memeaudit.options import Options


@cache
def get_engine(name: str, lang: str = "eng") -> OcrEngine:
    """Each engine is built once per process, on first use."""
    if name == "tesseract":
        from memeaudit.ocr.tesseract import TesseractEngine

        return TesseractEngine(lang)
    if name == "ppocr":
        from memeaudit.ocr.ppocr import PpocrEngine

        return PpocrEngine()
    raise ValueError(f"unknown OCR engine {name!r}")


def engines_for(choice: str) -> list[str]:
    return ["ppocr", "tesseract"] if choice == "auto" else [choice]


def read_text(
    image: LoadedImage, options: Options, names: frozenset[str] = frozenset()
) -> tuple[OcrResult, dict[str, str]]:
    """Run the chosen engine(s); return the result and {engine: version} for the report.

    `names` are lower-case product and company names the clean-up must not split."""
    bgr = image.bgr
    names = engines_for(options.ocr)
    engines = [get_engine(name, options.lang) for name in names]
    inputs = [for_tesseract(bgr) if engine.name == "tesseract" else bgr for engine in engines]
    if len(engines) == 1:
        readings = [engines[0].read(inputs[0])]
    else:  # tesseract runs as a subprocess and onnxruntime frees the GIL: overlap them
        with ThreadPoolExecutor(max_workers=len(engines)) as pool:
            readings = list(
                pool.map(lambda pair: pair[0].read(pair[1]), zip(engines, inputs, strict=True))
            )
    lines = fuse(readings[0], readings[1]) if len(readings) == 2 else reading_order(readings[0])
    lines = clean(lines, names)
    result = OcrResult(
        text="\n".join(line.text for line in lines),
        engine="+".join(names) if len(names) > 1 else names[0],
        words=[word for line in lines for word in line.words],
        lines=lines,
    )
    return result, {engine.name: engine.version() for engine in engines}
