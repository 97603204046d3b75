"""File or bytes -> a validated RGB image, its hash and its basic facts.

Strict about what it refuses (one line naming the file and the reason), kind about what it
accepts: CMYK, 16-bit, palette, alpha and grayscale images are normalised to RGB on white, EXIF
orientation is applied, and an animated image gives its first frame (or any frame asked for).
An image over WORK_PIXELS is scaled down to that working resolution right after decoding (a JPEG
is decoded scaled, by its DCT), so no later stage holds its full-size pixels; the report's size
and boxes are the working image's, and a warning gives the file's own size.
The file's metadata (EXIF, XMP, PNG text, C2PA marker) is read from the opened file, as
untrusted text (memeaudit.metadata)."""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from memeaudit.errors import InputError
from memeaudit.inputfile import MAX_BYTES, read_bytes
from memeaudit.metadata import read_metadata
from memeaudit.model import ImageInfo
from memeaudit.options import MAX_PIXELS
from memeaudit.pngchunks import without_oversized_metadata

WORK_PIXELS = 16_000_000  # the working resolution: a larger image is scaled down to it
# EXIF orientation -> the transpose that shows the image upright (as ImageOps.exif_transpose).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
FORMATS = ("PNG", "JPEG", "WEBP", "GIF", "BMP", "TIFF", "MPO")
Image.MAX_IMAGE_PIXELS = None  # memeaudit's own limit applies, with a clearer message

# What a file that is not an image is, from its first bytes: for the one-line error.
NOT_IMAGES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"MZ", "a Windows program"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00 ftyp", "a video or HEIF file"),
)


@dataclass(frozen=True)
class LoadedImage:
    info: ImageInfo
    rgb: Image.Image  # RGB, EXIF orientation applied, at most WORK_PIXELS
    notes: tuple[str, ...] = ()  # what the report's warnings should say about loading

    @cached_property
    def bgr(self) -> np.ndarray:
        """The image as an OpenCV BGR array, made once; stages read it and never write to it."""
        return np.ascontiguousarray(np.asarray(self.rgb)[:, :, ::-1])


def what_it_is(data: bytes) -> str:
    """A short guess at what a non-image file is, for the error message."""
    head = data[:512]
    for magic, what in NOT_IMAGES:
        if head.startswith(magic):
            return what
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) and b"<svg" in head.lower():
        return "an SVG drawing (a vector format; export it as PNG first)"
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "an HTML page"
    if text.startswith(b"<?xml"):
        return "an XML file"
    try:
        head.decode("utf-8")
        return "text"
    except UnicodeDecodeError:
        return "not an image format memeaudit knows"


def frame_count(data: bytes) -> int:
    """How many frames an image holds (1 for a still image; 0 when it does not open)."""
    try:
        with Image.open(io.BytesIO(without_oversized_metadata(data)[0])) as probe:
            return int(getattr(probe, "n_frames", 1))
    except Exception:  # anything Pillow raises means "not an image"
        return 0


