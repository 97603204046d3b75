"""The kind of screenshot and its typed fields: posts, chats, emails, reviews."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from memeaudit.model.base import BBox, Model


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
    boxes: dict[str, list[BBox]] = Field(
        default_factory=dict,
        description="Where each field was read, recorded by the parser from the OCR lines it "
        "took the field from (image pixels; counts may be in several places), by field: "
        "display_name, handle, body, timestamp, verified (the badge), "
        "counts, reply_to, reposted_by. The field as shown may differ from the OCR text "
        "(spacing made regular, glyphs cut).",
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
