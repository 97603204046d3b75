"""One options model that flows through a run; the CLI and the Python API both build it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from memeaudit.inputfile import MAX_BYTES

OcrChoice = Literal["auto", "tesseract", "ppocr"]
MAX_PIXELS = 80_000_000  # checked on the declared size, before decoding


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
    templates: Path | None = Field(
        None,
        description="A meme template bank (memeaudit templates build) to name templates from, "
        "instead of the packaged one.",
    )
    redact: bool = Field(
        False,
        description="Mask personal data in every output: emails, phone numbers, street "
        "addresses and travel booking references in the pixels; the accounts of private people (a post author's name and "
        "handle, and @handles in the text, unless the knowledge base knows the account as an "
        "organisation or brand); and the GPS position, serial numbers and owner name in the "
        "metadata.",
    )
    max_pixels: int = Field(
        MAX_PIXELS, ge=1, description="Refuse images whose declared size is over this many pixels."
    )
    max_bytes: int = Field(
        MAX_BYTES,
        ge=1,
        description="Refuse input files (and standard input) over this many bytes, unread.",
    )


DEFAULTS = Options()


def help_text(name: str) -> str:
    """The help line of an option, from its field: the CLI and the API document it once."""
    return Options.model_fields[name].description or ""


def options(*, rules: list[Path] | tuple[Path, ...] | None = None, **flags: object) -> Options:
    """Options from the command line's flags (analyze and batch share them): a repeated --rules
    that was not given is None there, a tuple here."""
    return Options(rules=tuple(rules or ()), **flags)  # type: ignore[arg-type]
