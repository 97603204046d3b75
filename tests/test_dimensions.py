"""Image sizes read from file headers (memeaudit.batch.dimensions) against Pillow's own reading,
on real files of every format Pillow writes here."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from memeaudit.batch.dimensions import dimensions, pixel_count


def _noise(width: int, height: int, mode: str = "RGB") -> Image.Image:
    rng = np.random.default_rng(width * 7 + height)
    channels = {"RGB": 3, "RGBA": 4, "L": 1}[mode]
    pixels = rng.integers(0, 256, (height, width, channels), dtype=np.uint8)
    return Image.fromarray(pixels[:, :, 0] if channels == 1 else pixels, mode)


def _encoded(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def _with_exif(image: Image.Image) -> dict[str, object]:
    exif = Image.Exif()
    exif[0x010F] = "memeaudit test camera"
    exif[0x0131] = "x" * 20_000  # a long software tag: the frame header lies 20 KB in
    return {"exif": exif.tobytes(), "icc_profile": bytes(150_000)}  # and an ICC profile: 150 KB


CASES = [
    ("PNG", "RGB", {}),
    ("PNG", "RGBA", {}),
    ("JPEG", "RGB", {}),
    ("JPEG", "RGB", {"progressive": True}),
    ("JPEG", "L", {}),
    ("JPEG", "RGB", "exif"),
    ("GIF", "L", {}),
    ("BMP", "RGB", {}),
    ("WEBP", "RGB", {"quality": 80}),
    ("WEBP", "RGB", {"lossless": True}),
    ("WEBP", "RGBA", {"quality": 80}),
]


@pytest.mark.parametrize(("fmt", "mode", "params"), CASES)
@pytest.mark.parametrize(("width", "height"), [(1, 1), (317, 45), (640, 1391)])
def test_header_size_is_pillows(
    fmt: str, mode: str, params: object, width: int, height: int
) -> None:
    image = _noise(width, height, mode)
    extra = _with_exif(image) if params == "exif" else params
    data = _encoded(image, fmt, **extra)  # type: ignore[arg-type]
    with Image.open(io.BytesIO(data)) as opened:
        expected = opened.size
    assert expected == (width, height)
    assert dimensions(data) == expected


def test_a_top_down_bmp_has_a_positive_height() -> None:
    data = bytearray(_encoded(_noise(20, 30), "BMP"))
    data[22:26] = (-30).to_bytes(4, "little", signed=True)  # rows stored top to bottom
    assert dimensions(bytes(data)) == (20, 30)


@pytest.mark.parametrize(
    "data",
    [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0\x00\x10JFIF", b"hello, world", b"GIF89a\x01"],
)
def test_what_cannot_be_read_is_none(data: bytes) -> None:
    assert dimensions(data) is None


def test_pixel_count_falls_back_to_the_file_size(tmp_path: Path) -> None:
    png = tmp_path / "flat.png"
    Image.new("RGB", (1000, 800), "white").save(png)
    text = tmp_path / "notes.jpg"
    text.write_text("not an image", encoding="utf-8")
    assert pixel_count(png) == 800_000 and png.stat().st_size < 10_000
    assert pixel_count(text) == len("not an image")
    assert pixel_count(tmp_path / "gone.png") == 0


def test_a_batch_starts_with_the_most_pixels_not_the_most_bytes(tmp_path: Path) -> None:
    from memeaudit.batch.inputs import Input
    from memeaudit.batch.run import largest_first

    flat = tmp_path / "flat.png"  # 1.2 MP in a few kB
    Image.new("RGB", (1200, 1000), "white").save(flat)
    noisy = tmp_path / "noisy.png"  # 0.1 MP in ~300 kB
    _noise(320, 320).save(noisy)
    assert noisy.stat().st_size > 20 * flat.stat().st_size
    items = [Input(str(noisy), "noisy.png"), Input(str(flat), "flat.png")]
    assert largest_first(items) == [1, 0]


def test_pixel_count_reads_a_jpeg_past_large_segments_and_stops_on_a_cut_one(
    tmp_path: Path,
) -> None:
    image = _noise(300, 200)
    whole = tmp_path / "big-icc.jpg"
    whole.write_bytes(_encoded(image, "JPEG", **_with_exif(image)))  # type: ignore[arg-type]
    assert pixel_count(whole) == 60_000
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[:50_000])  # ends inside the ICC profile
    assert pixel_count(cut) == 50_000  # no frame header: the size in bytes stands in
