from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

pytest.importorskip("transformers")
pytest.importorskip("torch")

from memeaudit.errors import EngineMissing
from memeaudit.pipeline import analyze
from tests.tiny_captioner import build


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("tiny-blip"))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network use is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.mark.slow
def test_a_local_captioner_runs_offline_and_is_recorded(
    tiny_model: Path, resources: Path, no_network: None
) -> None:
    report = analyze(resources / "skimage_chelsea_cat.png", caption_model=str(tiny_model))
    assert report.caption is not None
    assert report.caption.engine == str(tiny_model)
    assert "transformers" in report.engines and str(tiny_model) in report.engines["transformers"]
    description = report.sections[0].text
    assert f"A captioning model ({tiny_model})" in description


def test_a_missing_model_says_how_to_get_it(tmp_path: Path, no_network: None) -> None:
    from memeaudit.vision.caption import TransformersCaptioner

    with pytest.raises(EngineMissing, match="memeaudit models pull"):
        TransformersCaptioner(os.fspath(tmp_path / "no-such-model"))
