"""What the text and codes say: entities, claims, personal data, topics, links."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from memeaudit.model.base import BBox, Model


class Entity(Model):
    name: str
    kind: Literal["product", "organization", "platform", "handle"]
    provider: str | None = None
    matched: str = Field(description="The text as it appears in the image.")
    source: Literal["layout", "post-author", "post-body", "label", "ocr"]


class Figure(Model):
    text: str = Field(description="The figure exactly as written, e.g. 'over 24,000'.")
    value: float | None = None
    unit: str | None = Field(None, description="The noun the figure counts, if written next to it.")


class Claim(Model):
    text: str
    speaker: str | None = Field(
        None, description="Who asserts it: the source it quotes, else the post's author."
    )
    figures: list[Figure] = []
    hedges: list[str] = []
    kind: str | None = Field(
        None,
        description="Why it is worth checking: accusation, statistic, causal, health, prediction, "
        "promise, reported-speech, quote, breaking, warning, media or event; 'opinion' for a view, "
        "framed as one.",
    )
    concerns: list[str] = Field([], description="The people and organisations it is about.")
    verify: list[str] = Field(
        [],
        description="What would verify it: original-post, outlet-article, organisation-statement, "
        "health-authority, election-authority, official-channel, data-source, original-upload, "
        "original-source.",
    )
    caption: bool = Field(False, description="Said by the picture's own caption, not the post.")


class PersonalData(Model):
    kind: Literal["email", "phone", "handle", "address", "booking", "card"]
    text: str


class TopicHit(Model):
    id: str
    title: str
    matched: list[str]
    how: Literal["keyword", "regex", "similarity", "link"] = "keyword"
    score: float | None = None


class Code(Model):
    """A QR code or barcode read from the picture."""

    format: str = Field(description="The symbology, e.g. QRCode, EAN13.")
    text: str = Field(description="What the code holds, exactly as decoded.")
    bbox: BBox


class LinkSignal(Model):
    kind: Literal["shortener", "punycode", "lookalike", "raw-ip", "http", "text-differs"]
    detail: str | None = Field(
        None, description="The brand imitated, the Unicode form, or the domain the text names."
    )


class Link(Model):
    url: str = Field(description="The link as written or as a code holds it.")
    source: Literal["ocr", "code"]
    host: str | None = None
    domain: str | None = Field(None, description="The registered domain, e.g. example.co.uk.")
    signals: list[LinkSignal] = []


class Impersonation(Model):
    """A display name that is a known brand's or person's on an account that is not theirs."""

    name: str = Field(description="The brand or person the display name matches.")
    shown: str = Field(description="The display name as shown.")
    account: str = Field(description="The handle or sending domain that is not theirs.")
    field: Literal["handle", "email-domain"]


class Facts(Model):
    entities: list[Entity] = []
    claims: list[Claim] = []
    personal_data: list[PersonalData] = []
    topics: list[TopicHit] = []
    # Topics the text talks about as its subject (a talk or a course on ransomware), found by
    # their own names only beside a discussion cue (language.yaml): not harms the image shows.
    discussed: list[TopicHit] = []
    links: list[Link] = []
    impersonations: list[Impersonation] = []
    # Money amounts and spans of time the text names, as written ('$300', '48 hours').
    terms: list[Figure] = []
