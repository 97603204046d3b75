"""The vision stage: panels, objects, label ties and (if asked) a model caption."""

from __future__ import annotations

from functools import cache

from memeaudit.load import LoadedImage
from memeaudit.model import Caption, OcrResult, Post, Vision
from memeaudit.ocr.base import overlap
from memeaudit.options import Options
from memeaudit.vision.caption import TransformersCaptioner
from memeaudit.vision.detect import SsdDetector, merge
from memeaudit.vision.labels import short_labels, tie
from memeaudit.vision.layout import panels


@cache
def get_detector() -> SsdDetector:
    return SsdDetector()


@cache
def get_captioner(name_or_dir: str) -> TransformersCaptioner:
    return TransformersCaptioner(name_or_dir)


def see(
    image: LoadedImage, ocr: OcrResult, post: Post | None, options: Options
) -> tuple[Vision, dict[str, str]]:
    bgr = image.bgr
    engines: dict[str, str] = {}
    card = post.bbox if post is not None else None
    regions = panels(bgr, post)
    objects = []
    if options.detect:
        detector = get_detector()
        whole = (0, 0, image.info.width, image.info.height)
        found = detector.detect(bgr, whole, options.min_object_conf)
        for region in regions:
            found += detector.detect(bgr, region, options.min_object_conf, square=True)
        # Inside a post card the detector sees interface shapes, not objects.
        objects = merge([o for o in found if card is None or overlap(o.bbox, card) < 0.5])
        engines[detector.name] = detector.version()
    objects, untied = tie(short_labels(ocr.lines, post, image.rgb.size), objects)
    caption = None
    if options.caption_model:
        captioner = get_captioner(options.caption_model)
        text = captioner.caption(image.rgb)
        caption = Caption(text=text, engine=captioner.name) if text else None
        engines["transformers"] = captioner.version()
    untied = untied if objects else []  # a label is "over a picture" only where one was seen
    vision = Vision(objects=objects, caption=caption, panels=regions, untied_labels=untied)
    return vision, engines
