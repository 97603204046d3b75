"""The OCR stage: pick or fuse engines, return words and lines in reading order."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, cast

from memeaudit.cores import side_by_side
from memeaudit.load import LoadedImage
from memeaudit.model import Line, OcrResult
from memeaudit.ocr.base import OcrEngine, reading_order
from memeaudit.ocr.cleanup import clean
from memeaudit.ocr.fuse import fuse
from memeaudit.ocr.language import detect
from memeaudit.ocr.preprocess import for_tesseract
from memeaudit.options import Options

if TYPE_CHECKING:
    from memeaudit.ocr.tesseract import Reading, TesseractEngine


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


CASCADE_CONF = 0.90  # auto: PP-OCR lines all at least this sure -> tesseract is not run


def engines_for(choice: str) -> list[str]:
    return ["ppocr", "tesseract"] if choice == "auto" else [choice]


def _run(engine: OcrEngine, image: LoadedImage) -> list[Line]:
    return engine.read(for_tesseract(image.bgr) if engine.name == "tesseract" else image.bgr)


@contextmanager
def _ahead(engines: list[OcrEngine], image: LoadedImage) -> Iterator[Reading | None]:
    """For auto with two cores or more: tesseract already reading, in its own process on its
    own core, while PP-OCR reads in this one; stopped unread on leaving if nobody asked."""
    if len(engines) < 2 or not side_by_side():
        yield None
        return
    reading = cast("TesseractEngine", engines[1]).start(for_tesseract(image.bgr))
    try:
        yield reading
    finally:
        reading.cancel()


def _read(
    image: LoadedImage, choice: str, lang: str, names: frozenset[str]
) -> tuple[OcrResult, list[OcrEngine]]:
    """One engine, or for auto a cascade: PP-OCR first, then tesseract only when PP-OCR found no
    text or was unsure of a line (below CASCADE_CONF), the two readings fused region by region.
    On the dev set and the samples, the fused text differed from PP-OCR's alone only on images
    with such a line; skipping tesseract elsewhere halves the OCR time. With two cores, tesseract
    starts with PP-OCR (see _ahead) and its words are used only where the cascade asks for them:
    the same text, sooner."""
    engines = [get_engine(name, lang) for name in engines_for(choice)]
    with _ahead(engines, image) as ahead:
        lines = _run(engines[0], image)
        unsure = not lines or min(line.conf for line in lines) < CASCADE_CONF
        if len(engines) == 2 and unsure:
            lines = fuse(lines, ahead.lines() if ahead else _run(engines[1], image))
    if len(engines) < 2 or not unsure:
        lines = reading_order(lines)
        engines = engines[:1]
    lines = clean(lines, names)
    text = "\n".join(line.text for line in lines)
    result = OcrResult(
        text=text,
        engine="+".join(engine.name for engine in engines),
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
