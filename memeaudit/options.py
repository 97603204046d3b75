"""One options model that flows through a run; the CLI and the Python API both build it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

OcrChoice = Literal["auto", "tesseract", "ppocr"]


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ocr: OcrChoice = Field("auto", description="OCR engine; auto fuses tesseract and PP-OCR.")
    lang: str = Field("eng", description="Tesseract language pack(s), e.g. eng or eng+deu.")
    caption_model: str | None = Field(
        None, description="A transformers image-to-text model name or local folder."
    )
    detect: bool = Field(True, description="Run the object detector.")
    min_object_conf: float = Field(0.5, ge=0, le=1)
    semantic: bool = Field(
        True, description="Also match topics by sentence similarity (needs the ml extra)."
    )
    rules: tuple[Path, ...] = Field((), description="Extra rule packs or knowledge files.")
    template_dir: Path | None = None
    redact: bool = Field(
        False,
        description="Mask personal data found in the pixels (emails, phone numbers, street "
        "addresses, handles found as personal data) and the GPS position, serial numbers and owner "
        "name in the metadata, in every output.",
    )
    max_pixels: int = Field(
        80_000_000, ge=1, description="Refuse images whose declared size is over this many pixels."
    )
    max_bytes: int = Field(
        200_000_000,
        ge=1,
        description="Refuse input files (and standard input) over this many bytes, unread.",
    )
