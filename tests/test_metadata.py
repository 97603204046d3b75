"""Image metadata: read from real files written by Pillow (the Chelsea cat photo with EXIF, PNG
text chunks and XMP added), reported in section 2 with evidence naming each field, and printed
safely whatever text the file carries."""

from __future__ import annotations

import io
import json
import zlib
from functools import cache

import numpy as np
import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from PIL.TiffImagePlugin import IFDRational

from memeaudit import analyze
from memeaudit.knowledge.loader import load_knowledge
from memeaudit.load import load_image
from memeaudit.metadata import MAX_VALUE
from memeaudit.model import ImageMetadata, MetadataField, Report
from memeaudit.report import render
from tests.conftest import RESOURCES

CAT = RESOURCES / "skimage_chelsea_cat.png"
KB = load_knowledge()
NO_METADATA = KB.words("metadata")("none")  # the sentences, as knowledge/wording/ says them
NOTHING = {2: KB.words("security")("nothing-found")}
SOFTWARE = "Adobe Photoshop 25.0 (Windows)"
LENS = "iPhone 12 back dual wide camera 4.2mm f/1.6"
HOSTILE = "<script>alert(1)</script>\x1b[31m[x](javascript:alert(1)) {{7*7}}"
XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmp:CreatorTool="{creator}"
    xmp:ModifyDate="2024-06-02T08:15:00+02:00">
   <xmpMM:History>
    <rdf:Seq>
     <rdf:li stEvt:action="saved" stEvt:softwareAgent="{creator}"
       stEvt:when="2024-06-02T08:15:00+02:00"/>
    </rdf:Seq>
   </xmpMM:History>
   <dc:creator><rdf:Seq><rdf:li>Jane Example</rdf:li></rdf:Seq></dc:creator>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def cat_pixels() -> Image.Image:
    """The cat photo's pixels alone: a new image carries none of the file's metadata."""
    with Image.open(CAT) as image:
        return Image.fromarray(np.asarray(image.convert("RGB")))


def exif_jpeg(
    software: str = SOFTWARE,
    serial: str | None = None,
    owner: str | None = None,
    lens: tuple[str, str] | None = None,
) -> bytes:
    """A JPEG of the cat with EXIF written by Pillow: GPS 51°30'2.52"N 0°7'28.56"W, an iPhone
    12, editing software and the time it was taken."""
    exif = Image.Exif()
    exif[0x010F] = "Apple"  # Make
    exif[0x0110] = "iPhone 12"  # Model
    exif[0x0131] = software  # Software
    details = exif.get_ifd(0x8769)
    details[0x9003] = "2024:05:01 10:11:12"  # DateTimeOriginal
    if serial:
        details[0xA431] = serial  # BodySerialNumber
    if owner:
        details[0xA430] = owner  # CameraOwnerName
    if lens:
        details[0xA433], details[0xA434] = lens  # LensMake, LensModel
    gps = exif.get_ifd(0x8825)
    gps[1], gps[3] = "N", "W"
    gps[2] = (IFDRational(51, 1), IFDRational(30, 1), IFDRational(252, 100))
    gps[4] = (IFDRational(0, 1), IFDRational(7, 1), IFDRational(2856, 100))
    out = io.BytesIO()
    cat_pixels().save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def text_png(software: str = "GIMP 2.10.36", creator: str = SOFTWARE, xmp: str = XMP) -> bytes:
    """A PNG of the cat with a tEXt Software chunk and an iTXt XMP packet."""
    info = PngInfo()
    info.add_text("Software", software)
    info.add_itxt("XML:com.adobe.xmp", xmp.replace("{creator}", creator))
    out = io.BytesIO()
    cat_pixels().save(out, "PNG", pnginfo=info)
    return out.getvalue()


def plain_png() -> bytes:
    out = io.BytesIO()
    cat_pixels().save(out, "PNG")
    return out.getvalue()


def with_chunk(png: bytes, kind: bytes, body: bytes) -> bytes:
    """A PNG with one more chunk inserted right after IHDR."""
    chunk = len(body).to_bytes(4, "big") + kind + body
    chunk += zlib.crc32(kind + body).to_bytes(4, "big")
    at = 8 + 8 + 13 + 4  # signature, then IHDR's length, type, data and CRC
    return png[:at] + chunk + png[at:]


