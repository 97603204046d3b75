"""One `memeaudit analyze IMG` against bare `tesseract IMG stdout`, side by side.

    python benchmarks/analyze_vs_tesseract.py [IMAGE ...] [--rounds N] [--command CMD]
        [-- ANALYZE_OPTION ...]

Each round runs, per image, three fresh processes with every core the machine has: bare
`tesseract IMG stdout`, the same with OMP_THREAD_LIMIT=1 (a reference: on 2 cores tesseract's
OpenMP threads spin, and one thread is several times faster), and `memeaudit analyze IMG` (the
installed CLI, or --command). The order rotates round by round. Prints per image the median
wall seconds of each, analyze's ratio to each, and the median CPU seconds (user + system of the
process and its children), and the load average before and after: the machine may be shared,
so measure when it is low. Python keeps compiled bytecode, as for an installed package.
Default images: the seed sample and four dev images (../shared/eval/dev/images), those that
exist. Options after `--` go to `memeaudit analyze` (e.g. `-- --no-detect`).
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev" / "images"
DEFAULT = [
    ROOT / "samples" / "distillation-meme.png",
    DEV / "memegen_fry.png",
    DEV / "memeocr_socially_awkward_penguin.jpg",
    DEV / "tweetcapture_jack_light_mode0.png",
    DEV / "skimage_page.png",
]
# As an installed package runs: Python may keep the compiled bytecode of memeaudit's modules
# (with PYTHONDONTWRITEBYTECODE=1 every run compiles them all again, about 1 s of CPU).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
COLUMNS = ("tesseract", "tesseract 1 thread", "analyze")


def memeaudit_command() -> list[str]:
    """The installed CLI: next to this interpreter (a venv), else on PATH."""
    beside = Path(sys.executable).parent / "memeaudit"
    found = str(beside) if beside.is_file() else shutil.which("memeaudit")
    if found is None:
        sys.exit("memeaudit is not installed (pip install -e .)")
    return [found]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the child and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("images", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--command",
        help="run this instead of the installed memeaudit, e.g. another checkout: "
        "'env PYTHONPATH=/tmp/other python -P -m memeaudit'",
    )
    args = parser.parse_args(argv)
    images = [p for p in (args.images or DEFAULT) if p.is_file()]
    memeaudit = shlex.split(args.command) if args.command else memeaudit_command()
    one_thread = ENV | {"OMP_THREAD_LIMIT": "1"}
    commands: dict[str, Callable[[Path], tuple[list[str], dict[str, str]]]] = {
        "tesseract": lambda p: (["tesseract", str(p), "stdout"], ENV),
        "tesseract 1 thread": lambda p: (["tesseract", str(p), "stdout"], one_thread),
        "analyze": lambda p: ([*memeaudit, "analyze", str(p), *extra], ENV),
    }
    print(f"{os.cpu_count()} cores, load average before: {load()}")
    print(f"{args.rounds} rounds, interleaved: memeaudit analyze {shlex.join(extra)}".rstrip())
    runs: dict[tuple[Path, str], list[tuple[float, float]]] = {
        (p, name): [] for p in images for name in COLUMNS
    }
    for name in COLUMNS:  # warm the page cache and memeaudit's caches
        timed(*commands[name](images[0]))
    for i in range(args.rounds):
        order = COLUMNS[i % 3 :] + COLUMNS[: i % 3]
        for path in images:
            for name in order:
                runs[path, name].append(timed(*commands[name](path)))
    print(
        f"{'image':<38} {'tess s':>6} {'1 thr s':>7} {'analyze s':>9} {'x tess':>6} "
        f"{'x 1 thr':>7} | CPU s: {'tess':>5} {'1 thr':>5} {'analyze':>7}"
    )
    ratios: list[float] = []
    for path in images:
        wall = {n: statistics.median(w for w, _ in runs[path, n]) for n in COLUMNS}
        cpu = {n: statistics.median(c for _, c in runs[path, n]) for n in COLUMNS}
        ratios.append(wall["analyze"] / wall["tesseract"])
        print(
            f"{path.name[:38]:<38} {wall['tesseract']:6.2f} {wall['tesseract 1 thread']:7.2f} "
            f"{wall['analyze']:9.2f} {ratios[-1]:6.2f} "
            f"{wall['analyze'] / wall['tesseract 1 thread']:7.2f} |        "
            f"{cpu['tesseract']:5.2f} {cpu['tesseract 1 thread']:5.2f} {cpu['analyze']:7.2f}"
        )
    print(f"median of the ratios to bare tesseract: {statistics.median(ratios):.2f}")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
