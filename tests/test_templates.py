from __future__ import annotations

from pathlib import Path

import pytest

from memeaudit.errors import RulesError
from memeaudit.model import Report
from memeaudit.report import render
from tests.synthetic import report_saying

HOSTILE = "<script>alert(1)</script> [click](javascript:alert(1)) {{ 7*7 }} https://evil.example"


def _report(text: str = HOSTILE) -> Report:
    return report_saying(text)


def test_html_escapes_image_text_and_never_evaluates_it() -> None:
    html = _report().to_html()
    assert "<script>alert" not in html and html.count("<script") == 1  # the page's own script
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "{{ 7*7 }}" in html and "49" not in html


def test_markdown_escapes_image_text() -> None:
    md = _report().to_markdown()
    assert "<script>" not in md and "[click](" not in md and "https://evil" not in md
    assert "# memeaudit report: meme\\_1.png" in md


def test_a_user_template_overrides_one_file_and_can_extend_the_default(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text(
        '{% extends "default/report.md.j2" %}{% block footer %}Checked by the desk.{% endblock %}',
        encoding="utf-8",
    )
    md = render(_report("plain text"), "md", tmp_path)
    assert md.rstrip().endswith("Checked by the desk.")
    assert "## 1. T1" in md
    assert "<h2>1. T1</h2>" in render(_report("plain text"), "html", tmp_path)


def test_user_templates_are_sandboxed(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("{{ report.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(RulesError):
        render(_report(), "md", tmp_path)
