"""Metadata values that are not facts (issue L #3): placeholders ("XXX-XXX", "Unknown", dates of
zeros) and impossible dates (still to come, no calendar date, a capture after the file's last
change) are called what they are in section 2, never presented as facts; and a value that several
fields hold is quoted once. Real files written by Pillow, read by memeaudit's loader, and section 2
written from what it read."""

from __future__ import annotations

import io
from datetime import datetime

from PIL import Image

from memeaudit.knowledge.loader import load_knowledge
from memeaudit.load import load_image
from memeaudit.metadata.doubt import is_placeholder, parse_date, vet
from memeaudit.model import Facts, ImageMetadata
from memeaudit.prose import CHECKS
from memeaudit.sections.security import security

KB = load_knowledge()
XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <exif:UserComment><rdf:Alt><rdf:li xml:lang="x-default">{comment}</rdf:li></rdf:Alt>
   </exif:UserComment>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def jpeg(ifd0: dict[int, str], exif_ifd: dict[int, str | bytes], comment: str | None) -> bytes:
    """A real JPEG (a grey square) with the EXIF tags given and, with `comment`, an XMP packet
    holding exif:UserComment."""
    exif = Image.Exif()
    for tag, value in ifd0.items():
        exif[tag] = value
    details = exif.get_ifd(0x8769)
    for tag, value in exif_ifd.items():
        details[tag] = value
    out = io.BytesIO()
    extra = {"xmp": XMP.format(comment=comment).encode()} if comment else {}
    Image.new("RGB", (64, 64), (128, 128, 128)).save(out, "JPEG", exif=exif, **extra)
    return out.getvalue()


def read(data: bytes) -> ImageMetadata:
    meta = load_image(data).info.metadata
    assert meta is not None
    return meta


def section_2(meta: ImageMetadata) -> str:
    """Section 2 from the metadata alone; it must pass the prose linter's checks (memeaudit.prose;
    all but the length of a whole report's section)."""
    text = security(KB, Facts(), None, meta).text
    problems = [p for name, check in CHECKS.items() if name != "length" for p in check({2: text})]
    assert problems == [], text
    return text


MAKE, MODEL, SOFTWARE, DATETIME = 0x010F, 0x0110, 0x0131, 0x0132
ORIGINAL, USER_COMMENT = 0x9003, 0x9286


def test_placeholder_make_and_model_are_called_placeholders_not_a_device() -> None:
    meta = read(jpeg({MAKE: "XXX-XXX", MODEL: "XXX-XXX", SOFTWARE: "Unknown"}, {}, None))
    assert meta.device is not None and meta.device.make == "XXX-XXX"  # read as written
    text = section_2(meta)
    assert "names the capturing device" not in text and "names the software" not in text
    assert (
        "Some fields hold placeholders rather than real values, so they say nothing about the "
        "picture: EXIF Make and EXIF Model “XXX-XXX” and EXIF Software “Unknown”." in text
    )
    assert text.count("XXX-XXX") == 1


def test_a_real_device_keeps_its_sentence_beside_a_placeholder_model() -> None:
    text = section_2(read(jpeg({MAKE: "Canon", MODEL: "Unknown"}, {}, None)))
    assert "EXIF names the capturing device: Canon." in text
    assert "One field holds a placeholder rather than a real value" in text
    assert "EXIF Model “Unknown”" in text


def test_a_date_still_to_come_and_a_date_of_zeros_are_not_given_as_when_it_was_taken() -> None:
    meta = read(jpeg({DATETIME: "0000:00:00 00:00:00"}, {ORIGINAL: "2099:09:29 10:11:12"}, None))
    assert meta.timestamps["EXIF DateTimeOriginal"] == "2099:09:29 10:11:12"  # as written
    text = section_2(meta)
    assert "records when the picture was taken" not in text
    assert "EXIF DateTime “0000:00:00 00:00:00”" in text  # a placeholder
    assert (
        "One recorded date cannot be right, so it says nothing reliable about when the picture "
        "was made: EXIF DateTimeOriginal 2099:09:29 10:11:12, which is still to come." in text
    )


