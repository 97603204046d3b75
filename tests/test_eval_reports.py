"""`memeaudit eval reports`: the scoring on known sections, the case file's shape, and the command
on real images (two samples and one held-out HTML case rendered in headless Chromium)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from memeaudit.cli import app
from memeaudit.eval_reports import (
    Case,
    case_lines,
    load_cases,
    longest_run,
    score,
    summary_lines,
    words,
)
from tests.browser import missing
from tests.conftest import SAMPLES

CASES = Path(__file__).parent / "data" / "report-cases"
OCR = (
    "Graham Allen @GrahamAllen_1 · 13 Sep BREAKING: the election has been moved to Wednesday "
    "for everyone who votes by mail, officials confirmed this morning in a statement"
)


def _case(**kw: object) -> Case:
    return Case(id="t", kind="post", harm=(), **kw)  # type: ignore[arg-type]


def test_words_ignore_case_edge_punctuation_and_quotes() -> None:
    assert words("“BREAKING: the Election,” he said.") == [
        "breaking",
        "the",
        "election",
        "he",
        "said",
    ]


def test_longest_run_counts_consecutive_shared_words_only() -> None:
    source = words(OCR)
    assert (
        longest_run(source, words("The post says the election has been moved to Wednesday.")) == 7
    )
    assert longest_run(source, words("Wednesday moved been has election the")) == 1
    assert longest_run([], words("anything")) == 0


def test_score_finds_facts_inventions_pastes_and_long_sections() -> None:
    case = _case(
        must={1: ("(?i)x post", "(?i)graham allen"), 4: (r"moved to \w+day",)},
        must_not={2: ("(?i)phishing",), 3: ("(?i)facebook",)},
    )
    sections = {
        1: "An X POST by Graham Allen: “the election has been moved to Wednesday for everyone "
        "who votes by mail, officials confirmed this morning”.",
        2: "It describes phishing. " + "word " * 260,
        3: "The post appears on X.",
        4: "It claims the vote was moved.",
    }
    result = score(case, sections, OCR, paste=12, most=250)
    assert result.found == [(1, "(?i)x post"), (1, "(?i)graham allen")]
    assert result.missed == [(4, r"moved to \w+day")]  # case-insensitive, but must match
    assert result.invented == [(2, "(?i)phishing", "phishing")]
    assert result.pasted == {1: 17}
    assert result.long == {2: 263}
    assert round(result.recall(), 3) == 0.667
    lines = case_lines(result)
    assert lines[0] == "t: recall 2/3, invented 1, pasted s1, over-long s2, prose 4"
    assert "  invented s2: (?i)phishing (matched “phishing”)" in lines
    assert "  prose s3 length: 5 words (outside 40–150)" in lines
    summary = summary_lines([result])
    assert summary[0].startswith("overall: 1 case, fact recall 2/3 = 0.667, invented findings 1")
    assert "| 1 | 1.000 | 2 | 0 | 1 | 0 |" in summary


def test_the_case_file_lists_every_held_out_case_and_the_samples() -> None:
    cases = load_cases(CASES / "cases.yaml")
    folders = {p.name for p in CASES.iterdir() if p.is_dir()}
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)) >= 60
    assert folders <= set(ids)
    samples = {c.id.removeprefix("sample-") for c in cases if c.image is not None}
    assert samples == {p.stem for p in SAMPLES.glob("*.png")}
    for case in cases:
        assert (case.image or case.html).is_file(), case.id  # type: ignore[union-attr]
        assert case.must, case.id
    assert sum(not c.harm for c in cases) >= 12  # benign cases too


@pytest.mark.slow
def test_the_command_on_two_samples_and_a_rendered_case(tmp_path: Path) -> None:
    if reason := missing():
        pytest.skip(reason)
    cases = {
        "cases": [
            {
                "id": "meme",
                "image": str(SAMPLES / "benign-meme.png"),
                "kind": "caption-meme",
                "must": {"1": [r"(?i)\bcat\b", "(?i)zebra"]},
                "must_not": {"2": ["(?i)security"]},  # "No security or privacy issue …"
            },
            {
                "id": "seed",
                "image": str(SAMPLES / "distillation-meme.png"),
                "kind": "post",
                "must": {"4": ["(?i)24,000"]},
            },
            {"folder": str(CASES / "poster-yoga-benign")},
        ]
    }
    file = tmp_path / "cases.yaml"
    file.write_text(yaml.safe_dump(cases), encoding="utf-8")
    args = ["eval", "reports", str(file), "--cache", str(tmp_path / "renders")]
    result = CliRunner().invoke(app, [*args, "--paste-words", "6", "--save", str(tmp_path / "md")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    meme = lines.index(next(line for line in lines if line.startswith("meme: ")))
    # the caption, 10 words, is quoted in section 1: pasted at 6 words, not at the default 12
    assert lines[meme].startswith("meme: recall 1/2, invented 1, pasted s1, over-long -, prose ")
    assert "  missed s1: (?i)zebra" in lines[meme + 1 : meme + 4]
    assert any(line.startswith("seed: recall 1/1, invented 0") for line in lines)
    assert any(line.startswith("poster-yoga-benign: recall ") for line in lines)
    assert not any(line.startswith("  error:") for line in lines), result.output
    assert any(line.startswith("overall: 3 cases, fact recall ") for line in lines)
    assert len(list((tmp_path / "renders").glob("*.png"))) == 1  # the HTML case, cached
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == [
        "meme.md",
        "poster-yoga-benign.md",
        "seed.md",
    ]
