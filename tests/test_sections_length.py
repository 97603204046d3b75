"""Sections 1 and 3 reach the seed's length with what the evidence gives, not padding: a
platform's layout comes with who runs it and what a layout can and cannot show; names without a
layout say first that no layout is identifiable; a short Description says what the image does
not tell about its source."""

from __future__ import annotations

from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import Entity, Facts, Language, Line, OcrResult, Post, Scene, Vision
from memeaudit.prose import lint
from memeaudit.sections.description import describe
from memeaudit.sections.platforms import platforms


def test_a_posts_platform_section_reads_at_length(kb: Knowledge) -> None:
    post = Post(platform="X", display_name="Mara Quill", handle="@maraquill", timestamp_raw="2h")
    text = platforms(kb, Facts(), post).text
    assert "X Corp" in text and "easy to imitate" in text
    assert lint({3: text}) == []


def test_names_without_a_layout_say_so_first(kb: Knowledge) -> None:
    chatgpt = Entity(
        name="ChatGPT", kind="product", matched="ChatGPT", source="ocr", provider="OpenAI"
    )
    text = platforms(kb, Facts(entities=[chatgpt]), None).text
    assert text.startswith("No social platform's layout is identifiable")
    assert "ChatGPT (OpenAI)" in text
    assert lint({3: text}) == []


def test_a_short_description_says_what_the_image_does_not_tell() -> None:
    lines = [
        Line(text="When it's Monday morning", conf=0.99, bbox=(20, 10, 400, 30), engine="t"),
        Line(text="and the coffee machine is broken", conf=0.99, bbox=(20, 50, 400, 30), engine="t"),
    ]  # fmt: skip
    ocr = OcrResult(text="\n".join(ln.text for ln in lines), engine="t", words=[], lines=lines,
                    language=Language(language="eng"))  # fmt: skip
    text = describe(ocr, None, Vision(scene=Scene(kind="photo")), Facts()).text
    assert "Nothing in it names the platform" in text
    assert lint({1: text}) == []


def test_an_owner_whose_name_holds_another_platforms_is_not_named(kb: Knowledge) -> None:
    post = Post(platform="Telegram", display_name="Exploit Hub", timestamp_raw="2h")
    text = platforms(kb, Facts(), post).text
    assert "Messenger" not in text
    assert lint({3: text}) == []
