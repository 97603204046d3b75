"""The report: its sections, their sentences and the evidence behind each."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from memeaudit.model.base import SCHEMA_VERSION, BBox, Model
from memeaudit.model.facts import Code, Facts
from memeaudit.model.image import ImageInfo
from memeaudit.model.screen import Post, Screen
from memeaudit.model.text import OcrResult
from memeaudit.model.vision import (
    Caption,
    DetectedObject,
    Media,
    Scene,
    SetAsideCaption,
    TemplateMatch,
)


class Evidence(Model):
    kind: Literal["ocr", "post", "object", "caption", "rule", "metadata", "code"]
    rule: str | None = Field(None, description="Id of the rule or knowledge entry that fired.")
    text: str | None = Field(None, description="The span or field behind the sentence.")
    bbox: BBox | None = Field(None, description="The box it was made with (an object's).")
    bboxes: list[BBox] = Field(
        default_factory=list,
        description="Where it is in the image (image pixels), one box per OCR line it covers; "
        "empty when it is not written in the image (a rule's prose, a caption, the metadata).",
    )
    sentence: int | None = Field(None, description="Index of the sentence it supports.")


class Sentence(Model):
    text: str
    evidence: list[Evidence] = []


class Section(Model):
    number: int
    title: str
    text: str
    sentences: list[Sentence] = []
    evidence: list[Evidence] = []


class Report(Model):
    schema_version: str = SCHEMA_VERSION
    memeaudit_version: str
    image: ImageInfo
    ocr: OcrResult
    post: Post | None
    objects: list[DetectedObject]
    caption: Caption | None
    caption_set_aside: SetAsideCaption | None = Field(
        None, description="A model caption judged junk: kept here, never used in the report."
    )
    scene: Scene | None = None
    screen: Screen | None = Field(
        None, description="The kind of screenshot (post, chat, email, ...) and its typed fields."
    )
    template: TemplateMatch | None = Field(
        None, description="The meme template the image is built on, if a bank names one."
    )
    media: Media | None = Field(None, description="A picture embedded in the post, if found.")
    codes: list[Code] = []
    facts: Facts
    sections: list[Section]
    engines: dict[str, str]
    warnings: list[str] = []

    def to_json(self, indent: int = 2) -> str:
        return self.model_dump_json(indent=indent) + "\n"
