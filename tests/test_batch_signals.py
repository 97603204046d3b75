"""SIGTERM and SIGINT (Ctrl-C) during a batch with two worker processes: the workers stop, the
index lists what finished, run.json says "interrupted", one line is printed, and the exit code is
143 or 130. Real processes, real signals; `communicate` returning at all shows that no process
is left holding the batch's stdout (`memeaudit batch … | cat` ends)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from PIL import Image, ImageDraw

from memeaudit.batch.rows import IndexRow

pytestmark = pytest.mark.slow
IMAGES = 12


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(IMAGES):
        image = Image.new("RGB", (900, 300), "white")
        draw = ImageDraw.Draw(image)
        for line in range(6):
            draw.text((20, 20 + 45 * line), f"meme {i} line {line}: when the batch runs", "black")
        image.save(folder / f"{i:02}.png")
    return folder


@pytest.mark.parametrize(
    ("signum", "code", "whole_group"),
    [(signal.SIGTERM, 143, False), (signal.SIGINT, 130, True)],
    ids=["SIGTERM to the batch", "Ctrl-C to the process group"],
)
def test_a_signal_stops_the_workers_and_writes_what_finished(
    tmp_path: Path, signum: int, code: int, whole_group: bool
) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "memeaudit", "batch", str(folder), "-o", str(out), "-j", "2",
               "--no-detect", "--no-semantic"]  # fmt: skip
    batch = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    done = out / ".memeaudit" / "done"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not list(done.glob("*.json")):
        time.sleep(0.02)
    workers = psutil.Process(batch.pid).children(recursive=True)
    assert len([w for w in workers if w.name() != "tesseract"]) >= 2, workers
    if whole_group:
        os.killpg(batch.pid, signum)  # what a terminal sends on Ctrl-C
    else:
        os.kill(batch.pid, signum)
    stdout, stderr = batch.communicate(timeout=120)
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert alive == [], alive
    finished = {
        IndexRow.model_validate_json(p.read_text(encoding="utf-8")).sha256
        for p in done.glob("*.json")
    }
    lines = stderr.decode().strip().splitlines()
    assert batch.returncode == code, lines
    name = signal.Signals(signum).name
    assert len(lines) == 1 and lines[0].startswith(f"memeaudit: error: interrupted by {name}: ")
    assert f": {len(finished)} of {IMAGES} inputs finished; {out / 'index.jsonl'}" in lines[0]
    assert stdout == b""
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["status"] == "interrupted" and record["signal"] == name
    rows = [IndexRow.model_validate_json(line) for line in (out / "index.jsonl").open()]
    assert 0 < len(rows) < IMAGES, "interrupted mid-run"
    assert {r.sha256 for r in rows} == finished and all(r.status == "ok" for r in rows)
    rerun = subprocess.run(command, capture_output=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    rows = [IndexRow.model_validate_json(line) for line in (out / "index.jsonl").open()]
    assert len(rows) == IMAGES and sum(r.resumed for r in rows) >= len(finished)
