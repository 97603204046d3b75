from __future__ import annotations

from pathlib import Path

import pytest

from memeaudit.errors import RulesError
from memeaudit.facts.entities import find_entities
from memeaudit.knowledge.loader import Knowledge, load_knowledge


def test_packaged_knowledge_meets_the_minimum(kb: Knowledge) -> None:
    assert len(kb.products) >= 40
    platforms = {p.name for p in kb.platforms}
    assert {
        "X",
        "Threads",
        "Bluesky",
        "Mastodon",
        "Reddit",
        "Facebook",
        "Instagram",
        "TikTok",
        "LinkedIn",
        "YouTube",
        "Telegram",
        "Discord",
    } <= platforms
    assert "model-extraction" in kb.topics


@pytest.mark.parametrize(
    ("text", "name", "provider"),
    [
        ("I asked ChatGPT again", "ChatGPT", "OpenAI"),
        ("the new GPT-4o model", "GPT-4o", "OpenAI"),
        ("Grok answered the prompt", "Grok", "xAI"),
        ("Kimi is a strong model", "Kimi", "Moonshot AI"),
        ("Le Chat by Mistral AI", "Le Chat", "Mistral AI"),
    ],
)
def test_products_resolve_to_providers(kb: Knowledge, text: str, name: str, provider: str) -> None:
    found = {
        (e.name, e.provider)
        for e in find_entities(kb, [("ocr", text)], None)
        if e.kind == "product"
    }
    assert (name, provider) in found


def test_claude_the_person_is_not_the_model(kb: Knowledge) -> None:
    found = find_entities(kb, [("ocr", "Claude and Marie went to the beach on Sunday")], None)
    assert not [e for e in found if e.name == "Claude"]


def test_a_broken_rule_file_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "topics.yaml"
    bad.write_text(
        "kind: topics\nversion: 1\npack: mine\ntopics:\n  - id: x\n    title: t\n"
        "    triggers: {phrases: [a]}\n    summary: s\n    risk: r\n    mitigations: []\n"
        "    references: [{authors: A, year: 2020, title: T}]\n"
        "    examples: {positive: [a], negative: [b]}\n",
        encoding="utf-8",
    )
    with pytest.raises(RulesError) as err:
        load_knowledge((bad,))
    assert f"{bad}:10:" in str(err.value)
    assert "mitigations" in str(err.value)
