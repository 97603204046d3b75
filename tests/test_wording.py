"""The sentences section writers say are data (knowledge/wording/*.yaml): every phrase the code
asks for exists, a user's wording file rewords a sentence without touching Python and within the
fields the code fills in, and the parts the code used to name by id are roles in the data."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from memeaudit.errors import RulesError, TemplateError
from memeaudit.facts import extract
from memeaudit.knowledge.loader import Knowledge, load_knowledge
from memeaudit.model import Claim, Entity, Facts, Figure, OcrResult, TopicHit, Vision
from memeaudit.paths import PACKAGE
from memeaudit.report import render_template
from memeaudit.sections.claims import claims
from memeaudit.sections.legal import legal
from memeaudit.sections.security import security

SECTIONS = Path(str(PACKAGE / "sections"))
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "benign-meme.png"


def _wording(tmp_path: Path, body: str, name: str = "security") -> Path:
    path = tmp_path / "wording.yaml"
    path.write_text(f"kind: wording\nversion: 1\nwording: {name}\nphrases:\n{body}", "utf-8")
    return path


def _keys_in_code() -> dict[str, set[str]]:
    """Phrase keys each writer asks for as a literal, `w("key", …)`, by its `kb.words(NAME)`."""
    used: dict[str, set[str]] = {}
    for path in SECTIONS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
            names = [
                c.args[0].value
                for c in ast.walk(func)
                if isinstance(c, ast.Call)
                and isinstance(c.func, ast.Attribute)
                and c.func.attr == "words"
                and c.args
                and isinstance(c.args[0], ast.Constant)
            ]
            keys = {
                c.args[0].value
                for c in ast.walk(func)
                if isinstance(c, ast.Call)
                and isinstance(c.func, ast.Name)
                and c.func.id == "w"
                and c.args
                and isinstance(c.args[0], ast.Constant)
            }
            for name in names:
                used.setdefault(name, set()).update(keys)
    return used


def test_every_literal_phrase_key_in_the_code_is_in_the_packaged_wording(kb: Knowledge) -> None:
    used = _keys_in_code()
    assert set(used) == {
        "security", "metadata", "links", "platforms", "claims", "legal", "templates", "description",
        "media",
    }  # fmt: skip
    # describe_image hands the templates, description and media wording on to the writers that
    # use it, so its function names them with no literal key of its own.
    assert all(used[n] for n in ("security", "metadata", "links", "platforms", "claims", "legal"))
    for name, keys in used.items():
        assert keys <= set(kb.wording[name]), (name, keys - set(kb.wording[name]))


def test_a_users_wording_file_rewords_a_sentence(tmp_path: Path) -> None:
    mine = _wording(tmp_path, '  nothing-found: "Nothing here for the security desk."\n')
    kb = load_knowledge((mine,))
    assert security(kb, Facts(), None).text == "Nothing here for the security desk."
    hit = TopicHit(id="phishing", title="phishing and credential theft", matched=["x"])
    mine = _wording(tmp_path, '  describes: "Topic: {summary}."\n')
    text = security(load_knowledge((mine,)), Facts(topics=[hit]), None).text
    assert text.startswith("Topic: phishing that lures people into handing over credentials")
    run = subprocess.run(
        [sys.executable, "-m", "memeaudit", "analyze", str(SAMPLE), "--ocr", "tesseract",
         "--no-detect", "--no-semantic", "--rules", str(_wording(tmp_path, '  nothing-found: "All clear."\n', "legal"))],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "## 5. Legal and Ethical Implications\n\nAll clear.\n" in run.stdout


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('  no-such-phrase: "x"\n', 5, "phrases.no-such-phrase: no phrase 'no-such-phrase'"),
        ('  describes: "The {where} describes {secret}."\n', 5, "unknown field {secret}"),
        ('  describes: "{where.__class__}"\n', 5, "only plain {name} fields"),
        ('  describes: "{where!r}"\n', 5, "only plain {name} fields"),
        ('  describes: "The {where describes."\n', 5, "not a usable phrase"),
        ('  touches-on:\n    one: "a"\n    other: "b"\n', 5, "this phrase takes one form"),
    ],
)
def test_a_wording_file_that_does_not_fit_is_one_line_naming_file_and_line(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    mine = _wording(tmp_path, body)
    with pytest.raises(RulesError, match=rf"^{mine}:{line}: .*{re.escape(message)}"):
        load_knowledge((mine,))


def test_rules_lint_checks_a_wording_file(tmp_path: Path) -> None:
    mine = _wording(tmp_path, '  nothing-found: "No {issue} here."\n')
    run = subprocess.run(
        [sys.executable, "-m", "memeaudit", "rules", "lint", str(mine)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 6
    assert run.stderr.startswith(
        f"memeaudit: error: {mine}:5: phrases.nothing-found: unknown field"
    )


def test_a_hedged_claim_reads_as_one_sentence(kb: Knowledge) -> None:
    claim = Claim(text="The model may have leaked data.", hedges=["may"])
    text = claims(kb, Facts(claims=[claim]), None).text
    assert text.startswith(
        "The text in the image suggests, with hedged wording (“may”): “The model may"
    )


def test_a_figure_without_a_unit_is_quoted_without_one(kb: Knowledge) -> None:
    claim = Claim(text="Over 24,000 were made.", figures=[Figure(text="Over 24,000", value=24000)])
    text = claims(kb, Facts(claims=[claim]), None).text
    assert "The figures, exactly as written: “Over 24,000”." in text
    assert "None" not in text


def test_the_accusation_note_is_said_once_even_when_a_topic_lists_it(kb: Knowledge) -> None:
    assert "defamation" in kb.topics["misinformation"].legal
    facts = Facts(
        topics=[TopicHit(id="misinformation", title="misinformation", matched=["x"])],
        entities=[
            Entity(name="X Corp", kind="organization", matched="X Corp", source="post-author"),
            Entity(name="OpenAI", kind="organization", matched="OpenAI", source="post-body"),
        ],
    )
    # The sentence naming the legal issues (after the policy question a topic's guidance asks).
    raises = next(
        s
        for s in legal(kb, facts).sentences
        if any((e.rule or "").startswith("legal:") for e in s.evidence)
    )
    rules = [ev.rule for ev in raises.evidence]
    assert rules.count("legal:defamation") == 1 and len(rules) == len(set(rules))


def test_roles_not_ids_say_which_topic_and_note_the_code_uses(kb: Knowledge) -> None:
    assert kb.topic_for("personal-data").id == "personal-data-exposure"
    assert kb.legal_note_for("accusation").id == "defamation"
    ocr = OcrResult(text="Mail me at jordan@example.org", engine="test", words=[], lines=[])
    mine = Knowledge(**{**kb.__dict__, "topics": dict(kb.topics)})
    mine.topics["personal-data-exposure"] = kb.topics["personal-data-exposure"].model_copy(
        update={"role": None}
    )
    mine.topics["data-breach"] = kb.topics["data-breach"].model_copy(
        update={"role": "personal-data"}
    )
    assert [t.id for t in extract(kb, ocr, None, Vision()).topics] == ["personal-data-exposure"]
    assert [t.id for t in extract(mine, ocr, None, Vision()).topics] == ["data-breach"]


def test_two_topics_with_one_role_are_a_rules_error(tmp_path: Path) -> None:
    text = PACKAGE / "knowledge" / "packs" / "topics" / "privacy" / "personal-data-exposure.yaml"
    copy = tmp_path / "copy.yaml"
    copy.write_text(
        text.read_text(encoding="utf-8").replace("id: personal-data-exposure", "id: my-copy"),
        "utf-8",
    )
    with pytest.raises(RulesError, match="several topics have the role 'personal-data'"):
        load_knowledge((copy,))


def test_a_template_error_has_its_own_class_and_exit_code(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"^template report\.md\.j2 \(line 1\)") as caught:
        render_template("report.md.j2", {}, tmp_path)
    assert caught.value.exit_code == 6
