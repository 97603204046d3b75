"""Which meme template a picture is built on, from a template bank (memeaudit.vision.template_bank).

A bank holds, per template, what was computed from its blank picture, never the picture: the
image classifier's penultimate features (EfficientNet-Lite0, 1280 numbers, L2-normalised) of four
views or more (the picture; with its caption areas painted grey; with the common top-and-bottom
caption areas painted grey; each mirrored too), a colour histogram, its PDQ hash, and its name,
source link and caption areas (memegen's config.yml).

Lookup, pixels only:
1. Shortlist by embedding. Each region looked at (the whole image, then its first picture panels,
   memeaudit.vision.layout) is embedded as it is and with the common caption areas (top and
   bottom fifths) painted grey, so that a caption written over the picture weighs little; a
   template's score is its best cosine over views and regions. The whole image's embedding is the
   one the scene classifier computed (Looks), so it costs nothing.
2. When the best template puts its captions elsewhere, the region is embedded once more with that
   template's own caption areas painted grey.
3. Templates within CLOSE of the best (near-twins such as the red and the blue penguin) are told
   apart by colour.
4. Below the bank's threshold (calibrated by benchmarks/templates.py: no non-template image of
   the calibration set scores that high) nothing is named, unless
5. the picture is partly covered (a picture pasted over the template, as "This is Fine" with a
   virus over the dog): the CONFIRM best templates by embedding are compared by local features
   (memeaudit.vision.keypoints); one is named when at least MIN_KEYPOINTS of the region's keypoints, or of its mirror image's, map
   onto the template's by one shift and scale.
The PDQ distance between the region and the template is kept as evidence.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from memeaudit.errors import InputError
from memeaudit.load import LoadedImage
from memeaudit.model import BBox, TemplateMatch
from memeaudit.vision.keypoints import Keypoints, agreeing, keypoints
from memeaudit.vision.looks import Looks

log = logging.getLogger("memeaudit")

Box = tuple[float, float, float, float]  # anchor_x, anchor_y, scale_x, scale_y: image fractions
DEFAULT_CAPTIONS: tuple[Box, ...] = ((0.0, 0.0, 1.0, 0.2), (0.0, 0.8, 1.0, 0.2))
GREY = (128, 128, 128)  # 0 once scaled to the network's [-1, 1]
THRESHOLD = 0.74  # a built bank's default; the packaged bank carries its own, calibrated by
# benchmarks/templates.py (at most 1 in 200 non-templates named): 0.78
CLOSE = 0.04  # templates this close to the best are compared by colour
RECHECK = 0.15  # the best template's own caption areas are tried when it scores this near
MAX_REGIONS = 3  # the whole image and its first two panels
MAX_MASKED = 0.45  # caption areas covering this share of a template make its masked view useless
MIN_SIDE = 48  # regions smaller than this are not looked at
CONFIRM = 8  # templates compared by keypoints when none reaches the threshold (module doc, 5.)
MIN_KEYPOINTS = 20  # calibrated by benchmarks/templates.py (no negative comes near)
KEYPOINT_VIEW = "keypoints"
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


@dataclass
class _Best:
    score: float
    region: BBox
    view: int
    mirrored: bool


@dataclass
class Candidate:
    """The best template for an image before the threshold: what the benchmark calibrates on."""

    index: int
    best: _Best
    runner_up: float | None
    colour_distance: float  # L1 distance of the colour histograms, 0 to 2
    crop: Image.Image
    keypoints: int = 0  # keypoints agreeing with the template's, when they were compared


def candidate(
    rgb: Image.Image,
    regions: list[BBox],
    bank: Bank,
    features: Callable[[BBox, Image.Image | None], np.ndarray],
) -> Candidate | None:
    """The template that `rgb` is most like, however low its score. `regions`: the parts looked
    at (the whole image and its first panels), in order. `features(region, picture)` embeds the
    region's crop (picture None: the cached embedding of the plain crop; else the given picture)."""
    looked = [r for r in regions if min(r[2], r[3]) >= MIN_SIDE]
    best: dict[int, _Best] = {}
    crops: dict[BBox, Image.Image] = {}

    def score(region: BBox, picture: Image.Image | None) -> None:
        query = unit(features(region, picture))
        sims = bank.embeddings @ query
        order = np.argsort(-sims, kind="stable")
        for j in order[: 8 * len(VIEWS)]:
            owner = int(bank.owners[j])
            if owner not in best or sims[j] > best[owner].score:
                found = _Best(float(sims[j]), region, int(bank.views[j]), bool(bank.mirrored[j]))
                best[owner] = found

    for region in dict.fromkeys(looked):
        x, y, w, h = region
        crops[region] = rgb.crop((x, y, x + w, y + h))
        score(region, None)
        score(region, mask(crops[region], DEFAULT_CAPTIONS))
    if not best:
        return None
    top = max(best, key=lambda i: best[i].score)
    own = bank.templates[top].captions
    useful = own != DEFAULT_CAPTIONS and not mostly_captions(own)
    if useful and best[top].score >= bank.threshold - RECHECK:
        region = best[top].region
        score(region, mask(crops[region], own))
        top = max(best, key=lambda i: best[i].score)
    ranked = sorted(best, key=lambda i: -best[i].score)
    close = [i for i in ranked if best[i].score >= best[top].score - CLOSE]
    colour = colour_histogram(crops[best[top].region])
    if len(close) > 1:
        top = min(close, key=lambda i: float(np.abs(bank.colours[i] - colour).sum()))
    agree = 0
    if best[top].score < bank.threshold and bank.keypoints is not None:
        top, agree = _confirm(bank, best, ranked, crops, top)
        colour = colour_histogram(crops[best[top].region])
    runner = max((best[i].score for i in best if i != top), default=None)
    distance = float(np.abs(bank.colours[top] - colour).sum())
    return Candidate(top, best[top], runner, distance, crops[best[top].region], agree)


