"""The typed values that pass between stages, and the Report that the JSON contract describes.

Keys here are a public contract (see README, "JSON contract"): add fields, never rename them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

BBox = tuple[int, int, int, int]  # x, y, width, height in image pixels


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MetadataField(Model):
    field: str = Field(
        description="Where the value was found: the block and the field's name, e.g. "
        "'EXIF Software', 'XMP xmp:CreatorTool', 'PNG Comment', 'JPEG comment'."
    )
    value: str = Field(
        description="The value as text. Metadata is untrusted: control and bidi characters are "
        "removed, whitespace is collapsed and values are cut at 200 characters."
    )


class GpsPosition(Model):
    latitude: float | None = Field(
        None, description="Decimal degrees, north positive (6 decimals); None if not recorded."
    )
    longitude: float | None = Field(
        None, description="Decimal degrees, east positive (6 decimals); None if not recorded."
    )
    altitude: float | None = Field(None, description="Metres above sea level, if recorded.")
    source: Literal["EXIF", "XMP"] = Field(description="The metadata block that records it.")
    raw: dict[str, str] = Field(
        default_factory=dict,
        description="The GPS fields as written, by name, e.g. {'GPSLatitude': '51.0, 30.0, 2.52', "
        "'GPSLatitudeRef': 'N'}.",
    )


class Device(Model):
    make: str | None = Field(None, description="Camera or phone maker (EXIF Make, XMP tiff:Make).")
    model: str | None = Field(None, description="Camera or phone model (EXIF Model).")
    lens: str | None = Field(None, description="Lens maker and model, if recorded.")
    owner: str | None = Field(None, description="The camera owner's name (CameraOwnerName).")
    serial_numbers: dict[str, str] = Field(
        default_factory=dict,
        description="Serial numbers by field, e.g. {'EXIF BodySerialNumber': '...'}; they can "
        "link photos taken with the same camera.",
    )
    source: Literal["EXIF", "XMP"] = Field(description="The metadata block that names the device.")
    fields: dict[str, str] = Field(
        default_factory=dict,
        description="The make, model, lens and owner fields as written, by field name, e.g. "
        "{'EXIF Make': 'Apple', 'EXIF LensModel': '...'}.",
    )


class ImageMetadata(Model):
    """What the file's metadata says about where, when, with what and by whom it was made. Read
    with Pillow from the file as it was opened, before any conversion. Every value is untrusted
    text from the file."""

    blocks: list[str] = Field(
        default_factory=list,
        description="The metadata blocks the file carries: EXIF, XMP, PNG text, comment, C2PA.",
    )
    gps: GpsPosition | None = Field(None, description="A GPS position (EXIF GPS IFD, else XMP).")
    device: Device | None = Field(None, description="The capturing device (EXIF, else XMP).")
    software: str | None = Field(
        None,
        description="The software that last wrote the file, as EXIF Software names it "
        "(else XMP CreatorTool, else PNG Software).",
    )
    timestamps: dict[str, str] = Field(
        default_factory=dict,
        description="Timestamps as written, by field, e.g. "
        "{'EXIF DateTimeOriginal': '2024:05:01 10:11:12', 'XMP xmp:ModifyDate': '...'}.",
    )
    editing: list[MetadataField] = Field(
        default_factory=list,
        description="Every field naming software that created or edited the file: EXIF "
        "Software and ProcessingSoftware, XMP CreatorTool and history software agents, PNG "
        "Software.",
    )
    history: list[str] = Field(
        default_factory=list,
        description="Edit-history steps as written (XMP xmpMM:History: action, software, time; "
        "XMP photoshop:History), at most 20.",
    )
    other: list[MetadataField] = Field(
        default_factory=list,
        description="Other fields that carry text: Artist, Copyright, descriptions, comments, PNG "
        "text chunks, XMP dc:creator and the like.",
    )
    c2pa: bool = Field(
        False,
        description="The file carries a C2PA (Content Credentials) manifest marker: a JUMBF box "
        "labelled c2pa. Its presence only; the manifest is not verified.",
    )
    notes: list[str] = Field(
        default_factory=list,
        description="Metadata that could not be read, and why (e.g. an XMP packet with a DOCTYPE "
        "is refused).",
    )

    def is_empty(self) -> bool:
        """No metadata block at all."""
        return not self.blocks


class ImageInfo(Model):
    path: str
    sha256: str
    width: int
    height: int
    format: str
    mode: str = Field(description="Pillow mode of the decoded image, before conversion to RGB.")
    frames: int = Field(1, description="Frames in the file (more than 1: an animation).")
    frame: int = Field(0, description="The frame analysed, counting from 0.")
    metadata: ImageMetadata | None = Field(
        None, description="The file's EXIF, XMP and text metadata; None when it was not read."
    )


class Word(Model):
    text: str
    conf: float = Field(ge=0, le=1, description="Engine confidence, 0 to 1.")
    bbox: BBox
    engine: str


class Line(Model):
    text: str
    conf: float = Field(ge=0, le=1)
    bbox: BBox
    engine: str
    words: list[Word] = []


class Language(Model):
    script: str | None = Field(None, description="Main script of the text, e.g. Latin, Han.")
    language: str | None = Field(None, description="ISO 639-2 code where the text allows one.")
    tesseract: str | None = Field(None, description="The tesseract pack for it, e.g. deu.")


class OcrResult(Model):
    text: str = Field(description="The full text in reading order, one line per OCR line.")
    engine: str
    words: list[Word]
    lines: list[Line]
    language: Language = Language()
    lang_used: str = Field("eng", description="The tesseract language packs that read the image.")


class Counts(Model):
    replies: int | None = None
    reposts: int | None = None
    likes: int | None = None
    views: int | None = None


class LinkCard(Model):
    """The preview card of a link in a post."""

    domain: str = Field(description="The site the card names, as shown, e.g. example.org.")
    title: str | None = Field(None, description="The card's title line, if shown.")
    bbox: BBox | None = Field(None, description="The box of the card's text.")


class Post(Model):
    platform: str
    display_name: str | None = Field(
        None, description="The author's name as shown, without verification badge or emoji."
    )
    handle: str | None = None
    timestamp: str | None = Field(None, description="ISO 8601 where the date allows, else None.")
    timestamp_raw: str | None = Field(
        None,
        description="The time as shown: '2h', '13 Sep', '10:02 AM · Feb 23, 2026', 'Yesterday "
        "at 14:02' (spacing as the app draws it).",
    )
    body: str | None = Field(None, description="The post's text, without a quoted post's text.")
    counts: Counts = Counts()
    confidence: dict[str, float] = Field(default_factory=dict, description="Per field, 0 to 1.")
    bbox: BBox | None = None
    verified: bool = Field(
        False, description="A verification badge (a blue or gold check mark) beside the name."
    )
    reply_to: str | None = Field(None, description="The handle in 'Replying to @…', if shown.")
    reposted_by: str | None = Field(
        None, description="Who reposted it, from a '… Retweeted' or '… reposted' line above it."
    )
    quoted: Post | None = Field(None, description="A quoted post, parsed as a post of its own.")
    thread: bool = Field(
        False, description="Part of a thread: 'Show this thread', a '1/4' count or a second post."
    )
    link_card: LinkCard | None = Field(None, description="A link preview card in the post.")
    media: bool = Field(False, description="The post embeds a picture or video.")
    media_bbox: BBox | None = Field(None, description="Where the embedded picture is, if found.")
    boxes: dict[str, BBox] = Field(
        default_factory=dict,
        description="The box of the text each field was read from, by field: display_name, "
        "handle, timestamp, counts, reply_to, reposted_by (the field as shown may differ from "
        "the OCR text: spacing made regular, glyphs cut).",
    )


ScreenKind = Literal[
    "post", "chat", "email", "review", "code", "terminal", "poster", "document", "screenshot"
]


class ChatMessage(Model):
    speaker: str | None = Field(
        None,
        description="Who wrote it: 'me' for the screenshot owner's side (bubbles on the right), "
        "else the name shown over it or the conversation's contact.",
    )
    text: str = Field(description="The message as read, without its time and delivery ticks.")
    time: str | None = Field(None, description="The time shown with it, as drawn.")
    bbox: BBox | None = None


class Chat(Model):
    contact: str | None = Field(
        None, description="The conversation's title: the contact's name, or '#channel'."
    )
    messages: list[ChatMessage] = []


class Email(Model):
    from_name: str | None = Field(None, description="The sender's display name, as shown.")
    from_address: str | None = Field(None, description="The sender's address, as shown.")
    to: str | None = None
    subject: str | None = None
    date: str | None = Field(None, description="The date as shown.")
    body: str | None = Field(None, description="The message's text, without headers and buttons.")


class Review(Model):
    site: str | None = Field(None, description="The review site or store whose layout it has.")
    rating: int | None = Field(
        None, description="Stars out of 5, only where the OCR reads the star row cleanly."
    )
    reviewer: str | None = None
    date: str | None = Field(
        None, description="The date or age as shown: 'Oct 17, 2025', '3d ago'."
    )
    title: str | None = None
    body: str | None = None


class Screen(Model):
    """What kind of screenshot the image is, from which service, and its typed fields."""

    kind: ScreenKind = Field(description="screenshot when the cues do not tell.")
    platform: str | None = Field(
        None, description="The service, named only from its layout cues or an explicit mention."
    )
    confidence: float = Field(0.0, ge=0, le=1)
    cues: list[str] = Field(
        default_factory=list, description="The layout and text cues that decided kind and platform."
    )
    caption: str | None = Field(
        None, description="Text set above the screenshot as a meme caption, if any."
    )
    chat: Chat | None = None
    email: Email | None = None
    review: Review | None = None


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
    kind: Literal["email", "phone", "handle", "address"]
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
    links: list[Link] = []
    impersonations: list[Impersonation] = []


class Evidence(Model):
    kind: Literal["ocr", "post", "object", "caption", "rule", "metadata", "code"]
    rule: str | None = Field(None, description="Id of the rule or knowledge entry that fired.")
    text: str | None = Field(None, description="The span or field behind the sentence.")
    bbox: BBox | None = None
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
