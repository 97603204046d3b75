"""The structure of a post (memeaudit.post) on OCR lines: replies, reposts, quotes, link cards,
threads, and the layouts of other platforms (Facebook, Telegram, Threads, Reddit)."""

from __future__ import annotations

from memeaudit.model import Line, Word
from memeaudit.post import parse_post
from memeaudit.postfields import labelled_counts
from tests.ocr_lines import line_at as _line
from tests.ocr_lines import ocr_of as _ocr


# Issue K #2: the structure of a post.
def test_reply_repost_and_quote() -> None:
    lines = [
        _line("t Ines Ortega reposted", 10, x=90),
        _line("Aisha Quill", 50, x=90),
        _line("@aquill", 85, x=90),
        _line("Replying to @brossi85", 125, x=20),
        _line("We tested the update on three phones.", 170, x=20),
        _line("Tomás Rossi @rossit81 · Dec 9", 240, x=50),
        _line("Honest question: why does every app need my location?", 280, x=50),
        _line("10:02 AM · Feb 23, 2026 · 3.4K Views", 350, x=20),
    ]
    post = parse_post(_ocr(lines))
    assert post is not None
    assert (post.reposted_by, post.reply_to) == ("Ines Ortega", "@brossi85")
    assert post.body == "We tested the update on three phones."
    assert post.quoted is not None and post.quoted.handle == "@rossit81"
    assert post.quoted.display_name == "Tomás Rossi" and post.quoted.timestamp_raw == "Dec 9"
    assert post.quoted.body == "Honest question: why does every app need my location?"
    assert not post.thread and not post.link_card
    boxes = {field: found[0] for field, found in post.boxes.items()}  # where each was read
    assert boxes["reply_to"] == lines[3].bbox and boxes["reposted_by"] == lines[0].bbox
    assert boxes["handle"] == lines[2].bbox and boxes["body"] == lines[4].bbox
    x, y, w, _ = lines[-1].bbox
    stamp, views = boxes["timestamp"], boxes["counts"]
    assert stamp[:2] == (x, y) and stamp[2] < w  # 'Feb 23, 2026', not the views after it
    assert views[1] == y and views[0] >= stamp[0] + stamp[2] and views[0] + views[2] <= x + w


def test_link_card_and_thread() -> None:
    lines = [
        _line("Mara Quill @maraquill · 2h", 10, x=70),
        _line("Our guide is out. 1/3", 45, x=70),
        _line("From example.org", 300, x=80),
        _line("How cities measure air quality", 335, x=80),
        _line("12", 390, x=95),
        _line("345", 390, x=275),
        _line("18K", 390, x=455),
        _line("2.2M", 390, x=635),
        _line("Show this thread", 440, x=70),
    ]
    post = parse_post(_ocr(lines))
    assert post is not None and post.link_card is not None
    assert (post.link_card.domain, post.link_card.title) == (
        "example.org",
        "How cities measure air quality",
    )
    assert post.thread and post.body == "Our guide is out. 1/3"
    assert post.counts.likes == 18000 and not post.media


def test_labelled_counts_that_ocr_ran_together() -> None:
    assert labelled_counts("1,959RETWEETS") == {"reposts": 1959}
    assert labelled_counts("535reposts96 quotes7,865 likes") == {"reposts": 535, "likes": 7865}


def test_a_facebook_post_by_its_button_row() -> None:
    lines = [
        _line("Lena Demir", 30, x=122),
        _line("February 23at 10:02 AM", 65, x=121),
        _line("The museum is free for students all of next month.", 132, x=30),
        _line("👍❤844", 182, x=33),
        _line("345 comments 230 shares", 182, x=721),
        _line("Like", 249, x=169),
        _line("Comment", 249, x=435),
        _line("Share", 249, x=847),
    ]
    post = parse_post(_ocr(lines))
    assert post is not None and post.platform == "Facebook" and post.handle is None
    assert (post.display_name, post.timestamp_raw) == ("Lena Demir", "February 23 at 10:02 AM")
    assert (post.counts.likes, post.counts.replies) == (844, 345)
    assert post.body == "The museum is free for students all of next month."


def test_a_telegram_channel_post_with_views_and_clock_run_together() -> None:
    lines = [
        _line("Harbor Market News", 22, x=25),
        _line("49,131 subscribers", 41, x=25),
        _line("Harbor Market News", 91, x=38),
        _line("Honest question: why does every app need my location?", 113, x=37),
        _line("53909:41", 194, x=333),
        _line("Mute", 242, x=206),
    ]
    post = parse_post(_ocr(lines))
    assert post is not None and post.platform == "Telegram"
    assert (post.display_name, post.timestamp_raw, post.counts.views) == (
        "Harbor Market News",
        "09:41",
        539,
    )
    assert post.body == "Honest question: why does every app need my location?"


