from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from memeaudit.knowledge.loader import Knowledge, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = Path(__file__).resolve().parent / "resources"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge()


@pytest.fixture(scope="session")
def resources() -> Path:
    return RESOURCES


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """memeaudit's wheel, built once a session from the source tree (pip, no build isolation)."""
    folder = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation"]
    subprocess.run([*command, "-q", "-w", str(folder / "dist")], check=True, cwd=folder)
    (wheel,) = (folder / "dist").glob("memeaudit-*.whl")
    return wheel
