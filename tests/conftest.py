from __future__ import annotations

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