def meta(data: bytes) -> ImageMetadata:
    found = load_image(data).info.metadata
    assert found is not None
    return found


@cache
def report(kind: str) -> Report:
    data = {
        "exif": exif_jpeg,
        "png": text_png,
        "plain": plain_png,
        "serial": lambda: exif_jpeg(
            serial="SN-0042-7781", owner="Jane Example", lens=("Apple", LENS)
        ),
        "hostile-exif": lambda: exif_jpeg(software=HOSTILE),
        "hostile-png": lambda: text_png(software=HOSTILE, creator="x"),
    }[kind]()
    return analyze(data)


def sentence(report_: Report, start: str) -> tuple[str, list[str]]:
    """The section 2 sentence that starts so, and the texts of its metadata evidence."""
    found = [s for s in report_.sections[1].sentences if s.text.startswith(start)]
    assert found, f"no sentence starts {start!r}: {report_.sections[1].text}"
    return found[0].text, [ev.text or "" for ev in found[0].evidence if ev.kind == "metadata"]


# Reading


def test_exif_values_are_read_exactly() -> None:
    found = meta(exif_jpeg(serial="SN-0042-7781", owner="Jane Example", lens=("Apple", LENS)))
    assert found.blocks == ["EXIF"]
    assert found.gps is not None and found.gps.source == "EXIF"
    assert (found.gps.latitude, found.gps.longitude) == (51.5007, -0.1246)
    assert found.gps.raw == {
        "GPSLatitudeRef": "N",
        "GPSLatitude": "51, 30, 2.52",
        "GPSLongitudeRef": "W",
        "GPSLongitude": "0, 7, 28.56",
    }
    assert found.device is not None
    assert (found.device.make, found.device.model) == ("Apple", "iPhone 12")
    assert found.device.serial_numbers == {"EXIF BodySerialNumber": "SN-0042-7781"}
    assert found.device.owner == "Jane Example"
    assert found.device.lens == f"Apple {LENS}"
    assert found.device.fields == {
        "EXIF Make": "Apple",
        "EXIF Model": "iPhone 12",
        "EXIF CameraOwnerName": "Jane Example",
        "EXIF LensMake": "Apple",
        "EXIF LensModel": LENS,
    }
    assert found.software == SOFTWARE
    assert found.editing == [MetadataField(field="EXIF Software", value=SOFTWARE)]
    assert found.timestamps == {"EXIF DateTimeOriginal": "2024:05:01 10:11:12"}
    assert not found.notes


def test_png_text_and_xmp_are_read_exactly() -> None:
    found = meta(text_png())
    assert found.blocks == ["PNG text", "XMP"]
    assert found.editing == [
        MetadataField(field="PNG Software", value="GIMP 2.10.36"),
        MetadataField(field="XMP xmp:CreatorTool", value=SOFTWARE),
        MetadataField(field="XMP xmpMM:History softwareAgent", value=SOFTWARE),
    ]
    assert found.software == SOFTWARE  # XMP CreatorTool is preferred to PNG Software
    assert found.history == [f"saved by {SOFTWARE} 2024-06-02T08:15:00+02:00"]
    assert found.timestamps == {"XMP xmp:ModifyDate": "2024-06-02T08:15:00+02:00"}
    assert found.other == [MetadataField(field="XMP dc:creator", value="Jane Example")]
    assert found.gps is None and found.device is None


def test_the_real_cat_photo_keeps_its_camera_and_software() -> None:
    """skimage's Chelsea photo carries the XMP its camera and f-spot wrote."""
    found = meta(CAT.read_bytes())
    assert found.blocks == ["XMP"]  # Pillow's Orientation read from XMP is not an EXIF block
    assert found.device is not None and found.device.source == "XMP"
    assert (found.device.make, found.device.model) == ("PENTAX Corporation", "PENTAX K100D Super")
    assert found.software == "f-spot version 0.5.0.3"
    assert found.timestamps["XMP xmp:CreateDate"] == "2009-02-09T11:11:30"


def test_a_file_without_metadata_has_none() -> None:
    found = meta(plain_png())
    assert found.is_empty()
    assert found == ImageMetadata()


