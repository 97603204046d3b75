"""Codes that open what they belong to: a payment card's number and a travel booking's reference
are personal data that section 2 names and never repeats, and --redact masks, even where OCR
reads a card's number as four lines."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from memeaudit import analyze
from memeaudit.blackout import redact_picture
from memeaudit.facts.pii import find_personal_data
from memeaudit.redact import redact
from memeaudit.report import render
from tests.render import FONT


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in find_personal_data(text)]


def test_card_numbers_and_booking_references_are_found_and_look_alikes_are_not() -> None:
    assert _kinds("paid with 4242 4242 4242 4242 last week") == [("card", "4242 4242 4242 4242")]
    drawn = "NORTH GATE BANK\n4539\n7812\n0046\n3318\nVALID 09/29"  # fails Luhn: a drawn card
    assert _kinds(drawn) == [("card", "4539\n7812\n0046\n3318")]
    assert _kinds("Order 1234 5678 9012 3456 shipped") == []  # no Luhn, no card's words
    assert _kinds("BOOKING REF K7QX2P · SEAT 14C") == [("booking", "K7QX2P")]
    assert _kinds("Please keep your booking reference ready") == []


def _card_png() -> bytes:
    lines = ["FINALLY got my first credit card!!!", "NORTH GATE BANK", "4539", "7812", "0046"]
    lines += ["3318", "TASHA BRENNAN  VALID 09/29"]
    image = Image.new("RGB", (820, 60 + 52 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 32)
    for i, line in enumerate(lines):
        draw.text((30, 24 + 52 * i), line, font=font, fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_a_card_on_four_lines_is_named_never_repeated_and_redacted_line_by_line() -> None:
    data = _card_png()
    report = analyze(data, detect=False, semantic=False)
    assert ("card", "4539\n7812\n0046\n3318") in [
        (p.kind, p.text) for p in report.facts.personal_data
    ]
    text = render(report, "md")
    assert "a payment card number" in text
    assert not any(group in text for group in ("4539", "7812", "0046", "3318"))
    masked = redact(report)
    outputs = render(masked, "md") + render(masked, "html") + masked.to_json()
    assert not any(group in outputs for group in ("4539", "7812", "0046", "3318"))
    before = np.asarray(Image.open(io.BytesIO(data)).convert("L"))
    after = np.asarray(
        redact_picture(Image.open(io.BytesIO(data)).convert("RGB"), masked).convert("L")
    )
    assert (before != after).any()  # the number is painted out of the picture


def test_a_fediverse_handle_is_no_email_address() -> None:
    """'@priya@fosstodon.org' is a Mastodon account's name; the same address written plainly
    is an email address."""
    emails = [
        p.text for p in find_personal_data("Priya @priya@fosstodon.org · 3h") if p.kind == "email"
    ]
    assert emails == []
    plain = find_personal_data("Write to priya@fosstodon.org for the slides.")
    assert [p.text for p in plain if p.kind == "email"] == ["priya@fosstodon.org"]
