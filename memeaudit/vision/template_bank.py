"""Build a template bank (memeaudit.vision.templates) from a folder of blank meme templates.

Two layouts are read:
- memegen's: one sub-folder per template with config.yml (name, source, text: the caption areas
  as anchor_x, anchor_y, scale_x, scale_y) and default.jpg|png|gif;
- a flat folder of pictures, each a template named after its file (drake-hotline.png becomes
  "Drake Hotline"), with an optional NAME.yml beside it (name, source, gloss, text as memegen's).

The bank keeps only what is computed from the pictures (embeddings, colour histograms, PDQ
hashes, ORB keypoints: positions and binary descriptors) and the names, links and caption areas: never a picture. Its file is NAME.npz with its
names in NAME.json beside it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageOps

from memeaudit.errors import InputError, MemeauditError
from memeaudit.vision.bank_file import (
    DEFAULT_CAPTIONS,
    THRESHOLD,
    VIEWS,
    Box,
    colour_histogram,
    mask,
    mostly_captions,
    unit,
)
from memeaudit.vision.keypoints import FEATURES, Keypoints, keypoints
from memeaudit.yamlload import safe_load

PICTURES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp")
MAX_TEMPLATES = 5000


@dataclass
class Source:
    key: str
    picture: Path
    name: str
    source: str | None = None
    gloss: str | None = None
    captions: tuple[Box, ...] = DEFAULT_CAPTIONS
    extra: dict[str, Any] = field(default_factory=dict)


def _captions(text: object) -> tuple[Box, ...]:
    """memegen's `text` list as caption boxes; the common top and bottom fifths when absent."""
    if not isinstance(text, list) or not text:
        return DEFAULT_CAPTIONS
    boxes = []
    for item in text:
        if not isinstance(item, dict):
            continue
        box = tuple(
            min(1.0, max(0.0, float(item.get(k, d))))
            for k, d in (("anchor_x", 0.0), ("anchor_y", 0.0), ("scale_x", 1.0), ("scale_y", 0.2))
        )
        boxes.append(box)
    return tuple(boxes) or DEFAULT_CAPTIONS  # type: ignore[return-value]


def _config(path: Path) -> dict[str, Any]:
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, MemeauditError) as err:
        raise InputError(f"{path}: cannot read the template's settings ({err})") from err
    return data if isinstance(data, dict) else {}


def _text(value: object) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def sources(folder: Path) -> Iterator[Source]:
    """The templates in `folder`, in name order."""
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of templates")
    for entry in sorted(folder.iterdir()):
        if entry.is_dir() and (entry / "config.yml").is_file():
            pictures = sorted(
                (p for p in entry.iterdir() if p.suffix.lower() in PICTURES and p.is_file()),
                key=lambda p: (p.stem != "default", p.suffix.lower() == ".gif", p.name),
            )
            if not pictures:
                continue
            cfg = _config(entry / "config.yml")
            yield Source(
                key=entry.name,
                picture=pictures[0],
                name=_text(cfg.get("name")) or entry.name,
                source=_text(cfg.get("source")),
                gloss=_text(cfg.get("gloss")),
                captions=_captions(cfg.get("text")),
            )
        elif entry.is_file() and entry.suffix.lower() in PICTURES:
            side = entry.with_suffix(".yml")
            cfg = _config(side) if side.is_file() else {}
            title = entry.stem.replace("-", " ").replace("_", " ").title()
            yield Source(
                key=entry.stem,
                picture=entry,
                name=_text(cfg.get("name")) or title,
                source=_text(cfg.get("source")),
                gloss=_text(cfg.get("gloss")),
                captions=_captions(cfg.get("text")),
            )


def _views(rgb: Image.Image, captions: tuple[Box, ...]) -> Iterator[tuple[int, Image.Image]]:
    """(view code, picture): VIEWS in order, then the same mirrored (code + len(VIEWS))."""
    for mirrored in (False, True):
        picture = ImageOps.mirror(rgb) if mirrored else rgb
        shift = len(VIEWS) if mirrored else 0
        yield shift + 0, picture
        if not mostly_captions(captions):
            yield shift + 1, mask(picture, captions)
        if captions != DEFAULT_CAPTIONS:
            yield shift + 2, mask(picture, DEFAULT_CAPTIONS)


def build_bank(
    folder: Path,
    output: Path,
    features: Callable[[Image.Image], np.ndarray],
    encoder: str,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Write OUTPUT (.npz) and its names (.json); returns the names' record."""
    from memeaudit.batch.dupes import pdq_hash
    from memeaudit.load import load_image

    found = list(sources(folder))
    if not found:
        raise InputError(
            f"{folder}: no template pictures found", "see memeaudit templates build -h"
        )
    if len(found) > MAX_TEMPLATES:
        raise InputError(f"{folder}: over {MAX_TEMPLATES} templates")
    embeddings, owners, codes, colours, records = [], [], [], [], []
    points: list[Keypoints] = []
    for i, src in enumerate(found):
        rgb = load_image(src.picture).rgb
        for code, picture in _views(rgb, src.captions):
            embeddings.append(unit(features(picture)))
            owners.append(i)
            codes.append(code)
        colours.append(colour_histogram(rgb))
        points.append(keypoints(rgb, most=FEATURES))
        hashes = [pdq_hash(p)[0] for p in (rgb, ImageOps.mirror(rgb))]
        records.append(
            {
                "key": src.key,
                "name": src.name,
                "source": src.source,
                "gloss": src.gloss,
                "captions": [list(b) for b in src.captions],
                "pdq": [h for h in hashes if h],
            }
        )
        if progress is not None:
            progress(f"[{i + 1}/{len(found)}] {src.key}: {src.name}")
    meta = {
        "name": output.stem,
        "kind": "memeaudit template bank",
        "version": 2,
        "encoder": encoder,
        "threshold": THRESHOLD,
        "note": "Computed from the pictures (embeddings, colour histograms, PDQ hashes, ORB "
        "keypoints); "
        "the pictures themselves are not in this bank.",
        "templates": records,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        output,
        embeddings=np.asarray(embeddings, dtype=np.float16),
        owners=np.asarray(owners, dtype=np.int16),
        views=np.asarray(codes, dtype=np.int8),
        colours=np.asarray(colours, dtype=np.float16),
        kp_xy=np.concatenate([p.xy for p in points]).round().astype(np.int16),
        kp_descriptors=np.concatenate([p.descriptors for p in points]),
        kp_owners=np.concatenate([np.full(len(p), i, np.int16) for i, p in enumerate(points)]),
    )
    output.with_suffix(".json").write_text(
        json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return meta