def test_an_xmp_packet_with_a_doctype_is_refused_and_no_entity_is_expanded() -> None:
    evil = XMP.replace(
        "<x:xmpmeta", '<!DOCTYPE x:xmpmeta [<!ENTITY tool "Expanded Entity">]>\n<x:xmpmeta'
    )
    found = meta(text_png(creator="&tool;", xmp=evil))
    assert any("DOCTYPE" in note for note in found.notes)
    assert "XMP" in found.blocks
    assert [f.field for f in found.editing] == ["PNG Software"]
    assert "Expanded Entity" not in found.model_dump_json()


def xmp_jpeg(packet: bytes) -> bytes:
    """A JPEG of the cat whose APP1 XMP segment holds these bytes, as Pillow writes it."""
    out = io.BytesIO()
    cat_pixels().save(out, "JPEG", xmp=packet)
    return out.getvalue()


LAUGHS = (
    '<!DOCTYPE x:xmpmeta [\n <!ENTITY lol "Expanded Entity">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">\n'.replace("&lol1;", "&lol;")
        for i in range(2, 6)
    )
    + "]>\n<x:xmpmeta"
)


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le", "utf-32-be", "utf-8"])
def test_an_xmp_packet_with_entities_is_refused_in_any_encoding(encoding: str) -> None:
    """A billion-laughs DOCTYPE (10,000 expansions here) in a UTF-16 packet used to pass the
    byte-level check; the packet is now decoded first and parsed with defusedxml."""
    evil = XMP.replace("<x:xmpmeta", LAUGHS, 1).replace("{creator}", "&lol5;")
    found = meta(xmp_jpeg(("\ufeff" + evil).encode(encoding)))
    assert any("DOCTYPE" in note for note in found.notes), found.notes
    assert "XMP" in found.blocks and found.editing == []
    assert "Expanded Entity" not in found.model_dump_json()


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-be", True),
        ("utf-16-be", False),  # what XMP writers do: the BOM sits in begin="", not first
        ("utf-16-le", True),
        ("utf-16-le", False),
        ("utf-32-be", True),
        ("utf-32-le", False),
        ("utf-8", True),
    ],
)
def test_a_benign_xmp_packet_is_read_in_any_encoding(encoding: str, bom: bool) -> None:
    packet = XMP.replace("{creator}", SOFTWARE) + "\n"
    found = meta(xmp_jpeg((("\ufeff" if bom else "") + packet).encode(encoding)))
    assert found.notes == [], found.notes
    assert found.software == SOFTWARE
    assert found.other == [MetadataField(field="XMP dc:creator", value="Jane Example")]


def test_metadata_text_is_cleaned_and_capped() -> None:
    found = meta(exif_jpeg(software="A\x1b[2J\x07B\x00C\r\nD" + "x" * 1000))
    assert found.software is not None
    assert found.software.startswith("A [2J B C Dxxx")
    assert len(found.software) == MAX_VALUE and found.software.endswith("…")
    info = PngInfo()
    info.add_itxt("Comment", "left\u202eright\u2066 \x9b31m" + "y" * 500)
    out = io.BytesIO()
    cat_pixels().save(out, "PNG", pnginfo=info)
    (comment,) = meta(out.getvalue()).other
    assert comment.field == "PNG Comment"
    assert comment.value.startswith("left right 31myyy") and len(comment.value) == MAX_VALUE
    for value in (found.software, comment.value):
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or ord(c) >= 0x2066 for c in value)


def test_a_c2pa_chunk_is_noticed() -> None:
    marked = with_chunk(plain_png(), b"caBX", b"\x00\x00\x00\x20jumb\x00\x00\x00\x18jumdc2pa")
    found = meta(marked)
    assert found.c2pa and found.blocks == ["C2PA"]
    assert not meta(plain_png()).c2pa


# Section 2


