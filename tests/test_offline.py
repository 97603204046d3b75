"""No network at run time: analyze and batch work with sockets blocked and with the network
unshared. Models load only from installed packages (memeaudit models pull is the one exception)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "distillation-meme.png"

# Runs the CLI in a fresh process whose every attempt to open a connection or resolve a name
# raises, so any network use while engines load or run fails the command.
GUARD = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("memeaudit test: network use is forbidden")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from memeaudit.cli import main
sys.argv = ["memeaudit", *sys.argv[1:]]
main()
"""


def _guarded(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", GUARD, *args], capture_output=True, text=True, timeout=600
    )


def _unshare() -> str:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-n", "true"], capture_output=True).returncode:
        pytest.skip("unshare -n is not available here (needs root or user namespaces)")
    return unshare


def test_analyze_runs_with_sockets_blocked() -> None:
    run = _guarded("analyze", str(SAMPLE), "--format", "json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert len(report["sections"]) == 5 and "24,000" in report["ocr"]["text"]
    assert {"ppocr", "all-MiniLM-L6-v2"} <= set(report["engines"])


def test_batch_runs_with_sockets_blocked(tmp_path: Path) -> None:
    run = _guarded("batch", str(SAMPLE), "-o", str(tmp_path), "-j", "1")
    assert run.returncode == 0, run.stderr
    assert json.loads((tmp_path / "index.jsonl").read_text(encoding="utf-8"))["status"] == "ok"


def test_analyze_and_batch_run_with_the_network_unshared(tmp_path: Path) -> None:
    unshare = _unshare()
    base = [unshare, "-n", sys.executable, "-m", "memeaudit"]
    run = subprocess.run([*base, "analyze", str(SAMPLE)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "## 5. Legal and Ethical Implications" in run.stdout
    images = [str(ROOT / "samples" / n) for n in ("benign-meme.png", "pii-screenshot.png")]
    run = subprocess.run(
        [*base, "batch", *images, "-o", str(tmp_path), "-j", "2"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    rows = (tmp_path / "index.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(row)["status"] for row in rows] == ["ok", "ok"]
