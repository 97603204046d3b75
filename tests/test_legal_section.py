"""Section 5: the accusation note follows what the text accuses, not every organisation it names."""

from __future__ import annotations

from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import Claim, Entity, Facts, TopicHit
from memeaudit.prose import lint
from memeaudit.sections.legal import accusations, legal

HIT = TopicHit(id="model-extraction", title="model extraction", matched=["distillation attacks"])
NAMED = [
    Entity(name="Anthropic", kind="organization", matched="Anthropic", source="post-author"),
    Entity(name="DeepSeek", kind="organization", matched="DeepSeek", source="post-body"),
]


def _defamation(kb: Knowledge, facts: Facts) -> bool:
    note = kb.legal_note_for("accusation")
    assert note is not None
    return note.issue in legal(kb, facts).text


def test_an_accusation_brings_the_defamation_note(kb: Knowledge) -> None:
    claim = Claim(
        text="DeepSeek ran distillation attacks.", kind="accusation", concerns=["DeepSeek"]
    )
    facts = Facts(entities=NAMED, claims=[claim], topics=[HIT])
    assert accusations(facts) == ["DeepSeek"]
    assert _defamation(kb, facts)


def test_naming_an_organisation_is_no_accusation(kb: Knowledge) -> None:
    claim = Claim(text="DeepSeek served 2 million users.", kind="statistic", concerns=["DeepSeek"])
    facts = Facts(entities=NAMED, claims=[claim], topics=[HIT])
    assert accusations(facts) == []
    assert not _defamation(kb, facts)


def test_section_5_keeps_to_its_budget_and_its_prose(kb: Knowledge) -> None:
    hits = [
        TopicHit(id=topic_id, title=topic_id, matched=["x"])
        for topic_id in ("model-extraction", "phishing", "personal-data-exposure", "deepfake-fraud")
        if topic_id in kb.topics
    ]
    text = legal(kb, Facts(topics=hits)).text
    assert [p for p in lint({5: text}) if p.check != "length" or len(text.split()) > 150] == []
