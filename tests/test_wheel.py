from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES


@pytest.mark.slow
def test_the_wheel_alone_gives_a_full_report_from_another_folder(
    tmp_path: Path, built_wheel: Path
) -> None:
    wheel = built_wheel
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(wheel), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    where = subprocess.run(
        [sys.executable, "-c", "import memeaudit.report as r; print(r.__file__)"],
        check=True,
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(wheel)), "the wheel, not the source tree, must be imported"
    run = subprocess.run(
        [sys.executable, "-m", "memeaudit", "analyze", str(SAMPLES / "distillation-meme.png")],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    for number, title in enumerate(
        [
            "Description",
            "Security and Privacy",
            "Platforms and Models",
            "Claims and Evidence",
            "Legal and Ethical Implications",
        ],
        start=1,
    ):
        assert f"## {number}. {title}\n" in run.stdout
    assert "Tramèr et al., 2016" in run.stdout, "the packaged rule packs were not found"
    assert list(elsewhere.iterdir()) == [], "nothing may be written into the user's folder"
