"""Batch speed and memory against bare tesseract on the same images.

    python benchmarks/batch.py [IMAGE_DIR] [--generated N] [--repeat N] [--executor local|dask]

Prints, in one run on the same images (the dev set by default):
- wall time of bare sequential `tesseract IMG stdout`, of `memeaudit batch -j 1` and `-j 2`
  (start-up and model loading included), their ratios, and images per second;
- the peak RSS of each worker process (the kernel's high-water mark, VmHWM, read every 50 ms
  over the whole process tree, so a spike between samples is not missed);
- with --generated N (default 1000, 0 to skip): the worker's RSS after image 100 and after
  image N on N generated memes and posts, and the growth between them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "dev" / "images"
MEMEAUDIT = [sys.executable, "-m", "memeaudit"]


def images_in(folder: Path) -> list[Path]:
    exts = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp"}
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in exts)


def bare_tesseract(images: list[Path], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    for path in images:
        subprocess.run(["tesseract", str(path), "stdout"], capture_output=True, check=True, env=env)
    return time.perf_counter() - start


def high_water_mark(pid: int) -> float:
    """The process's peak resident set so far (VmHWM), in MB; 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


class TreeSampler(threading.Thread):
    """Peak RSS of every process under `root`, and a callback each time it is sampled."""

    def __init__(self, root: psutil.Process) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peaks: dict[int, tuple[str, float]] = {}
        self.stop = threading.Event()

    def sample(self) -> dict[int, float]:
        now = {}
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return now
        for proc in procs:
            try:
                rss = proc.memory_info().rss / 2**20
                program = proc.name()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            if program.startswith("tesseract"):
                continue  # the OCR engine's own short-lived process, not a worker
            # "batch": the batch process itself (-j 1 analyses there); "worker": forked or spawned
            kind = "batch" if proc.pid == self.root.pid else "worker"
            now[proc.pid] = rss
            peak = self.peaks.get(proc.pid, (kind, 0.0))[1]
            self.peaks[proc.pid] = (kind, max(peak, rss, high_water_mark(proc.pid)))
        return now

    def run(self) -> None:
        while not self.stop.is_set():
            self.sample()
            time.sleep(0.05)


def run_batch(folder: Path, jobs: int, executor: str, extra: list[str] = ()) -> tuple[float, dict]:
    with tempfile.TemporaryDirectory() as out:
        command = [*MEMEAUDIT, "batch", str(folder), "-o", out, "-j", str(jobs),
                   "--executor", executor, *extra]  # fmt: skip
        start = time.perf_counter()
        proc = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        sampler = TreeSampler(proc)
        sampler.start()
        _, err = proc.communicate()
        seconds = time.perf_counter() - start
        sampler.stop.set()
        if proc.returncode not in (0, 1):
            raise SystemExit(f"batch failed: {err.decode()[-500:]}")
    return seconds, sampler.peaks


def generate(folder: Path, count: int) -> None:
    """`count` memes of one size and one photo with varied captions, from the samples' drawing
    helpers. One size (captions of one to three lines sit on a canvas of fixed height), because
    a batch works the image with the most pixels first: with mixed sizes, images 100-110 would be
    big ones and the last 10 small ones, and the RSS comparison would measure image size instead
    of growth."""
    sys.path.insert(0, str(ROOT))
    from samples.make_samples import caption_bar, photo, stack

    words = ["monday", "coffee", "cat", "dog", "weekend", "office", "printer", "wifi", "pizza", "rain", "train", "deadline", "meeting", "holiday", "birthday", "gym", "homework", "exam", "football", "garden"]  # fmt: skip
    rng = random.Random(7)
    width = 720
    pic = photo("chelsea.png")
    pic = pic.resize((width, int(pic.height * width / pic.width)))
    folder.mkdir(parents=True, exist_ok=True)
    height = pic.height + 40 + 3 * int(36 * 1.3)
    for i in range(count):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(4, 14)))
        meme = stack(caption_bar(f"{i}: when the {text}", width, 36), pic)
        canvas = Image.new("RGB", (width, height), "#FFFFFF")
        canvas.paste(meme.crop((0, 0, width, min(height, meme.height))), (0, 0))
        canvas.save(folder / f"gen-{i:05d}.png")


