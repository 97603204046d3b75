"""Semantic topic triggers with all-MiniLM-L6-v2, measured on the paraphrase set in tests/data
(sentences that appear in no rule's examples; the thresholds never see them)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from memeaudit.evaluate import score_topics
from memeaudit.facts import topics_in
from memeaudit.facts.semantic import get_embedder, semantic_topics
from memeaudit.facts.topics import find_topics
from memeaudit.knowledge.loader import load_knowledge

pytestmark = pytest.mark.slow
KB = load_knowledge()
TOPICS = list(KB.topics.values())
CASES = [
    (c["text"], set(c["topics"]))
    for c in yaml.safe_load(
        (Path(__file__).parent / "data" / "paraphrases.yaml").read_text(encoding="utf-8")
    )["sentences"]
]


@pytest.fixture(scope="module")
def embedder():  # type: ignore[no-untyped-def]
    found = get_embedder()
    if found is None:
        pytest.skip("the sentence embedder needs the ml extra")
    return found


def test_the_paraphrase_set_is_big_enough_and_labelled_with_real_topics() -> None:
    assert len(CASES) >= 40
    assert sum(1 for _, topics in CASES if not topics) >= 10
    ids = {t.id for t in TOPICS}
    assert all(topics <= ids for _, topics in CASES)


def test_a_paraphrase_no_keyword_catches_fires_by_similarity(embedder) -> None:  # type: ignore[no-untyped-def]
    text = "They siphoned millions of answers from the chatbot to train a rival model."
    assert find_topics(TOPICS, text) == []
    (hit,) = semantic_topics(embedder, TOPICS, [text])
    assert hit.id == "model-extraction" and hit.how == "similarity"
    assert hit.score is not None and hit.score >= 0.5 and hit.matched == [text]


def _families(ids: set[str]) -> set[str]:
    """Topic ids as their families: the paraphrase set was labelled before broad topics were
    split into narrower ones (online-scams into crypto-giveaway, job-scams, ...), so a sentence
    is right when it fires a topic of the family its label belongs to."""
    return {KB.topics[i].family() or i for i in ids}


def test_every_paraphrase_label_is_a_known_topic() -> None:
    assert {i for _, ids in CASES for i in ids} <= set(KB.topics)


def test_similarity_adds_recall_and_keeps_most_precision(embedder) -> None:  # type: ignore[no-untyped-def]
    def keywords(text: str) -> set[str]:
        return _families({h.id for h in find_topics(TOPICS, text)})

    def both(text: str) -> set[str]:
        return _families({h.id for h in topics_in(KB, text, [text], embedder)})

    cases = [(text, _families(ids)) for text, ids in CASES]
    alone, combined = score_topics(cases, keywords), score_topics(cases, both)
    assert combined.recall > alone.recall + 0.2
    assert combined.precision >= 0.75
    assert combined.benign_hits == 0


def test_a_users_benign_sentences_raise_the_thresholds(embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "They siphoned millions of answers from the chatbot to train a rival model."
    assert {h.id for h in topics_in(KB, text, [text], embedder)} == {"model-extraction"}
    extra = tmp_path / "benign.yaml"
    extra.write_text(
        "kind: benign\nversion: 1\npack: mine\nsentences:\n"
        '  - "They siphoned millions of answers from the chatbot to train a rival model."\n',
        encoding="utf-8",
    )
    assert topics_in(load_knowledge((extra,)), text, [text], embedder) == []


def test_a_cached_topic_index_equals_a_fresh_one(embedder, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from memeaudit.facts.semantic import build_index

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = build_index(embedder, TOPICS, tuple(KB.benign))
    (cached_file,) = (tmp_path / "memeaudit" / "topic-index").glob("*.npz")
    cached = build_index(embedder, TOPICS, tuple(KB.benign))
    assert cached.thresholds == fresh.thresholds and cached.owner == fresh.owner
    assert cached.anchors.shape == fresh.anchors.shape
    assert float(np.abs(cached.anchors - fresh.anchors).max()) == 0.0
    build_index(embedder, TOPICS, ("A brand new benign sentence about gardening.",))
    assert len(list(cached_file.parent.glob("*.npz"))) == 2  # other inputs, another file
