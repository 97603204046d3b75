"""Near-duplicate detection for moderators, with Meta's PDQ perceptual hash (the `pdqhash` package).

PDQ turns an image into 256 bits and a quality score (0-100). The thresholds are
ThreatExchange's recommendations for PDQ:

- MATCH_DISTANCE = 31: two hashes whose Hamming distance is at most 31 of 256 bits are the same
  picture (resized, re-encoded, lightly edited). Unrelated pictures sit around 128 bits apart.
- MIN_QUALITY = 50: the quality measures how much gradient the image has. Below 50 (flat or
  nearly flat images) the hash is unstable and matches unrelated images, so it is dropped.

Hex form and bit order: the hex string is ThreatExchange's (the C++ `Hash256::format()`, which
prints the 16-bit words w[15] down to w[0]), so the first hex digit holds bits 255..252.
`pdqhash.compute` returns the bits in that same order (element 0 is bit 255), so packing them
most-significant-bit first gives that hex. Hashes from ThreatExchange or Hasher-Matcher-Actioner
lists therefore compare directly with ours.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from memeaudit.batch.rows import IndexRow
from memeaudit.errors import InputError

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

MATCH_DISTANCE = 31
MIN_QUALITY = 50

NEAR_DUPLICATE = "near-duplicate"
RECAPTIONED = "recaptioned"
TEXT_SAME_RATIO = 0.8  # difflib ratio at or above which two captions count as the same text

_HEX_RE = re.compile(r"[0-9a-fA-F]{64}")
_CHUNK_CELLS = 1 << 22  # distances per block: 16 MB of float32
_PYTHON_PAIRS = 400  # up to this many distinct hashes, compare pairs without numpy (~10 ms)


def pdq_hash(rgb: Image.Image) -> tuple[str | None, int]:
    """The image's PDQ hash as 64 hex digits and its quality; the hash is None below MIN_QUALITY."""
    import numpy as np
    import pdqhash

    pixels = np.ascontiguousarray(np.asarray(rgb.convert("RGB"), dtype=np.uint8))
    bits, quality = pdqhash.compute(pixels)
    quality = int(quality)
    if quality < MIN_QUALITY:
        return None, quality
    return np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex(), quality


def hamming(a: str, b: str) -> int:
    """The number of bits in which two hex hashes differ."""
    if len(a) != len(b):
        raise ValueError(f"hashes of different lengths: {len(a)} and {len(b)} hex digits")
    return (int(a, 16) ^ int(b, 16)).bit_count()


