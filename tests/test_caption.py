"""The transformers captioner's code path, on a tiny randomly initialised BLIP the test builds.

Its captions are noise by design: the tests check loading, offline running, the engine record and
that junk is dropped, never what a caption says."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from memeaudit.model import Caption, Facts, OcrResult, Vision
from memeaudit.sections.description import describe
from memeaudit.vision.caption import is_junk, junk_reason

RESOURCES = Path(__file__).resolve().parent / "resources"


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from tests.tiny_captioner import build

    return build(tmp_path_factory.mktemp("tiny-blip"))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network use is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.mark.parametrize(
    ("text", "junk"),
    [("", True), ("cat cat cat cat", True), ("a a a a cat", True), ("!!! ###", True), ("cat", True),
     ("a cat sitting on a sofa", False), ("three cats fishing from a shore", False)],
)  # fmt: skip
def test_junk_captions_are_recognised(text: str, junk: bool) -> None:
    assert is_junk(text) is junk


def test_a_caption_is_marked_as_model_generated_in_the_description() -> None:
    ocr = OcrResult(text="", engine="test", words=[], lines=[])
    caption = Caption(text="a cat sitting on a sofa", engine="blip-base")
    section = describe(ocr, None, Vision(caption=caption), Facts())
    assert (
        "A captioning model (blip-base) describes the picture as “a cat sitting on a sofa”"
        in section.text
    )
    assert any(ev.kind == "caption" for ev in section.evidence)


def test_a_junk_caption_has_a_reason() -> None:
    assert junk_reason("cat cat cat cat") == "one token repeated"
    assert junk_reason("") == "empty"
    assert junk_reason("a cat on a sofa") is None


@pytest.mark.slow
def test_a_local_captioner_runs_offline_is_recorded_and_its_junk_dropped(
    tiny_model: Path, no_network: None
) -> None:
    from memeaudit.pipeline import analyze

    report = analyze(RESOURCES / "skimage_chelsea_cat.png", caption_model=str(tiny_model))
    assert str(tiny_model) in report.engines["transformers"]
    # The tiny model repeats one token: junk, so no caption reaches the report.
    assert report.caption is None
    assert "captioning model" not in report.sections[0].text
    # ... but the JSON keeps what the model said and why it was set aside (issue M #5).
    aside = report.caption_set_aside
    assert aside is not None and aside.engine == str(tiny_model)
    assert aside.reason and aside.text and is_junk(aside.text)
    rendered = report.to_json()
    assert aside.text in rendered and aside.reason in rendered
    assert aside.text not in " ".join(s.text for s in report.sections)


@pytest.mark.slow
def test_the_cli_captions_with_the_network_unshared(tiny_model: Path) -> None:
    unshare = shutil.which("unshare")
    if (
        unshare is None
        or subprocess.run([unshare, "-n", "true"], capture_output=True).returncode != 0
    ):
        pytest.skip("unshare -n is not available here (needs root or user namespaces)")
    run = subprocess.run(
        [unshare, "-n", sys.executable, "-m", "memeaudit", "analyze", "--format", "json",
         "--caption-model", str(tiny_model), str(RESOURCES / "skimage_chelsea_cat.png")],
        capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert '"transformers"' in run.stdout


def test_a_missing_model_says_how_to_get_it(tmp_path: Path, no_network: None) -> None:
    pytest.importorskip("transformers")
    from memeaudit.errors import EngineMissing
    from memeaudit.vision.caption import TransformersCaptioner

    with pytest.raises(EngineMissing, match="memeaudit models pull"):
        TransformersCaptioner(os.fspath(tmp_path / "no-such-model"))