def rss_growth(folder: Path, count: int, early: int = 100, window: int = 10) -> tuple[float, float]:
    """Median worker RSS while images early..early+window and count-window..count were being
    analysed, from a -j 1 run (one process): the same kind of sample at both ends."""
    with tempfile.TemporaryDirectory() as out:
        done = Path(out) / ".memeaudit" / "done"
        command = [*MEMEAUDIT, "batch", str(folder), "-o", out, "-j", "1"]
        proc = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        first: list[float] = []
        last: list[float] = []
        while proc.poll() is None:
            finished = len(list(done.glob("*.json"))) if done.is_dir() else 0
            try:
                rss = proc.memory_info().rss / 2**20
            except psutil.NoSuchProcess:
                break
            if early <= finished < early + window:
                first.append(rss)
            elif count - window <= finished < count:
                last.append(rss)
            time.sleep(0.1)
    return statistics.median(first or [float("nan")]), statistics.median(last or [float("nan")])


def timing(folder: Path, executor: str, repeat: int = 1) -> None:
    """Each run `repeat` times, interleaved (bare, -j 1, -j 2, bare, ...), so a noisy neighbour
    hits all of them alike; the table shows medians, and the range when repeat > 1."""
    images = images_in(folder)
    print(f"{len(images)} images from {folder}, {repeat} round(s)")
    runs: dict[str, list[float]] = {}
    peaks: dict[str, list[float]] = {"-j 1": [], "-j 2": []}
    for _ in range(repeat):
        runs.setdefault("bare tesseract IMG stdout, sequential", []).append(bare_tesseract(images))
        runs.setdefault("  the same with OMP_THREAD_LIMIT=1", []).append(
            bare_tesseract(images, {**os.environ, "OMP_THREAD_LIMIT": "1"})
        )
        for jobs in (1, 2):
            seconds, found = run_batch(folder, jobs, executor)
            runs.setdefault(f"memeaudit batch -j {jobs}", []).append(seconds)
            # -j 1 analyses in the batch process itself; -j 2 in two worker processes (over
            # 100 MB: not multiprocessing's resource tracker or a Dask nanny)
            want = "batch" if jobs == 1 else "worker"
            peaks[f"-j {jobs}"] += [p for kind, p in found.values() if kind == want and p > 100]
    bare = statistics.median(runs["bare tesseract IMG stdout, sequential"])
    print(f"{'run':<44} {'wall s':>8} {'x bare':>7} {'images/s':>9}  range s")
    for name, times in runs.items():
        mid = statistics.median(times)
        spread = f"  {min(times):.1f}-{max(times):.1f}" if repeat > 1 else ""
        print(f"{name:<44} {mid:8.1f} {mid / bare:7.2f} {len(images) / mid:9.2f}{spread}")
    one, two = (statistics.median(runs[f"memeaudit batch -j {j}"]) for j in (1, 2))
    ratios = [
        a / b
        for a, b in zip(runs["memeaudit batch -j 1"], runs["memeaudit batch -j 2"], strict=True)
    ]
    print(
        f"-j 1 / -j 2 = {one / two:.2f} (medians); per round: "
        + ", ".join(f"{r:.2f}" for r in ratios)
    )
    print("x bare per round, -j 2: " + ", ".join(
        f"{b / a:.2f}" for a, b in zip(runs["bare tesseract IMG stdout, sequential"], runs["memeaudit batch -j 2"], strict=True)
    ))  # fmt: skip
    for label, values in peaks.items():
        print(f"peak RSS per worker {label}: max {max(values):.0f} MB over {len(values)} worker runs "
              f"(median {statistics.median(values):.0f} MB)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("images", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--generated", type=int, default=1000)
    parser.add_argument("--executor", default="local", choices=["local", "dask"])
    parser.add_argument("--skip-timing", action="store_true", help="only the RSS growth run")
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds (median reported)")
    args = parser.parse_args()
    if not args.skip_timing:
        timing(args.images, args.executor, args.repeat)
    if args.generated:
        with tempfile.TemporaryDirectory() as gen:
            generate(Path(gen), args.generated)
            early, late = rss_growth(Path(gen), args.generated)
            print(
                f"generated set: median worker RSS {early:.0f} MB over images 100-110, {late:.0f} MB "
                f"over the last 10 of {args.generated} ({(late - early) / early * 100:+.1f}%)"
            )


if __name__ == "__main__":
    main()
