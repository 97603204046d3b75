"""Topic packs are one topic per file, in a folder per family, Sigma-style: each topic gives its
`level`, `status`, `tags` and `falsepositives`; a section leads with its most severe topic; a
user's --rules file or folder is loaded (and linted, and fingerprinted) the same way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from memeaudit.errors import RulesError
from memeaudit.knowledge.loader import Knowledge, load_knowledge, parse
from memeaudit.model import Facts, TopicHit
from memeaudit.paths import PACKAGE
from memeaudit.sections.legal import legal
from memeaudit.sections.security import security
from memeaudit.versions import rule_packs

TOPICS = PACKAGE / "knowledge" / "packs" / "topics"
NAMESPACES = {"family", "tspa", "dsa", "openai"}

ONE_TOPIC = """kind: topic
version: 1
pack: mine
id: {id}
title: "{id} title"
level: {level}
status: test
tags: [family.mine]
triggers:
  phrases: ["{phrase}"]
summary: "the {id} summary"
risk: "The {id} risk."
mitigations: ["m"]
references:
  - authors: "NIST"
    year: 2024
    title: "T"
legal: [{note}]
examples:
  positive: ["{phrase}"]
  negative: ["horse"]
falsepositives: ["f"]
"""


def _lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "memeaudit", "rules", "lint", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_every_packaged_topic_is_one_file_named_by_its_id_in_its_familys_folder() -> None:
    files = sorted(TOPICS.rglob("*.yaml"))
    assert len(files) >= 19
    assert not (PACKAGE / "knowledge" / "packs" / "topics.yaml").exists()
    ids = []
    for path in files:
        doc = parse(path.read_text(encoding="utf-8"), str(path))
        assert doc.kind == "topic", f"{path}: one topic per file (kind: topic)"
        ids.append(doc.id)
        assert path.stem == doc.id
        families = [t.split(".", 1)[1] for t in doc.tags if t.startswith("family.")]
        assert families == [path.parent.name], f"{path}: one family tag, the folder's name"
        assert {t.split(".", 1)[0] for t in doc.tags} <= NAMESPACES
        assert doc.falsepositives and doc.level and doc.status
    assert len(ids) == len(set(ids))
    assert set(ids) == set(load_knowledge().topics)


def test_a_one_topic_file_must_give_level_status_tags_and_falsepositives(tmp_path: Path) -> None:
    text = ONE_TOPIC.format(id="mine", level="high", phrase="zebra crossing", note="privacy-law")
    for field in (
        "level: high\n",
        "status: test\n",
        "tags: [family.mine]\n",
        'falsepositives: ["f"]\n',
    ):
        with pytest.raises(RulesError, match=field.split(":")[0]):
            parse(text.replace(field, ""), "mine.yaml")
    with pytest.raises(RulesError, match=r"^mine\.yaml:6: level: "):
        parse(text.replace("level: high", "level: severe"), "mine.yaml")
    with pytest.raises(RulesError, match=r"^mine\.yaml:8: tags\.0: "):
        parse(text.replace("[family.mine]", "[NoNamespace]"), "mine.yaml")


def _hit(topic_id: str) -> TopicHit:
    return TopicHit(id=topic_id, title=f"{topic_id} title", matched=["x"])


def _kb_with(tmp_path: Path, levels: dict[str, str]) -> Knowledge:
    folder = tmp_path / "mine"
    notes = iter(["privacy-law", "computer-misuse", "tos-violation"])
    for i, (topic_id, level) in enumerate(levels.items()):
        (folder / f"f{i}").mkdir(parents=True)
        (folder / f"f{i}" / f"{topic_id}.yaml").write_text(
            ONE_TOPIC.format(
                id=topic_id, level=level, phrase=f"phrase {topic_id}", note=next(notes)
            ),
            "utf-8",
        )
    return load_knowledge((folder,))


def test_section_2_leads_with_the_most_severe_topic_not_the_first(tmp_path: Path) -> None:
    kb = _kb_with(tmp_path, {"minor": "low", "major": "critical", "middle": "medium"})
    facts = Facts(topics=[_hit("minor"), _hit("middle"), _hit("major")])
    text = security(kb, facts, None).text
    assert text.startswith(
        "The text in the image describes a risk: the major summary. The major risk."
    )
    assert text.index("the middle summary") < text.index("the minor summary")
    assert legal(kb, facts).text.startswith(
        "What the image describes (major title; middle title; minor title)"
    )


def test_topics_of_one_level_keep_their_order(tmp_path: Path) -> None:
    kb = _kb_with(tmp_path, {"first": "high", "second": "high"})
    for order in (["first", "second"], ["second", "first"]):
        facts = Facts(topics=[_hit(t) for t in order])
        assert security(kb, facts, None).text.startswith(
            f"The text in the image describes a risk: the {order[0]} summary."
        )


def test_a_rules_folder_is_walked_for_yaml_files_like_the_packaged_packs(tmp_path: Path) -> None:
    kb = _kb_with(tmp_path, {"alpha": "high", "beta": "low"})
    assert {"alpha", "beta"} <= set(kb.topics) and "model-extraction" in kb.topics
    assert kb.sources[-2:] == [
        str(tmp_path / "mine" / "f0" / "alpha.yaml"),
        str(tmp_path / "mine" / "f1" / "beta.yaml"),
    ]
    (tmp_path / "mine" / "notes.txt").write_text("not a rule file", "utf-8")
    assert _lint(tmp_path / "mine").returncode == 0
    assert _lint(TOPICS).returncode == 0  # the packaged folders, as a user would give them


def test_a_bad_file_deep_in_a_rules_folder_names_itself_and_its_line(tmp_path: Path) -> None:
    _kb_with(tmp_path, {"alpha": "high"})
    bad = tmp_path / "mine" / "f0" / "alpha.yaml"
    bad.write_text(bad.read_text("utf-8").replace("status: test", "status: beta"), "utf-8")
    run = _lint(tmp_path / "mine")
    assert run.returncode == 6
    assert run.stderr.strip().splitlines() == [
        f"memeaudit: error: {bad}:7: status: Input should be 'stable', 'test' or 'experimental' "
        f"(1 problem(s); run: memeaudit rules lint {bad})"
    ]


def test_an_empty_rules_folder_is_an_error_not_a_no_op(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"no \.yaml rule file"):
        load_knowledge((tmp_path,))


def test_a_rules_folder_is_fingerprinted_file_by_file(tmp_path: Path) -> None:
    _kb_with(tmp_path, {"alpha": "high", "beta": "low"})
    before = rule_packs((tmp_path / "mine",))
    names = [p["source"] for p in before]
    assert names[-2:] == [
        str(tmp_path / "mine" / "f0" / "alpha.yaml"),
        str(tmp_path / "mine" / "f1" / "beta.yaml"),
    ]
    assert any(n.endswith("packs/topics/ai-security/model-extraction.yaml") for n in names)
    beta = tmp_path / "mine" / "f1" / "beta.yaml"
    beta.write_text(beta.read_text("utf-8").replace("level: low", "level: high"), "utf-8")
    after = rule_packs((tmp_path / "mine",))
    assert after[:-1] == before[:-1] and after[-1] != before[-1]
