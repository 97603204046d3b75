"""Metadata meant to stop the analysis: a PNG text or ICC chunk that decompresses past Pillow's
limits is skipped with a warning and the pixels are still read; an XMP packet in any encoding is
parsed with DTDs and entities forbidden. Files are built with real zlib around real images."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from memeaudit.load import load_image

BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _words_png(text: str) -> bytes:
    image = Image.new("RGB", (900, 140), "white")
    ImageDraw.Draw(image).text((30, 30), text, font=ImageFont.truetype(BOLD, 60), fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _with_chunks(png: bytes, *chunks: bytes) -> bytes:
    """The PNG with chunks inserted right after IHDR (signature 8 bytes, IHDR 25)."""
    return png[:33] + b"".join(chunks) + png[33:]


def _ztxt(key: bytes, size: int) -> bytes:
    return _chunk(b"zTXt", key + b"\x00\x00" + zlib.compress(b"A" * size, 9))


FAST = ("--format", "json", "--ocr", "tesseract", "--no-detect", "--no-semantic")


def _analyze(path: Path) -> dict:  # type: ignore[type-arg]
    run = subprocess.run(
        [sys.executable, "-m", "memeaudit", "analyze", str(path), *FAST],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_a_text_chunk_bomb_is_skipped_and_the_pixels_are_read(tmp_path: Path) -> None:
    png = _with_chunks(
        _words_png("HIDDEN BEHIND METADATA"),
        _chunk(b"tEXt", b"Software\x00GIMP 2.10"),
        _ztxt(b"Comment", 2_000_000),  # 2 MB of text in about 2 KB
        _chunk(b"iTXt", b"Title\x00\x01\x00en\x00\x00" + zlib.compress(b"B" * 3_000_000, 9)),
    )
    assert len(png) < 20_000
    path = tmp_path / "bomb-text.png"
    path.write_bytes(png)
    report = _analyze(path)
    assert "HIDDEN BEHIND" in report["ocr"]["text"].upper()
    skipped = [w for w in report["warnings"] if "was skipped" in w]
    assert any("zTXt" in w and "'Comment'" in w for w in skipped), report["warnings"]
    assert any("iTXt" in w and "'Title'" in w for w in skipped), report["warnings"]
    assert report["image"]["metadata"]["software"] == "GIMP 2.10"  # the small chunk is still read
    assert report["image"]["sha256"] == __import__("hashlib").sha256(png).hexdigest()


def test_many_text_chunks_under_the_chunk_limit_are_capped_in_total(tmp_path: Path) -> None:
    chunks = [_ztxt(f"Note{i}".encode(), 1_000_000) for i in range(70)]  # 70 MB in all
    image = load_image(_with_chunks(_words_png("MANY NOTES"), *chunks))
    notes = image.info.metadata.notes  # type: ignore[union-attr]
    assert any("was skipped" in n and "in all" in n for n in notes), notes
    assert image.rgb.size == (900, 140)


def test_an_icc_profile_bomb_is_skipped(tmp_path: Path) -> None:
    icc = _chunk(b"iCCP", b"evil\x00\x00" + zlib.compress(b"\x00" * 5_000_000, 9))
    image = load_image(_with_chunks(_words_png("COLOUR PROFILE"), icc))
    notes = image.info.metadata.notes  # type: ignore[union-attr]
    assert any("iCCP" in n and "was skipped" in n for n in notes), notes
