"""Score OCR against a folder in the dev-set layout: manifest.csv, images/, gt/."""

from __future__ import annotations

import csv
import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    """Collapse whitespace runs to one space, lower-case, straighten curly quotes."""
    return re.sub(r"\s+", " ", text).strip().lower().translate(_QUOTES)


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(hypothesis: str, truth: str) -> float | None:
    """Levenshtein distance over ground-truth length; None when the truth is empty."""
    hyp, ref = normalise(hypothesis), normalise(truth)
    return levenshtein(hyp, ref) / len(ref) if ref else None


@dataclass(frozen=True)
class Item:
    image: Path
    category: str
    truth: str


def items(folder: Path) -> Iterator[Item]:
    with (folder / "manifest.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            truth = (folder / row["ground_truth_file"]).read_text(encoding="utf-8")
            yield Item(folder / row["file"], row["category"], truth)


def score(folder: Path, readers: dict[str, Callable[[Path], str]]) -> dict[str, dict[str, float]]:
    """{reader: {category: median CER, 'all (mean)': mean CER}} over items with text."""
    per: dict[str, dict[str, list[float]]] = {name: {} for name in readers}
    for item in items(folder):
        for name, read in readers.items():
            value = cer(read(item.image), item.truth)
            if value is not None:
                per[name].setdefault(item.category, []).append(value)
    table: dict[str, dict[str, float]] = {}
    for name, cats in per.items():
        row = {cat: statistics.median(values) for cat, values in sorted(cats.items())}
        row["all (mean)"] = statistics.mean(v for values in cats.values() for v in values)
        table[name] = row
    return table


@dataclass(frozen=True)
class TopicScore:
    hits: int
    correct: int
    labels: int
    benign_hits: int

    @property
    def precision(self) -> float:
        return self.correct / self.hits if self.hits else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labels if self.labels else 1.0


def score_topics(cases: list[tuple[str, set[str]]], find: Callable[[str], set[str]]) -> TopicScore:
    """Micro precision and recall of topic ids over labelled sentences; benign ones have none."""
    hits = correct = labels = benign = 0
    for text, truth in cases:
        found = find(text)
        hits += len(found)
        correct += len(found & truth)
        labels += len(truth)
        benign += len(found) if not truth else 0
    return TopicScore(hits, correct, labels, benign)


def score_by_label(
    cases: list[tuple[str, set[str]]], find: Callable[[str], set[str]]
) -> tuple[dict[str, TopicScore], TopicScore, int]:
    """Per label (a family, or a topic id): precision and recall over labelled sentences; then
    the micro total, and how many benign sentences (no label) fired anything."""
    per: dict[str, list[int]] = {}
    fired_benign = 0
    found_all = [(find(text), truth) for text, truth in cases]
    for found, truth in found_all:
        fired_benign += bool(found) and not truth
        for label in found | truth:
            row = per.setdefault(label, [0, 0, 0, 0])  # hits, correct, labels, benign hits
            row[0] += label in found
            row[1] += label in found and label in truth
            row[2] += label in truth
            row[3] += label in found and not truth
    scores = {label: TopicScore(*row) for label, row in sorted(per.items())}
    total = TopicScore(*(sum(s[i] for s in per.values()) for i in range(4)))
    return scores, total, fired_benign


def ocr_table(folder: Path, engines: list[str]) -> list[str]:
    """`memeaudit eval ocr`: the character error rate per category, a Markdown row per engine."""
    from memeaudit.knowledge.loader import load_knowledge
    from memeaudit.load import load_image
    from memeaudit.ocr import read_text
    from memeaudit.options import Options

    names = load_knowledge().names()

    def reader(choice: str) -> Callable[[Path], str]:
        opts = Options(ocr=choice)  # type: ignore[arg-type]
        return lambda path: read_text(load_image(path), opts, names)[0].text

    table = score(folder, {name: reader(name) for name in engines})
    columns = list(next(iter(table.values())))
    lines = ["| engine | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for name, row in table.items():
        lines.append(f"| {name} | " + " | ".join(f"{row[c]:.3f}" for c in columns) + " |")
    return lines
