"""The post parser (memeaudit.post, memeaudit.postfields) on OCR lines: fields, counts,
timestamps and handles; the structure of a post is in test_post_structure.py."""

from __future__ import annotations

import pytest

from memeaudit.model import Line
from memeaudit.post import parse_post
from memeaudit.postfields import (
    clean_name,
    find_handle,
    find_stamp,
    fix_handle,
    labelled_counts,
    parse_count,
    parse_timestamp,
)
from tests.ocr_lines import line_at as _line
from tests.ocr_lines import ocr_of as _ocr


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


@pytest.mark.parametrize(
    "text",
    [
        "From: Bank <no-reply@secure-verify-acc.xyz>",
        "support@paypa1-help.top",
        "alerts@secure.Example",
    ],
)
def test_an_email_domain_is_not_a_handle_even_in_a_header(text: str) -> None:
    assert find_handle(text, header=True) is None


@pytest.mark.parametrize(
    ("text", "handle"),
    [("Jonas Kapoor@jonas·18h", "@jonas"), ("Mara Quill@mara.Mar 4", "@mara")],
)
def test_a_handle_stuck_to_the_name_is_still_a_handle(text: str, handle: str) -> None:
    assert find_handle(text, header=True) == ("X", handle)


def test_labelled_counts() -> None:
    assert labelled_counts("12 boosts · 148 favourites") == {"reposts": 12, "likes": 148}
    assert labelled_counts("122.8K Retweets 20K Quote Tweets 184K Likes") == {
        "reposts": 122800,
        "likes": 184000,
    }
    assert labelled_counts("345 comments") == {"replies": 345}


# Issue K #1: times as the apps show them, kept as shown, ISO where the date has a year.
@pytest.mark.parametrize(
    ("text", "shown", "iso"),
    [
        ("Mara Quill @mq · 13 Sep", "13 Sep", None),
        ("@mq · Oct 17", "Oct 17", None),
        ("Feb 23, 2026", "Feb 23, 2026", "2026-02-23"),
        ("10:02AM·Feb23,2026·3.4KViews", "10:02 AM · Feb 23, 2026", "2026-02-23T10:02:00"),
        ("10:02 AM. Feb 23, 2026 . 65.9K Views", "10:02 AM · Feb 23, 2026", "2026-02-23T10:02:00"),
        ("9:15 PM - 17 Oct 2014", "9:15 PM - 17 Oct 2014", "2014-10-17T21:15:00"),
        ("October17, 2025 at9:41 PM", "October 17, 2025 at 9:41 PM", "2025-10-17T21:41:00"),
        ("Yesterday at 14:02", "Yesterday at 14:02", None),
        ("February 23 at 10:02 AM", "February 23 at 10:02 AM", None),
    ],
)
def test_times_are_kept_as_shown(text: str, shown: str, iso: str | None) -> None:
    stamp = find_stamp(text)
    assert stamp is not None and (stamp.shown, stamp.iso) == (shown, iso)


@pytest.mark.parametrize("text", ["2h", "54m", "3d"])
def test_relative_times_in_a_timeline_header(text: str) -> None:
    lines = [
        _line(f"Mara Quill @maraquill · {text}", 10, x=70),
        _line("Reminder that the garden meeting moved.", 45, x=70),
        _line("12", 90, x=70),
        _line("3.4K", 90, x=250),
        _line("18K", 90, x=430),
        _line("2.2M", 90, x=610),
    ]
    post = parse_post(_ocr(lines))
    assert post is not None and post.timestamp_raw == text and post.timestamp is None
    assert (post.display_name, post.handle) == ("Mara Quill", "@maraquill")


