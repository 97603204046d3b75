"""PNG metadata chunks that would make Pillow refuse the whole image, taken out before it opens.

Pillow refuses a PNG whose text chunk (zTXt, iTXt) or ICC profile (iCCP) decompresses to more
than PngImagePlugin.MAX_TEXT_CHUNK, or whose text chunks hold more than MAX_TEXT_MEMORY in all.
That is the right refusal for a library, but it would let any meme dodge analysis by carrying a
few kilobytes of compressed text. So the chunks are walked first, by their lengths, measuring each
the way Pillow will (decompressing at most its limit, so a bomb costs no more than the limit), and
those over a limit are left out of the bytes Pillow is given, each with a note. The image's hash
is still of the file as it is."""

from __future__ import annotations

import struct
import zlib

from PIL import PngImagePlugin

SIGNATURE = b"\x89PNG\r\n\x1a\n"
TEXT = (b"tEXt", b"zTXt", b"iTXt")
MAX_NOTES = 20


def _inflated(data: bytes, limit: int) -> int | None:
    """How many bytes zlib `data` inflates to, counting to `limit`; None past it (Pillow's test:
    output stopped at the limit with input left); 0 when it is not zlib (Pillow ignores it)."""
    inflater = zlib.decompressobj()
    try:
        size = len(inflater.decompress(data, limit))
    except zlib.error:
        return 0
    return None if inflater.unconsumed_tail else size


def _measure(kind: bytes, body: bytes, limit: int) -> tuple[bytes, int | None]:
    """(key, bytes of text or profile the chunk holds, None when over `limit`), as Pillow's chunk
    handler reads it; a chunk Pillow would ignore or refuse for its form measures 0."""
    key, _, rest = body.partition(b"\x00")
    if kind == b"tEXt":
        return key, len(rest)
    if kind in (b"zTXt", b"iCCP"):
        if not rest or rest[0] != 0:
            return key, 0  # another compression method: Pillow's own error, not a bomb
        return key, _inflated(rest[1:], limit)
    if len(rest) < 2:  # iTXt: flag, method, language, translated key, text
        return key, 0
    flag, method, parts = rest[0], rest[1], rest[2:].split(b"\x00", 2)
    if len(parts) < 3:
        return key, 0
    if flag == 0:
        return key, len(parts[2])
    return key, _inflated(parts[2], limit) if method == 0 else 0


def without_oversized_metadata(data: bytes) -> tuple[bytes, list[str]]:
    """The PNG's bytes without the metadata chunks Pillow would refuse it for, and one note per
    chunk left out. Anything that is not a PNG, or is broken, is given back as it is."""
    if not data.startswith(SIGNATURE):
        return data, []
    per_chunk = PngImagePlugin.MAX_TEXT_CHUNK
    in_all = PngImagePlugin.MAX_TEXT_MEMORY
    skipped: list[tuple[int, int]] = []
    notes: list[str] = []
    text_total, profiles, at = 0, 0, len(SIGNATURE)
    while at + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        end = at + 12 + length
        if end > len(data) or kind == b"IEND":
            break  # truncated, or the end: Pillow judges the rest
        if kind in TEXT or kind == b"iCCP":
            body = data[at + 8 : at + 8 + length]
            budget = per_chunk if kind == b"iCCP" else max(1, min(per_chunk, in_all - text_total))
            key, size = _measure(kind, body, budget)
            name = key[:60].decode("latin-1")
            why = None
            if size is None and budget == per_chunk:
                why = f"decompresses to over {per_chunk:,} bytes"
            elif kind in TEXT and (size is None or text_total + size > in_all):
                why = f"would take the text chunks over {in_all:,} bytes in all"
            elif kind == b"iCCP" and profiles:
                why = "is a second colour profile (a PNG has one at most)"
            if why:
                skipped.append((at, end))
                if len(notes) < MAX_NOTES:
                    what = "colour profile" if kind == b"iCCP" else "text"
                    notes.append(
                        f"The PNG {kind.decode()} chunk {name!r} ({what}) {why} and was skipped; "
                        "the pixels were analysed without it."
                    )
            elif kind in TEXT:
                text_total += size or 0
            else:
                profiles += 1
        at = end
    if not skipped:
        return data, []
    if len(skipped) > len(notes):
        notes.append(f"{len(skipped) - len(notes):,} more PNG metadata chunks were skipped.")
    kept, start = [], 0
    for begin, end in skipped:
        kept.append(data[start:begin])
        start = end
    kept.append(data[start:])
    return b"".join(kept), notes
