"""--redact and post authors: a private person's account (display name, handle, @mentions) is
personal data and is masked; an organisation the knowledge base knows keeps its name and handle.
Real tesseract on rendered X posts."""

from __future__ import annotations

import io
from dataclasses import replace
from functools import cache

import pytest

from memeaudit import analyze, render
from memeaudit.model import Report
from memeaudit.pipeline import knowledge
from memeaudit.redact import MASK, redact
from tests.post_cards import CARDS
from tests.post_cards import render as draw

pytestmark = pytest.mark.slow
PRIVATE = replace(
    CARDS[0],
    body="Thanks @jo_penrose for the lift home last night. Same time next week?",
)
ORG = replace(
    CARDS[0],
    display_name="OpenAI",
    handle="@OpenAI",
    body="We are rolling out a new voice mode to everyone on the free plan this week.",
)


@cache
def report(card_name: str, redacted: bool) -> Report:
    card = PRIVATE if card_name == "private" else ORG
    buffer = io.BytesIO()
    draw(card).save(buffer, format="PNG")
    return analyze(buffer.getvalue(), redact=redacted)


def outputs(r: Report) -> str:
    return render(r, "md") + render(r, "html") + r.to_json()


def test_a_private_person_is_read_as_the_author_before_redaction() -> None:
    """Guards the next test: the name, handle and mention are in the unredacted report."""
    r = report("private", False)
    assert r.post is not None and r.post.handle == PRIVATE.handle
    text = outputs(r)
    for value in (PRIVATE.display_name or "", PRIVATE.handle or "", "@jo_penrose"):
        assert value in text


def test_a_private_persons_name_handle_and_mentions_are_masked() -> None:
    r = report("private", True)
    text = outputs(r)
    for value in (PRIVATE.display_name or "", PRIVATE.handle or "", "jo_penrose"):
        assert value not in text
    assert r.post is not None and r.post.handle == MASK["handle"]
    assert r.post.display_name == MASK["name"]
    note = r.warnings[-1]
    assert "2 personal handles" in note and "1 private account's name" in note


def test_an_organisation_the_knowledge_base_knows_keeps_its_account() -> None:
    r = report("org", True)
    assert r.post is not None
    assert (r.post.display_name, r.post.handle) == ("OpenAI", "@OpenAI")
    assert MASK["handle"] not in outputs(r)


def test_without_the_knowledge_base_every_account_is_masked() -> None:
    """redact() called alone errs towards masking: no account is known to be public."""
    plain = redact(report("org", False))
    assert plain.post is not None and plain.post.handle == MASK["handle"]
    kept = redact(report("org", False), knowledge().public_accounts())
    assert kept.post is not None and kept.post.handle == "@OpenAI"
