"""The picture embedded in a post (issue M #2), described on its own: its kind, its objects and
its text, apart from the post's body. The post parser (memeaudit.post) finds where it is
(Post.media_bbox); inside the post card the detector is otherwise not listened to, as it sees
interface shapes there."""

from __future__ import annotations

import numpy as np

from memeaudit.geometry import intersection
from memeaudit.load import LoadedImage
from memeaudit.model import BBox, Media, OcrResult, Post
from memeaudit.options import Options
from memeaudit.vision.looks import Looks
from memeaudit.vision.objects import named
from memeaudit.vision.scene import cues, kind_of

MIN_SIDE = 64  # a media box smaller than this is not looked at
INSIDE = 0.5  # a line or detection belongs to the media when this share of it lies inside
MARGIN = 24  # a pixel this far from the card's background colour is part of the picture


def _tight(bgr: np.ndarray, region: BBox) -> BBox:
    """The region without its margins of the card's background colour (its border's median)."""
    x, y, w, h = region
    crop = bgr[y : y + h, x : x + w].astype(np.int16)
    border = np.concatenate([crop[0], crop[-1], crop[:, 0], crop[:, -1]])
    differs = np.abs(crop - np.median(border, axis=0)).max(axis=2) > MARGIN
    rows, cols = np.flatnonzero(differs.any(axis=1)), np.flatnonzero(differs.any(axis=0))
    if len(rows) == 0 or len(cols) == 0:
        return region
    return (
        x + int(cols[0]),
        y + int(rows[0]),
        int(cols[-1] - cols[0]) + 1,
        int(rows[-1] - rows[0]) + 1,
    )


def _inside(box: BBox, region: BBox) -> bool:
    return intersection(box, region) >= INSIDE * max(1, box[2] * box[3])


def describe_media(
    image: LoadedImage, ocr: OcrResult, post: Post | None, options: Options, looks: Looks
) -> Media | None:
    """The post's embedded picture, or None when the post has none (or it is too small)."""
    from memeaudit.vision import CLASSES, class_indices, get_classifier, get_detector
    from memeaudit.vision.detect import merge

    if post is None or post.media_bbox is None or min(post.media_bbox[2:]) < MIN_SIDE:
        return None
    region = _tight(image.bgr, post.media_bbox)
    if min(region[2:]) < MIN_SIDE:
        return None
    classifier = get_classifier()
    classes = looks.classify(classifier, region, CLASSES) if classifier is not None else []
    lines = [ln for ln in ocr.lines if _inside(ln.bbox, region)]
    kind = kind_of(cues(image.bgr, region, ocr.lines), classes)
    objects = []
    if options.detect:
        # The detector sees the box the parser found, margins and all (more context: the tight
        # box scored the same cat 0.80 instead of 0.92); what it names must lie in the picture.
        found = looks.detect(get_detector(), post.media_bbox, options.min_object_conf, square=True)
        found = merge([o for o in found if _inside(o.bbox, region)])
        judged = {region: class_indices(classifier, classes)} if classifier is not None else {}
        objects = named(found, judged)
    text = " ".join(ln.text.strip() for ln in lines if ln.text.strip()) or None
    return Media(bbox=region, kind=kind, objects=objects, text=text)  # type: ignore[arg-type]
