"""What the file says about itself: format, size and metadata."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from memeaudit.model.base import Model


class MetadataField(Model):
    field: str = Field(
        description="Where the value was found: the block and the field's name, e.g. "
        "'EXIF Software', 'XMP xmp:CreatorTool', 'PNG Comment', 'JPEG comment'."
    )
    value: str = Field(
        description="The value as text. Metadata is untrusted: control and bidi characters are "
        "removed, whitespace is collapsed and values are cut at 200 characters."
    )


class GpsPosition(Model):
    latitude: float | None = Field(
        None, description="Decimal degrees, north positive (6 decimals); None if not recorded."
    )
    longitude: float | None = Field(
        None, description="Decimal degrees, east positive (6 decimals); None if not recorded."
    )
    altitude: float | None = Field(None, description="Metres above sea level, if recorded.")
    source: Literal["EXIF", "XMP"] = Field(description="The metadata block that records it.")
    raw: dict[str, str] = Field(
        default_factory=dict,
        description="The GPS fields as written, by name, e.g. {'GPSLatitude': '51.0, 30.0, 2.52', "
        "'GPSLatitudeRef': 'N'}.",
    )


class Device(Model):
    make: str | None = Field(None, description="Camera or phone maker (EXIF Make, XMP tiff:Make).")
    model: str | None = Field(None, description="Camera or phone model (EXIF Model).")
    lens: str | None = Field(None, description="Lens maker and model, if recorded.")
    owner: str | None = Field(None, description="The camera owner's name (CameraOwnerName).")
    serial_numbers: dict[str, str] = Field(
        default_factory=dict,
        description="Serial numbers by field, e.g. {'EXIF BodySerialNumber': '...'}; they can "
        "link photos taken with the same camera.",
    )
    source: Literal["EXIF", "XMP"] = Field(description="The metadata block that names the device.")
    fields: dict[str, str] = Field(
        default_factory=dict,
        description="The make, model, lens and owner fields as written, by field name, e.g. "
        "{'EXIF Make': 'Apple', 'EXIF LensModel': '...'}.",
    )


class ImageMetadata(Model):
    """What the file's metadata says about where, when, with what and by whom it was made. Read
    with Pillow from the file as it was opened, before any conversion. Every value is untrusted
    text from the file."""

    blocks: list[str] = Field(
        default_factory=list,
        description="The metadata blocks the file carries: EXIF, XMP, PNG text, comment, C2PA.",
    )
    gps: GpsPosition | None = Field(None, description="A GPS position (EXIF GPS IFD, else XMP).")
    device: Device | None = Field(None, description="The capturing device (EXIF, else XMP).")
    software: str | None = Field(
        None,
        description="The software that last wrote the file, as EXIF Software names it "
        "(else XMP CreatorTool, else PNG Software).",
    )
    timestamps: dict[str, str] = Field(
        default_factory=dict,
        description="Timestamps as written, by field, e.g. "
        "{'EXIF DateTimeOriginal': '2024:05:01 10:11:12', 'XMP xmp:ModifyDate': '...'}.",
    )
    editing: list[MetadataField] = Field(
        default_factory=list,
        description="Every field naming software that created or edited the file: EXIF "
        "Software and ProcessingSoftware, XMP CreatorTool and history software agents, PNG "
        "Software.",
    )
    history: list[str] = Field(
        default_factory=list,
        description="Edit-history steps as written (XMP xmpMM:History: action, software, time; "
        "XMP photoshop:History), at most 20.",
    )
    other: list[MetadataField] = Field(
        default_factory=list,
        description="Other fields that carry text: Artist, Copyright, descriptions, comments, PNG "
        "text chunks, XMP dc:creator and the like.",
    )
    c2pa: bool = Field(
        False,
        description="The file carries a C2PA (Content Credentials) manifest marker: a JUMBF box "
        "labelled c2pa. Its presence only; the manifest is not verified.",
    )
    notes: list[str] = Field(
        default_factory=list,
        description="Metadata that could not be read, and why (e.g. an XMP packet with a DOCTYPE "
        "is refused).",
    )

    def is_empty(self) -> bool:
        """No metadata block at all."""
        return not self.blocks


class ImageInfo(Model):
    path: str
    sha256: str
    width: int
    height: int
    format: str
    mode: str = Field(description="Pillow mode of the decoded image, before conversion to RGB.")
    frames: int = Field(1, description="Frames in the file (more than 1: an animation).")
    frame: int = Field(0, description="The frame analysed, counting from 0.")
    metadata: ImageMetadata | None = Field(
        None, description="The file's EXIF, XMP and text metadata; None when it was not read."
    )
