from __future__ import annotations

import subprocess
import sys
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
    html = render(_report(), "html")
    assert "<script>alert" not in html and html.count("<script") == 1  # the page's own script
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "{{ 7*7 }}" in html and "49" not in html


def test_markdown_escapes_image_text() -> None:
    md = render(_report(), "md")
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


# A template may name only templates inside --template-dir or the packaged ones (issue H #2).
SECRET = "memeaudit-test-secret-7f3a"
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "benign-meme.png"


def _secret_file(tmp_path: Path) -> Path:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def _analyze_with(folder: Path) -> subprocess.CompletedProcess[str]:
    command = ["analyze", str(SAMPLE), "--template-dir", str(folder), "--ocr", "tesseract"]
    return subprocess.run(
        [sys.executable, "-m", "memeaudit", *command, "--no-detect", "--no-semantic"],
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "source",
    [
        "{%% include '%(abs)s' %%}",  # an absolute path
        "{%% include 'default/%(up)s' %%}",  # out of the packaged templates with ..
    ],
)
def test_analyze_refuses_a_template_that_names_a_file_outside(tmp_path: Path, source: str) -> None:
    secret = _secret_file(tmp_path)
    up = "../" * len(ROOT.joinpath("templates").parts) + str(secret).lstrip("/")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "report.md.j2").write_text(source % {"abs": secret, "up": up}, encoding="utf-8")
    run = _analyze_with(folder)
    assert SECRET not in run.stdout + run.stderr
    assert run.returncode == 6, run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith("memeaudit: error: template report.md.j2") and "outside" in line


@pytest.mark.parametrize(
    "source",
    [
        "{%% include '%(abs)s' %%}",
        "{%% extends '%(abs)s' %%}",
        "{%% import '%(abs)s' as x %%}{{ x }}",
        "{%% from '%(abs)s' import y %%}",
        "{%% include 'default/%(up)s' %%}",
        "{%% extends 'default/%(up)s' %%}",
        "{%% include '../elsewhere/secret.txt' %%}",
        "{%% include './report.md.j2' %%}",
        "{%% include ['/nope', '%(abs)s'] %%}",
        "{%% include 'sub\\\\..\\\\..\\\\elsewhere\\\\secret.txt' %%}",
    ],
)
def test_no_template_name_reaches_outside_the_template_folders(tmp_path: Path, source: str) -> None:
    secret = _secret_file(tmp_path)
    up = "../" * len(ROOT.joinpath("templates").parts) + str(secret).lstrip("/")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "report.md.j2").write_text(source % {"abs": secret, "up": up}, encoding="utf-8")
    with pytest.raises(RulesError, match="outside") as caught:
        render(_report("plain text"), "md", folder)
    assert SECRET not in str(caught.value)


def test_a_symlink_in_the_template_folder_may_not_lead_out(tmp_path: Path) -> None:
    secret = _secret_file(tmp_path)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "leak.j2").symlink_to(secret)
    (folder / "sub").symlink_to(secret.parent, target_is_directory=True)
    for name in ("leak.j2", "sub/secret.txt"):
        (folder / "report.md.j2").write_text(f"{{% include '{name}' %}}", encoding="utf-8")
        with pytest.raises(RulesError, match="outside"):
            render(_report("plain text"), "md", folder)
    # the report template itself a symlink out
    (folder / "report.md.j2").unlink()
    (folder / "report.md.j2").symlink_to(secret)
    with pytest.raises(RulesError, match="outside"):
        render(_report("plain text"), "md", folder)


def test_templates_inside_the_folder_still_include_each_other(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    (folder / "parts").mkdir(parents=True)
    (folder / "parts" / "footer.j2").write_text("Checked by the desk.", encoding="utf-8")
    (folder / "alias.j2").symlink_to(folder / "parts" / "footer.j2")  # a link inside is fine
    (folder / "report.md.j2").write_text(
        '{% extends "default/report.md.j2" %}'
        '{% block footer %}{% include "parts/footer.j2" %} {% include "alias.j2" %}{% endblock %}',
        encoding="utf-8",
    )
    md = render(_report("plain text"), "md", folder)
    assert md.rstrip().endswith("Checked by the desk. Checked by the desk.")


@pytest.mark.parametrize("command", ["analyze", "batch", "digest"])
@pytest.mark.parametrize("kind", ["missing", "file"])
def test_an_unusable_template_dir_is_an_error(tmp_path: Path, command: str, kind: str) -> None:
    folder = tmp_path / "templates"
    if kind == "file":
        folder.write_text("not a folder", encoding="utf-8")
    target = {"analyze": str(SAMPLE), "batch": str(SAMPLE), "digest": str(tmp_path)}[command]
    run = subprocess.run(
        [sys.executable, "-m", "memeaudit", command, target, "--template-dir", str(folder)]
        + (["-o", str(tmp_path / "out")] if command == "batch" else []),
        capture_output=True,
        text=True,
    )
    assert run.returncode == 6, run.stderr
    assert run.stderr.strip().splitlines() == [
        f"memeaudit: error: {folder}: --template-dir is not a usable template folder "
        f"({'no such folder' if kind == 'missing' else 'not a folder'})"
    ]
    assert not (tmp_path / "out").exists()
