"""EXIF, with its Exif and GPS IFDs, as Pillow reads it: the tags that say where, when, with
what and by whom, with the text encodings of the XP* tags and UserComment handled."""

from __future__ import annotations

import math
from typing import Any

from PIL import ExifTags, Image

from memeaudit.metadata.collect import Collector
from memeaudit.metadata.gps import checked_position, dms, signed
from memeaudit.metadata.text import MAX_RAW_GPS, MAX_VALUE, clean
from memeaudit.metadata.xmp import read_xmp
from memeaudit.model import GpsPosition

# EXIF tags, by IFD: tag -> (name, where it goes).
IFD0 = {
    0x000B: ("ProcessingSoftware", "editing"),
    0x010E: ("ImageDescription", "other"),
    0x010F: ("Make", "device"),
    0x0110: ("Model", "device"),
    0x0131: ("Software", "editing"),
    0x0132: ("DateTime", "time"),
    0x013B: ("Artist", "other"),
    0x013C: ("HostComputer", "other"),
    0x8298: ("Copyright", "other"),
    0x9C9B: ("XPTitle", "other"),
    0x9C9C: ("XPComment", "other"),
    0x9C9D: ("XPAuthor", "other"),
    0x9C9E: ("XPKeywords", "other"),
    0x9C9F: ("XPSubject", "other"),
}
EXIF_IFD = {
    0x9003: ("DateTimeOriginal", "time"),
    0x9004: ("DateTimeDigitized", "time"),
    0x9010: ("OffsetTime", "time"),
    0x9011: ("OffsetTimeOriginal", "time"),
    0x9012: ("OffsetTimeDigitized", "time"),
    0x9286: ("UserComment", "other"),
    0xA420: ("ImageUniqueID", "other"),
    0xA430: ("CameraOwnerName", "owner"),
    0xA431: ("BodySerialNumber", "serial"),
    0xA433: ("LensMake", "lens"),
    0xA434: ("LensModel", "lens"),
    0xA435: ("LensSerialNumber", "serial"),
}
GPS_IFD, EXIF_POINTER = 0x8825, 0x8769
XP_TAGS = {0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F}  # UTF-16LE bytes
USER_COMMENT = 0x9286  # 8 bytes naming the character code, then the text
TIFF_XMP = 700


def exif_text(tag: int, value: Any) -> str | None:
    """An EXIF value as text, with the encodings of XP* tags and UserComment handled."""
    if tag in XP_TAGS and isinstance(value, bytes | tuple):
        raw = bytes(value) if isinstance(value, tuple) else value
        return clean(raw.decode("utf-16-le", errors="replace"))
    if tag == USER_COMMENT and isinstance(value, bytes):
        code, body = value[:8], value[8:]
        if code.startswith(b"UNICODE"):
            little = body[:2] == b"\xff\xfe" or (len(body) > 1 and body[1] == 0)
            return clean(body.decode("utf-16-le" if little else "utf-16-be", errors="replace"))
        return clean(body)
    if isinstance(value, bytes) and len(value) > MAX_VALUE * 4:
        return None  # a binary blob (a thumbnail, a maker note), not text
    return clean(value)


def read_exif(image: Image.Image, found: Collector) -> None:
    exif = image.getexif()
    raw = image.info.get("exif")
    tiff = image.format == "TIFF"
    if not raw and not tiff:
        return  # Pillow may offer an Orientation it read from XMP: that is not an EXIF block
    ifd0 = dict(exif)
    exif_ifd = dict(exif.get_ifd(EXIF_POINTER)) if EXIF_POINTER in ifd0 else {}
    gps_ifd = dict(exif.get_ifd(GPS_IFD)) if GPS_IFD in ifd0 else {}
    known = [t for t in ifd0 if t in IFD0] + list(exif_ifd) + list(gps_ifd)
    if raw or known:
        found.block("EXIF")
    for table, values in ((IFD0, ifd0), (EXIF_IFD, exif_ifd)):
        for tag, (name, where) in table.items():
            if tag in values:
                found.put("EXIF", name, where, exif_text(tag, values[tag]))
    if tiff and isinstance(ifd0.get(TIFF_XMP), bytes):
        read_xmp(ifd0[TIFF_XMP], found)
    if gps_ifd:
        read_gps(gps_ifd, found)


def read_gps(ifd: dict[int, Any], found: Collector) -> None:
    raw: dict[str, str] = {}
    for tag, value in list(ifd.items())[:MAX_RAW_GPS]:
        name = ExifTags.GPSTAGS.get(tag, f"GPS tag {tag:#06x}") if isinstance(tag, int) else "?"
        if text := exif_text(tag, value):
            raw[name] = text
    latitude = signed(dms(ifd.get(2, ())), ifd.get(1), "S", 90)
    longitude = signed(dms(ifd.get(4, ())), ifd.get(3), "W", 180)
    altitude = None
    try:
        altitude = float(ifd[6]) * (-1 if ifd.get(5) in (1, b"\x01") else 1)
        altitude = round(altitude, 1) if math.isfinite(altitude) else None
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        pass
    if gps_date := clean(ifd.get(0x1D)):
        found.put("EXIF", "GPSDateStamp", "time", gps_date)
    if raw:
        gps = GpsPosition(
            latitude=latitude, longitude=longitude, altitude=altitude, source="EXIF", raw=raw
        )
        found.gps = checked_position(gps, found.notes)
