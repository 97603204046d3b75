"""One image on every core: tesseract runs one OpenMP thread in its own process, starts beside
PP-OCR and is stopped unread when the cascade does not need it; the models answer ahead on
another thread; a batch worker (MEMEAUDIT_THREADS=1) does everything in order; and the report is
the same either way. Real tesseract, real models, real images."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

import pytesseract
import pytest

from memeaudit.load import load_image
from memeaudit.ocr import read_text
from memeaudit.ocr.tesseract import TesseractEngine
from memeaudit.options import Options

ROOT = Path(__file__).resolve().parent.parent
SURE = ROOT / "samples" / "benign-meme.png"  # PP-OCR is sure of every line: no tesseract
UNSURE = ROOT / "samples" / "distillation-meme.png"  # a line below 0.90: tesseract is fused


@pytest.fixture
def logged_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real tesseract behind a script that logs, per reading (not --version or
    --list-langs), its OMP_THREAD_LIMIT."""
    log = tmp_path / "runs.log"
    script = tmp_path / "tesseract"
    real = pytesseract.pytesseract.tesseract_cmd
    script.write_text(
        f'#!/bin/sh\ncase "$1" in -*) ;; *) echo "threads=${{OMP_THREAD_LIMIT:-unset}}" >> "{log}";; '
        f'esac\nexec {real} "$@"\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(script))
    return log


def test_tesseract_reads_with_one_thread_unless_told(
    logged_tesseract: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = TesseractEngine()
    bgr = load_image(ROOT / "tests" / "resources" / "pytesseract_test.png").bgr
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    first = engine.read(bgr)
    monkeypatch.setenv("OMP_THREAD_LIMIT", "2")
    again = engine.read(bgr)
    assert first == again and "quick brown dog" in " ".join(line.text for line in first)
    assert logged_tesseract.read_text(encoding="utf-8").split() == ["threads=1", "threads=2"]


def test_tesseract_failure_is_engine_failed_and_leaves_no_files(tmp_path: Path) -> None:
    from memeaudit.errors import EngineFailed

    engine = TesseractEngine()
    engine.lang = "nosuchpack"
    before = set(Path(tempfile.gettempdir()).glob("memeaudit-tesseract-*"))
    with pytest.raises(EngineFailed, match="tesseract failed"):
        engine.read(load_image(ROOT / "tests" / "resources" / "pytesseract_test.png").bgr)
    assert set(Path(tempfile.gettempdir()).glob("memeaudit-tesseract-*")) == before


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores")
def test_with_two_cores_tesseract_starts_beside_ppocr_and_is_stopped_unread(
    logged_tesseract: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MEMEAUDIT_THREADS", raising=False)
    before = set(Path(tempfile.gettempdir()).glob("memeaudit-tesseract-*"))
    result, engines = read_text(load_image(SURE), Options())
    assert result.engine == "ppocr" and set(engines) == {"ppocr"}
    assert logged_tesseract.read_text(encoding="utf-8").split() == ["threads=1"]  # it started
    assert set(Path(tempfile.gettempdir()).glob("memeaudit-tesseract-*")) == before
    children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children")
    if children.is_file():  # and it was stopped: no tesseract is left running
        for pid in children.read_text(encoding="utf-8").split():
            cmdline = (
                Path(f"/proc/{pid}/cmdline").read_bytes() if Path(f"/proc/{pid}").exists() else b""
            )
            assert b"tesseract" not in cmdline


def test_a_batch_worker_runs_tesseract_only_when_the_cascade_needs_it(
    logged_tesseract: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEMEAUDIT_THREADS", "1")
    result, _ = read_text(load_image(SURE), Options())
    assert result.engine == "ppocr" and not logged_tesseract.exists()
    result, _ = read_text(load_image(UNSURE), Options())
    assert result.engine == "ppocr+tesseract"
    assert logged_tesseract.read_text(encoding="utf-8").split() == ["threads=1"]


@pytest.mark.slow
@pytest.mark.parametrize("image", [SURE, UNSURE], ids=["sure", "unsure"])
def test_side_by_side_gives_the_report_of_one_thread(
    image: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole report, run in a fresh process each way (engines built with their threads)."""
    import subprocess

    def report(**env: str) -> str:
        run = subprocess.run(
            [sys.executable, "-m", "memeaudit", "analyze", str(image), "--format", "json"],
            capture_output=True,
            text=True,
            env={k: v for k, v in os.environ.items() if k != "MEMEAUDIT_THREADS"} | env,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr
        return run.stdout

    assert report() == report(MEMEAUDIT_THREADS="1")


def _ahead_threads() -> list[str]:
    import threading

    return [t.name for t in threading.enumerate() if t.name == "memeaudit-ahead"]


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores")
def test_while_ocr_reads_another_thread_asks_the_models_what_vision_will_ask(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from memeaudit.ahead import looking_ahead
    from memeaudit.vision import see
    from memeaudit.vision.looks import Looks

    monkeypatch.delenv("MEMEAUDIT_THREADS", raising=False)
    image = load_image(SURE)
    with looking_ahead(image, Options()) as looks:
        assert _ahead_threads() == ["memeaudit-ahead"]
        text, _ = read_text(image, Options())
    assert _ahead_threads() == [] and len(looks) > 0
    answered = len(looks)
    seen, _ = see(image, text, None, Options(), looks)
    assert see(image, text, None, Options(), Looks(image))[0] == seen  # the same vision
    assert len(looks) >= answered


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores")
def test_the_warm_up_steps_run_on_the_other_thread_after_the_questions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from memeaudit.ahead import looking_ahead
    from memeaudit.facts import warm_ups
    from memeaudit.facts.claim_cues import load_cues

    monkeypatch.delenv("MEMEAUDIT_THREADS", raising=False)
    done, where = threading.Event(), []
    steps = [*warm_ups(), lambda: where.append(threading.current_thread().name) or done.set()]
    with looking_ahead(load_image(SURE), Options(), steps) as looks:
        assert done.wait(60)
    assert where == ["memeaudit-ahead"] and len(looks) > 0  # the questions came first
    cues = load_cues()
    every = {(topic, name) for topic, file in cues.files.items() for name in file.cues}
    assert every <= set(cues._compiled)  # the claim finder will find them compiled


def test_a_batch_worker_looks_ahead_on_no_other_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    from memeaudit.ahead import looking_ahead

    monkeypatch.setenv("MEMEAUDIT_THREADS", "1")
    with looking_ahead(load_image(SURE), Options()) as looks:
        assert _ahead_threads() == []
    assert len(looks) == 0


LOADED = """
import sys
from memeaudit.pipeline import analyze
from memeaudit.vision import get_detector
analyze(sys.argv[1], detect=False, semantic=False)
print(get_detector.cache_info().currsize, *sorted(
    m for m in ("memeaudit.nets.minilm", "tokenizers", "memeaudit.redact") if m in sys.modules))
"""


def test_an_analysis_loads_only_what_its_options_need() -> None:
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "MEMEAUDIT_THREADS"}
    run = subprocess.run(
        [sys.executable, "-c", LOADED, str(UNSURE)], capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["0"]  # no detector built; MiniLM, tokenizers, redact not imported