def test_a_meme_caption_with_like_and_share_in_it_is_no_post() -> None:
    lines = [_line("WHEN YOU LIKE AND SHARE", 10), _line("BUT NOBODY COMMENTS", 400)]
    assert parse_post(_ocr(lines)) is None


def test_two_counts_run_together_and_a_time_after_a_dot() -> None:
    lines = [
        _line("Omar Berger @bergero79.18h", 18, x=84),
        _line("Our team spent the weekend cleaning up the river bank.", 47, x=83),
        _line("321", 109, x=83),
        Line(text="6.3Mlil657", conf=0.9, bbox=(443, 109, 300, 30), engine="test"),
    ]
    post = parse_post(_ocr(lines))
    assert post is not None and (post.handle, post.timestamp_raw) == ("@bergero79", "18h")
    assert post.counts.model_dump() == {  # the reposts cell shows only its icon
        "replies": 321,
        "reposts": None,
        "likes": 6_300_000,
        "views": 657,
    }


def test_a_threads_header_after_an_avatar_mark_and_icons_stuck_to_counts() -> None:
    """'8 holistic.hanna 5h': the avatar read as a digit before the user name; 'Q933' and
    '➢1.1K': the repost and share icons read as glyphs stuck to their counts, each still a
    count (a lone digit right before a count is the icon that is left out)."""
    row = Line(text="4.2K 618 Q933 ➢1.1K", conf=0.9, bbox=(58, 210, 267, 25), engine="test")
    row.words = [
        Word(text=t, conf=0.9, bbox=(x, 210, 60, 25), engine="test")
        for t, x in (("4.2K", 58), ("618", 128), ("Q933", 198), ("➢1.1K", 268))
    ]
    parsed = parse_post(
        _ocr(
            [
                _line("8 holistic.hanna 5h", 80),
                _line("Type 1 diabetics: you don't need insulin forever", 110),
                _line("Blood sugar normal in 30 days.", 140),
                row,
            ]
        )
    )
    assert parsed is not None and (parsed.platform, parsed.handle) == ("Threads", "holistic.hanna")
    assert (parsed.counts.likes, parsed.counts.replies, parsed.counts.reposts) == (4200, 618, 933)


def test_a_facebook_post_under_the_phones_status_bar_is_by_its_page_not_the_clock() -> None:
    lines = [
        _line("18:22", 5, x=10),
        _line("5G", 5, x=330),
        _line("Harlow Valley Community Watch", 50, x=60),
        _line("47m", 80, x=60),
        _line("X", 50, x=380),
        _line("URGENT The Corrin Lake dam has BURST!! Water will reach town", 130),
        _line("within 2 HOURS. Get to high ground NOW and SHARE", 160),
        _line("1.2K 340 comments 2.1K shares", 210),
        _line("Like", 250, x=20),
        _line("Comment", 250, x=150),
        _line("Share", 250, x=300),
    ]
    parsed = parse_post(_ocr(lines))
    assert parsed is not None and parsed.platform == "Facebook"
    assert parsed.display_name == "Harlow Valley Community Watch"
    assert parsed.body is not None and parsed.body.startswith("URGENT")


def test_a_reddit_byline_is_no_display_name() -> None:
    lines = [
        _line("r/personalfinance · Posted by u/quiet_ledger 5h", 10),
        _line("Got a text saying my bank account is locked, is this real?", 50),
        _line("1.2k 214 Comments Share Save", 100),
    ]
    parsed = parse_post(_ocr(lines))
    assert parsed is not None and (parsed.platform, parsed.handle) == ("Reddit", "u/quiet_ledger")
    assert parsed.display_name is None


def test_a_handle_the_text_names_after_a_colon_is_no_author() -> None:
    """A caption that tells its readers where to go ('Flood her page: @…') is no post header."""
    lines = [
        _line("Everyone meet Kayleigh Dunmore, Year 10", 14),
        _line("She thinks she can sing. Let's tell her she", 75),
        _line("Flood her page: @kayleigh.sings.x", 136),
    ]
    assert parse_post(_ocr(lines)) is None
    header = [_line("Kayleigh Dunmore @kayleigh.sings.x · 2h", 14), *lines[:2]]
    post = parse_post(_ocr(header))
    assert post is not None and post.handle == "@kayleigh.sings.x"
