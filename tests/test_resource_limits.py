"""A big image costs bounded time and memory: it is scaled down to the working resolution right
after decoding (a JPEG is decoded scaled), so OCR, vision and the report never hold its full-size
pixels. Measured on real processes, with the peak memory of that one process (its VmHWM)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from memeaudit.load import WORK_PIXELS, load_image, working_size

BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _big(width: int, height: int, words: str) -> Image.Image:
    """A flat white image with big black words: compresses to a few hundred kilobytes."""
    image = Image.new("RGB", (width, height), "white")
    font = ImageFont.truetype(BOLD, height // 12)
    ImageDraw.Draw(image).text((width // 20, height // 3), words, font=font, fill="black")
    return image


# Runs the CLI and, however it ends, writes the process's own peak RSS (VmHWM) to a file.
# Not wait4's ru_maxrss: on Linux that starts from the RSS of the process that forked the child
# (the whole pytest run, models loaded), so it measures the test run, not memeaudit.
PEAK = """
import sys
from memeaudit.cli import main
sys.argv = ["memeaudit", *sys.argv[2:]]
try:
    main()
finally:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(__peak_file__, "w", encoding="ascii") as out:
        out.write(peak)
"""


def _run_measured(
    folder: Path, *args: str
) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run memeaudit; return the finished process, its seconds and its own peak RSS in MB."""
    out, err, peak = folder / "stdout", folder / "stderr", folder / "peak-kb"
    code = PEAK.replace("__peak_file__", repr(str(peak)))
    start = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-c", code, "memeaudit", *args], stdout=stdout, stderr=stderr
        )
        try:
            proc.wait(timeout=600)  # a hang fails the test instead of stalling it
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    seconds = time.perf_counter() - start
    run = subprocess.CompletedProcess(
        proc.args, proc.returncode, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
    )
    return run, seconds, int(peak.read_text(encoding="ascii")) / 1024


@pytest.mark.slow
def test_a_60_megapixel_png_is_analysed_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    _big(10_000, 6_000, "HUGE CANVAS WORDS").save(path, optimize=True)
    assert path.stat().st_size < 2_000_000
    run, seconds, peak_mb = _run_measured(tmp_path, "analyze", str(path), "--format", "json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert "HUGE CANVAS" in report["ocr"]["text"].upper()
    width, height = report["image"]["width"], report["image"]["height"]
    assert width * height <= WORK_PIXELS and abs(width / height - 10 / 6) < 0.01
    assert any("10000x6000" in w and "working resolution" in w for w in report["warnings"])
    assert peak_mb < 900, f"peak {peak_mb:.0f} MB in {seconds:.1f} s"  # 1.55 GB before, 0.54 after


def test_the_working_size_keeps_the_aspect_ratio_and_small_images_as_they_are() -> None:
    assert working_size(1080, 1920) == (1080, 1920)
    width, height = working_size(1170, 30_000)  # a long phone screenshot keeps its height
    assert (
        width * height <= WORK_PIXELS
        and height > 3 * 4096
        and abs(width / 1170 - height / 30_000) < 0.01
    )


def test_a_big_image_is_scaled_down_right_after_decoding() -> None:
    for fmt in ("PNG", "JPEG"):
        out = io.BytesIO()
        _big(6_000, 4_000, "SCALED").save(out, fmt)
        image = load_image(out.getvalue())
        assert image.rgb.size == working_size(6_000, 4_000) == (image.info.width, image.info.height)
    exif = Image.Exif()
    exif[0x0112] = 6  # turn 90° clockwise when shown
    out = io.BytesIO()
    _big(6_000, 4_000, "TURNED").save(out, "JPEG", exif=exif)
    assert load_image(out.getvalue()).rgb.size == working_size(4_000, 6_000)  # upright, scaled
