"""What `-o` finds at its path is never replaced by a plain file (issue H #3): a device or a FIFO
is written as a shell redirection would, a symlink stays a symlink and its target gets the report.
Real files, real devices, the real CLI."""

from __future__ import annotations

import os
import select
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from memeaudit.write import NAME_MAX, short_name, write_atomic

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "benign-meme.png"


def _memeaudit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "memeaudit", *args], capture_output=True, text=True, timeout=120
    )


def _batch_folder(tmp_path: Path) -> Path:
    """An empty batch output folder: `digest` renders it in a fraction of a second."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "index.jsonl").write_text("", encoding="utf-8")
    return folder


class _FifoReader:
    """Reads a FIFO from a thread until its writer closes it. The read end is open before the
    writer starts (non-blocking), so a writer that replaced the FIFO instead of writing it makes
    the read come back empty rather than hang."""

    def __init__(self, fifo: Path) -> None:
        self.fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        self.data = b""
        self.writer_seen = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 1)
            if not ready:
                continue
            chunk = os.read(self.fd, 65536)
            if chunk:
                self.writer_seen.set()
                self.data += chunk
            elif self.writer_seen.is_set():
                return  # EOF after a writer
            else:
                time.sleep(0.01)  # no writer yet: a FIFO without one reads as EOF

    def result(self, timeout: float = 30) -> bytes:
        self.thread.join(timeout)
        os.close(self.fd)
        return self.data


def test_a_fifo_gets_the_whole_report_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    reader = _FifoReader(fifo)
    content = "line\n" * 40_000  # 200 KB: more than a pipe holds, so the writer must wait
    write_atomic(fifo, content)
    assert reader.result() == content.encode()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.fifo"]


def test_the_cli_writes_a_report_into_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "digest.fifo"
    os.mkfifo(fifo)
    reader = _FifoReader(fifo)
    run = _memeaudit("digest", str(_batch_folder(tmp_path)), "-o", str(fifo))
    assert run.returncode == 0, run.stderr
    assert reader.result().startswith(b"# memeaudit digest")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_dev_null_stays_a_character_device() -> None:
    before = os.stat("/dev/null")
    run = _memeaudit("analyze", str(SAMPLE), "--ocr", "tesseract", "--no-detect", "-o", "/dev/null")
    assert run.returncode == 0, run.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino and run.stdout == ""


def test_a_device_node_is_written_not_replaced(tmp_path: Path) -> None:
    """The same for a device node of our own (a copy of /dev/null), which it is safe to lose."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.stat("/dev/null").st_rdev)
        os.close(os.open(node, os.O_WRONLY))
    except OSError as err:
        pytest.skip(f"cannot make a device node here: {err}")
    run = _memeaudit("digest", str(_batch_folder(tmp_path)), "-o", str(node))
    assert run.returncode == 0, run.stderr
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_symlink_stays_a_symlink_and_its_target_gets_the_report(tmp_path: Path) -> None:
    target = tmp_path / "real" / "digest.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "digest.md"
    link.symlink_to(Path("real") / "digest.md")  # relative, as users make them
    run = _memeaudit("digest", str(_batch_folder(tmp_path)), "-o", str(link))
    assert run.returncode == 0, run.stderr
    assert link.is_symlink() and os.readlink(link) == "real/digest.md"
    assert target.read_text(encoding="utf-8").startswith("# memeaudit digest")
    assert not list(tmp_path.glob(".*.tmp")) and not list(target.parent.glob(".*.tmp"))


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "made.md")
    write_atomic(link, "text")
    assert link.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8") == "text"


def test_a_symlink_to_a_folder_or_a_loop_is_a_one_line_output_error(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "to-folder").symlink_to(tmp_path / "folder")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    batch = _batch_folder(tmp_path)
    for name in ("to-folder", "loop"):
        run = _memeaudit("digest", str(batch), "-o", str(tmp_path / name))
        assert run.returncode == 7, run.stderr
        (line,) = run.stderr.strip().splitlines()
        assert line.startswith(f"memeaudit: error: {tmp_path}/")
        assert (tmp_path / name).is_symlink()


def test_a_name_of_the_longest_length_still_gets_its_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / ("x" * (NAME_MAX - 3) + ".md")
    write_atomic(path, "text")
    assert path.read_text(encoding="utf-8") == "text"


def test_short_name_fits_name_max_and_keeps_long_names_apart() -> None:
    long_a, long_b = "é" * 200 + "a", "é" * 200 + "b"
    a, b = short_name(long_a, ".md"), short_name(long_b, ".md")
    assert a != b and a.endswith(".md") and b.endswith(".md")
    assert len(os.fsencode(a)) <= NAME_MAX and len(os.fsencode(b)) <= NAME_MAX
    a.encode("utf-8")  # no character was split
    assert short_name("meme", ".md") == "meme.md"
    odd = os.fsdecode(b"\xff" * 300)  # not UTF-8: bytes kept as surrogate escapes
    assert len(os.fsencode(short_name(odd, ".md"))) <= NAME_MAX
