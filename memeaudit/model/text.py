"""What OCR read: words, lines and the language."""

from __future__ import annotations

from pydantic import Field

from memeaudit.model.base import BBox, Model


class Word(Model):
    text: str
    conf: float = Field(ge=0, le=1, description="Engine confidence, 0 to 1.")
    bbox: BBox
    engine: str


class Line(Model):
    text: str
    conf: float = Field(ge=0, le=1)
    bbox: BBox
    engine: str
    words: list[Word] = []


class Language(Model):
    script: str | None = Field(None, description="Main script of the text, e.g. Latin, Han.")
    language: str | None = Field(None, description="ISO 639-2 code where the text allows one.")
    tesseract: str | None = Field(None, description="The tesseract pack for it, e.g. deu.")


class OcrResult(Model):
    text: str = Field(description="The full text in reading order, one line per OCR line.")
    engine: str
    words: list[Word]
    lines: list[Line]
    language: Language = Language()
    lang_used: str = Field("eng", description="The tesseract language packs that read the image.")
