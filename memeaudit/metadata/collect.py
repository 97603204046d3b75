"""The fields of every metadata block as they are found, gathered into one ImageMetadata."""

from __future__ import annotations

from typing import Any

from memeaudit.metadata.text import MAX_FIELDS, MAX_TIMESTAMPS, clean
from memeaudit.model import Device, GpsPosition, ImageMetadata, MetadataField

# The field that names the software which last wrote the file, in order of preference.
SOFTWARE_FIELDS = (
    "EXIF Software",
    "XMP tiff:Software",
    "XMP xmp:CreatorTool",
    "PNG Software",
    "EXIF ProcessingSoftware",
)


class Collector:
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
