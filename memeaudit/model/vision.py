"""What the picture shows: objects, captions, panels, scene, template, embedded media."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from memeaudit.model.base import BBox, Model


class DetectedObject(Model):
    label: str
    conf: float = Field(ge=0, le=1)
    bbox: BBox
    engine: str
    tag: str | None = Field(None, description="A short OCR label tied to this object, if any.")


class Caption(Model):
    text: str
    engine: str


class SetAsideCaption(Model):
    """A caption the captioning model produced that memeaudit judged junk and did not use."""

    text: str = Field(description="The model's output, as it came.")
    engine: str
    reason: str = Field(description="Why it was not used, e.g. 'one token repeated'.")


class Panel(Model):
    bbox: BBox
    kind: Literal["screenshot", "photo", "cartoon", "picture"] = Field(
        description="picture when the cues cannot tell a photo from a cartoon"
    )


class Scene(Model):
    kind: Literal[
        "caption-meme",
        "top-bottom-meme",
        "multi-panel-meme",
        "screenshot",
        "document",
        "photo",
        "cartoon",
        "picture",
    ] = Field(
        description="caption-meme: a caption bar above a picture; top-bottom-meme: captions over "
        "the top and bottom of a picture; multi-panel-meme: two picture panels or more; picture "
        "when the cues cannot tell a photo from a cartoon"
    )
    picture: Literal["screenshot", "photo", "cartoon", "picture"] | None = Field(
        None, description="What the picture under a meme's captions is, for the meme kinds."
    )
    dark_mode: bool = Field(False, description="A screenshot in a dark theme.")
    classes: list[tuple[str, float]] = Field(
        default_factory=list,
        description="ImageNet classes of the whole image, if the classifier ran.",
    )
    panels: list[Panel] = []


class TemplateMatch(Model):
    key: str = Field(description="The template's id in its bank (memegen's folder name).")
    name: str = Field(description="The template's common name, e.g. Success Kid.")
    source: str | None = Field(None, description="Where the template is documented.")
    gloss: str | None = Field(
        None, description="What the template usually means, if the bank says."
    )
    bank: str = Field(description="The template bank that named it.")
    score: float = Field(description="Cosine of the image's embedding and the template's, 0 to 1.")
    runner_up: float | None = Field(None, description="The next template's score.")
    threshold: float = Field(description="The bank's score below which nothing is named.")
    region: BBox = Field(description="The part of the image that matched (the whole or a panel).")
    view: str = Field(description="Which view matched, e.g. caption areas masked.")
    mirrored: bool = Field(False, description="The image shows the template mirrored.")
    pdq_distance: int | None = Field(
        None, description="PDQ Hamming distance (of 256 bits) of the region to the blank template."
    )


class Media(Model):
    """A picture embedded in a post (a photo, a video still, a link card's picture, a screenshot
    inside the screenshot), described on its own, apart from the post's body."""

    bbox: BBox
    kind: Literal["screenshot", "photo", "cartoon", "picture"]
    objects: list[DetectedObject] = Field(
        default_factory=list, description="What the detector named inside it."
    )
    text: str | None = Field(None, description="The text read inside it, not the post's body.")


class Vision(Model):
    objects: list[DetectedObject] = []
    media: Media | None = None
    caption: Caption | None = None
    caption_set_aside: SetAsideCaption | None = None
    template: TemplateMatch | None = None
    panels: list[BBox] = []
    scene: Scene | None = None
    untied_labels: list[str] = Field(
        default_factory=list, description="Short labels over the picture not tied to an object."
    )
