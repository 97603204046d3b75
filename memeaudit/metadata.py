"""Image metadata read with Pillow: EXIF (with its GPS and Exif IFDs), XMP, PNG text chunks,
JPEG and GIF comments, and a C2PA (Content Credentials) marker.

Everything here is untrusted text from the file: every value loses control and bidi characters,
has its whitespace collapsed and is cut at MAX_VALUE characters, and each list is capped. An XMP
packet is first decoded from the encoding its first bytes show (UTF-8, UTF-16 or UTF-32, with or
without a byte order mark), then parsed with defusedxml with DTDs forbidden, so no entity is ever
defined or resolved whatever the encoding. Reading metadata never fails an image: a block that
cannot be read becomes a note."""

from __future__ import annotations

import math
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from PIL import ExifTags, Image

from memeaudit.model import Device, GpsPosition, ImageMetadata, MetadataField

MAX_VALUE = 200  # characters kept of one value
MAX_KEY = 60  # characters kept of a field name the file chooses (PNG text keys)
MAX_FIELDS = 20  # entries kept per list (other fields, editing traces, history steps)
MAX_TIMESTAMPS = 12
MAX_RAW_GPS = 16
MAX_XMP = 1 << 20  # bytes of XMP parsed; a larger packet is noted, not read

_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
_SPACE = re.compile(r"\s+")
# How an XML document's first bytes show its encoding (XML 1.0, appendix F), byte order marks
# first, UTF-32's before UTF-16's (FF FE 00 00 starts both).
XML_ENCODINGS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)

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

NS = {
    "http://ns.adobe.com/xap/1.0/": "xmp",
    "http://ns.adobe.com/xap/1.0/mm/": "xmpMM",
    "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#": "stEvt",
    "http://ns.adobe.com/photoshop/1.0/": "photoshop",
    "http://ns.adobe.com/exif/1.0/": "exif",
    "http://cipa.jp/exif/1.0/": "exifEX",
    "http://ns.adobe.com/tiff/1.0/": "tiff",
    "http://ns.adobe.com/exif/1.0/aux/": "aux",
    "http://purl.org/dc/elements/1.1/": "dc",
}
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# XMP properties, by prefixed name -> where they go.
XMP_PROPS = {
    "xmp:CreatorTool": "editing",
    "tiff:Software": "editing",
    "xmp:CreateDate": "time",
    "xmp:ModifyDate": "time",
    "xmp:MetadataDate": "time",
    "photoshop:DateCreated": "time",
    "exif:DateTimeOriginal": "time",
    "exif:DateTimeDigitized": "time",
    "tiff:DateTime": "time",
    "tiff:Make": "device",
    "tiff:Model": "device",
    "aux:Lens": "lens",
    "exifEX:LensModel": "lens",
    "exifEX:LensMake": "lens",
    "aux:SerialNumber": "serial",
    "aux:LensSerialNumber": "serial",
    "exifEX:BodySerialNumber": "serial",
    "exifEX:LensSerialNumber": "serial",
    "aux:OwnerName": "owner",
    "exifEX:CameraOwnerName": "owner",
    "exif:GPSLatitude": "gps",
    "exif:GPSLongitude": "gps",
    "exif:GPSAltitude": "gps",
    "exif:GPSAltitudeRef": "gps",
    "exif:UserComment": "other",
    "tiff:Artist": "other",
    "tiff:ImageDescription": "other",
    "tiff:Copyright": "other",
    "dc:creator": "other",
    "dc:rights": "other",
    "dc:description": "other",
    "dc:title": "other",
    "photoshop:History": "history",
    "xmpMM:History": "history",
}
# The field that names the software which last wrote the file, in order of preference.
SOFTWARE_FIELDS = (
    "EXIF Software",
    "XMP tiff:Software",
    "XMP xmp:CreatorTool",
    "PNG Software",
    "EXIF ProcessingSoftware",
)
PNG_XMP_KEY = "XML:com.adobe.xmp"
PNG_TIME_KEYS = {"creation time", "modification time", "date", "create-date", "modify-date"}