def group_rows(rows: list[IndexRow]) -> None:
    """Give near-duplicate rows a shared dup_group and flag them; flag re-captioned templates.

    Rows whose pdq hashes are within MATCH_DISTANCE are joined transitively. Groups of two or
    more rows get ids 1, 2, ... in order of first appearance and the flag "near-duplicate"; a
    member whose text differs from another member's also gets "recaptioned". Any earlier
    grouping is cleared first, so calling this twice gives the same result.
    """
    for row in rows:
        row.dup_group = None
        row.flags = [f for f in row.flags if f not in (NEAR_DUPLICATE, RECAPTIONED)]

    hashed = [row for row in rows if row.pdq]
    if len(hashed) < 2:
        return
    # Rows with the very same hash share one entry, so a file seen many times costs nothing extra.
    values = [int(row.pdq or "0", 16) for row in hashed]
    unique = list(dict.fromkeys(values))
    position = {value: i for i, value in enumerate(unique)}
    which = [position[value] for value in values]

    parent = list(range(len(unique)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _close_pairs(unique):
        parent[find(i)] = find(j)

    roots = [find(k) for k in which]
    members: dict[int, list[IndexRow]] = {}
    for root, row in zip(roots, hashed, strict=True):
        members.setdefault(root, []).append(row)  # dicts keep first-appearance order

    groups = [group for group in members.values() if len(group) >= 2]
    for group_id, group in enumerate(groups, start=1):
        for row in group:
            row.dup_group = group_id
            row.flags.append(NEAR_DUPLICATE)
        _flag_recaptioned(group)


def _close_pairs(hashes: list[int]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of the 256-bit hashes within MATCH_DISTANCE of each other: pairwise
    in Python for a few hundred (a typical folder, and no numpy to import), by matrix products
    beyond."""
    if len(hashes) <= _PYTHON_PAIRS:
        return [
            (i, j)
            for i, a in enumerate(hashes)
            for j in range(i + 1, len(hashes))
            if (a ^ hashes[j]).bit_count() <= MATCH_DISTANCE
        ]
    import numpy as np

    packed = np.frombuffer(b"".join(h.to_bytes(32, "big") for h in hashes), np.uint8)
    return _close_pairs_numpy(packed.reshape(len(hashes), 32))


def _close_pairs_numpy(hashes: np.ndarray) -> list[tuple[int, int]]:
    """_close_pairs on (n, 32) uint8 hashes.

    With the bits written as +1/-1, the dot product of two hashes is 256 - 2 * distance, so one
    matrix product per block of rows gives a block of distances (exact: small integers in
    float32). This is several times faster than XOR and a popcount table over uint8 bytes.
    """
    import numpy as np

    signs = np.unpackbits(hashes, axis=1).astype(np.float32) * 2 - 1
    n, bits = signs.shape
    chunk = max(1, _CHUNK_CELLS // n)
    pairs: list[tuple[int, int]] = []
    for start in range(0, n, chunk):
        # only columns from `start` on: pairs with j < start were found with earlier blocks
        distances = (bits - signs[start : start + chunk] @ signs[start:].T) / 2
        rows, cols = np.nonzero(distances <= MATCH_DISTANCE)
        rows += start
        cols += start
        keep = rows < cols  # each pair once, and no row with itself
        pairs.extend(zip(rows[keep].tolist(), cols[keep].tolist(), strict=True))
    return pairs


def _normalise(text: str) -> str:
    """Lower-case, punctuation dropped, whitespace collapsed."""
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def _texts_differ(a: str, b: str) -> bool:
    if not a and not b:
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    # real_quick_ratio and quick_ratio are upper bounds of ratio: cheap early answers.
    return (
        matcher.real_quick_ratio() < TEXT_SAME_RATIO
        or matcher.quick_ratio() < TEXT_SAME_RATIO
        or matcher.ratio() < TEXT_SAME_RATIO
    )


def _flag_recaptioned(group: list[IndexRow]) -> None:
    texts = {row.text: _normalise(row.text) for row in group}
    distinct = sorted(set(texts.values()))
    differing = {a for a in distinct if any(_texts_differ(a, b) for b in distinct if b != a)}
    for row in group:
        if texts[row.text] in differing:
            row.flags.append(RECAPTIONED)


def load_known(path: Path) -> list[tuple[str, str]]:
    """Read a known-hash list: (hash, label) pairs, hashes in lower-case hex.

    One entry a line: `HEX`, `HEX,label` or `HEX<TAB>label`; the label defaults to the hash's
    first 12 hex digits. Blank lines and lines starting with # are skipped, and so is a header
    line whose first field is `pdq` or `hash`.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else "not UTF-8 text"
        raise InputError(f"{path}: cannot read the known-hash list: {reason}") from err

    known: list[tuple[str, str]] = []
    seen_entry = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        sep = "\t" if "\t" in line else ","
        hash_hex, _, label = (part.strip() for part in line.partition(sep))
        if not seen_entry and hash_hex.lower() in ("pdq", "hash"):
            seen_entry = True
            continue
        seen_entry = True
        if not _HEX_RE.fullmatch(hash_hex):
            raise InputError(f"{path}:{number}: not a 64-digit hex PDQ hash")
        hash_hex = hash_hex.lower()
        known.append((hash_hex, label or hash_hex[:12]))
    return known


def match_known(hash_hex: str | None, known: list[tuple[str, str]]) -> str | None:
    """The label of the nearest known hash within MATCH_DISTANCE (the first on a tie), else None."""
    if hash_hex is None or not known:
        return None
    distance, label = min(
        ((hamming(hash_hex, other), label) for other, label in known), key=lambda d: d[0]
    )
    return label if distance <= MATCH_DISTANCE else None
