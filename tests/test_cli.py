from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from memeaudit import __version__
from memeaudit.cli import app

runner = CliRunner()


def _memeaudit(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "memeaudit", *args], input=stdin, capture_output=True, cwd=cwd
    )


def test_version_and_help() -> None:
    assert runner.invoke(app, ["--version"]).stdout.strip() == f"memeaudit {__version__}"
    result = runner.invoke(app, ["analyze", "--help"], terminal_width=100)
    assert result.exit_code == 0
    for option in ("--format", "--output", "--ocr", "--caption-model", "--rules", "--template-dir"):
        assert option in result.stdout


def test_a_bad_image_gives_one_line_and_exit_code_3(tmp_path: Path) -> None:
    fake = tmp_path / "notes.png"
    fake.write_text("just text", encoding="utf-8")
    run = _memeaudit("analyze", str(fake))
    assert run.returncode == 3
    lines = run.stderr.decode().strip().splitlines()
    assert lines == [f"memeaudit: error: {fake}: not a readable image: text"]


def test_verbose_shows_the_traceback(tmp_path: Path) -> None:
    run = _memeaudit("-v", "analyze", str(tmp_path / "missing.png"))
    assert run.returncode != 0 and b"Traceback" in run.stderr


def test_a_bad_rule_file_exits_6(tmp_path: Path, resources: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: topics\nversion: one\n", encoding="utf-8")
    run = _memeaudit("rules", "lint", str(bad))
    assert run.returncode == 6
    assert f"{bad}:2:" in run.stderr.decode()


def test_schema_is_json_schema() -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert {"image", "ocr", "post", "objects", "caption", "sections", "engines"} <= set(
        schema["properties"]
    )


@pytest.mark.slow
def test_stdin_and_output_folder(tmp_path: Path, resources: Path) -> None:
    image = resources / "pytesseract_test.png"
    run = _memeaudit("analyze", "-", "--format", "json", "--no-detect", stdin=image.read_bytes())
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["image"]["path"] == "<bytes>"
    assert "quick brown dog" in report["ocr"]["text"]

    out = tmp_path / "reports"
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"")
    run = _memeaudit("analyze", str(image), str(bad), "-o", str(out), "--no-detect")
    assert run.returncode == 1
    assert (
        (out / "pytesseract_test.md").read_text(encoding="utf-8").startswith("# memeaudit report")
    )
    assert f"{bad}: the file is empty" in run.stderr.decode()
    assert not list(out.glob(".*.tmp")), "no temporary file may be left behind"


@pytest.mark.slow
def test_doctor_lists_every_engine() -> None:
    run = _memeaudit("doctor")
    out = run.stdout.decode()
    assert run.returncode == 0, out
    for name in ("tesseract: 5.", "ppocr: PP-OCRv5", "detector:", "rules:"):
        assert name in out


def test_an_unusable_cache_folder_is_a_one_line_error_or_no_cache_at_all(tmp_path: Path) -> None:
    import os

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(blocker)}
    sample = str(Path(__file__).resolve().parent.parent / "samples" / "benign-meme.png")
    command = [sys.executable, "-m", "memeaudit", "analyze", sample]
    needs_it = subprocess.run(command, capture_output=True, text=True, env=env)  # PP-OCR's folder
    assert needs_it.returncode == 7
    (line,) = [x for x in needs_it.stderr.splitlines() if x.startswith("memeaudit:")]
    assert "cannot create the cache folder" in line and "XDG_CACHE_HOME" in line
    # tesseract alone needs no cache: the topic index and templates are computed instead
    fine = subprocess.run([*command, "--ocr", "tesseract"], capture_output=True, text=True, env=env)
    assert fine.returncode == 0, fine.stderr
    assert "## 5. Legal and Ethical Implications" in fine.stdout
