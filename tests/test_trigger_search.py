"""trigger_search skips a trigger whose first word is not in the text; it must never skip one that
trigger_pattern would match."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from memeaudit.facts.text import rule_regex, trigger_pattern, trigger_search
from memeaudit.pipeline import knowledge


def _texts(topic) -> list[str]:  # type: ignore[no-untyped-def]
    ex = topic.examples
    return [*ex.positive, *ex.paraphrase, *ex.negative, *topic.falsepositives]


def test_the_packs_triggers_match_as_before_on_every_example() -> None:
    kb = knowledge()
    checked = matched = 0
    for topic in kb.topics.values():
        for text in _texts(topic):
            for phrase in [*topic.triggers.phrases, *topic.triggers.context_any]:
                want = trigger_pattern(phrase).search(text)
                got = trigger_search(phrase, text)
                assert (got and got.span()) == (want and want.span()), (phrase, text)
                checked += 1
                matched += want is not None
    assert checked > 5000 and matched > 200  # the examples do exercise the triggers


def test_inflections_and_joins_are_still_found() -> None:
    cases = {
        "spy": "They spied on her and the spies knew",
        "reply": "Nobody replied",
        "SIM swap": "got SIMswapped last week",
        "scrape": "they were scraping profiles",
        "deepfake": "DEEPFAKES everywhere",
        "seed phrase": "type your Seed-Phrase here",
    }
    for phrase, text in cases.items():
        assert trigger_search(phrase, text) is not None, phrase
    assert trigger_search("spy", "a quiet afternoon") is None


words = st.sampled_from(
    ["scam", "Spy", "reply", "sim", "swap", "x", "İ", "ſcam", "KEY", "i", "k", "s", "-", " "]
)


@given(st.lists(words, min_size=1, max_size=3), st.lists(words, max_size=8), st.booleans())
def test_never_skips_what_the_pattern_matches(
    phrase: list[str], text: list[str], inflect: bool
) -> None:
    p, t = " ".join(phrase), " ".join(text)
    if not p.replace("-", " ").split():
        return
    want = trigger_pattern(p, inflect).search(t)
    assert (trigger_search(p, t, inflect) is None) == (want is None)


def test_rule_regex_is_case_insensitive_and_compiled_once() -> None:
    assert rule_regex(r"seed\s+phrase").search("SEED PHRASE") is not None
    assert rule_regex(r"a+b") is rule_regex(r"a+b")
    assert rule_regex(r"a+b").flags & re.IGNORECASE
