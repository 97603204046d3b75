"""What the container holds beside EXIF: PNG text chunks (and the XMP one), JPEG and GIF
comments, and the marker of a C2PA (Content Credentials) manifest."""

from __future__ import annotations

import struct
from collections.abc import Iterable

from PIL import Image

from memeaudit.metadata.collect import Collector
from memeaudit.metadata.text import MAX_FIELDS, MAX_KEY, clean
from memeaudit.metadata.xmp import read_xmp

PNG_XMP_KEY = "XML:com.adobe.xmp"
PNG_TIME_KEYS = {"creation time", "modification time", "date", "create-date", "modify-date"}


def read_text_chunks(image: Image.Image, found: Collector) -> None:
    """PNG tEXt, zTXt and iTXt chunks (Pillow caps their size), and JPEG or GIF comments."""
    if image.format == "PNG":
        chunks = getattr(image, "text", None) or {}
        for key, value in list(chunks.items())[: MAX_FIELDS * 2]:
            if key == PNG_XMP_KEY:
                continue
            name = clean(key, MAX_KEY) or "?"
            if name.lower().startswith("raw profile type"):
                found.notes.append(f"The PNG chunk {name!r} (a hex-encoded profile) was not read.")
                continue
            found.block("PNG text")
            lowered = name.lower()
            where = (
                "editing"
                if lowered == "software"
                else "time"
                if lowered in PNG_TIME_KEYS
                else "other"
            )
            found.put("PNG", "Software" if where == "editing" else name, where, clean(value))
        if xmp := chunks.get(PNG_XMP_KEY) or image.info.get(PNG_XMP_KEY):
            read_xmp(xmp, found)
    elif image.info.get("xmp"):
        read_xmp(image.info["xmp"], found)
    comment = image.info.get("comment")
    if comment and (text := clean(comment)):
        found.block("comment")
        found.put(image.format or "file", "comment", "other", text)


def _png_chunks(data: bytes) -> Iterable[bytes]:
    """Chunk types of a PNG, walked by their lengths (no data is read)."""
    at = 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        yield kind
        if kind == b"IEND":
            return
        at += 12 + length


def _riff_chunks(data: bytes) -> Iterable[bytes]:
    at = 12
    while at + 8 <= len(data):
        kind, length = struct.unpack("<4sI", data[at : at + 8])
        yield kind
        at += 8 + length + (length & 1)


def has_c2pa(image: Image.Image, data: bytes) -> bool:
    """A C2PA manifest's marker: a JPEG APP11 JUMBF segment labelled c2pa, a PNG caBX chunk or a
    WebP C2PA chunk. Presence only: the manifest is neither parsed nor verified."""
    if image.format in ("JPEG", "MPO"):
        return any(
            marker == "APP11" and b"jumb" in body and b"c2pa" in body
            for marker, body in getattr(image, "applist", [])
        )
    if image.format == "PNG":
        return b"caBX" in _png_chunks(data)
    if image.format == "WEBP":
        return b"C2PA" in _riff_chunks(data)
    return False
