"""XMP packets: decoded from the encoding their first bytes show, parsed with defusedxml with
DTDs forbidden (no entity is ever defined or resolved), and read for the properties that say
where, when, with what and by whom, and for the edit history."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml

from memeaudit.metadata.collect import Collector
from memeaudit.metadata.gps import checked_position, xmp_coordinate
from memeaudit.metadata.text import MAX_FIELDS, MAX_XMP, clean
from memeaudit.model import GpsPosition

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


def read_xmp(packet: bytes | str, found: Collector) -> None:
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
            latitude=xmp_coordinate(gps.get("GPSLatitude"), "S", 90),
            longitude=xmp_coordinate(gps.get("GPSLongitude"), "W", 180),
            source="XMP",
            raw={f"exif:{k}": v for k, v in gps.items()},
        )
        found.gps = checked_position(position, found.notes)


def _read_history(element: ET.Element, found: Collector) -> None:
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
