"""Amounts, spans of time, dates and clock times a text names (memeaudit.facts.terms) and how
section 4 gives them: as written, on harmful and harmless texts alike, never twice."""

from __future__ import annotations

import pytest

from memeaudit.facts.terms import find_terms
from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import Claim, Facts, Figure, TopicHit
from memeaudit.sections.claims import claims

OFFER = (
    "Yes. Send 30 seconds of his voice (YouTube, voicemail, anything). "
    "Most clients use it to get the accounts team to approve a wire. Price: $300, crypto only."
)


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        (OFFER, ["30 seconds", "$300"]),
        ("Pay the balance within 48 hours or a warrant will be issued.", ["48 hours"]),
        ("yeah target has 14 BTC on his exchange, 2FA by SMS only", ["14 BTC"]),
        ("Your table for 4 is confirmed for Saturday at 7:30pm.", ["7:30pm"]),  # 4 is no term
        ("Call 01632 960001 or visit Unit 5, Riverside Park.", []),
        ("Bake sale on Saturday 14 June from 10am to 2 pm.", ["Saturday 14 June", "10am", "2 pm"]),
        ("Polls close at 12 noon, results by March 3, 2026.", ["12 noon", "March 3, 2026"]),
        ("Fire drill at 10:30 sharp; the 2nd floor leaves first.", ["10:30"]),
        (
            "The quote is dated Feb 30th. Version 3.0 ships in 2 seconds flat.",
            ["Feb 30th", "2 seconds"],
        ),
        ("Flat 4B, 12 Dock Street. I may 5 times call, 1:2 odds, back in 3h.", []),
    ],
)
def test_money_spans_dates_and_times_are_found_as_written(text: str, terms: list[str]) -> None:
    assert [t.text for t in find_terms(text)] == terms


def _scam(topics: list[TopicHit], claim: list[Claim] | None = None) -> Facts:
    return Facts(claims=claim or [], topics=topics, terms=find_terms(OFFER))


HARM = [TopicHit(id="deepfake-fraud", title="deepfake fraud", matched=["voice"], how="keyword")]


def test_section_4_names_the_terms_of_a_harmful_text_with_their_evidence(kb: Knowledge) -> None:
    section = claims(kb, _scam(HARM), None, OFFER)
    assert "“30 seconds” and “$300”" in section.text
    assert "gives no figure" not in section.text  # the no-claim sentence does not deny them
    sentence = next(s for s in section.sentences if "“$300”" in s.text)
    assert {(e.rule, e.text) for e in sentence.evidence} == {
        ("facts.terms", "30 seconds"),
        ("facts.terms", "$300"),
    }


def test_a_harmless_text_gives_its_specifics_too(kb: Knowledge) -> None:
    flyer = "Bake sale on Saturday 14 June from 10am. All welcome!"
    section = claims(kb, Facts(terms=find_terms(flyer)), None, flyer)
    assert "“Saturday 14 June” and “10am”" in section.text
    assert "no written claim" in section.text  # still no claim to check
    nothing = claims(kb, Facts(), None, "All welcome!")
    assert nothing.text.startswith(kb.words("claims")("nothing-found"))


def test_a_term_a_claim_already_quotes_is_not_named_again(kb: Knowledge) -> None:
    claim = Claim(text="Price: $300, crypto only.", kind="statistic",
                  figures=[Figure(text="$300", unit="money")])  # fmt: skip
    section = claims(kb, _scam(HARM, [claim]), None, OFFER)
    (named,) = [s.text for s in section.sentences if "specifics" in s.text]
    assert named.endswith("as written: “30 seconds”.")  # not “$300” again