def clean(value: Any, limit: int = MAX_VALUE) -> str | None:
    """Untrusted metadata to one line of plain text: bytes decoded, rationals written as numbers,
    control and bidi characters removed, whitespace collapsed, at most `limit` characters."""
    if value is None:
        return None
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
    elif isinstance(value, tuple | list):
        parts = [clean(v, limit) for v in list(value)[:16]]
        text = ", ".join(p for p in parts if p)
    elif isinstance(value, float) or type(value).__name__ == "IFDRational":
        number = float(value)
        text = "" if not math.isfinite(number) else f"{number:g}"
    else:
        text = str(value)
    text = _SPACE.sub(" ", _CONTROL.sub(" ", text[: limit * 4])).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None


def _exif_text(tag: int, value: Any) -> str | None:
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


def _dms(value: Any) -> float | None:
    """Degrees, minutes, seconds (three rationals) to decimal degrees; None if malformed."""
    try:
        parts = [float(v) for v in value]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not parts or len(parts) > 3 or not all(math.isfinite(p) and p >= 0 for p in parts):
        return None
    degrees = sum(p / 60**i for i, p in enumerate(parts))
    return degrees


def _signed(value: float | None, ref: Any, negative: str, limit: float) -> float | None:
    if value is None:
        return None
    sign = -1 if (clean(ref) or "").upper().startswith(negative) else 1
    value = sign * value
    return round(value, 6) if -limit <= value <= limit else None


def _position(gps: GpsPosition, notes: list[str]) -> GpsPosition:
    """Drop a position that is out of range or 0, 0 (what devices write without a fix)."""
    if gps.latitude is None or gps.longitude is None:
        return gps.model_copy(update={"latitude": None, "longitude": None})
    if gps.latitude == 0 and gps.longitude == 0:
        notes.append(f"{gps.source} GPS fields hold 0, 0 (no position fix); no position is given.")
        return gps.model_copy(update={"latitude": None, "longitude": None})
    return gps


def position_text(gps: GpsPosition) -> str:
    """'51.5007, -0.1246': how reports write a position (redaction masks this same text)."""
    return f"{gps.latitude:.4f}, {gps.longitude:.4f}"