def to_rgb(image: Image.Image) -> Image.Image:
    """Any Pillow mode to 8-bit RGB: transparent areas become white (memes with transparent
    backgrounds usually carry dark text), 16-bit and float images are rescaled, not clipped."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        if image.mode.startswith("I;16"):
            values = values / 257.0
        elif values.size and (values.max() > 255 or values.min() < 0):
            low, high = float(values.min()), float(values.max())
            values = (values - low) * (255.0 / max(high - low, 1e-9))
        image = Image.fromarray(np.clip(values, 0, 255).astype(np.uint8), "L")
    if image.mode == "P" or image.mode == "PA":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "La", "RGBa"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def working_size(width: int, height: int, budget: int = WORK_PIXELS) -> tuple[int, int]:
    """The size an image is analysed at: its own when it holds at most `budget` pixels, else
    scaled down, aspect ratio kept, to fit the budget (a long screenshot keeps its length's worth
    of pixels, since the budget is on the area, not the side)."""
    if width * height <= budget:
        return width, height
    scale = math.sqrt(budget / (width * height))
    return max(1, int(width * scale)), max(1, int(height * scale))


def _decode(probe: Image.Image, upright: bool) -> Image.Image:
    """The opened frame's pixels in RGB, at no more than the working resolution and upright (when
    asked). A JPEG is decoded at a DCT scale (1/2, 1/4, 1/8) near the working size; any image
    over it is scaled down before conversion, so the full-size pixels are held only once, by the
    decoder, and never converted, turned or copied."""
    target = working_size(*probe.size)
    if target != probe.size and probe.format in ("JPEG", "MPO"):
        probe.draft(None, target)  # at least the target size: the resize below does the rest
    orientation = probe.getexif().get(0x0112, 1) if upright else 1
    probe.load()
    image: Image.Image = probe
    target = working_size(*image.size)
    if target != image.size:
        if image.mode == "1":
            image = image.convert("L")  # grey levels, so thin strokes survive the scaling
        elif image.mode == "PA" or (image.mode == "P" and "transparency" in image.info):
            image = image.convert("RGBA")  # resampled in colour, not by palette index; the
            # resampling premultiplies alpha, so it commutes with to_rgb's compositing on white
        elif image.mode == "P":
            image = image.convert("RGB")
        image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if method := UPRIGHT.get(orientation if isinstance(orientation, int) else 1):
        image = image.transpose(method)
    return to_rgb(image)


def load_image(
    source: str | Path | bytes,
    name: str | None = None,
    max_pixels: int = MAX_PIXELS,
    frame: int = 0,
    max_bytes: int = MAX_BYTES,
) -> LoadedImage:
    """Decode a path or bytes; `name` is what messages and the report call the image. A file over
    `max_bytes`, or that is not a regular file, is refused unread; an image whose declared size is
    over `max_pixels` is refused before any pixel is decoded."""
    shown, data = read_bytes(source, max_bytes)
    name = name or shown
    if not data:
        raise InputError(f"{name}: the file is empty")
    decodable, skipped = without_oversized_metadata(data)  # chunks Pillow would refuse it for
    try:
        with Image.open(io.BytesIO(decodable)) as probe:
            fmt = probe.format or "unknown"
            width, height = probe.size
            if fmt not in FORMATS:
                raise InputError(f"{name}: {fmt} is not a supported image format")
            if width * height > max_pixels:
                raise InputError(
                    f"{name}: {width}x{height} pixels is over the {max_pixels:,} pixel limit: "
                    "a possible decompression bomb",
                    "raise it with --max-pixels if the image is genuine",
                )
            frames = int(getattr(probe, "n_frames", 1))
            if frame:
                probe.seek(frame)
            mode = probe.mode
            rgb = _decode(probe, upright=not frame)
            metadata = read_metadata(probe, data, skipped)  # the file's own blocks
    except InputError:
        raise
    except UnidentifiedImageError as err:
        raise InputError(f"{name}: not a readable image: {what_it_is(data)}") from err
    except Exception as err:  # whatever a hostile file makes a decoder raise
        detail = " ".join(str(err).split())[:160] or type(err).__name__
        raise InputError(f"{name}: the image is damaged or truncated ({detail})") from err
    if rgb.width < 1 or rgb.height < 1:
        raise InputError(f"{name}: the image has no pixels")
    info = ImageInfo(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        width=rgb.width,
        height=rgb.height,
        format="JPEG" if fmt == "MPO" else fmt,
        mode=mode,
        frames=frames,
        frame=frame,
        metadata=metadata,
    )
    notes = ()
    if rgb.width * rgb.height < width * height:
        notes = (
            f"The image is {width}x{height} pixels ({width * height / 1e6:.1f} megapixels); it "
            f"was analysed at the working resolution of {rgb.width}x{rgb.height} (at most "
            f"{WORK_PIXELS / 1e6:g} megapixels), which this report's sizes and boxes use.",
        )
    return LoadedImage(info=info, rgb=rgb, notes=notes)
