"""Tesseract through pytesseract: the only place that sees a tesseract failure."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytesseract

from memeaudit.errors import EngineFailed, EngineMissing
from memeaudit.model import Line, Word
from memeaudit.ocr.base import union_box

INSTALL_HINT = "install it with: apt-get install tesseract-ocr tesseract-ocr-eng"


@cache
def installed_languages() -> frozenset[str]:
    """The tesseract language packs installed here (empty if tesseract is missing)."""
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError):
        return frozenset()


class TesseractEngine:
    name = "tesseract"

    def __init__(self, lang: str = "eng") -> None:
        self.lang = lang
        try:
            self._version = str(pytesseract.get_tesseract_version()).split()[0]
            installed = installed_languages()
        except pytesseract.TesseractNotFoundError as err:
            raise EngineMissing("tesseract is not installed or not on PATH", INSTALL_HINT) from err
        missing = [code for code in lang.split("+") if code not in installed]
        if missing:
            raise EngineMissing(
                f"tesseract language pack {', '.join(missing)} is not installed",
                f"apt-get install tesseract-ocr-{missing[0]}",
            )

    def version(self) -> str:
        return self._version

    def read(self, bgr: np.ndarray) -> list[Line]:
        rgb = bgr[:, :, ::-1]
        try:
            data = pytesseract.image_to_data(
                rgb, lang=self.lang, config="--psm 3", output_type=pytesseract.Output.DICT
            )
        except pytesseract.TesseractError as err:
            raise EngineFailed(f"tesseract failed: {err.message.strip()}") from err
        groups: dict[tuple[int, int, int], list[Word]] = {}
        for i, text in enumerate(data["text"]):
            conf = float(data["conf"][i])
            if not text.strip() or conf < 0:
                continue
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            box = (data["left"][i], data["top"][i], data["width"][i], data["height"][i])
            groups.setdefault(key, []).append(
                Word(text=text.strip(), conf=conf / 100, bbox=box, engine=self.name)
            )
        lines = []
        for words in groups.values():
            lines.append(
                Line(
                    text=" ".join(w.text for w in words),
                    conf=sum(w.conf for w in words) / len(words),
                    bbox=union_box([w.bbox for w in words]),
                    engine=self.name,
                    words=words,
                )
            )
        return lines