class _Collector:
    """Fields as they are found, EXIF first; the first block to name a device or a position wins."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.device: dict[str, Any] = {}
        self.device_source: str | None = None
        self.device_fields: dict[str, str] = {}
        self.serials: dict[str, str] = {}
        self.gps: GpsPosition | None = None
        self.times: dict[str, str] = {}
        self.editing: list[MetadataField] = []
        self.history: list[str] = []
        self.other: list[MetadataField] = []
        self.notes: list[str] = []
        self.c2pa = False

    def block(self, name: str) -> None:
        if name not in self.blocks:
            self.blocks.append(name)

    def put(self, block: str, name: str, where: str, value: str | None) -> None:
        if not value:
            return
        label = f"{block} {name}"
        if where == "editing":
            field = MetadataField(field=label, value=value)
            if field not in self.editing and len(self.editing) < MAX_FIELDS:
                self.editing.append(field)
        elif where == "time":
            if len(self.times) < MAX_TIMESTAMPS:
                self.times.setdefault(label, value)
        elif where == "other":
            field = MetadataField(field=label, value=value)
            if field not in self.other and len(self.other) < MAX_FIELDS:
                self.other.append(field)
        elif where == "serial":
            if len(self.serials) < MAX_FIELDS:
                self.serials.setdefault(label, value)
        elif where in ("device", "lens", "owner"):
            if self.device_source not in (None, block):
                return
            self.device_source = block
            if len(self.device_fields) < MAX_FIELDS:
                self.device_fields.setdefault(label, value)
            key = {"device": name.split(":")[-1].lower(), "lens": "lens", "owner": "owner"}[where]
            if key == "lens" and "lens" in self.device:
                if value.lower() not in self.device["lens"].lower():
                    self.device["lens"] = clean(f"{self.device['lens']} {value}")
                return
            self.device.setdefault(key, value)

    def result(self) -> ImageMetadata:
        device = None
        if self.device or self.serials:
            device = Device(
                make=self.device.get("make"),
                model=self.device.get("model"),
                lens=self.device.get("lens"),
                owner=self.device.get("owner"),
                serial_numbers=self.serials,
                source=self.device_source or next(iter(self.serials)).split()[0],  # type: ignore[arg-type]
                fields=self.device_fields,
            )
        by_field = {f.field: f.value for f in self.editing}
        software = next((by_field[f] for f in SOFTWARE_FIELDS if f in by_field), None)
        return ImageMetadata(
            blocks=self.blocks,
            gps=self.gps,
            device=device,
            software=software,
            timestamps=self.times,
            editing=self.editing,
            history=self.history,
            other=self.other,
            c2pa=self.c2pa,
            notes=self.notes,
        )


def _read_exif(image: Image.Image, found: _Collector) -> None:
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
                found.put("EXIF", name, where, _exif_text(tag, values[tag]))
    if tiff and isinstance(ifd0.get(TIFF_XMP), bytes):
        _read_xmp(ifd0[TIFF_XMP], found)
    if gps_ifd:
        _read_gps(gps_ifd, found)


def _read_gps(ifd: dict[int, Any], found: _Collector) -> None:
    raw: dict[str, str] = {}
    for tag, value in list(ifd.items())[:MAX_RAW_GPS]:
        name = ExifTags.GPSTAGS.get(tag, f"GPS tag {tag:#06x}") if isinstance(tag, int) else "?"
        if text := _exif_text(tag, value):
            raw[name] = text
    latitude = _signed(_dms(ifd.get(2, ())), ifd.get(1), "S", 90)
    longitude = _signed(_dms(ifd.get(4, ())), ifd.get(3), "W", 180)
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
        found.gps = _position(gps, found.notes)


def _xmp_coordinate(text: str | None, negative: str, limit: float) -> float | None:
    """XMP writes 'DDD,MM.mmmk' or 'DDD,MM,SSk' (k is N, S, E or W)."""
    match = re.fullmatch(
        r"\s*(\d{1,3}),(\d{1,2}(?:\.\d+)?)(?:,(\d{1,2}(?:\.\d+)?))?\s*([NSEW])\s*", text or ""
    )
    if not match:
        return None
    degrees, minutes, seconds, ref = match.groups()
    value = float(degrees) + float(minutes) / 60 + float(seconds or 0) / 3600
    return _signed(value, ref, negative, limit)


def _local(tag: str) -> str | None:
    """'{http://ns.adobe.com/xap/1.0/}CreatorTool' -> 'xmp:CreatorTool' for known namespaces."""
    if not tag.startswith("{"):
        return None
    uri, _, local = tag[1:].partition("}")
    prefix = NS.get(uri)
    return f"{prefix}:{local}" if prefix else None


def _values(element: ET.Element) -> list[str]:
    """The text of a simple property, or of each rdf:li of an rdf:Seq, Bag or Alt."""
    items = element.findall(f"{{{RDF}}}*/{{{RDF}}}li")
    texts = [it.text for it in items] if items else [element.text]
    return [t for t in (clean(t) for t in texts[:MAX_FIELDS]) if t]


def _history_step(item: ET.Element) -> dict[str, str]:
    """stEvt properties of one xmpMM:History entry, as attributes or child elements."""
    step: dict[str, str] = {}
    for node in item.iter():
        for key, value in [*node.attrib.items(), (node.tag, node.text)]:
            name = _local(key) if isinstance(key, str) else None
            if name and name.startswith("stEvt:") and (text := clean(value)):
                step.setdefault(name[6:], text)
    return step


def xmp_text(packet: bytes | str) -> str:
    """An XMP packet as text, decoded as its first bytes show (UTF-8 when they show nothing), with
    byte order marks, NUL padding and surrounding whitespace taken off."""
    if isinstance(packet, bytes | bytearray):
        data = bytes(packet)
        encoding = next((e for start, e in XML_ENCODINGS if data.startswith(start)), "utf-8")
        packet = data.decode(encoding, errors="replace")
    return packet.strip("\ufeff\x00 \t\r\n")


def _read_xmp(packet: bytes | str, found: _Collector) -> None:
    if len(packet) > MAX_XMP:
        found.block("XMP")
        found.notes.append(f"The XMP packet is over {MAX_XMP:,} bytes and was not read.")
        return
    text = xmp_text(packet)
    if not text:
        return
    found.block("XMP")
    try:
        root = parse_xml(text, forbid_dtd=True)  # and, by default, entities and external refs
    except DefusedXmlException:
        found.notes.append("The XMP packet declares a DOCTYPE or an entity and was not read.")
        return
    except ET.ParseError as err:
        found.notes.append(f"The XMP packet is not well-formed XML and was not read ({err}).")
        return
    gps: dict[str, str] = {}
    for element in root.iter():
        props = [(k, v) for k, v in element.attrib.items()]
        name = _local(element.tag) if isinstance(element.tag, str) else None
        if name in XMP_PROPS:
            props.append((element.tag, element))
        for key, value in props:
            prop = _local(key)
            where = XMP_PROPS.get(prop or "")
            if where is None or prop is None:
                continue
            texts = _values(value) if isinstance(value, ET.Element) else [clean(value) or ""]
            texts = [t for t in texts if t]
            if where == "gps":
                if texts:
                    gps[prop.split(":")[1]] = texts[0]
            elif where == "history" and isinstance(value, ET.Element) and prop == "xmpMM:History":
                _read_history(value, found)
            elif where == "history":
                found.history.extend(texts[: MAX_FIELDS - len(found.history)])
            else:
                joined = (
                    clean("; ".join(texts)) if where == "other" else (texts[0] if texts else None)
                )
                found.put("XMP", prop, where, joined)
    if gps and found.gps is None:
        position = GpsPosition(
            latitude=_xmp_coordinate(gps.get("GPSLatitude"), "S", 90),
            longitude=_xmp_coordinate(gps.get("GPSLongitude"), "W", 180),
            source="XMP",
            raw={f"exif:{k}": v for k, v in gps.items()},
        )
        found.gps = _position(position, found.notes)


def _read_history(element: ET.Element, found: _Collector) -> None:
    for item in element.iter(f"{{{RDF}}}li"):
        step = _history_step(item)
        if not step:
            continue
        agent = step.get("softwareAgent")
        if agent:
            found.put("XMP", "xmpMM:History softwareAgent", "editing", agent)
        words = [step.get("action") or "step", f"by {agent}" if agent else "", step.get("when", "")]
        if len(found.history) < MAX_FIELDS:
            found.history.append(clean(" ".join(w for w in words if w)) or "step")


def _read_text_chunks(image: Image.Image, found: _Collector) -> None:
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
            _read_xmp(xmp, found)
    elif image.info.get("xmp"):
        _read_xmp(image.info["xmp"], found)
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


def read_metadata(image: Image.Image, data: bytes, notes: Iterable[str] = ()) -> ImageMetadata:
    """Everything the file's metadata records, from the image as Pillow opened it (its `info`,
    EXIF and text chunks), and its bytes (for the C2PA marker); `notes` say what was skipped
    before Pillow opened it. Never raises."""
    found = _Collector()
    found.notes.extend(notes)
    for step, what in (
        (lambda: _read_exif(image, found), "EXIF"),
        (lambda: _read_text_chunks(image, found), "text and XMP"),
    ):
        try:
            step()
        except Exception as err:  # a hostile block must not fail the image
            detail = clean(f"{type(err).__name__}: {err}", 120)
            found.notes.append(f"The file's {what} metadata could not be read ({detail}).")
    found.c2pa = has_c2pa(image, data)  # walks chunk headers within bounds: cannot raise
    if found.c2pa:
        found.block("C2PA")
    return found.result()
