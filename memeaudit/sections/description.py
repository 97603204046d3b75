"""Section 1, Description: what kind of image it is, what the picture shows, what the text says."""

from __future__ import annotations

from collections import Counter

from memeaudit.facts.text import end_with_quote, join_names, quote, sentences
from memeaudit.knowledge.wording import Words
from memeaudit.model import DetectedObject, Evidence, Facts, OcrResult, Post, Scene, Section, Vision
from memeaudit.ocr.language import iso639_1, language_name
from memeaudit.sections.paragraph import Paragraph, article, ocr, post_field, rule
from memeaudit.sections.template import built_on
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


def author(post: Post) -> str:
    if post.display_name and post.handle:
        return f"{post.display_name} ({post.handle})"
    return post.display_name or post.handle or "an unnamed account"


KIND_PHRASE = {
    "photo": "a photo",
    "cartoon": "a cartoon or illustration",
    "screenshot": "a screenshot or page of text",
    "picture": "a picture",
    "caption-meme": "a meme with a caption above the picture",
    "top-bottom-meme": "a classic top-and-bottom caption meme",
    "multi-panel-meme": "a multi-panel meme",
    "document": "a document or page of text",
}


def _objects_phrase(objects: list[DetectedObject]) -> str:
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


def _object_evidence(objects: list[DetectedObject]) -> list[Evidence]:
    return [
        Evidence(
            kind="object",
            text=f"{o.label} {o.conf:.2f}" + (f" tagged {o.tag}" if o.tag else ""),
            bbox=o.bbox,
        )
        for o in objects
    ]


def _kind(scene: Scene | None, panel: bool) -> str:
    if scene is None:
        return "picture"
    if panel:
        return scene.panels[0].kind if scene.panels else "picture"
    return scene.kind


def _language(ocr_result: OcrResult, covered: frozenset[str] | None) -> list[str]:
    """Where the text is not in English: its language, and, where no loaded topic has triggers
    in it (`covered`, ISO 639-1 codes), that the analysis of the text is limited."""
    code = ocr_result.language.language
    if code is None or code == "eng":
        return []
    name = language_name(code)
    said = [f"The text appears to be in {name}."]
    if covered is not None and iso639_1(code) not in covered:
        said.append(
            f"No topic pack has triggers in {name}, so the analysis of this text is limited "
            "to what English triggers and patterns can find."
        )
    return said


def describe(
    ocr_result: OcrResult,
    post: Post | None,
    vision: Vision,
    facts: Facts,
    covered: frozenset[str] | None = None,
    template_words: Words | None = None,
) -> Section:
    """Section 1. `covered`: the languages (ISO 639-1) the loaded topics have triggers in."""
    par = Paragraph(1)
    objects, scene = vision.objects, vision.scene
    scene_evidence = (
        rule("vision.scene", f"{scene.kind}; classes: {scene.classes}")
        if scene
        else rule("vision.scene")
    )
    if post is not None:
        evidence = [post_field("platform", post.platform), post_field("handle", post.handle or "")]
        date = f", dated {post.timestamp_raw}," if post.timestamp_raw else ""
        mode = " in dark mode" if scene and scene.dark_mode else ""
        shot = f"a screenshot of {article(post.platform)} {post.platform} post{mode}"
        if vision.panels or objects:
            picture = KIND_PHRASE[_kind(scene, panel=True)]
            par.say(
                f"The image combines {shot} by {author(post)}{date} with {picture}.",
                *evidence,
                scene_evidence,
            )
            if objects:
                par.say(
                    f"The picture shows {_objects_phrase(objects)}.", *_object_evidence(objects)
                )
        else:
            par.say(
                f"The image is {shot} by {author(post)}{date.rstrip(',')}.",
                *evidence,
                scene_evidence,
            )
    else:
        kind = KIND_PHRASE[_kind(scene, panel=False)]
        if objects:
            par.say(
                f"The image is {kind} showing {_objects_phrase(objects)}.",
                scene_evidence,
                *_object_evidence(objects),
            )
        elif scene is not None and scene.kind in ("screenshot", "document"):
            par.say(f"The image is {kind}.", scene_evidence)
        else:
            par.say(
                f"The image is {kind}; the object detector found none of the everyday objects it knows in it.",
                scene_evidence,
                rule("describe.no-objects"),
            )
    if vision.template is not None and template_words is not None:
        for said, evidence in built_on(vision.template, template_words):
            par.say(said, evidence)
    if vision.untied_labels:
        untied = vision.untied_labels
        par.say(
            f"Short labels over the picture read {join_names(untied)}.", *(ocr(t) for t in untied)
        )
    if vision.caption is not None:
        caption = vision.caption
        par.say(
            f"A captioning model ({caption.engine}) describes the picture as {quote(caption.text)}; "
            "this is the model's wording, not a reading of the image's text.",
            Evidence(kind="caption", text=caption.text),
        )
    body = post.body if post is not None and post.body else None
    text = body or ocr_result.text
    if text.strip():
        first = sentences(text)[0]
        whose = "The post's text" if body else "The text in the image"
        verb = "reads" if first == " ".join(text.split()) else "begins"
        par.say(end_with_quote(f"{whose} {verb}:", first), ocr(first))
        for said in _language(ocr_result, covered):
            par.say(said, rule("describe.language", ocr_result.language.language or ""))
        cited = [f for claim in facts.claims for f in claim.figures if f.unit not in (None, "date")]
        if cited:
            figures = join_names(
                [
                    f"{f.text} {f.unit}" if f.unit not in ("percent", "ratio", "money") else f.text
                    for f in cited
                ]
            )
            par.say(f"It cites {figures}.", *(ocr(f.text, "facts.figures") for f in cited))
        if post is not None and any(v is not None for v in post.counts.model_dump().values()):
            shown = [f"{v:,} {k}" for k, v in post.counts.model_dump().items() if v is not None]
            par.say(f"The post shows {join_names(shown)}.", post_field("counts", ", ".join(shown)))
    else:
        par.say("No text was found in the image.", rule("describe.no-text"))
    return par.section()
