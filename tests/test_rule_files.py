"""Rule files a user gives (--rules, rules lint) are checked whole when loaded: every regular
expression compiles, and YAML anchors and aliases are refused (a few KB of aliases expanded into
minutes of matching). Each problem is one line naming file and line, exit 6."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from memeaudit.errors import RulesError
from memeaudit.knowledge.loader import load_knowledge, parse
from memeaudit.paths import PACKAGE
from memeaudit.yamlload import safe_load

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "benign-meme.png"
FAST = ("--ocr", "tesseract", "--no-detect", "--no-semantic")

TOPIC = """kind: topics
version: 1
pack: test
topics:
  - id: test-topic
    title: "a test topic"
    triggers:
      phrases: ["zebra crossing"]
      regex:
        - 'fine\\s+regex'
        - '{regex}'
    summary: "s"
    risk: "r"
    mitigations: ["m"]
    references:
      - authors: "NIST"
        year: 2024
        title: "T"
    examples:
      positive: ["zebra crossing"]
      negative: ["horse"]
"""


def _memeaudit(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "memeaudit", *args], capture_output=True, text=True, timeout=timeout
    )


def _alias_bomb(path: Path) -> Path:
    sentence = "The quick brown fox jumps over the lazy dog near the riverbank today."
    path.write_text(
        f'kind: benign\nversion: 1\npack: bomb\nsentences:\n  - &a "{sentence}"\n'
        + "  - *a\n" * 5000,
        encoding="utf-8",
    )
    return path


def test_rules_lint_compiles_every_regex(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TOPIC.format(regex="(?:unclosed"), encoding="utf-8")
    run = _memeaudit("rules", "lint", str(bad))
    assert run.returncode == 6, run.stdout + run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"memeaudit: error: {bad}:11: topics.0.triggers.regex.1: ")
    assert "not a valid regular expression" in line and run.stdout == ""
    good = tmp_path / "good.yaml"
    good.write_text(TOPIC.format(regex="zebras?"), encoding="utf-8")
    assert _memeaudit("rules", "lint", str(good)).returncode == 0


def test_analyze_with_a_bad_regex_is_exit_6_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TOPIC.format(regex="[z-a]"), encoding="utf-8")
    run = _memeaudit("analyze", str(SAMPLE), "--rules", str(bad), *FAST)
    assert run.returncode == 6, run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"memeaudit: error: {bad}:11: ")


def test_a_language_file_attribution_pattern_must_compile() -> None:
    text = (PACKAGE / "knowledge" / "kb" / "language.yaml").read_text(encoding="utf-8")
    broken = text.replace("attributions: [", "attributions: ['(?P<speaker>unclosed', ", 1)
    assert broken != text
    with pytest.raises(RulesError, match=r"^lang\.yaml:\d+: attributions\.0: .*regular expression"):
        parse(broken, "lang.yaml")


def test_yaml_aliases_are_refused_at_lint_and_analyze(tmp_path: Path) -> None:
    bomb = _alias_bomb(tmp_path / "bomb.yaml")
    # Refused at the anchor's line, before any alias is expanded (an expansion would not finish
    # within the timeout)
    for command in (("rules", "lint"), ("analyze", str(SAMPLE), *FAST, "--rules")):
        run = _memeaudit(*command, str(bomb), timeout=60)
        assert run.returncode == 6, run.stderr
        assert run.stderr.strip().splitlines() == [
            f"memeaudit: error: {bomb}:5: an anchor (&a): YAML anchors and aliases are not "
            "allowed in memeaudit's files"
        ]


def test_a_merge_key_alias_is_refused_too() -> None:
    text = "kind: benign\nversion: 1\npack: x\nsentences: [a]\nx: {y: 1}\nz:\n  <<: *b\n"
    with pytest.raises(RulesError, match=r"^m\.yaml:7: an alias \(\*b\)"):
        parse(text, "m.yaml")


def test_the_packaged_yaml_files_use_no_anchors() -> None:
    files = [p for p in Path(str(PACKAGE)).rglob("*.y*ml") if p.suffix in (".yaml", ".yml")]
    assert len(files) >= 8
    for path in files:
        safe_load(path.read_text(encoding="utf-8"))  # raises on an anchor or alias
    load_knowledge()
