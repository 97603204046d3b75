"""The kind of screenshot, its platform and its typed fields, on the rendered fixtures of every
kind (tests/kinds: HTML mock-ups in the system Chromium, PNGs cached under cache/kinds/), read
by the real OCR engines; and the platform discipline of sections 1 and 3 over all of them: no
fixture names a platform other than its own."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest

from memeaudit import facts, kinds
from memeaudit.load import load_image
from memeaudit.model import Vision
from memeaudit.ocr import read_text
from memeaudit.options import Options
from memeaudit.pipeline import knowledge
from memeaudit.post import parse_post
from memeaudit.prose import lint
from memeaudit.sections.description import describe
from memeaudit.sections.platforms import platforms
from tests.browser import missing

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(missing() is not None, reason=missing() or ""),
]
SEED = 7  # one fixture of every template; the benchmark (benchmarks/kinds.py) measures more


@pytest.fixture(scope="module")
def readings() -> list[dict[str, Any]]:
    """Each fixture's truth, OCR, parsed post and screen (read once for the module)."""
    from tests.kinds.generate import fixtures, renderer

    out = []
    with renderer() as render:
        for fixture in fixtures(SEED, 1):
            image = load_image(render(fixture))
            ocr, _ = read_text(image, Options())
            post = parse_post(ocr, image.bgr[:, :, ::-1])
            screen = kinds.read_screen(ocr, post)
            out.append(
                {
                    "id": fixture.id,
                    "truth": fixture.truth,
                    "ocr": ocr,
                    "post": post,
                    "screen": screen,
                }
            )
    return out


def _by_kind(readings: list[dict[str, Any]], key: Any) -> dict[str, list[bool]]:
    scores: dict[str, list[bool]] = defaultdict(list)
    for r in readings:
        if (got := key(r)) is not None:
            scores[r["truth"]["kind"]].append(got)
    return scores


def test_every_fixture_gets_its_kind_and_platform(readings: list[dict[str, Any]]) -> None:
    wrong = [
        f"{r['id']}: {r['screen'].kind}/{r['screen'].platform} (cues {r['screen'].cues})"
        for r in readings
        if (r["screen"].kind, r["screen"].platform) != (r["truth"]["kind"], r["truth"]["platform"])
    ]
    kinds_seen = {r["truth"]["kind"] for r in readings}
    assert kinds_seen >= {"post", "chat", "email", "review", "code", "terminal", "poster"}
    assert not wrong, wrong


def test_chats_give_the_contact_and_each_message_s_speaker(readings: list[dict[str, Any]]) -> None:
    chats = [r for r in readings if r["truth"]["kind"] == "chat"]
    assert len(chats) >= 6
    for r in chats:
        chat = r["screen"].chat
        assert chat is not None, r["id"]
        assert chat.contact == r["truth"]["contact"], r["id"]
        assert [m.speaker for m in chat.messages] == r["truth"]["speakers"], r["id"]
        for message, said in zip(chat.messages, r["truth"]["messages"], strict=True):
            # the text as read, without the bubble's time and ticks (OCR may misread a letter)
            assert not re.search(r"\d{1,2}:\d{2}\s*\W*$", message.text), (r["id"], message.text)
            words = [w for w in re.findall(r"[a-z]{4,}", said.lower()) if w in message.text.lower()]
            assert words or len(said) < 12, (r["id"], message.text)


def test_emails_give_the_sender_and_subject(readings: list[dict[str, Any]]) -> None:
    for r in [r for r in readings if r["truth"]["kind"] == "email"]:
        mail, truth = r["screen"].email, r["truth"]
        assert mail is not None
        assert (mail.from_name, mail.from_address, mail.subject) == (
            truth["from_name"],
            truth["from_address"],
            truth["subject"],
        ), r["id"]
        assert mail.body and "regards" not in mail.body.lower()


def test_reviews_give_the_reviewer_and_when(readings: list[dict[str, Any]]) -> None:
    reviews = [r for r in readings if r["truth"]["kind"] == "review"]
    assert {r["truth"]["platform"] for r in reviews} == {"Google", "Trustpilot", "App Store"}
    for r in reviews:
        review = r["screen"].review
        assert review is not None
        assert (review.reviewer, review.date) == (r["truth"]["reviewer"], r["truth"]["time"])
        assert review.rating in (None, r["truth"]["stars"]), r["id"]  # never a wrong rating


def _sections(r: dict[str, Any]) -> tuple[str, str]:
    kb = knowledge(())
    post = kinds.settle_post(r["post"], r["screen"])
    found = facts.extract(kb, r["ocr"], post, Vision(), None, [], r["screen"])
    words = kb.words("description")
    one = describe(r["ocr"], post, Vision(), found, None, screen=r["screen"], words=words)
    return one.text, platforms(kb, found, post, r["screen"]).text


def test_no_fixture_names_a_platform_other_than_its_own(readings: list[dict[str, Any]]) -> None:
    """Sections 1 and 3 of every fixture: the only platform named is the fixture's own, and the
    kinds without one (emails, code, terminals, posters, letters) name none."""
    kb = knowledge(())
    names = {p.name for p in kb.platforms} | {"SMS", "iMessage", "Messenger", "Slack", "Google"}
    names |= {"Trustpilot", "App Store"}
    wrong = []
    for r in readings:
        one, three = _sections(r)
        own = r["truth"]["platform"]
        for name in names - {own, "Messenger" if own == "Facebook" else ""}:
            pattern = rf"(?<![\w.@-]){re.escape(name)}(?![\w-])"
            for number, text in ((1, one), (3, three)):
                if re.search(pattern, text):
                    wrong.append(f"{r['id']} section {number} names {name}: {text}")
    assert not wrong, wrong


def test_the_description_summarises_every_fixture(readings: list[dict[str, Any]]) -> None:
    """What the image is comes first; quotations are text the image shows, never UI chrome or a
    handle; no plural, punctuation or quotation fault; at most 150 words, and at least 25 but on
    code and terminals, whose text is not prose to summarise."""
    for r in readings:
        one, _ = _sections(r)
        assert one.startswith("The image is"), (r["id"], one)
        assert len(one.split()) <= 150
        if r["truth"]["kind"] not in ("code", "terminal"):
            assert len(one.split()) >= 25, (r["id"], one)
        for quoted in re.findall(r"“([^”]*)”", one):
            assert not re.fullmatch(r"@\w+|\d[\d,.]*[KM]?|Type a message|Aa|Message", quoted)
        faults = [p for p in lint({1: one}) if p.section == 1 and p.check != "length"]
        # repeated-fact reads the digits of a handle (@inielsen26) as a figure given twice
        assert not [p for p in faults if p.check != "repeated-fact"], (r["id"], faults, one)
