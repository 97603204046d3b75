"""Real pictures and the PDQ helpers that the near-duplicate tests share: load, hash, and the
edits (resize, JPEG, crop, flipped bits) a copy of a meme goes through."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from memeaudit.batch.dupes import MIN_QUALITY, pdq_hash

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RESOURCES = ROOT / "tests" / "resources"

# Every whole picture the project ships (the two photo assets are backgrounds inside some samples).
PICTURES = sorted(SAMPLES.glob("*.png")) + sorted(RESOURCES.glob("*.png"))
# PDQ is not crop-resistant: on text screenshots with flat backgrounds a 2% crop moves the hash
# by 32-58 bits. On pictures with photo content it stays well inside the threshold.
CROP_PICTURES = [
    SAMPLES / "assets" / "chelsea.png",
    SAMPLES / "assets" / "astronaut.png",
    SAMPLES / "labelled-figures.png",
    SAMPLES / "jailbreak-meme.png",
    SAMPLES / "model-release-post.png",
]


def load(source: Path | io.BytesIO) -> Image.Image:
    with Image.open(source) as image:
        return image.convert("RGB")


def hash_of(image: Image.Image) -> str:
    hash_hex, quality = pdq_hash(image)
    assert hash_hex is not None, f"quality {quality} < {MIN_QUALITY}"
    return hash_hex


def resized(image: Image.Image, factor: float = 0.6) -> Image.Image:
    size = (round(image.width * factor), round(image.height * factor))
    return image.resize(size, Image.Resampling.LANCZOS)


def jpeg(image: Image.Image, quality: int = 40) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return load(buffer)


def cropped(image: Image.Image, fraction: float = 0.02) -> Image.Image:
    """Cut `fraction` of the width and of the height, half from each edge."""
    dx, dy = round(image.width * fraction / 2), round(image.height * fraction / 2)
    return image.crop((dx, dy, image.width - dx, image.height - dy))


CAT = SAMPLES / "assets" / "chelsea.png"
ASTRONAUT = SAMPLES / "assets" / "astronaut.png"


def flip_bits(hash_hex: str, positions: list[int]) -> str:
    value = int(hash_hex, 16)
    for bit in positions:
        value ^= 1 << bit
    return f"{value:064x}"
