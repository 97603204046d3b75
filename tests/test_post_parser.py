from __future__ import annotations

import pytest

from memeaudit.model import Line, OcrResult
from memeaudit.post import parse_post
from memeaudit.postfields import find_handle, labelled_counts, parse_count, parse_timestamp


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.2K", 1200),
        ("3.1M", 3_100_000),
        ("24,000", 24000),
        ("18K", 18000),
        ("7", 7),
        ("2B", 2_000_000_000),
    ],
)
def test_counts(text: str, value: int) -> None:
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["Views", "K", "1.2.3K", "@jack", ""])
def test_not_counts(text: str) -> None:
    assert parse_count(text) is None


def test_timestamps_parse_to_iso() -> None:
    assert parse_timestamp("10:02 AM · Feb 23, 2026 · 4.1M Views") == "2026-02-23T10:02:00"
    assert parse_timestamp("10:50 PM · Mar 21, 2006") == "2006-03-21T22:50:00"
    assert parse_timestamp("September 3, 2024") == "2024-09-03"
    assert parse_timestamp("yesterday") is None


def _line(text: str, y: int, x: int = 20, h: int = 30) -> Line:
    return Line(text=text, conf=0.95, bbox=(x, y, 12 * len(text), h), engine="test")


def _ocr(lines: list[Line]) -> OcrResult:
    return OcrResult(text="\n".join(ln.text for ln in lines), engine="test", words=[], lines=lines)


def test_x_post_layout_gives_every_field() -> None:
    lines = [
        _line("Anthropic", 10, x=90),
        _line("@AnthropicAI", 45, x=90),
        _line("We found a thing on our models.", 100),
        _line("It is a second paragraph.", 180),
        _line("10:02 AM · Feb 23, 2026 · 4.1M Views", 250),
        _line("1.2K", 320, x=40),
        _line("3.4K", 320, x=300),
        _line("18K", 320, x=560),
    ]
    post = parse_post(_ocr(lines))
    assert post is not None
    assert (post.platform, post.display_name, post.handle) == ("X", "Anthropic", "@AnthropicAI")
    assert post.timestamp == "2026-02-23T10:02:00"
    assert post.body == "We found a thing on our models.\n\nIt is a second paragraph."
    assert post.counts.model_dump() == {
        "replies": 1200,
        "reposts": 3400,
        "likes": 18000,
        "views": 4_100_000,
    }
    assert set(post.confidence) >= {
        "platform",
        "handle",
        "display_name",
        "body",
        "timestamp",
        "counts",
    }


def test_a_handle_in_a_caption_is_not_a_post() -> None:
    lines = [_line("TAG @friend IF THIS IS YOU", 10), _line("BOTTOM TEXT", 400)]
    assert parse_post(_ocr(lines)) is None


def test_fields_not_shown_stay_empty() -> None:
    lines = [
        _line("jack", 10, x=70),
        _line("@jack", 40, x=70),
        _line("just setting up my twttr", 80, x=14),
    ]
    post = parse_post(_ocr(lines))
    assert post is not None
    assert post.timestamp is None and post.counts.likes is None
    assert "timestamp" not in post.confidence


def test_timestamps_of_other_platforms() -> None:
    assert parse_timestamp("February 23, 2026 at 10:02 AM") == "2026-02-23T10:02:00"
    assert parse_timestamp("Feb 23, 2026, 10:02") == "2026-02-23T10:02:00"


@pytest.mark.parametrize(
    ("text", "platform", "handle"),
    [
        ("Mara Quill @maraquill_sec · 2h", "X", "@maraquill_sec"),
        ("@mara.bsky.social", "Bluesky", "@mara.bsky.social"),
        ("@mara@infosec.exchange", "Mastodon", "@mara@infosec.exchange"),
        ("Posted by u/mara_q 5h ago", "Reddit", "u/mara_q"),
    ],
)
def test_the_handle_shape_names_the_platform(text: str, platform: str, handle: str) -> None:
    assert find_handle(text) == (platform, handle)


def test_an_email_address_is_not_a_handle() -> None:
    assert find_handle("write to jordan.reyes@example.com") is None


def test_labelled_counts() -> None:
    assert labelled_counts("12 boosts · 148 favourites") == {"reposts": 12, "likes": 148}
    assert labelled_counts("122.8K Retweets 20K Quote Tweets 184K Likes") == {
        "reposts": 122800,
        "likes": 184000,
    }
    assert labelled_counts("345 comments") == {"replies": 345}
