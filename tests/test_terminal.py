"""File names reach the terminal without their control characters (issue H, "Terminal and
paths"): an escape sequence in a name must not retitle the window or colour the output. The CLI
runs on a real pseudo-terminal, where click strips nothing itself and progress lines are shown."""

from __future__ import annotations

import errno
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from memeaudit.errors import printable

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "benign-meme.png"
FAST = ("--ocr", "tesseract", "--no-detect", "--no-semantic")
TITLE = "a\x1b]0;pwn\x07b"  # an OSC sequence: sets the terminal's title
RED = "c\x1b[31md"  # a CSI sequence: red text
BIDI = "e\u202egnp.exe"  # a right-to-left override


def _on_a_terminal(*args: str, cwd: Path) -> tuple[int, bytes]:
    """memeaudit with stdout and stderr on a pseudo-terminal; its exit code and every byte."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "memeaudit", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        cwd=cwd,
    )
    os.close(follower)
    data = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError as err:  # EIO: the last writer closed the terminal
            if err.errno != errno.EIO:
                raise
            break
        if not chunk:
            break
        data += chunk
    os.close(leader)
    return proc.wait(timeout=120), data


def _evil_names(tmp_path: Path) -> list[str]:
    good, bad = f"{TITLE}.png", f"{RED}{BIDI}.png"
    (tmp_path / good).write_bytes(SAMPLE.read_bytes())
    (tmp_path / bad).write_text("not an image", encoding="utf-8")
    return [good, bad]


@pytest.mark.slow
def test_names_with_escape_sequences_never_reach_the_terminal(tmp_path: Path) -> None:
    names = _evil_names(tmp_path)
    code, data = _on_a_terminal("analyze", *names, "-o", "out/", *FAST, cwd=tmp_path)
    assert code == 1  # the second is not an image
    text = data.decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "[1/2] a]0;pwnb.png" in text  # the progress line, name without its escapes
    assert "wrote out/a]0;pwnb.md" in text
    assert "memeaudit: error: c[31mdegnp.exe.png: not a readable image: text" in text
    assert (tmp_path / "out" / f"{TITLE}.md").is_file()  # the file itself keeps its name


@pytest.mark.slow
def test_verbose_logs_tracebacks_and_reports_are_stripped_too(tmp_path: Path) -> None:
    names = _evil_names(tmp_path)
    code, data = _on_a_terminal("-v", "analyze", names[1], cwd=tmp_path)
    assert code == 3
    text = data.decode("utf-8")
    assert "Traceback" not in text and "memeaudit: error: c[31mdegnp.exe.png" in text
    assert "\x1b" not in text and "\u202e" not in text
    code, data = _on_a_terminal("-v", "analyze", names[0], *FAST, cwd=tmp_path)
    assert code == 0
    text = data.decode("utf-8")
    assert "# memeaudit report: a\\]0;pwnb.png" in text  # the report on stdout, Markdown-escaped
    assert "\x1b" not in text and "\x07" not in text


def test_printable_keeps_lines_and_shows_bytes_that_are_not_utf8() -> None:
    assert printable("a\x1b[31mb\tc\nd\u202e\u2028e\x9b") == "a[31mb\tc\nde"
    assert printable(os.fsdecode(b"caf\xe9.png")) == "caf\\xe9.png"
    assert printable("\ud800") == "\\ud800"
