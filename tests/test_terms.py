"""Amounts and times a text names (memeaudit.facts.terms) and how section 4 gives them: as
written, only where the text raised a harm, never twice."""

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
        ("Your table for 4 is confirmed for Saturday at 7:30pm.", []),  # no amount, no span
        ("Call 01632 960001 or visit Unit 5, Riverside Park.", []),
    ],
)
def test_money_and_spans_of_time_are_found_as_written(text: str, terms: list[str]) -> None:
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


def test_a_harmless_text_gets_no_terms(kb: Knowledge) -> None:
    section = claims(kb, _scam([]), None, OFFER)
    assert "$300" not in section.text and section.text.startswith(
        kb.words("claims")("nothing-found")
    )


def test_a_term_a_claim_already_quotes_is_not_named_again(kb: Knowledge) -> None:
    claim = Claim(text="Price: $300, crypto only.", kind="statistic",
                  figures=[Figure(text="$300", unit="money")])  # fmt: skip
    section = claims(kb, _scam(HARM, [claim]), None, OFFER)
    (named,) = [s.text for s in section.sentences if "amounts and times" in s.text]
    assert named.endswith("as written: “30 seconds”.")  # not “$300” again
