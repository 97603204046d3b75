"""The OCR stage: pick or fuse engines, return words and lines in reading order."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import cache

from memeaudit.load import LoadedImage
from memeaudit.model import OcrResult
from memeaudit.ocr.base import OcrEngine, reading_order
from memeaudit.ocr.cleanup import clean
from memeaudit.ocr.fuse import fuse
from memeaudit.ocr.language import detect
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


def _read(
    image: LoadedImage, choice: str, lang: str, names: frozenset[str]
) -> tuple[OcrResult, list[OcrEngine]]:
    bgr = image.bgr
    chosen = engines_for(choice)
    engines = [get_engine(name, lang) for name in chosen]
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
    text = "\n".join(line.text for line in lines)
    result = OcrResult(
        text=text,
        engine="+".join(chosen),
        words=[word for line in lines for word in line.words],
        lines=lines,
        language=detect(text),
        lang_used=lang,
    )
    return result, engines


def read_text(
    image: LoadedImage, options: Options, names: frozenset[str] = frozenset()
) -> tuple[OcrResult, dict[str, str]]:
    """Run the chosen engine(s); return the result and {engine: version} for the report.

    `names` are lower-case product and company names the clean-up must not split. When the text
    is in a language whose tesseract pack is installed but was not asked for, tesseract reads
    the image again with that pack added."""
    result, engines = _read(image, options.ocr, options.lang, names)
    extra = result.language.tesseract
    wanted = options.ocr != "ppocr" and extra and extra not in options.lang.split("+")
    if wanted and extra in installed_packs():
        result, engines = _read(image, options.ocr, f"{options.lang}+{extra}", names)
    return result, {engine.name: engine.version() for engine in engines}


def installed_packs() -> frozenset[str]:
    from memeaudit.ocr.tesseract import installed_languages

    return installed_languages()


def language_note(result: OcrResult) -> str | None:
    """A plain sentence when the text's language has no tesseract pack here, else None."""
    code = result.language.tesseract
    if not code or code in result.lang_used.split("+") or code in installed_packs():
        return None
    what = result.language.language or result.language.script
    return (
        f"The text looks like {what} ({result.language.script} script); tesseract's {code} pack "
        f"is not installed, so only PP-OCR read it (apt-get install tesseract-ocr-{code.replace('_', '-')})."
    )
