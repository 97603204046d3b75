"""A post's link card goes through issue K's link checks (issue M #2): a look-alike address on
the card becomes a sentence with the card's domain and evidence, a plain one says nothing. The
post is an HTML mock-up of tests/kinds rendered in headless Chromium, read by the real OCR."""

from __future__ import annotations

import random

import pytest

from memeaudit.knowledge.loader import load_knowledge
from memeaudit.load import load_image
from memeaudit.model import Report
from memeaudit.options import Options
from memeaudit.pipeline import analyze_image
from memeaudit.sections.media import card_link, card_says

pytestmark = pytest.mark.slow


def _card_post(domain: str) -> Report:
    from tests.browser import missing
    from tests.kinds import xposts
    from tests.kinds.generate import renderer

    if reason := missing():
        pytest.skip(reason)
    make = xposts.TEMPLATES["twitter-2019-timeline"]
    fixture = next(
        f for i in range(200) if (f := make(random.Random(f"card{i}"))).truth.get("link_domain")
    )
    fixture.html = fixture.html.replace(fixture.truth["link_domain"], domain)
    with renderer() as render:
        data = render(fixture)
    return analyze_image(load_image(data, name="card.png"), Options())


def test_a_look_alike_address_on_a_link_card_is_said_with_its_evidence() -> None:
    report = _card_post("paypal-account-verify.com")
    card = report.post.link_card if report.post else None
    assert card is not None and "paypal" in card.domain
    kb = load_knowledge()
    said = card_says(card, card_link(card, report.facts.links, kb), kb.words("media"))
    assert len(said) == 1
    text, evidence = said[0]
    assert card.domain in text and "PayPal" in text
    assert evidence[0].rule == "links.lookalike" and evidence[0].bbox == card.bbox
    description = next(s for s in report.sections if s.number == 1)
    assert any(s.text == text for s in description.sentences)  # the report says it
    # Without the facts stage's links, the checks run on the card's own domain.
    assert card_says(card, card_link(card, [], kb), kb.words("media"))[0][0] == text


def test_a_plain_address_on_a_link_card_says_nothing() -> None:
    report = _card_post("example.org")
    card = report.post.link_card if report.post else None
    assert card is not None and card.domain == "example.org"
    kb = load_knowledge()
    assert card_says(card, card_link(card, report.facts.links, kb), kb.words("media")) == []
