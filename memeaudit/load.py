"""File or bytes -> a validated RGB image, its hash and its basic facts."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from memeaudit.errors import InputError
from memeaudit.model import ImageInfo

MAX_PIXELS = 80_000_000  # refuse decompression bombs before decoding
FORMATS = ("PNG", "JPEG", "WEBP", "GIF", "BMP", "TIFF")


@dataclass(frozen=True)
class LoadedImage:
    info: ImageInfo
    rgb: Image.Image  # RGB, EXIF orientation applied

    @cached_property
    def bgr(self) -> np.ndarray:
        """The image as an OpenCV BGR array, made once; stages read it and never write to it."""
        return np.ascontiguousarray(np.asarray(self.rgb)[:, :, ::-1])


def read_bytes(source: str | Path | bytes) -> tuple[str, bytes]:
    """Return (display path, bytes) for a path, '-' (stdin is read by the caller) or raw bytes."""
    if isinstance(source, bytes):
        return "<bytes>", source
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an image", "pass image files, or use batch")
    if not path.exists():
        what = "broken link" if path.is_symlink() else "no such file"
        raise InputError(f"{path}: {what}")
    try:
        return str(path), path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or err})") from err


def load_image(source: str | Path | bytes, name: str | None = None) -> LoadedImage:
    """Decode a path or bytes; `name` is what messages and the report call the image."""
    shown, data = read_bytes(source)
    name = name or shown
    if not data:
        raise InputError(f"{name}: the file is empty")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format or "unknown"
            width, height = probe.size
            if fmt not in FORMATS:
                raise InputError(f"{name}: {fmt} is not a supported image format")
            if width * height > MAX_PIXELS:
                raise InputError(
                    f"{name}: {width}x{height} pixels is over the {MAX_PIXELS:,} pixel limit"
                )
            probe.seek(0)
            mode = probe.mode
            rgb = ImageOps.exif_transpose(probe).convert("RGB")
            rgb.load()
    except InputError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as err:
        raise InputError(f"{name}: not a readable image ({type(err).__name__})") from err
    except (OSError, ValueError, SyntaxError) as err:
        raise InputError(f"{name}: the image is damaged or truncated ({err})") from err
    info = ImageInfo(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        width=rgb.width,
        height=rgb.height,
        format=fmt,
        mode=mode,
    )
    return LoadedImage(info=info, rgb=rgb)
