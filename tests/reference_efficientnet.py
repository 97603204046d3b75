"""EfficientNet-Lite0 written in torch: the reference the numpy network in
memeaudit/nets/efficientnet.py is checked against (tests/test_classify.py). This was memeaudit's
classifier until the batch workers stopped importing torch.

The weights come from TensorFlow, so the network follows TF conventions: "SAME" padding (the
odd pixel goes bottom/right), BatchNorm eps 1e-3 and inputs scaled to [-1, 1].
"""

from __future__ import annotations

import math
from typing import Any

from memeaudit.nets.efficientnet import STAGES


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
