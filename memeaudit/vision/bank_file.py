"""A template bank on disk: what it holds per template, reading it (.npz arrays and a .json of
names beside them), the packaged bank, and the views both the builder (template_bank) and the
lookup (templates) compute: caption areas painted grey, a colour histogram.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from memeaudit.errors import InputError
from memeaudit.vision.keypoints import Keypoints

log = logging.getLogger("memeaudit")

Box = tuple[float, float, float, float]  # anchor_x, anchor_y, scale_x, scale_y: image fractions
DEFAULT_CAPTIONS: tuple[Box, ...] = ((0.0, 0.0, 1.0, 0.2), (0.0, 0.8, 1.0, 0.2))
GREY = (128, 128, 128)  # 0 once scaled to the network's [-1, 1]
THRESHOLD = 0.74  # a built bank's default; the packaged bank carries its own, calibrated by
# benchmarks/templates.py (at most 1 in 200 non-templates named): 0.78
MAX_MASKED = 0.45  # caption areas covering this share of a template make its masked view useless
BINS = 4  # colour histogram: BINS**3 joint RGB bins
PACKAGED = files("memeaudit.vision") / "bank" / "memegen.npz"  # a zipped wheel's too
PACKAGED_NAMES = files("memeaudit.vision") / "bank" / "memegen.json"
VIEWS = ("picture", "caption areas masked", "common caption areas masked")
KEYPOINT_ARRAYS = ("kp_xy", "kp_descriptors", "kp_owners")


def mask(rgb: Image.Image, boxes: tuple[Box, ...]) -> Image.Image:
    """A copy with each caption area painted grey."""
    out = rgb.convert("RGB").copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    for ax, ay, sx, sy in boxes:
        draw.rectangle([ax * w, ay * h, (ax + sx) * w - 1, (ay + sy) * h - 1], fill=GREY)
    return out


def colour_histogram(rgb: Image.Image, boxes: tuple[Box, ...] = DEFAULT_CAPTIONS) -> np.ndarray:
    """Share of pixels in each of BINS**3 colour bins, caption areas left out."""
    small = np.asarray(rgb.convert("RGB").resize((64, 64), Image.Resampling.BILINEAR))
    keep = np.ones((64, 64), dtype=bool)
    for ax, ay, sx, sy in boxes:
        keep[round(ay * 64) : round((ay + sy) * 64), round(ax * 64) : round((ax + sx) * 64)] = False
    pixels = small[keep] if keep.any() else small.reshape(-1, 3)
    codes = (pixels // (256 // BINS)).astype(np.int64) @ np.array([BINS * BINS, BINS, 1])
    counts = np.bincount(codes, minlength=BINS**3).astype(np.float32)
    return counts / max(1.0, float(counts.sum()))


def coverage(boxes: tuple[Box, ...]) -> float:
    """The share of the image that the caption areas cover (overlaps counted once)."""
    grid = np.zeros((100, 100), dtype=bool)
    for ax, ay, sx, sy in boxes:
        top, left = round(ay * 100), round(ax * 100)
        grid[
            top : max(top + 1, round((ay + sy) * 100)), left : max(left + 1, round((ax + sx) * 100))
        ] = True
    return float(grid.mean())


def mostly_captions(boxes: tuple[Box, ...]) -> bool:
    return coverage(boxes) >= MAX_MASKED


def unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    return v / max(float(np.linalg.norm(v)), 1e-9)


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    source: str | None
    captions: tuple[Box, ...]
    pdq: tuple[str, ...]  # hex hashes of the picture and its mirror image (none when too flat)
    gloss: str | None = None


@dataclass(frozen=True)
class Bank:
    name: str
    templates: list[Template]
    embeddings: np.ndarray  # (views, 1280) float32, unit rows
    owners: np.ndarray  # (views,) index into templates
    views: np.ndarray  # (views,) index into VIEWS
    mirrored: np.ndarray  # (views,) bool
    colours: np.ndarray  # (templates, BINS**3)
    threshold: float
    encoder: str
    keypoints: list[Keypoints] | None = None  # per template; None in a bank built without them


def load_bank(path: Path | Traversable, meta_path: Path | Traversable | None = None) -> Bank:
    """A bank file (.npz) and its names beside it (.json); InputError when either is unusable."""
    if meta_path is None:
        path = Path(str(path))
        meta_path = path.with_suffix(".json")
    try:
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            arrays = {k: np.asarray(data[k]) for k in ("embeddings", "owners", "views", "colours")}
            local = {k: np.asarray(data[k]) for k in KEYPOINT_ARRAYS if k in data.files}
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        templates = [
            Template(
                key=str(t["key"]),
                name=str(t["name"]),
                source=t.get("source") or None,
                captions=tuple(tuple(float(v) for v in box) for box in t["captions"]),  # type: ignore[misc]
                pdq=tuple(str(h) for h in t.get("pdq", [])),
                gloss=t.get("gloss") or None,
            )
            for t in meta["templates"]
        ]
        views = arrays["views"].astype(np.int64)
        embeddings = arrays["embeddings"].astype(np.float32)
        owners = arrays["owners"].astype(np.int64)
        n = len(templates)
        if (
            embeddings.ndim != 2
            or len(owners) != len(embeddings)
            or len(views) != len(embeddings)
            or arrays["colours"].shape != (n, BINS**3)
            or (len(owners) and (owners.min() < 0 or owners.max() >= n))
        ):
            raise ValueError("the arrays do not fit the template list")
        # A template mostly made of caption areas, with them painted grey, looks like any
        # grey-masked page of text: that view is not used (template_bank does not build it).
        heavy = np.array([mostly_captions(t.captions) for t in templates] + [False])
        keep = ~((views % len(VIEWS) == 1) & heavy[owners])
        views, embeddings, owners = views[keep], embeddings[keep], owners[keep]
        points = _keypoints(local, n) if len(local) == len(KEYPOINT_ARRAYS) else None
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InputError(
            f"{path}: not a usable template bank ({err})",
            "build one with: memeaudit templates build DIR -o BANK.npz",
        ) from err
    return Bank(
        name=str(meta.get("name") or path.stem),
        templates=templates,
        embeddings=embeddings,
        owners=owners,
        views=views % len(VIEWS),
        mirrored=views >= len(VIEWS),
        colours=arrays["colours"].astype(np.float32),
        threshold=float(meta.get("threshold", THRESHOLD)),
        encoder=str(meta.get("encoder", "")),
        keypoints=points,
    )


def _keypoints(arrays: dict[str, np.ndarray], n: int) -> list[Keypoints]:
    """Each template's keypoints from the bank's three flat arrays."""
    xy, descriptors = arrays["kp_xy"].astype(np.float32), arrays["kp_descriptors"]
    owners = arrays["kp_owners"].astype(np.int64)
    if xy.shape != (len(owners), 2) or descriptors.shape != (len(owners), 32):
        raise ValueError("the keypoint arrays do not fit together")
    if len(owners) and (owners.min() < 0 or owners.max() >= n):
        raise ValueError("the keypoints do not fit the template list")
    return [Keypoints(xy[owners == i], descriptors[owners == i].astype(np.uint8)) for i in range(n)]


@cache
def get_bank(path: Path | None = None) -> Bank | None:
    """The bank --templates names, else the packaged one (None if it is not installed)."""
    if path is not None:
        return load_bank(path)
    if not PACKAGED.is_file():
        log.info("no packaged template bank")
        return None
    return load_bank(PACKAGED, PACKAGED_NAMES)
