"""Do offline text classifiers add harmful-speech recall to the topic matcher at the same
precision? (issue J #3). Measures hatesonar (an ONNX hate/offensive model) and
alt-profanity-check (a scikit-learn model); both ship their weights in their PyPI packages.

Each classifier's threshold is calibrated on data that is not the held-out set: just above the
highest score any benign sentence reaches (packs/benign*.yaml, every topic's negative examples,
the benign sentences of tests/data/topics-dev.yaml). A sentence then counts as harmful-speech when
the matcher or the classifier says so. Printed: harmful-speech precision and recall on the dev set
and, with --eval FILE, on that file (run it on the held-out set once, to measure, never to tune).

    PYTHONPATH=/tmp/classifiers python benchmarks/topics_classifiers.py [--eval FILE]

The packages need not be in the venv: install them elsewhere (pip install --no-deps --target DIR
hatesonar alt-profanity-check) and put DIR on PYTHONPATH. hatesonar's model asks for the
en_US.UTF-8 locale; where that locale is missing, a copy of the model that uses C.utf8 is made.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from memeaudit.facts import topics_in
from memeaudit.facts.semantic import get_embedder
from memeaudit.knowledge.loader import load_knowledge
from memeaudit.ocr.language import detect, iso639_1
from memeaudit.yamlload import safe_load

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "topics-dev.yaml"
FAMILY = "harmful-speech"


def hatesonar() -> Callable[[list[str]], np.ndarray]:
    """P(hate speech) + P(offensive language), one per text."""
    import onnx
    import onnxruntime as ort
    from hatesonar.api import DEFAULT_MODEL_FILE

    model = onnx.load(str(DEFAULT_MODEL_FILE))
    for node in model.graph.node:
        if node.op_type == "StringNormalizer" and not any(
            a.name == "locale" for a in node.attribute
        ):
            node.attribute.append(onnx.helper.make_attribute("locale", "C.utf8"))
    path = Path(tempfile.mkdtemp()) / "hatesonar.onnx"
    onnx.save(model, str(path))
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])

    def score(texts: list[str]) -> np.ndarray:
        out = []
        for text in texts:
            probs = session.run(None, {"text": np.array([text], dtype=object)})[1][0]
            out.append(float(probs[0]) + float(probs[1]))
        return np.array(out)

    return score


def profanity() -> Callable[[list[str]], np.ndarray]:
    from profanity_check import predict_prob

    return lambda texts: np.asarray(predict_prob(texts), dtype=float)


def _cases(path: Path) -> list[tuple[str, set[str]]]:
    rows = safe_load(path.read_text(encoding="utf-8"))["sentences"]
    return [(row["text"], set(row.get("families") or [])) for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval", type=Path, help="a held-out file to measure on, once")
    args = parser.parse_args()
    embedder = get_embedder()
    if embedder is None:
        sys.exit("the sentence embedder needs the ml extra")
    kb = load_knowledge()
    benign = list(kb.benign) + [n for t in kb.topics.values() for n in t.examples.negative]
    dev = _cases(DEV)
    benign += [text for text, truth in dev if not truth]
    classifiers = {"hatesonar": hatesonar, "alt-profanity-check": profanity}

    def matcher(text: str) -> set[str]:
        lang = iso639_1(detect(text).language)
        return {
            f
            for h in topics_in(kb, text, [text], embedder, lang)
            if (f := kb.topics[h.id].family())
        }

    sets = {"dev": dev} | ({str(args.eval): _cases(args.eval)} if args.eval else {})
    found = {name: [matcher(text) for text, _ in cases] for name, cases in sets.items()}
    print(f"| classifier | threshold | set | {FAMILY} P | R | hits | benign fired |")
    print("|---|---|---|---|---|---|---|")
    for name, cases in sets.items():
        print(_row("matcher alone", None, name, cases, found[name], None))
    for label, make in classifiers.items():
        try:
            score = make()
        except ImportError as err:
            print(f"| {label} | not installed ({err}) | | | | | |")
            continue
        threshold = float(score(benign).max()) + 1e-6
        for name, cases in sets.items():
            scores = score([text for text, _ in cases])
            print(_row(label, threshold, name, cases, found[name], scores))


def _row(
    label: str,
    threshold: float | None,
    name: str,
    cases: list[tuple[str, set[str]]],
    found: list[set[str]],
    scores: np.ndarray | None,
) -> str:
    hits = correct = labels = benign_fired = 0
    for i, ((text, truth), fams) in enumerate(zip(cases, found, strict=True)):
        said = set(fams)
        english = iso639_1(detect(text).language) in (None, "en")
        if scores is not None and threshold is not None and english and scores[i] >= threshold:
            said.add(FAMILY)
        hits += FAMILY in said
        correct += FAMILY in said and FAMILY in truth
        labels += FAMILY in truth
        benign_fired += FAMILY in said and not truth
    precision = correct / hits if hits else 1.0
    recall = correct / labels if labels else 1.0
    shown = f"{threshold:.3f}" if threshold is not None else "-"
    return (
        f"| {label} | {shown} | {name} | {precision:.3f} | {recall:.3f} | {hits} | {benign_fired} |"
    )


if __name__ == "__main__":
    main()
