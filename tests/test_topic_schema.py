"""The topic fields of issue J: guidance, triggers per language, and the minimums lint checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from memeaudit.cli import app
from memeaudit.errors import RulesError
from memeaudit.knowledge.loader import Knowledge, load_knowledge
from memeaudit.model import Facts, TopicHit
from memeaudit.sections.legal import legal
from memeaudit.sections.security import security

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


SPEECH = """kind: topic
version: 1
pack: mine
id: {id}
title: "{id} title"
level: {level}
status: test
tags: [family.{family}]
triggers: {{phrases: ["{id} phrase"]}}
summary: "the {id} summary"
risk: "The {id} risk."
mitigations: ["removal", "account strikes"]
references: [{{authors: "A", year: 2020, title: "T"}}]
examples: {{positive: [a], negative: [b]}}
falsepositives: ["f"]
guidance:
{guidance}
"""


def _guided(tmp_path: Path, **topics: tuple[str, str, str]) -> Knowledge:
    for topic_id, (family, level, guidance) in topics.items():
        path = tmp_path / f"{topic_id}.yaml"
        path.write_text(
            SPEECH.format(id=topic_id, family=family, level=level, guidance=guidance), "utf-8"
        )
    return load_knowledge((tmp_path,))


def _hit(topic_id: str) -> TopicHit:
    return TopicHit(id=topic_id, title=topic_id, matched=[f"{topic_id} phrase"], how="keyword")


def test_harmful_speech_gets_the_policy_question_and_moderation_actions_not_a_cyber_template(
    tmp_path: Path,
) -> None:
    kb = _guided(
        tmp_path,
        hate=(
            "harmful-speech",
            "high",
            '  policy_question: "Does it attack people for a protected characteristic?"\n'
            '  steps: ["removal", "a warning label"]\n'
            '  report_to: ["the platform\'s report tool"]',
        ),
    )
    facts = Facts(topics=[_hit("hate")])
    two = security(kb, facts, None).text
    assert "Mitigations discussed in public literature" not in two
    assert "Platforms usually respond with removal and account strikes" in two
    assert "It can be reported to the platform's report tool." in two
    five = legal(kb, facts).text
    assert five.startswith(
        "The question for a moderator is: Does it attack people for a protected characteristic?"
    )
    assert "Moderation actions can include removal or a warning label." in five


def test_a_scam_gets_verification_steps_and_where_to_report_self_harm_support(
    tmp_path: Path,
) -> None:
    kb = _guided(
        tmp_path,
        scam=(
            "fraud",
            "high",
            '  steps: ["call the bank on the number on your card"]\n'
            '  report_to: ["Action Fraud (UK)", "ReportFraud.ftc.gov (US)"]',
        ),
        selfharm=(
            "harmful-speech",
            "critical",
            '  support: ["988 Suicide & Crisis Lifeline (US)"]',
        ),
    )
    scam = security(kb, Facts(topics=[_hit("scam")]), None).text
    assert "Advice before acting on it: call the bank on the number on your card." in scam
    assert "It can be reported to Action Fraud (UK) or ReportFraud.ftc.gov (US)." in scam
    both = security(kb, Facts(topics=[_hit("scam"), _hit("selfharm")]), None).text
    assert both.startswith("The text in the image describes harmful speech: the selfharm summary.")
    assert "Support is available: 988 Suicide & Crisis Lifeline (US)." in both
    assert "Advice before acting on it" not in both  # guidance is the lead topic's only
