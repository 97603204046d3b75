"""The cases of benchmarks/templates.py: positives made from the bank's templates (rescaled,
captioned, cropped, mirrored, under a bar, stacked, pasted over), negatives that use no bank
template (photos in the same forms, the kinds fixtures, the samples, other dev images), and the
dev set's memes. Templates and photos are split in two by a hash of their name.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from memeaudit.load import load_image  # noqa: E402
from memeaudit.vision.bank_file import DEFAULT_CAPTIONS, Box  # noqa: E402
from memeaudit.vision.template_bank import sources  # noqa: E402

SHARED = ROOT.parent / "shared"
TEMPLATES = SHARED / "memegen-templates"
DEV = SHARED / "eval" / "dev"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
WORDS = [
    "when",
    "the",
    "build",
    "finally",
    "passes",
    "nobody",
    "asked",
    "my",
    "landlord",
    "on",
    "a",
    "monday",
    "morning",
    "again",
    "look",
    "at",
    "this",
    "budget",
    "meeting",
    "me",
    "explaining",
    "why",
    "the",
    "printer",
    "moved",
    "the",
    "deadline",
    "is",
    "tomorrow",
]
# Dev memes that are not memegen renders but are built on a bank template (labelled by eye).
DEV_OTHERS = {
    "elixir_image_one_does_not_simply.jpg": "mordor",
    "memeocr_socially_awkward_penguin.jpg": "awkward",
    "tweetcapture_distracted_boyfriend.png": "db",
}
VARIANTS = (
    "blank",
    "captioned",
    "crop",
    "scale-jpeg60",
    "flip",
    "caption-bar",
    "two-panel",
    "pasted-over",
)
NEGATIVE_FORMS = (
    "as is",
    "captioned",
    "caption-bar",
    "crop-jpeg60",
    "flip",
    "two-panel",
    "pasted-over",
)


@dataclass
class Case:
    split: str  # calibrate | report | dev
    group: str  # the variant or negative kind
    name: str
    truth: str | None  # the template key, None for a negative
    image: Image.Image | bytes


def split_of(name: str) -> str:
    return "calibrate" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "report"


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, max(8, size))


def caption(img: Image.Image, boxes: tuple[Box, ...], rng: random.Random) -> Image.Image:
    """White impact-style text with a black outline, centred in each caption box."""
    out = img.convert("RGB").copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    for ax, ay, sx, sy in boxes:
        text = " ".join(rng.sample(WORDS, rng.randint(2, 5))).upper()
        size = max(10, int(min(sy * h * 0.6, h * 0.12)))
        while draw.textlength(text, font=font(size)) > sx * w * 0.95 and size > 9:
            size -= 2
        width = draw.textlength(text, font=font(size))
        where = (ax * w + (sx * w - width) / 2, ay * h + (sy * h - size) / 2)
        stroke = max(1, size // 12)
        draw.text(
            where, text, font=font(size), fill="white", stroke_width=stroke, stroke_fill="black"
        )
    return out


def jpeg(img: Image.Image, quality: int = 60) -> bytes:
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def rescale(img: Image.Image, f: float) -> Image.Image:
    return img.resize((max(16, round(img.width * f)), max(16, round(img.height * f))))


def crop(img: Image.Image, rng: random.Random, f: float = 0.85) -> Image.Image:
    w, h = round(img.width * f), round(img.height * f)
    x, y = rng.randint(0, img.width - w), rng.randint(0, img.height - h)
    return img.crop((x, y, x + w, y + h))


def bar(img: Image.Image, rng: random.Random) -> Image.Image:
    """A caption meme: black text on a white bar above the picture."""
    w, h = img.size
    top = max(40, h // 4)
    out = Image.new("RGB", (w, h + top), "white")
    out.paste(img.convert("RGB"), (0, top))
    text = "me when " + " ".join(rng.sample(WORDS, 5))
    size = max(12, top // 3)
    draw = ImageDraw.Draw(out)
    while draw.textlength(text, font=font(size)) > w * 0.95 and size > 9:
        size -= 1
    draw.text((w * 0.03, (top - size) / 2), text, font=font(size), fill="black")
    return out


def stack(img: Image.Image, other: Image.Image) -> Image.Image:
    """Two panels: the picture over another one, a white gap between."""
    w, h = img.size
    lower = other.convert("RGB").resize((w, max(16, round(other.height * w / other.width))))
    out = Image.new("RGB", (w, h + 12 + lower.height), "white")
    out.paste(img.convert("RGB"), (0, 0))
    out.paste(lower, (0, h + 12))
    return out


def paste(img: Image.Image, other: Image.Image, name: str) -> Image.Image:
    """Another picture pasted over a block of 40% to 60% of each side (a sixth to a third of the
    picture), anywhere inside it, as memegen's overlays and edits do. Its own random draws (from
    the name), so the other variants stay as they were."""
    rng = random.Random(f"paste {name}")
    out = img.convert("RGB").copy()
    w, h = round(out.width * rng.uniform(0.4, 0.6)), round(out.height * rng.uniform(0.4, 0.6))
    x, y = rng.randint(0, out.width - w), rng.randint(0, out.height - h)
    out.paste(other.convert("RGB").resize((max(1, w), max(1, h))), (x, y))
    return out


def photos() -> list[tuple[str, Image.Image]]:
    import skimage.data

    out = []
    for name in skimage.data.__all__:
        if name in ("data_dir", "download_all", "file_hash", "lbp_frontal_face_cascade_filename"):
            continue
        try:
            a = np.asarray(getattr(skimage.data, name)())
        except Exception:  # needs a download, or is not an image
            continue
        if a.ndim == 2:
            a = np.stack([a] * 3, -1)
        if a.ndim != 3 or a.shape[-1] not in (3, 4) or min(a.shape[:2]) < 64:
            continue
        if a.dtype != np.uint8:
            a = a.astype(np.float64)
            a = (255 * (a - a.min()) / (np.ptp(a) + 1e-9)).astype(np.uint8)
        out.append((f"skimage-{name}", Image.fromarray(a[..., :3])))
    return out


def positives(per_split: int, rng: random.Random) -> Iterator[Case]:
    found = list(sources(TEMPLATES))
    others = [img for _, img in photos()]
    chosen: dict[str, list] = defaultdict(list)
    for src in sorted(found, key=lambda s: hashlib.sha1(s.key.encode()).hexdigest()):
        if len(chosen[split_of(src.key)]) < per_split:
            chosen[split_of(src.key)].append(src)
    for split, group in chosen.items():
        for src in group:
            img = load_image(src.picture).rgb
            cap = caption(img, src.captions, rng)
            made = {
                "blank": jpeg(rescale(img, 0.8)),
                "captioned": cap,
                "crop": crop(cap, rng),
                "scale-jpeg60": jpeg(rescale(cap, 0.5)),
                "flip": ImageOps.mirror(cap),
                "caption-bar": bar(img, rng),
                "two-panel": stack(cap, rng.choice(others)),
            }
            pasted = others[random.Random(f"other {src.key}").randrange(len(others))]
            made["pasted-over"] = paste(cap, pasted, src.key)
            for variant, picture in made.items():
                yield Case(split, variant, src.key, src.key, picture)


def negatives(rng: random.Random) -> Iterator[Case]:
    pictures = photos()
    for name, img in pictures:
        split = split_of(name)
        other = rng.choice([p for n, p in pictures if n != name])
        made = {
            "as is": img,
            "captioned": caption(img, DEFAULT_CAPTIONS, rng),
            "caption-bar": bar(img, rng),
            "crop-jpeg60": jpeg(crop(img, rng, 0.7)),
            "flip": ImageOps.mirror(caption(img, DEFAULT_CAPTIONS, rng)),
            "two-panel": stack(img, other),
        }
        made["pasted-over"] = paste(img, other, name)
        for form, picture in made.items():
            yield Case(split, f"photo {form}", name, None, picture)
    files = [("kinds fixture", p) for p in sorted((ROOT / "cache" / "kinds").glob("*.*"))]
    files += [("sample", p) for p in sorted((ROOT / "samples").glob("*.png"))]
    for path in sorted((DEV / "images").glob("*.*")):
        if not path.name.startswith("memegen_") and path.name not in DEV_OTHERS:
            files.append(("dev other", path))
    files.append(("template not in the bank", DEV / "images" / "memegen_right_anakin_padme.png"))
    for group, path in files:
        if path.is_file():
            yield Case(split_of(path.name), group, path.name, None, path.read_bytes())


def dev_cases() -> Iterator[Case]:
    with (DEV / "manifest.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = Path(row["file"]).name
            if name.startswith("memegen_") and "right" not in name:
                key = row["source_path"].split("/")[3]  # app/tests/images/KEY/...
                yield Case("dev", "dev memegen render", name, key, (DEV / row["file"]).read_bytes())
            elif name in DEV_OTHERS:
                yield Case(
                    "dev",
                    "dev other meme",
                    name,
                    DEV_OTHERS[name],
                    (DEV / row["file"]).read_bytes(),
                )