def _confirm(
    bank: Bank,
    best: dict[int, _Best],
    ranked: list[int],
    crops: dict[BBox, Image.Image],
    top: int,
) -> tuple[int, int]:
    """(template, agreeing keypoints): the CONFIRM best by embedding, each compared by keypoints
    (plain and mirrored); the one that agrees most, with MIN_KEYPOINTS at least, else top and its own
    count."""
    assert bank.keypoints is not None
    seen: dict[tuple[BBox, bool], Keypoints] = {}

    def points(region: BBox, mirrored: bool) -> Keypoints:
        if (region, mirrored) not in seen:
            seen[region, mirrored] = keypoints(crops[region], mirrored)
        return seen[region, mirrored]

    # Votes over every template's keypoints at once found more, but cost a second per image on
    # a busy machine: the embedding's shortlist (templates that scored) is compared alone.
    shortlist = {i: best[i].region for i in ranked[:CONFIRM]}
    found, agreed = (top, 0), {top: 0}
    for i, region in shortlist.items():
        if not len(bank.keypoints[i]):
            continue
        for mirrored in (False, True):
            agree = agreeing(points(region, mirrored), bank.keypoints[i])
            agreed[i] = max(agreed.get(i, 0), agree)
            if agree > found[1] and agree >= MIN_KEYPOINTS:
                found = (i, agree)
                best[i] = _Best(best[i].score, region, best[i].view, mirrored)
    return found if found[1] else (top, agreed[top])


def accepts(bank: Bank, found: Candidate) -> bool:
    """Whether a candidate is named: its score reaches the bank's calibrated threshold, or its
    keypoints confirm it where its embedding fell short (a picture pasted over part of it)."""
    return found.best.score >= bank.threshold or found.keypoints >= MIN_KEYPOINTS


def lookup(
    rgb: Image.Image,
    regions: list[BBox],
    bank: Bank,
    features: Callable[[BBox, Image.Image | None], np.ndarray],
) -> TemplateMatch | None:
    """The template `rgb` is built on, or None (candidate(), then the threshold)."""
    found = candidate(rgb, regions, bank, features)
    if found is None or not accepts(bank, found):
        return None
    return _match(bank, found)


def _match(bank: Bank, candidate: Candidate) -> TemplateMatch:
    from memeaudit.batch.dupes import hamming, pdq_hash

    index, found, runner, crop = (
        candidate.index,
        candidate.best,
        candidate.runner_up,
        candidate.crop,
    )
    template = bank.templates[index]
    confirmed = found.score < bank.threshold
    distance = None
    if template.pdq:
        hashed, _quality = pdq_hash(crop)
        if hashed is not None:
            distance = min(hamming(hashed, h) for h in template.pdq)
    return TemplateMatch(
        key=template.key,
        name=template.name,
        source=template.source,
        gloss=template.gloss,
        bank=bank.name,
        score=round(found.score, 3),
        runner_up=round(runner, 3) if runner is not None else None,
        threshold=bank.threshold,
        region=found.region,
        view=f"{KEYPOINT_VIEW} ({candidate.keypoints} agree)" if confirmed else VIEWS[found.view],
        mirrored=found.mirrored,
        pdq_distance=distance,
    )


def find_candidate(
    image: LoadedImage,
    panels: list[BBox],
    bank_path: Path | None = None,
    looks: Looks | None = None,
    whole: bool = True,
) -> tuple[Bank, Candidate | None] | None:
    """candidate() with the packaged bank (or --templates BANK) and the scene classifier, on the
    whole image (unless `whole` is False: a post screenshot) and its first panels; `looks` may
    already hold their embeddings. None without a bank or a classifier."""
    from memeaudit.vision import get_classifier

    bank = get_bank(bank_path)
    classifier = get_classifier()
    if bank is None or classifier is None:
        return None
    looks = looks if looks is not None and looks.image is image else Looks(image)

    def features(region: BBox, picture: Image.Image | None) -> np.ndarray:
        if picture is None:
            return looks.features(classifier, region)
        return classifier.features(picture)

    everything = (0, 0, image.info.width, image.info.height)
    regions = ([everything] if whole else []) + panels
    return bank, candidate(image.rgb, regions[:MAX_REGIONS], bank, features)


def find_template(
    image: LoadedImage,
    panels: list[BBox],
    bank_path: Path | None = None,
    looks: Looks | None = None,
    whole: bool = True,
) -> TemplateMatch | None:
    """The template the image is built on (find_candidate(), then the bank's threshold)."""
    answer = find_candidate(image, panels, bank_path, looks, whole)
    if answer is None or answer[1] is None or not accepts(*answer):
        return None
    bank, found = answer
    return _match(bank, found)
