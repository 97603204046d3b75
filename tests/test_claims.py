"""Claims worth checking (issue L #1): the finder on its labelled dev set, the issue's own
examples, how each claim is framed, and section 4's prose."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from memeaudit.eval_claims import score
from memeaudit.facts.claims import find_claims
from memeaudit.knowledge.loader import Knowledge, load_knowledge
from memeaudit.model import Claim, Facts, Post
from memeaudit.sections.claims import claims
from memeaudit.yamlload import safe_load

DEV = Path(__file__).parent / "data" / "claims-dev.yaml"
GRAHAM = Post(
    platform="X", display_name="Graham Allen", handle="@GrahamAllen_1", timestamp_raw="13 Sep"
)


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


def _claims(kb: Knowledge, text: str, post: Post | None = None, caption: str = "") -> list[Claim]:
    author = None
    if post is not None:
        author = f"{post.display_name} ({post.handle})" if post.handle else post.display_name
    assert kb.language is not None
    return find_claims(
        text, author, kb.language, [], kb.names(), caption=caption, post=post is not None
    )


def test_the_dev_set_meets_the_targets(kb: Knowledge) -> None:
    rows = safe_load(DEV.read_text(encoding="utf-8"))["sentences"]
    assert len(rows) >= 200
    assert {r["lang"] for r in rows} == {"en", "es", "fr", "de", "pt"}
    result = score(rows, kb.names())
    assert result.precision >= 0.9 and result.recall >= 0.85, result.errors


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Trump is openly bribing foreign governments to attack our election", "accusation"),
        ("650 IT leaders weighed in", "statistic"),
        ("People are increasingly getting SIM swapped", "statistic"),
        ("Politico reports that the agency ignored the warnings", "reported-speech"),
        ("According to police, the suspect fled on foot", "reported-speech"),
        ("You will receive 0.2 BTC for every 0.1 BTC you send", "promise"),
        ("BREAKING: The airport is closed after a drone sighting", "breaking"),
        ("Vaccines cause autism in young children", "health"),
        ("The heatwave was caused by the new dam upstream", "causal"),
        ("The euro will collapse by next summer", "prediction"),
        ("The debate was a disaster", "opinion"),
    ],
)
def test_the_issues_examples_are_found_with_their_kind(kb: Knowledge, text: str, kind: str) -> None:
    found = _claims(kb, text)
    assert [c.kind for c in found] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "When it's Monday morning and the coffee machine is broken",
        "Call me back on 07700 900123 when you can",
        "Click the link below to verify your account",
        "Can you pick up milk on the way home?",
        "Your order #48213 has shipped",
    ],
)
def test_chatter_jokes_and_instructions_are_no_claims(kb: Knowledge, text: str) -> None:
    assert _claims(kb, text) == []


def test_an_accusation_says_who_asserts_it_whom_it_concerns_and_what_verifies_it(
    kb: Knowledge,
) -> None:
    (claim,) = _claims(
        kb, "Trump is openly bribing foreign governments to attack our election.", GRAHAM
    )
    assert claim.speaker == "Graham Allen (@GrahamAllen_1)"
    assert claim.concerns == ["Trump"]
    assert claim.verify[0] == "original-post"
    assert {"election-authority", "organisation-statement"} <= set(claim.verify)


def test_a_quoted_outlet_is_the_source_and_its_article_verifies_it(kb: Knowledge) -> None:
    (claim,) = _claims(
        kb, "A new Politico report says the White House blocked the inquiry.", GRAHAM
    )
    assert claim.speaker == "Politico"
    assert "outlet-article" in claim.verify
    assert "the White House" in claim.concerns


def test_figures_are_exact_and_a_phone_number_is_none(kb: Knowledge) -> None:
    (claim,) = _claims(kb, "Over 1,200 flights were cancelled; call 0800 900123 for refunds.")
    assert [(f.text, f.unit) for f in claim.figures] == [("Over 1,200", "flights")]


def test_hedges_are_kept(kb: Knowledge) -> None:
    (claim,) = _claims(kb, "The minister might have lied to parliament about the report.")
    assert claim.kind == "accusation" and claim.hedges == ["might"]
    (claim,) = _claims(kb, "The minister reportedly hid the report from parliament.")
    assert claim.kind == "reported-speech" and claim.hedges == ["reportedly"]


def test_the_pictures_caption_makes_claims_of_its_own(kb: Knowledge) -> None:
    found = _claims(kb, "Look at this.", GRAHAM, caption="BREAKING: Flights grounded across Europe")
    assert [(c.kind, c.caption, c.speaker) for c in found] == [("breaking", True, None)]


DOUBLED = re.compile(r"[.,;:!?][”\"’]?[.,;:]|\s[.,;:]|\(\)|“”")


def _check_prose(text: str) -> None:
    words = len(text.split())
    assert 40 <= words <= 150, (words, text)
    assert not DOUBLED.search(text), text
    assert not re.search(r"\b(?:1|one) (?:claims|statistics|accusations)\b", text), text
    assert not re.search(r"\bThey are worth checking as an? \w+\.", text), text


@pytest.mark.parametrize(
    ("text", "post"),
    [
        ("Trump is openly bribing foreign governments to attack our election. The debate was a disaster.", GRAHAM),
        ("650 IT leaders weighed in.", Post(platform="LinkedIn", display_name="Acme Research")),
        ("People are increasingly getting SIM swapped.", None),
        ("BREAKING: Politico reports that the White House blocked the inquiry.", GRAHAM),
        ("Send 0.1 BTC and you will receive 0.2 BTC back. Only today!", GRAHAM),
        ("Introducing Kestrel-70B with 71.3% on SWE-bench. It is 10x cheaper than our last model.", GRAHAM),
        ("Garlic cures the flu, my aunt who works at the clinic says. Lemon water reverses diabetes. 3 in 4 doctors agree.", None),
        ("When it's Monday morning and the coffee machine is broken", None),
        ("Honestly the finale was a complete mess.", None),
    ],
)  # fmt: skip
def test_section_4_reads_like_the_seed(kb: Knowledge, text: str, post: Post | None) -> None:
    section = claims(kb, Facts(claims=_claims(kb, text, post)), post)
    _check_prose(section.text)


def test_statistics_agree_in_number(kb: Knowledge) -> None:
    text = "Rents rose 37% in two years. Over 1,200 flights were cancelled."
    section = claims(kb, Facts(claims=_claims(kb, text, GRAHAM)), GRAHAM)
    assert "They are worth checking as statistics." in section.text


def test_an_image_without_text_is_not_said_to_have_text(kb: Knowledge) -> None:
    section = claims(kb, Facts(), None, text="")
    assert "text in the image" not in section.text and "image's text" not in section.text
    _check_prose(section.text)


def test_an_opinion_is_framed_as_opinion(kb: Knowledge) -> None:
    section = claims(kb, Facts(claims=_claims(kb, "The debate was a disaster.")), None)
    assert "opinion, “The debate was a disaster”" in section.text
    assert "no written claim" in section.text


def test_a_post_header_run_into_a_breaking_claim_is_not_quoted(kb: Knowledge) -> None:
    text = "Graham Allen @GrahamAllen_1 · 13 Sep BREAKING: Flights are grounded across Europe"
    (claim,) = _claims(kb, text)
    assert claim.kind == "breaking"
    assert claim.text == "BREAKING: Flights are grounded across Europe"


def test_a_specification_is_no_one_a_claim_concerns() -> None:
    """'300 Gbps L4/L7 … bypasses most CDNs': units, words with digits and plural acronyms are
    not names, so no claim is 'an accusation against Gbps L4, L7 and CDNs'."""
    from memeaudit.facts.checkworthy import names_in

    assert names_in("StressForge v4 is live: 300 Gbps L4/L7 attacks that bypass most CDNs.") == [
        "StressForge"
    ]
    assert names_in("Pfizer hid the data from the FDA.") == ["Pfizer", "FDA"]


def test_words_in_capitals_for_emphasis_are_no_names_and_acronyms_still_are() -> None:
    from memeaudit.facts.checkworthy import names_in

    assert names_in("URGENT The Corrin Lake dam has BURST!!") == ["Corrin Lake"]
    assert names_in("Get to high ground NOW and SHARE before they delete this!!!") == []
    assert names_in("Scientists at MIT and the NHS found it.") == ["MIT", "NHS"]
