"""Image metadata read with Pillow: EXIF (with its GPS and Exif IFDs), XMP, PNG text chunks,
JPEG and GIF comments, and a C2PA (Content Credentials) marker.

Everything here is untrusted text from the file: every value loses control and bidi characters,
has its whitespace collapsed and is cut at MAX_VALUE characters, and each list is capped. An XMP
packet is first decoded from the encoding its first bytes show (UTF-8, UTF-16 or UTF-32, with or
without a byte order mark), then parsed with defusedxml with DTDs forbidden, so no entity is ever
defined or resolved whatever the encoding. Reading metadata never fails an image: a block that
cannot be read becomes a note.

The package, by block: text.py (cleaning untrusted values, the caps), exif.py, gps.py, xmp.py,
containers.py (PNG text chunks, comments, the C2PA marker) and collect.py (gathering the fields
into one ImageMetadata)."""

from __future__ import annotations

from collections.abc import Iterable

from PIL import Image

from memeaudit.metadata.collect import Collector
from memeaudit.metadata.containers import has_c2pa, read_text_chunks
from memeaudit.metadata.exif import read_exif
from memeaudit.metadata.gps import position_text
from memeaudit.metadata.text import MAX_FIELDS, MAX_KEY, MAX_VALUE, MAX_XMP, clean
from memeaudit.metadata.xmp import xmp_text
from memeaudit.model import ImageMetadata

__all__ = [
    "MAX_FIELDS",
    "MAX_KEY",
    "MAX_VALUE",
    "MAX_XMP",
    "clean",
    "has_c2pa",
    "position_text",
    "read_metadata",
    "xmp_text",
]


def read_metadata(image: Image.Image, data: bytes, notes: Iterable[str] = ()) -> ImageMetadata:
    """Everything the file's metadata records, from the image as Pillow opened it (its `info`,
    EXIF and text chunks), and its bytes (for the C2PA marker); `notes` say what was skipped
    before Pillow opened it. Never raises."""
    found = Collector()
    found.notes.extend(notes)
    for step, what in (
        (lambda: read_exif(image, found), "EXIF"),
        (lambda: read_text_chunks(image, found), "text and XMP"),
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
