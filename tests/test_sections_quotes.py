"""Sections quote a few words of the image's text, never a long run of it (issue L: "no pasted
section"), and sections 1 and 4 never quote one long span twice. Measured as `memeaudit eval
reports` measures a paste (eval_reports.words and longest_run)."""

from __future__ import annotations

import re

import pytest

from memeaudit.eval_reports import PASTE_WORDS, longest_run, words
from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import Claim, Facts, Figure, Language, Line, OcrResult, Post, Vision
from memeaudit.prose import lint
from memeaudit.sections.claims import claims
from memeaudit.sections.description import describe
from memeaudit.sections.excerpt import BRIEF_WORDS, QUOTE_WORDS, count, excerpt, last_clause

LONG = (
    "These labs created over 24,000 fraudulent accounts and generated over 16 million exchanges "
    "with the model, extracting its capabilities to train and improve their own systems."
)
FIRST = (
    "We have identified industrial-scale distillation attacks on our models by three labs "
    "that we name here today."
)
BODY = f"{FIRST} {LONG}"


def _ocr(text: str) -> OcrResult:
    lines = [
        Line(text=row, conf=0.99, bbox=(10, 10 + 30 * i, 600, 24), engine="test")
        for i, row in enumerate(["Kestrel Labs @kestrel_labs", text, "1.2K 3.4K 18K"])
    ]
    return OcrResult(
        text="\n".join(ln.text for ln in lines),
        engine="test",
        words=[],
        lines=lines,
        language=Language(language="eng"),
    )


def _post() -> Post:
    return Post(platform="X", display_name="Kestrel Labs", handle="@kestrel_labs", body=BODY)


def _claims() -> list[Claim]:
    figures = [
        Figure(text="over 24,000", unit="fraudulent accounts"),
        Figure(text="over 16 million", unit="exchanges"),
    ]
    return [
        Claim(text=FIRST, speaker="Kestrel Labs (@kestrel_labs)", kind="accusation"),
        Claim(
            text=LONG,
            speaker="Kestrel Labs (@kestrel_labs)",
            kind="statistic",
            figures=figures,
            verify=["original-post"],
        ),
    ]


@pytest.mark.parametrize(
    ("text", "keys", "kept"),
    [
        (LONG, ["over 24,000"], "over 24,000 fraudulent accounts"),
        (FIRST, [], "We have identified"),
        ("Scammers used an AI voice clone and took over $25 million from viewers.", ["over $25 million"], "over $25 million"),
        ("PSA: a fake email is going around asking you to confirm your password at a look-alike page.", [], "PSA: a fake email"),
    ],
)  # fmt: skip
def test_an_excerpt_is_a_short_run_of_the_text_holding_its_key(
    text: str, keys: list[str], kept: str
) -> None:
    shown = excerpt(text, keys)
    assert count(shown) <= QUOTE_WORDS
    assert kept in shown
    assert "…" in shown  # cut, and marked so
    run = shown.removeprefix("… ").removesuffix(" …")
    assert run in " ".join(text.split())  # exactly as read


def test_an_excerpt_keeps_a_sentence_that_fits_and_never_ends_on_a_dangling_word() -> None:
    short = "Over 3,000 people in our Discord already reported it."
    assert excerpt(short) == short
    assert not excerpt(FIRST, limit=BRIEF_WORDS).removesuffix(" …").endswith((" on", " by"))


def test_counting_agrees_with_the_paste_measure() -> None:
    for text in (LONG, FIRST, "A & B — C's 2.7 million records / 3% (up)"):
        assert count(text) == len(words(text))


def test_description_gives_the_gist_without_pasting(kb: Knowledge) -> None:
    facts = Facts(claims=_claims())
    section = describe(_ocr(BODY), _post(), Vision(), facts)
    assert longest_run(words(BODY), words(section.text)) < PASTE_WORDS
    assert "“We have identified" in section.text  # the gist, briefly


def test_claims_quote_the_claim_without_pasting(kb: Knowledge) -> None:
    section = claims(kb, Facts(claims=_claims()), _post())
    assert longest_run(words(BODY), words(section.text)) < PASTE_WORDS
    assert "over 24,000 fraudulent accounts" in section.text


def test_sections_1_and_4_never_quote_one_long_span_twice(kb: Knowledge) -> None:
    facts = Facts(claims=_claims())
    one = describe(_ocr(BODY), _post(), Vision(), facts).text
    four = claims(kb, facts, _post()).text
    assert [p for p in lint({1: one, 4: four}) if p.check == "repeated-fact"] == []
    quoted = re.findall(r"“([^”]*)”", one)  # section 1 quotes the claimed sentence briefly
    assert quoted and all(count(q) <= BRIEF_WORDS for q in quoted)


def test_dates_and_amounts_a_quotation_cuts_off_are_still_given(kb: Knowledge) -> None:
    text = "It is 10x cheaper to run than Kestrel-70B and ships to everyone on June 14."
    claim = Claim(text=text, kind="statistic", figures=[Figure(text="10x", unit="cheaper")])
    four = claims(kb, Facts(claims=[claim]), _post()).text
    assert "The claim also gives “June 14”." in four
    assert "“70B”" not in four  # part of a name, not a number of its own
    assert longest_run(words(text), words(four)) < PASTE_WORDS


def test_a_claim_whose_quotation_is_cut_keeps_its_closing_clause_not_a_list_item() -> None:
    text = (
        "These labs created over 24,000 fraudulent accounts and generated over 16 million "
        "exchanges with Claude, extracting its capabilities to train and improve their own models."
    )
    shown = excerpt(text, ["over 24,000"])
    assert "extracting" not in shown
    assert (
        last_clause(text, shown)
        == "extracting its capabilities to train and improve their own models"
    )
    listed = "A party accessed 2.7 million patient records, including names, email addresses and dates of birth."
    assert last_clause(listed, excerpt(listed, ["2.7 million"])) is None
    assert last_clause(text, text) is None  # quoted whole: nothing was cut
