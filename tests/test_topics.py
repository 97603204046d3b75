"""Every topic in the packaged rule packs fires on its positive examples and on nothing else."""

from __future__ import annotations

import pytest

from memeaudit.facts.topics import find_topics, match_topic
from memeaudit.knowledge.loader import load_knowledge

KB = load_knowledge()
TOPICS = list(KB.topics.values())
POSITIVE = [(t.id, s) for t in TOPICS for s in t.examples.positive]
NEGATIVE = [(t.id, s) for t in TOPICS for s in t.examples.negative]


@pytest.mark.parametrize(("topic_id", "sentence"), POSITIVE)
def test_positive_examples_fire_their_topic(topic_id: str, sentence: str) -> None:
    assert match_topic(KB.topics[topic_id], sentence) is not None


@pytest.mark.parametrize(("topic_id", "sentence"), NEGATIVE)
def test_negative_examples_fire_nothing(topic_id: str, sentence: str) -> None:
    assert [hit.id for hit in find_topics(TOPICS, sentence)] == []


def test_the_seed_post_fires_extraction_and_fake_accounts() -> None:
    post = (
        "We’ve identified industrial-scale distillation attacks on our models by DeepSeek, "
        "Moonshot AI, and MiniMax. These labs created over 24,000 fraudulent accounts and generated "
        "over 16 million exchanges with Claude, extracting its capabilities to train and improve "
        "their own models."
    )
    assert {hit.id for hit in find_topics(TOPICS, post)} == {"model-extraction", "fake-accounts"}


@pytest.mark.parametrize(
    "sentence",
    [
        "When it's Monday morning and the coffee machine is broken",
        "I'm phishing for compliments again",
        "My cat injected chaos into the whole weekend",
        "Claude is my favourite model for writing poems",
    ],
)
def test_benign_memes_fire_nothing(sentence: str) -> None:
    assert find_topics(TOPICS, sentence) == []
