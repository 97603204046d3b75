"""Calibrate the nearest-neighbour topic matcher (memeaudit/facts/semantic.py) on data that is
not the held-out set: the example bank itself and tests/data/topics-dev.yaml.

For each setting of K (neighbours that vote), FLOOR, MARGIN and BENIGN_MARGIN it prints:
- bank recall: each positive or paraphrase example left out of the bank in turn, how often its
  neighbours fire a topic of its family (and how often another family);
- benign fired (2-fold): benign sentences of one half of the bank, with thresholds calibrated
  on a bank that holds only the other half, that fire a topic;
- dev: family precision and recall on topics-dev.yaml with the keywords, and benign fired.

Without --grid the regression's second reading joins in (semantic.fit_linear): on the bank it is
trained on four fifths and reads the fifth left out (5-fold), so no example is read by a model
that saw it; --no-linear leaves it out.

    python benchmarks/topics_knn.py [--grid]

Never run it on tests/data/topics-eval.yaml: that set is for measuring only.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

from memeaudit.facts import semantic
from memeaudit.facts.semantic import TopicIndex, bank_texts, bank_vectors, calibrate, get_embedder
from memeaudit.facts.text import is_prose
from memeaudit.facts.topics import find_topics
from memeaudit.knowledge.loader import load_knowledge
from memeaudit.ocr.language import detect, iso639_1
from memeaudit.yamlload import safe_load

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "topics-dev.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grid", action="store_true", help="try a grid of settings")
    parser.add_argument("--misses", action="store_true", help="list the dev set's misses")
    parser.add_argument("--no-linear", action="store_true", help="the neighbours alone")
    args = parser.parse_args()
    embedder = get_embedder()
    if embedder is None:
        sys.exit("the sentence embedder needs the ml extra")
    kb = load_knowledge()
    topics = list(kb.topics.values())
    texts, owner = bank_texts(topics, tuple(kb.benign))
    ids = [t.id for t in topics]
    families = [t.family() or t.id for t in topics]
    vectors = bank_vectors(embedder, texts)
    owners = np.asarray(owner)
    bank_sims = vectors @ vectors.T
    np.fill_diagonal(bank_sims, -1.0)  # every row left out of its own vote

    rows = safe_load(DEV.read_text(encoding="utf-8"))["sentences"]
    names = kb.names()
    dev = []
    for row in rows:
        lang = iso639_1(detect(row["text"]).language)
        keyword = {kb.topics[h.id].family() for h in find_topics(topics, row["text"], lang)}
        prose = lang in (None, "en") and is_prose(row["text"], names)
        dev.append((row["text"], set(row["families"]), keyword, prose))
    dev_vectors = embedder.embed([d[0] for d in dev])
    dev_sims = dev_vectors @ vectors.T
    linear = not args.grid and not args.no_linear
    print(f"bank: {int((owners >= 0).sum())} examples, {int((owners < 0).sum())} benign; "
          f"dev: {len(dev)} sentences")  # fmt: skip

    grid = (
        itertools.product([3, 5, 7], [0.4, 0.45, 0.5, 0.55], [0.0, -1.0], [0.0, 0.03], [0.4, 0.5])
        if args.grid
        else [(semantic.K, semantic.FLOOR, semantic.MARGIN, semantic.BENIGN_MARGIN, semantic.SHARE)]
    )
    print("| K | floor | margin | benign margin | share | bank recall | bank wrong family | "
          "benign fired (2-fold) | dev P | dev R | dev benign fired |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for k, floor, margin, benign_margin, share in grid:
        semantic.K, semantic.FLOOR, semantic.SHARE = k, floor, share
        semantic.MARGIN, semantic.BENIGN_MARGIN = max(margin, 0.0), benign_margin
        semantic.CALIBRATED = margin >= 0  # a margin of -1: no per-topic thresholds
        index = TopicIndex(ids, families, vectors, owners, [floor] * len(ids))
        index.thresholds = calibrate(index)
        positives = np.flatnonzero(owners >= 0)
        decided = index.decide(bank_sims[positives])
        if linear:
            decided = folded(index, bank_sims, positives)
            index.linear = semantic.fit_linear(index)
        right = sum(
            t >= 0 and families[t] == families[owners[p]]
            for p, (t, _) in zip(positives, decided, strict=True)
        )
        wrong = sum(
            t >= 0 and families[t] != families[owners[p]]
            for p, (t, _) in zip(positives, decided, strict=True)
        )
        fired = 0
        benign = np.flatnonzero(owners < 0)
        for fold in (0, 1):
            held = benign[fold::2]
            keep = np.setdiff1d(np.arange(len(owners)), held)
            half = TopicIndex(ids, families, vectors[keep], owners[keep], [floor] * len(ids))
            half.thresholds = calibrate(half)
            sims = vectors[held] @ vectors[keep].T
            if linear:
                half.linear = semantic.fit_linear(half)
            fired += sum(t >= 0 for t, _ in half.decide(sims, vectors[held] if linear else None))
        hits = correct = labels = benign_fired = 0
        misses = []
        for (text, truth, keyword, prose), (t, score) in zip(
            dev, index.decide(dev_sims, dev_vectors if linear else None), strict=True
        ):
            found = set(keyword)
            if prose and t >= 0:
                found.add(families[t])
            hits += len(found)
            correct += len(found & truth)
            labels += len(truth)
            benign_fired += bool(found) and not truth
            if found != truth:
                misses.append((text, truth, found, ids[t] if t >= 0 else "-", round(score, 3)))
        print(
            f"| {k} | {floor} | {margin} | {benign_margin} | {share} | {right / len(positives):.3f} | "
            f"{wrong / len(positives):.3f} | {fired}/{len(benign)} | "
            f"{correct / max(hits, 1):.3f} | {correct / max(labels, 1):.3f} | {benign_fired} |"
        )
        if args.misses:
            for miss in misses:
                print("   ", miss)


def folded(index: TopicIndex, bank_sims: np.ndarray, rows: np.ndarray) -> list[tuple[int, float]]:
    """The decisions on `rows` of the bank, each row read by neighbours without itself and by a
    regression trained on the four folds that do not hold it."""
    out: dict[int, tuple[int, float]] = {}
    for fold in range(5):
        held = rows[fold::5]
        keep = np.setdiff1d(np.arange(len(index.owner)), held)
        part = TopicIndex(index.ids, index.families, index.vectors[keep], index.owner[keep], [])
        weights = semantic.fit_linear(part)
        index.linear = weights if weights.ndim == 2 else None
        for row, decision in zip(
            held, index.decide(bank_sims[held], index.vectors[held]), strict=True
        ):
            out[int(row)] = decision
    index.linear = None
    return [out[int(r)] for r in rows]


if __name__ == "__main__":
    main()
