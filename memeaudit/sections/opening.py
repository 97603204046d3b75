"""The Description's first sentence: what the image is (a post, a chat, a caption meme, a
photo showing three cats), and the caption a meme carries. Words: knowledge/wording/description.yaml."""

from __future__ import annotations

from collections import Counter

from memeaudit.facts.text import join_names
from memeaudit.knowledge.wording import Words
from memeaudit.model import DetectedObject, Evidence, OcrResult, Post, Scene, Screen, Vision
from memeaudit.sections.image_kind import caption_lines, number, picture_phrase, shot
from memeaudit.sections.paragraph import article
from memeaudit.vision.detect import coco_labels

NUMBERS = [
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


def count_phrase(label: str, n: int) -> str:
    plural = {name: pl for name, pl in coco_labels().values()}.get(label, label + "s")
    word = NUMBERS[n] if n < len(NUMBERS) else str(n)
    return f"{article(label)} {label}" if n == 1 else f"{word} {plural}"


def objects_phrase(objects: list[DetectedObject]) -> str:
    """'three cats, labelled ChatGPT, Claude and DeepSeek' (objects grouped by label)."""
    parts = []
    for label, n in Counter(o.label for o in objects).most_common():
        tags = [o.tag for o in objects if o.label == label and o.tag]
        phrase = count_phrase(label, n)
        if tags and len(tags) == n:
            phrase += f", labelled {join_names(tags)}"
        elif tags:
            some = NUMBERS[len(tags)] if len(tags) < len(NUMBERS) else str(len(tags))
            phrase += f", {some} of them labelled {join_names(tags)}"
        parts.append(phrase)
    return join_names(parts)


def object_evidence(objects: list[DetectedObject]) -> list[Evidence]:
    return [
        Evidence(
            kind="object",
            text=f"{o.label} {o.conf:.2f}" + (f" tagged {o.tag}" if o.tag else ""),
            bbox=o.bbox,
        )
        for o in objects
    ]


def pictured(scene: Scene | None) -> bool:
    """A scene with a picture in it, where an object detector's silence is worth a sentence."""
    pictured = ("photo", "cartoon", "picture", "caption-meme", "top-bottom-meme")
    return scene is not None and scene.kind in pictured


def caption(
    ocr_result: OcrResult, vision: Vision, screen: Screen | None, kind: str | None
) -> list[str]:
    """A caption meme's caption, one string per line: the text above a chat (memeaudit.kinds),
    or the lines above a caption meme's picture that are not labels tied to it."""
    if screen is not None and screen.caption:
        return screen.caption.split("\n")
    scene = vision.scene
    if scene is None or kind not in (None, "screenshot"):
        return []
    if scene.kind == "top-bottom-meme":
        return [ln.text for ln in ocr_result.lines if ln.text.strip()]
    if scene.kind != "caption-meme":
        return []
    labels = {o.tag for o in vision.objects if o.tag} | set(vision.untied_labels)
    return [ln.text for ln in caption_lines(ocr_result.lines, vision) if ln.text not in labels]


def opening(
    w: Words,
    screen: Screen | None,
    post: Post | None,
    vision: Vision,
    kind: str | None,
    caption: list[str],
) -> list[tuple[str, list[Evidence]]]:
    """The first sentence: what the image is."""
    objects, scene = vision.objects, vision.scene
    if kind not in (None, "screenshot") or post is not None:
        what = shot(w, screen, post, scene)
        if kind == "post" and (vision.panels or objects) and not caption:
            dated = post is not None and bool(post.timestamp_raw)  # '…, dated 23 Feb, with'
            picture = picture_phrase(w, scene, panel=True)
            return [(w("combines", shot=what + ("," if dated else ""), picture=picture), [])]
        if not caption:
            return [(w("is", shot=what), [])]
    else:
        base = picture_phrase(w, scene)
        if scene is not None and scene.kind == "multi-panel-meme":
            base = w("multi-panel", n=number(max(len(scene.panels), 2)))
        what = w("showing", kind=base, objects=objects_phrase(objects)) if objects else base
        if scene is not None and scene.kind == "top-bottom-meme" and caption:
            return [(w("top-bottom", shot=what), object_evidence(objects))]
        if not caption:
            return [(w("is", shot=what), object_evidence(objects))]
    lines = w("caption-lines", count=len(caption), n=number(len(caption)))
    return [(w("caption-over", lines=lines, shot=what), object_evidence(objects))]