@pytest.mark.slow
def test_section_2_reports_exif_with_evidence_naming_each_field() -> None:
    r = report("exif")
    text, evidence = sentence(r, "The file's EXIF metadata records a GPS position")
    assert text == (
        "The file's EXIF metadata records a GPS position (51.5007, -0.1246), which can reveal "
        "where the photo was taken."
    )
    assert evidence == ["EXIF GPSLatitude, GPSLongitude: 51.5007, -0.1246"]
    text, evidence = sentence(r, "EXIF names the capturing device")
    assert text == "EXIF names the capturing device: Apple iPhone 12."
    assert evidence == ["EXIF Make: Apple", "EXIF Model: iPhone 12"]
    text, evidence = sentence(r, "The file records editing software")
    assert text == f"The file records editing software: {SOFTWARE}."
    assert evidence == [f"EXIF Software: {SOFTWARE}"]
    _, evidence = sentence(r, "The metadata records when")
    assert evidence == ["EXIF DateTimeOriginal: 2024:05:01 10:11:12"]
    section = r.sections[1]
    assert NOTHING[2] not in section.text  # a GPS position is a privacy finding
    assert {ev.rule for ev in section.evidence if ev.kind == "metadata"} >= {
        "metadata.gps",
        "metadata.device",
        "metadata.timestamp",
        "kb:software:Adobe Photoshop",
    }
    data = json.loads(r.to_json())
    assert data["image"]["metadata"]["gps"]["latitude"] == 51.5007
    assert "51.5007, -0.1246" in render(r, "md")


@pytest.mark.slow
def test_section_2_names_the_lens_serial_number_and_owner_field_but_not_their_values() -> None:
    r = report("serial")
    text, evidence = sentence(r, "EXIF names the capturing device")
    assert text == f"EXIF names the capturing device: Apple iPhone 12, with the lens Apple {LENS}."
    assert evidence == [
        "EXIF Make: Apple",
        "EXIF Model: iPhone 12",
        "EXIF LensMake: Apple",
        f"EXIF LensModel: {LENS}",
    ]
    text, evidence = sentence(r, "The metadata also records")
    assert text == (
        "The metadata also records a serial number (BodySerialNumber) and the camera owner's name "
        "(CameraOwnerName), which can link this picture to other photos from the same camera and "
        "to its owner."
    )
    assert evidence == [
        "EXIF BodySerialNumber: SN-0042-7781",
        "EXIF CameraOwnerName: Jane Example",
    ]
    assert "SN-0042-7781" not in r.sections[1].text and "Jane Example" not in r.sections[1].text


@pytest.mark.slow
def test_section_2_reports_png_software_and_xmp_creator_tool() -> None:
    r = report("png")
    text, evidence = sentence(r, "The file records editing software")
    assert text == f"The file records editing software: GIMP 2.10.36 and {SOFTWARE}."
    assert "PNG Software: GIMP 2.10.36" in evidence
    assert f"XMP xmp:CreatorTool: {SOFTWARE}" in evidence
    text, evidence = sentence(r, "The metadata names a person")
    assert evidence == ["XMP dc:creator: Jane Example"]
    _, evidence = sentence(r, "Its XMP metadata keeps an edit history of 1 step")
    assert evidence and evidence[0].startswith("XMP history: saved by")


@pytest.mark.slow
def test_no_metadata_is_said_plainly_and_invents_no_finding() -> None:
    section = report("plain").sections[1]
    assert report("plain").facts.topics == []
    assert section.text == f"{NOTHING[2]} {NO_METADATA}"
    assert [(ev.kind, ev.rule) for ev in section.evidence] == [
        ("rule", "section2.nothing-found"),
        ("metadata", "metadata.none"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["hostile-exif", "hostile-png"])
def test_hostile_metadata_text_is_escaped_in_every_format(kind: str) -> None:
    r = report(kind)
    assert r.image.metadata is not None
    assert "\x1b" not in (r.image.metadata.software or "") + r.sections[1].text
    md = render(r, "md")
    line = next(
        ln for ln in md.splitlines() if "records editing software" in ln or "wrote it" in ln
    )
    assert "\\<script\\>alert(1)\\</script\\>" in line and "<script>" not in md
    assert "\\[x\\](javascript:alert(1))" in line and "[x](" not in md
    assert "{{7\\*7}}" in line and "49" not in line
    html = render(r, "html")
    paragraph = html.split('<section id="section-2">')[1].split("</section>")[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in paragraph and "<script>alert" not in html
    assert "{{7*7}}" in paragraph and "49" not in paragraph
    assert 'href="javascript' not in html
    for out in (md, html, r.to_json()):
        assert "\x1b" not in out and "\\u001b" not in out
