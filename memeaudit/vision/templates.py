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

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from memeaudit.load import LoadedImage
from memeaudit.model import BBox, TemplateMatch
from memeaudit.vision.bank_file import (
    DEFAULT_CAPTIONS,
    VIEWS,
    Bank,
    colour_histogram,
    get_bank,
    mask,
    mostly_captions,
    unit,
)
from memeaudit.vision.keypoints import Keypoints, agreeing, keypoints
from memeaudit.vision.looks import Looks

log = logging.getLogger("memeaudit")

CLOSE = 0.04  # templates this close to the best are compared by colour
RECHECK = 0.15  # the best template's own caption areas are tried when it scores this near
MAX_REGIONS = 3  # the whole image and its first two panels
MIN_SIDE = 48  # regions smaller than this are not looked at
CONFIRM = 8  # templates compared by keypoints when none reaches the threshold (module doc, 5.)
MIN_KEYPOINTS = 20  # calibrated by benchmarks/templates.py (no negative comes near)
KEYPOINT_VIEW = "keypoints"


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