@pytest.mark.parametrize(
    ("drawn", "name"),
    [
        ("Anthropic ●", "Anthropic"),
        ("Tomás Ortega烂", "Tomás Ortega"),
        ("Mara Quill 🌿", "Mara Quill"),
        ("Ines Alves ©", "Ines Alves"),
        ("Tomas Ortega ¥Z Follow", "Tomas Ortega"),
        ("Lena Lindqvist· 2nd", "Lena Lindqvist"),
        ("Ines Fischer+", "Ines Fischer"),
        ("Jean-Luc O'Neil", "Jean-Luc O'Neil"),
        ("東京 太郎", "東京 太郎"),
    ],
)
def test_badge_and_emoji_glyphs_are_cut_from_names(drawn: str, name: str) -> None:
    assert clean_name(drawn)[0] == name


def test_letters_between_digits_in_a_handle_are_digits() -> None:
    assert fix_handle("@mara2O24") == "@mara2024"
    assert fix_handle("@demirl85") == "@demirl85"  # a letter beside one digit may be real
    assert fix_handle("@priya_sato47") == "@priya_sato47"


def test_name_and_handle_stuck_together_or_on_two_lines() -> None:
    one = parse_post(_ocr([_line("Jonas Kapoor@jonas_kapoor· 54m", 10), _line("Hello.", 45)]))
    assert one is not None and (one.display_name, one.handle) == ("Jonas Kapoor", "@jonas_kapoor")
    assert one.timestamp_raw == "54m"
    two = parse_post(
        _ocr([_line("Ines Alves", 10, x=90), _line("@ines_alves", 42, x=90), _line("Hi.", 90)])
    )
    assert two is not None and (two.display_name, two.handle) == ("Ines Alves", "@ines_alves")


def _status(extra: list[Line], counts: list[Line]) -> list[Line]:
    """An X status page: header, body, `extra` (a picture, a quote), stamp, counts row."""
    return [
        _line("Anthropic", 10, x=90),
        _line("@AnthropicAI", 45, x=90),
        _line("We found a thing on our models.", 100),
        *extra,
        _line("10:02 AM · Feb 23, 2026 · 4.1M Views", 560),
        *counts,
    ]


def test_digits_in_an_embedded_picture_are_never_counts() -> None:
    picture = [_line("2 : 1", 250, x=200, h=90), _line("1,500", 380, x=200, h=90)]
    counts = [_line("12", 620, x=40), _line("345", 620, x=300), _line("6.7K", 620, x=560)]
    post = parse_post(_ocr(_status(picture, counts)))
    assert post is not None
    assert post.counts.model_dump() == {
        "replies": 12,
        "reposts": 345,
        "likes": 6700,
        "views": 4_100_000,
    }
    assert post.media and post.media_bbox is not None
    assert post.body == "We found a thing on our models."


def test_icon_glyphs_read_as_digits_are_ignored() -> None:
    counts = [
        _line("P333", 620, x=20),
        _line("C2 29.8K", 620, x=262),
        _line("23", 620, x=529),
    ]
    post = parse_post(_ocr(_status([], counts)))
    assert post is not None
    assert (post.counts.replies, post.counts.reposts, post.counts.likes) == (333, 29800, 23)


def test_a_cell_without_a_number_keeps_the_others_in_place() -> None:
    """A timeline post with no reposts: the repost cell shows only its icon."""
    lines = [
        _line("Mara Quill @maraquill · 2h", 10, x=70),
        _line("Reminder that the garden meeting moved to the library this week.", 45, x=70),
        _line("12", 90, x=95),
        _line("18K", 90, x=455),
        _line("2.2M", 90, x=635),
    ]
    post = parse_post(_ocr(lines))
    assert post is not None
    assert post.counts.model_dump() == {
        "replies": 12,
        "reposts": None,
        "likes": 18000,
        "views": 2_200_000,
    }


def test_a_post_whose_counts_row_is_cropped_off() -> None:
    lines = _status([], [])
    post = parse_post(_ocr(lines))
    assert post is not None and post.handle == "@AnthropicAI"
    assert post.counts.model_dump() == {
        "replies": None,
        "reposts": None,
        "likes": None,
        "views": 4_100_000,
    }
    assert post.timestamp_raw == "10:02 AM · Feb 23, 2026"
