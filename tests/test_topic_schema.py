"""The topic fields of issue J: guidance, triggers per language, and the minimums lint checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from memeaudit.cli import app
from memeaudit.errors import RulesError
from memeaudit.knowledge.loader import load_knowledge

TOPIC = """kind: topic
version: 1
pack: mine
id: parcel-smishing
title: "parcel-delivery smishing"
level: high
status: test
tags: [family.fraud]
triggers: {{phrases: ["redelivery fee"]}}
summary: "texts that ask for a small fee to release a parcel"
risk: "The link collects card details."
mitigations: ["check the courier's own app"]
references: [{{authors: "A", year: 2020, title: "T"}}]
examples:
  positive: [{positives}]
  negative: [{negatives}]
falsepositives: ["a real courier notice"]
{extra}
"""
GUIDANCE = """guidance:
  steps: ["Open the courier's own app instead of the link."]
  report_to: ["the platform's report tool"]
languages:
  es: {phrases: ["tarifa de reenvío"], regex: ['paquete\\s+retenido'], examples: ["Su paquete está retenido."]}
  fr: {phrases: ["frais de réexpédition"]}
  de: {phrases: ["Zustellgebühr"]}
  pt: {phrases: ["taxa de reentrega"]}
"""


def _write(tmp_path: Path, positives: int = 8, negatives: int = 5, extra: str = GUIDANCE) -> Path:
    path = tmp_path / "parcel-smishing.yaml"
    text = TOPIC.format(
        positives=", ".join(f'"parcel {i} is held, pay the fee"' for i in range(positives)),
        negatives=", ".join(f'"my parcel {i} arrived"' for i in range(negatives)),
        extra=extra,
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_a_topic_carries_guidance_and_triggers_per_language(tmp_path: Path) -> None:
    topic = load_knowledge((_write(tmp_path),)).topics["parcel-smishing"]
    assert topic.guidance is not None
    assert topic.guidance.report_to == ["the platform's report tool"]
    assert topic.languages["es"].regex == ["paquete\\s+retenido"]
    assert topic.languages["fr"].phrases == ["frais de réexpédition"]
    assert topic.family() == "fraud"
    assert topic.shortfalls() == []


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ("guidance: {}", "guidance"),
        ("languages: {spanish: {phrases: [hola]}}", "languages.spanish"),
        ("languages: {es: {phrases: [a], words: [b]}}", "languages.es.words"),
        ("languages: {es: {regex: ['(unclosed']}}", "languages.es.regex.0"),
    ],
)
def test_bad_guidance_or_language_fields_are_rules_errors(
    tmp_path: Path, extra: str, problem: str
) -> None:
    with pytest.raises(RulesError) as err:
        load_knowledge((_write(tmp_path, extra=extra),))
    assert problem in str(err.value)


def test_lint_warns_of_a_topic_below_the_minimums_and_strict_refuses_it(tmp_path: Path) -> None:
    path = _write(tmp_path, positives=7, negatives=4, extra="")
    runner = CliRunner()
    warned = runner.invoke(app, ["rules", "lint", str(path)])
    assert warned.exit_code == 0, warned.output
    for problem in ("7 positive examples", "4 negative examples", "no guidance", "es, fr, de, pt"):
        assert problem in warned.output
    refused = runner.invoke(app, ["rules", "lint", "--strict", str(path)])
    assert isinstance(refused.exception, RulesError)
    fine = runner.invoke(app, ["rules", "lint", "--strict", str(_write(tmp_path))])
    assert fine.exit_code == 0, fine.output
    assert "warning" not in fine.output
