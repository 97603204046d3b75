"""A report built by hand around one piece of text, for template and escaping tests (no engine
runs: the text is what an image could have said)."""

from __future__ import annotations

from memeaudit.model import Counts, ImageInfo, OcrResult, Post, Report, Section


def report_saying(text: str, name: str = "meme_1", warnings: bool = False) -> Report:
    return Report(
        memeaudit_version="test",
        image=ImageInfo(
            path=f"dir/{name}.png", sha256="0" * 64, width=10, height=10, format="PNG", mode="RGB"
        ),
        ocr=OcrResult(text=text, engine="tesseract", words=[], lines=[]),
        post=Post(platform="X", handle="@a", body=text, counts=Counts()),
        objects=[],
        caption=None,
        facts={},
        sections=[Section(number=n, title=f"T{n}", text=text) for n in range(1, 6)],
        engines={"tesseract": text if warnings else "5.3.0"},
        warnings=[text] if warnings else [],
    )
