"""The held-out evaluation sets keep their format: topics, check-worthy claims, report cases.

These tests check the files' shape only (fields, labels, counts, patterns that compile); they do
not measure memeaudit on them. The sets are written apart from the knowledge base: see the
header comments of tests/data/topics-eval.yaml and tests/data/claims-eval.yaml and
tests/data/report-cases/README.md.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
FAMILIES = {"fraud", "cybercrime", "integrity", "harmful-speech", "privacy", "ai-security"}
LANGS = {"en", "es", "fr", "de", "pt"}
CLAIM_KINDS = {
    "accusation",
    "statistic",
    "causal",
    "health",
    "prediction",
    "promise",
    "reported-speech",
    "breaking",
    "quote",
    "opinion",
    "other",
}
CASE_KINDS = {"post", "chat", "email", "review", "poster", "caption-meme", "terminal"}


def load(name: str) -> list[dict]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["sentences"]


def test_topics_eval_shape_and_counts() -> None:
    sentences = load("topics-eval.yaml")
    per_family: Counter[str] = Counter()
    texts = [s["text"].casefold() for s in sentences]
    assert len(texts) == len(set(texts)), "duplicate sentences"
    for s in sentences:
        assert set(s) == {"text", "families", "lang"}, s
        assert s["lang"] in LANGS, s
        assert set(s["families"]) <= FAMILIES and len(s["families"]) <= 2, s
        per_family.update(s["families"] or ["benign"])
    assert len(sentences) >= 650
    assert all(per_family[f] >= 75 for f in FAMILIES), per_family
    assert per_family["benign"] >= 180
    assert sum(s["lang"] != "en" for s in sentences) >= 40


def test_claims_eval_shape_and_balance() -> None:
    sentences = load("claims-eval.yaml")
    for s in sentences:
        assert set(s) == {"text", "checkworthy", "kind", "lang"}, s
        assert s["kind"] in CLAIM_KINDS and s["lang"] in LANGS, s
        # opinion and other are the not-check-worthy kinds, every other kind is check-worthy
        assert s["checkworthy"] is (s["kind"] not in {"opinion", "other"}), s
    assert len(sentences) >= 250
    share = sum(s["checkworthy"] for s in sentences) / len(sentences)
    assert 0.4 <= share <= 0.5


def test_report_cases_shape() -> None:
    folders = sorted(p for p in (DATA / "report-cases").iterdir() if p.is_dir())
    assert len(folders) >= 40
    harms: Counter[str] = Counter()
    for folder in folders:
        case = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
        page = (folder / "page.html").read_text(encoding="utf-8")
        assert case["id"] == folder.name
        assert case["kind"] in CASE_KINDS, folder
        assert 360 <= case["width"] <= 1200, folder
        assert set(case["harm"]) <= FAMILIES, folder
        assert "<script" not in page and "url(" not in page and "src=" not in page, folder
        for key in ("must", "must_not"):
            for section, patterns in case[key].items():
                assert section in {"1", "2", "3", "4", "5"}, folder
                for pattern in patterns:
                    re.compile(pattern)
        harms.update(case["harm"] or ["benign"])
    assert all(harms[f] >= 1 for f in FAMILIES), harms
    assert harms["benign"] >= 12