def test_a_capture_after_the_files_last_change_is_impossible() -> None:
    meta = read(jpeg({DATETIME: "2021:03:04 05:06:07"}, {ORIGINAL: "2023:08:19 14:22:31"}, None))
    text = section_2(meta)
    assert (
        "EXIF DateTimeOriginal 2023:08:19 14:22:31, later than the file's last change "
        "(EXIF DateTime)." in text
    )
    assert text.count("2021:03:04 05:06:07") == 1  # the last change's time, said once
    # the last change itself is still given, as a time the file records
    assert "The metadata records when the picture was taken or last changed: " in text
    assert "2021:03:04 05:06:07 (EXIF DateTime)" in text


def test_plausible_dates_are_given_as_written() -> None:
    meta = read(jpeg({DATETIME: "2024:05:02 09:00:00"}, {ORIGINAL: "2024:05:01 10:11:12"}, None))
    text = section_2(meta)
    assert "cannot be right" not in text and "placeholder" not in text
    assert "2024:05:01 10:11:12 (EXIF DateTimeOriginal)" in text


def test_the_same_comment_in_exif_and_xmp_is_quoted_once() -> None:
    comment = b"ASCII\x00\x00\x00Screenshot"  # EXIF UserComment: a character code, then text
    meta = read(jpeg({}, {USER_COMMENT: comment}, "Screenshot"))
    fields = [f.field for f in meta.other]
    assert fields == ["EXIF UserComment", "XMP exif:UserComment"]
    text = section_2(meta)
    assert text.count("Screenshot") == 1
    assert (
        "Other metadata fields carry text: EXIF UserComment and XMP exif:UserComment "
        "“Screenshot”." in text
    )


def test_the_same_time_written_two_ways_is_given_once() -> None:
    meta = ImageMetadata(
        blocks=["EXIF", "XMP"],
        timestamps={
            "EXIF DateTimeOriginal": "2024:05:01 10:11:12",
            "XMP exif:DateTimeOriginal": "2024-05-01T10:11:12",
        },
    )
    text = section_2(meta)
    assert "2024:05:01 10:11:12 (EXIF DateTimeOriginal and XMP exif:DateTimeOriginal)" in text, text
    assert "2024-05-01T10:11:12" not in text


def test_what_counts_as_a_placeholder_or_a_date() -> None:
    patterns = KB.placeholders
    for value in ("XXX-XXX", "xxxx", "Unknown", "N/A", "0000:00:00 00:00:00", "    :  :  ", "0"):
        assert is_placeholder(value, patterns), value
    for value in ("X", "Apple", "iPhone 12", "Canon EOS R5", "GIMP 2.10", "2024:05:01", "Xbox"):
        assert not is_placeholder(value, patterns), value
    for hostile in (
        "x" * 199 + "!",
        "X-" * 99 + "!",
        "0:" * 99 + "1",
    ):  # no catastrophic backtracking
        assert not is_placeholder(hostile, patterns)
    assert parse_date("2024:05:01 10:11:12") == datetime(2024, 5, 1, 10, 11, 12)
    assert parse_date("2024-05-01T10:11:12+02:00") == datetime(2024, 5, 1, 10, 11, 12)
    assert parse_date("2024:02:30 10:00:00") == "calendar"
    assert parse_date("Tue, 1 May 2024") is None  # not a form it knows: no claim about it
    meta = ImageMetadata(blocks=["EXIF"], timestamps={"EXIF DateTimeOriginal": "2030:01:01"})
    kept, doubts = vet(meta, patterns, now=datetime(2031, 1, 1))
    assert kept == meta and doubts == []  # the future is relative to the analysis
    kept, doubts = vet(meta, patterns, now=datetime(2026, 12, 2))
    assert kept.timestamps == {} and [d.why for d in doubts] == ["future"]
