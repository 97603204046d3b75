"""Only regular files are read, and only up to a size limit: a FIFO, a device or an oversized file
is refused in one line with exit 3, fast, instead of hanging or reading until memory runs out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from memeaudit.errors import InputError
from memeaudit.inputfile import MAX_BYTES, read_bytes

RESOURCES = Path(__file__).resolve().parent / "resources"
PNG = RESOURCES / "pytesseract_test.png"


def _analyze(*args: str, stdin: object = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    """The CLI in a real process; a hang fails the test through the timeout."""
    return subprocess.run(
        [sys.executable, "-m", "memeaudit", "analyze", *args, "--no-detect", "--no-semantic"],
        stdin=stdin,  # type: ignore[arg-type]
        capture_output=True,
        text=True,
        timeout=60,
    )


def _refused(run: subprocess.CompletedProcess[str], says: str) -> None:
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 3, (run.returncode, run.stderr)
    assert len(lines) == 1 and says in lines[0], lines
    assert run.stdout == "" and "Traceback" not in run.stderr


def test_a_fifo_named_like_an_image_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "x.png"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it for reading would block forever
    run = _analyze(str(fifo))  # a read that blocks fails through _analyze's timeout
    _refused(run, f"{fifo}: is a FIFO (named pipe), not a regular file")
    with pytest.raises(InputError, match="is a FIFO"):
        read_bytes(fifo)


def test_a_link_to_a_fifo_is_refused_too(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link.png").symlink_to(tmp_path / "pipe")
    with pytest.raises(InputError, match="is a FIFO"):
        read_bytes(tmp_path / "link.png")


def test_dev_zero_is_refused_at_once() -> None:
    run = _analyze("/dev/zero")  # an endless read fails through _analyze's timeout
    _refused(run, "/dev/zero: is a character device, not a regular file")


def test_an_oversized_file_is_refused_from_its_size(tmp_path: Path) -> None:
    sparse = tmp_path / "huge.png"
    with sparse.open("wb") as out:
        out.truncate(MAX_BYTES + 1)  # sparse: takes no disk, reads as zeros
    _refused(
        _analyze(str(sparse)), f"is {MAX_BYTES + 1:,} bytes, over the {MAX_BYTES:,} byte limit"
    )
    _refused(_analyze(str(PNG), "--max-bytes", "1000"), "over the 1,000 byte limit")


def test_stdin_is_read_with_the_size_limit() -> None:
    with open("/dev/zero", "rb") as zeros:
        run = _analyze("-", "--max-bytes", "5000000", stdin=zeros)
    _refused(run, "standard input holds over 5,000,000 bytes")


def test_a_regular_file_and_stdin_under_the_limit_still_load(tmp_path: Path) -> None:
    data = PNG.read_bytes()
    assert read_bytes(PNG, max_bytes=len(data)) == (str(PNG), data)
    with pytest.raises(InputError, match="over the"):
        read_bytes(PNG, max_bytes=len(data) - 1)
    with pytest.raises(InputError, match="over the"):
        read_bytes(data, max_bytes=len(data) - 1)
    with PNG.open("rb") as image:
        run = _analyze("-", "--format", "json", "--ocr", "tesseract", stdin=image)
    assert run.returncode == 0, run.stderr
