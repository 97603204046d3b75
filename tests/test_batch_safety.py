"""memeaudit batch keeps OUTDIR safe: one batch at a time, its own outputs never inputs and an
input never overwritten, an index that never shrinks, any file name, special files and symlinks
in input folders, and no unredacted leftovers under a --redact run. Real processes, real files."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from memeaudit.batch.inputs import expand
from memeaudit.batch.outdir import Outdir
from memeaudit.batch.rows import IndexRow
from tests.conftest import RESOURCES, ROOT
from tests.killing import kill_part_way, signature

FAST = ["--no-detect", "--no-semantic", "--ocr", "tesseract", "-j", "1"]


def _batch(
    *args: str, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "memeaudit", "batch", *args, *FAST],
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
    )


def _png(path: Path, text: str) -> Path:
    """A small real PNG with a line of text (different text, different bytes)."""
    image = Image.new("RGB", (220, 48), "white")
    ImageDraw.Draw(image).text((8, 16), text, fill="black")
    image.save(path, "PNG")
    return path


def _rows(outdir: Path) -> list[IndexRow]:
    lines = (outdir / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [IndexRow.model_validate_json(line) for line in lines]


def _one_line(run: subprocess.CompletedProcess, code: int, says: str) -> None:
    lines = run.stderr.decode("utf-8", "replace").strip().splitlines()
    assert run.returncode == code, (run.returncode, lines)
    assert len(lines) == 1 and says in lines[0], lines


# Must-fix 4: two batches into one OUTDIR


@pytest.mark.slow
def test_a_second_batch_refuses_or_waits_while_one_writes_to_outdir(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        shutil.copy(RESOURCES / "skimage_chelsea_cat.png", folder / f"cat{i}.png")
        _png(folder / f"text{i}.png", f"caption number {i}")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "memeaudit", "batch", str(folder), "-o", str(out), *FAST]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    lock = out / ".memeaudit" / "lock"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (
        lock.is_file() and lock.read_text().strip() == str(first.pid)
    ):
        time.sleep(0.02)
    assert first.poll() is None, "the first batch ended before the second could start"
    refused = _batch(str(RESOURCES / "pytesseract_test.png"), "-o", str(out))
    assert first.poll() is None, "the first batch ended before the second was refused"
    _one_line(refused, 7, f"another memeaudit batch (pid {first.pid}) is writing to {out}")
    waiting = subprocess.Popen(
        [*command[:4], str(RESOURCES / "pytesseract_test.png"), "-o", str(out), *FAST,
         "--wait-lock"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    assert waiting.stderr is not None
    said = waiting.stderr.readline().decode()
    assert said.startswith(f"memeaudit: another memeaudit batch (pid {first.pid}) is writing")
    assert "waiting for it to finish" in said
    assert first.poll() is None  # it waits for the first one ...
    assert first.wait(timeout=300) == 0
    assert waiting.wait(timeout=300) == 0  # ... and then runs
    assert [Path(r.path).name for r in _rows(out)] == ["pytesseract_test.png"]
    assert not list(out.rglob("*.tmp"))


# Must-fix 5: OUTDIR inside the inputs


def test_files_memeaudit_did_not_write_are_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    for name in ("run.json", "index.html", "summary.csv", "index.jsonl"):
        _png(folder / name, name)  # images that happen to have these names
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    run = _batch(str(folder), "-o", str(folder), "-f", "html")
    _one_line(run, 7, "memeaudit did not write this file, and the batch would overwrite it")
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    (folder / "index.html").unlink()
    (folder / "thumbs").mkdir()  # a folder of someone's pictures where the batch puts its own
    _png(folder / "thumbs" / "mine.png", "mine")
    for name in ("run.json", "summary.csv", "index.jsonl"):
        (folder / name).unlink()
    run = _batch(str(folder), "-o", str(folder), "-f", "html")
    _one_line(run, 7, f"{folder / 'thumbs'}: is not a folder an earlier memeaudit batch made")


@pytest.mark.slow
def test_a_batch_into_its_own_input_folder_reads_only_the_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    _png(folder / "a.png", "the only input")
    for _ in range(2):  # the rerun finds index.html, thumbs/, reports/ and run.json
        run = _batch(str(folder), "-o", str(folder), "-f", "html", "-f", "json")
        assert run.returncode == 0, run.stderr
        rows = _rows(folder)
        assert [(Path(r.path).name, r.status) for r in rows] == [("a.png", "ok")]
    assert rows[0].resumed  # and it was not redone
    assert len(list((folder / "thumbs").iterdir())) == 1
    page = (folder / "index.html").read_bytes()
    _png(folder / "index.html", "an image saved under that name, after the run")
    picture = (folder / "index.html").read_bytes()
    run = _batch(str(folder), "-o", str(folder), "-f", "html", "-f", "json")
    _one_line(run, 7, f"{folder / 'index.html'}: memeaudit did not write this file")
    assert (folder / "index.html").read_bytes() == picture != page
    run = _batch(str(folder), "-o", str(folder), "-f", "json")  # writes no gallery: an input
    assert run.returncode == 0, run.stderr
    assert sorted(Path(r.path).name for r in _rows(folder)) == ["a.png", "index.html"]
    assert (folder / "index.html").read_bytes() == picture


def test_a_folder_from_before_the_manifest_is_still_the_batchs_own(tmp_path: Path) -> None:
    """An OUTDIR written by an older memeaudit has no .memeaudit/outputs.json: its run record
    vouches for its files, but never for an image at one of their names."""
    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    record = {"memeaudit_version": "0.1.0", "started": "2026-01-01T00:00:00+00:00"}
    (out / "run.json").write_text(json.dumps(record), encoding="utf-8")
    (out / "index.jsonl").write_text('{"path": "x.png", "status": "ok"}\n', encoding="utf-8")
    _png(out / "index.html", "not a gallery")
    found = Outdir.survey(out)
    assert found.owns("run.json") and found.owns("index.jsonl") and not found.owns("index.html")
    found.check(("md",))  # index.html is not written: fine
    found.adopt()
    assert Outdir.survey(out).owns("index.jsonl")  # still, now from the manifest
    assert found(str(out / "reports" / "x.md")) and not found(str(out / "index.html"))


# Must-fix 6: the index never shrinks


@pytest.mark.slow
def test_a_force_rerun_killed_part_way_keeps_every_row(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        _png(folder / f"{i}.png", f"meme text {i} " * 2)
    out = tmp_path / "out"
    assert _batch(str(folder), "-o", str(out)).returncode == 0
    complete = {r.path: r.sha256 for r in _rows(out)}
    assert len(complete) == 5
    # The batch rewrites its index after every image here (INDEX_EVERY = 0), as a long run does
    # every 30 s; each of those indexes must still list every input.
    code = "import sys; import memeaudit.batch.run as run; run.INDEX_EVERY = 0; " \
           "from memeaudit.cli import run as main; main()"  # fmt: skip
    finished = tmp_path / "finished"
    shutil.copytree(out, finished)
    before: list[tuple[int, int, int] | None] = [None]

    def reset() -> None:  # the finished first run, as it was, for each attempt
        shutil.rmtree(out)
        shutil.copytree(finished, out)
        before[0] = signature(out / "index.jsonl")

    def record() -> dict:
        return json.loads((out / "run.json").read_text(encoding="utf-8"))

    kill_part_way(
        [sys.executable, "-c", code, "batch", str(folder), "-o", str(out), *FAST, "--force"],
        # until the rerun has rewritten the index once (one image redone)
        started=lambda: signature(out / "index.jsonl") not in (before[0], None),
        unfinished=lambda: record()["status"] == "running",
        reset=reset,
        timeout=120,
    )
    assert record()["force"]  # the rerun's record: killed, not finished
    assert {r.path: r.sha256 for r in _rows(out)} == complete
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 5


# Must-fix 7: any file name


def test_a_formula_cell_is_defused_after_spaces_and_quotes_too() -> None:
    def cell(value: str) -> str:
        return IndexRow(path=value, status="ok").csv_row()["path"]

    for value in ("=1+1", " =1+1", '"=1+1', "'=1+1", "\t=1", "\r=1", "\n@SUM(A1)", "-2+3",
                  "+1", "@x", " \"'=x", "\uff1d1+1", "\u00a0=1"):  # fmt: skip
        assert cell(value) == "'" + value, value
    for value in ("in/a.png", "ok", "", "1=1", "a-b"):
        assert cell(value) == value


@pytest.mark.slow
def test_odd_file_names_are_written_safely_in_every_format(tmp_path: Path) -> None:
    """A name that is not UTF-8, names with a bare CR or an LF, and names a spreadsheet would
    read as a formula (given relative to the current folder, so that a cell starts with them)."""
    here = tmp_path / "d"
    walked = here / "walked"
    walked.mkdir(parents=True)
    not_utf8 = os.fsdecode(os.fsencode(walked) + b"/caf\xe9-latin1.png")
    for i, name in enumerate([not_utf8, "bare\rreturn.png", "line\nfeed.png"]):
        _png(walked / name, f"odd name {i}")
    given = [b"\xff\xfe.png", b" =1+2.png", b'"=HYPERLINK(x).png']
    for i, name in enumerate(given):
        _png(here / os.fsdecode(name), f"given name {i}")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "memeaudit", "batch", "walked", *given, "-o", str(out),
               "-f", "md", "-f", "json", "-f", "html", *FAST]  # fmt: skip
    run = subprocess.run(command, capture_output=True, cwd=here, timeout=300)
    assert run.returncode == 0, run.stderr
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".json", ".jsonl", ".csv", ".html", ".md"):
            path.read_text(encoding="utf-8")  # all valid UTF-8
    rows = _rows(out)
    assert all(r.status == "ok" for r in rows), [r.error for r in rows]
    paths = [r.path for r in rows]
    assert paths == ["walked/bare\rreturn.png", "walked/caf\\xe9-latin1.png",
                     "walked/line\nfeed.png", "\\xff\\xfe.png", " =1+2.png",
                     '"=HYPERLINK(x).png']  # fmt: skip
    assert len({r.report for r in rows}) == 6
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [r["path"] for r in table] == [*paths[:4], "' =1+2.png", "'\"=HYPERLINK(x).png"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "caf\\xe9-latin1.png" in page and "\\xff\\xfe.png" in page
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["status"] == "finished" and record["counts"]["ok"] == 6
    assert "\\xff\\xfe.png" in record["command"]
    again = subprocess.run(command, capture_output=True, cwd=here, timeout=300)
    assert again.returncode == 0, again.stderr
    assert all(r.resumed for r in _rows(out))


# Should-fix: special files and symlinks in input folders


def test_a_fifo_in_a_folder_is_an_error_row_not_a_hang(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "x.png")  # nobody writes to it: opening it to read would block
    os.mkfifo(folder / "pipe")
    run = _batch(str(folder), "-o", str(tmp_path / "out"), timeout=60)
    assert run.returncode == 1, run.stderr
    rows = {Path(r.path).name: r for r in _rows(tmp_path / "out")}
    assert rows["x.png"].status == "error" and rows["x.png"].error_code == 3
    assert "is a FIFO (named pipe), not a regular file" in (rows["x.png"].error or "")
    assert rows["pipe"].status == "skipped" and "FIFO" in (rows["pipe"].error or "")


def test_symlinks_in_folders_are_skipped_unless_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    _png(outside / "secret.png", "outside the input folder")
    _png(outside / "other.png", "also outside")
    folder = tmp_path / "in"
    folder.mkdir()
    _png(folder / "a.png", "inside")
    (folder / "link.png").symlink_to(outside / "secret.png")
    (folder / "dir").symlink_to(outside)
    (folder / "loop").symlink_to(folder)
    found, skipped = expand([str(folder)])
    assert [Path(i.path).name for i in found] == ["a.png"]
    assert {Path(r.path).name: r.status for r in skipped} == {
        "dir": "skipped",
        "link.png": "skipped",
        "loop": "skipped",
    }
    assert all("--follow-symlinks" in (r.error or "") for r in skipped)
    found, skipped = expand([str(folder)], follow_symlinks=True)
    assert [i.name for i in found] == ["a.png", "link.png", "dir/other.png"]  # each file once
    assert skipped == []  # and the loop ended
    found, _ = expand([str(folder / "link.png")])  # named on the command line: followed
    assert [i.path for i in found] == [str(folder / "link.png")]


def test_a_skipped_symlink_is_a_row_in_the_index(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "link.png").symlink_to(ROOT / "samples" / "benign-meme.png")
    run = _batch(str(folder), "-o", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    (row,) = _rows(tmp_path / "out")
    assert row.status == "skipped" and "symbolic link, not followed" in (row.error or "")


# Must-fix 8, third point: --redact over an unredacted run


@pytest.mark.slow
def test_a_redacted_rerun_leaves_no_unredacted_data_in_outdir(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "samples" / "pii-screenshot.png", folder / "chat.png")
    out = tmp_path / "out"
    formats = ["-f", "md", "-f", "json", "-f", "html"]
    assert _batch(str(folder), "-o", str(out), *formats).returncode == 0
    (row,) = _rows(out)
    report = json.loads((out / row.reports["json"]).read_text(encoding="utf-8"))
    found = [p["text"] for p in report["facts"]["personal_data"]]
    assert any("@" in text for text in found), found  # an email address, at least
    secrets = found + [word for text in found for word in text.split() if len(word) >= 4]
    assert list((out / "thumbs").iterdir())  # the unredacted run made a thumbnail
    run = _batch(str(folder), "-o", str(out), *formats, "--redact")
    assert run.returncode == 0, run.stderr
    for path in out.rglob("*"):  # the journal, reports, index, summary, gallery, run record
        if path.is_file():
            data = path.read_bytes()
            for secret in secrets:
                assert secret.encode() not in data, (secret, path.relative_to(out))
    assert not (out / "thumbs").exists() or not list((out / "thumbs").iterdir())
    (row,) = _rows(out)
    assert row.status == "ok" and not row.resumed
