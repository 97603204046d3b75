"""OCR lines placed by hand, for the tests of what reads them (the post parser)."""

from __future__ import annotations

from memeaudit.model import Line, OcrResult


def line_at(text: str, y: int, x: int = 20, h: int = 30) -> Line:
    """A line of `text` at (x, y), as wide as its characters."""
    return Line(text=text, conf=0.95, bbox=(x, y, 12 * len(text), h), engine="test")


def ocr_of(lines: list[Line]) -> OcrResult:
    """An OCR result made of `lines` alone."""
    return OcrResult(text="\n".join(ln.text for ln in lines), engine="test", words=[], lines=lines)
