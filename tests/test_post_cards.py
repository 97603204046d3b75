"""Post screenshots the tests render (tests/post_cards.py), read by the real OCR engines and
parsed: the fields must come out right for X (light, dim, black, timeline), Bluesky, Threads,
Mastodon and Reddit."""

from __future__ import annotations

import io

import pytest

from memeaudit.evaluate import cer
from memeaudit.load import load_image
from memeaudit.ocr import read_text
from memeaudit.options import Options
from memeaudit.post import parse_post
from tests.post_cards import CARDS, Card, render

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("card", CARDS, ids=[c.name for c in CARDS])
def test_post_fields_come_out_right(card: Card) -> None:
    data = io.BytesIO()
    render(card).save(data, "PNG")
    text, _ = read_text(load_image(data.getvalue()), Options())
    post = parse_post(text)
    assert post is not None, text.text
    assert post.platform == card.platform
    assert post.display_name == card.display_name
    assert post.handle == card.handle
    assert post.timestamp == card.timestamp
    assert post.counts.model_dump() == card.counts
    assert cer(post.body or "", card.body) <= 0.05, post.body
    for field in ("platform", "handle"):
        assert 0 < post.confidence[field] <= 1
    if card.display_name is None:
        assert "display_name" not in post.confidence, "a field that is not shown has no confidence"
