"""An image's width and height from its first bytes (PNG, JPEG, GIF, BMP, WebP), without an image
library: a batch orders thousands of files by size before any of them is decoded, and the pixel
count predicts the work far better than the file's length in bytes (PNG and JPEG differ tenfold
in bytes per pixel)."""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import BinaryIO

from memeaudit.batch.regular import open_regular

_JPEG_MAX_SEGMENTS = 256
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # SOF0..SOF15, not DHT/JPG/DAC
_JPEG_BARE = frozenset([0x01, *range(0xD0, 0xD9)])  # markers with no length: TEM, RSTn, SOI, EOI


def dimensions(head: bytes) -> tuple[int, int] | None:
    """(width, height) read from the start of an image file, or None when it cannot tell."""
    try:
        if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
            return struct.unpack(">II", head[16:24])
        if head[:6] in (b"GIF87a", b"GIF89a"):
            return struct.unpack("<HH", head[6:10])
        if head.startswith(b"BM"):
            width, height = struct.unpack("<ii", head[18:26])
            return abs(width), abs(height)
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return _webp(head)
        if head.startswith(b"\xff\xd8"):
            return _jpeg(head)
    except struct.error:  # cut short
        return None
    return None


def _webp(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8X":
        return 1 + int.from_bytes(head[24:27], "little"), 1 + int.from_bytes(head[27:30], "little")
    if chunk == b"VP8L" and head[20:21] == b"\x2f":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    return None


def _jpeg(head: bytes) -> tuple[int, int] | None:
    return _jpeg_frame(io.BytesIO(head))


def _jpeg_frame(handle: BinaryIO) -> tuple[int, int] | None:
    """Walk a JPEG's segments from just after its SOI marker to the frame header, seeking past
    each segment (EXIF, ICC profiles and thumbnails can fill the first hundreds of kB)."""
    handle.seek(2)
    for _ in range(_JPEG_MAX_SEGMENTS):
        marker = handle.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None  # cut short, or not at a marker: damaged, or not a JPEG after all
        while marker[1] == 0xFF:  # fill bytes
            marker = marker[1:] + handle.read(1)
            if len(marker) < 2:
                return None
        if marker[1] in _JPEG_BARE:
            continue
        if marker[1] in _JPEG_FRAMES:  # length, precision, height, width
            frame = handle.read(7)
            if len(frame) < 7:
                return None
            height, width = struct.unpack(">HH", frame[3:7])
            return width, height
        length = handle.read(2)
        if len(length) < 2:
            return None
        handle.seek(int.from_bytes(length, "big") - 2, io.SEEK_CUR)
    return None


def pixel_count(path: str | Path) -> int:
    """Width times height from the file's header; when that cannot be read, its size in bytes
    stands in (0 for a file that cannot be opened, or is not a regular file: never a FIFO's)."""
    try:
        with open_regular(path) as handle:
            head = handle.read(32)
            found = _jpeg_frame(handle) if head.startswith(b"\xff\xd8") else dimensions(head)
            if found is not None:
                return found[0] * found[1]
            return handle.seek(0, 2)
    except OSError:
        return 0
