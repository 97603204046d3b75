"""SSD-MobileNet-v2 COCO (TensorFlow model zoo, 2018-03-29) run in numpy, without cv2.dnn.

cv2.dnn holds about 200 MB per process for this network; the weights are 64 MB. This module
runs the same forward pass as `cv2.dnn.readNetFromTensorflow(graph, config)`:

- the weights are read straight from the frozen GraphDef (`frozen_inference_graph.pb`) by a small
  protobuf wire-format decoder; only the Const nodes the network uses are kept, and the file is
  streamed node by node, so it is never held in memory whole;
- the topology and the PriorBox / DetectionOutput parameters come from OpenCV's text graph
  (`ssd_mobilenet_v2_coco_2018_03_29.pbtxt`, made by tf_text_graph_ssd.py), which is interpreted
  node by node: Conv2D / DepthwiseConv2dNative with FusedBatchNorm or BiasAdd folded in and Relu6
  fused, Add, Identity, Flatten, ConcatV2, PriorBox, Sigmoid, DetectionOutput;
- activations are channels-last (height, width, channels) float32: a 1x1 convolution is one
  matrix product, a depthwise one k*k shifted multiply-adds. TF "SAME" padding (the odd pixel
  goes last), as in memeaudit.nets.efficientnet.

The output follows cv2.dnn's DetectionOutput layer: shape (1, 1, keep_top_k, 7), rows
[image_id, class_id, confidence, x1, y1, x2, y2] with normalised coordinates, sorted by
confidence, unused rows zero. tests/test_ssd_numpy.py checks it against cv2.dnn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from memeaudit.nets.layers import Conv, DetectionOutput, prior_boxes
from memeaudit.nets.tfgraph import attr, parse_text_proto, read_constants


class SsdMobilenetV2:
    """The text graph interpreted over the frozen graph's weights. `forward` takes the blob
    cv2.dnn would (1, 3, H, W float32 RGB 0..255, as from cv2.dnn.blobFromImage(..., swapRB=True))
    and returns what cv2.dnn's `net.forward()` returns."""

    def __init__(self, graph: Path, config: Path) -> None:
        nodes = parse_text_proto(Path(config).read_text(encoding="utf-8"))["node"]
        for node in nodes:
            node.setdefault("input", [])
        defined = {n["name"][0] for n in nodes}
        wanted = {i.split(":")[0] for n in nodes for i in n["input"]} - defined
        consts = read_constants(Path(graph), wanted)
        self._steps: list[tuple[str, Callable[..., Any], list[str]]] = []
        self._priors: dict[tuple, np.ndarray] = {}
        self.input_name = ""
        producers: dict[str, Conv] = {}  # tensor name -> the Conv step computing it
        alias: dict[str, str] = {}  # Identity outputs and folded nodes -> the real tensor
        consumers: dict[str, int] = {}
        for n in nodes:
            for i in n["input"]:
                consumers[i] = consumers.get(i, 0) + 1

        def real(name: str) -> str:
            while name in alias:
                name = alias[name]
            return name

        def fusable(name: str) -> Conv | None:
            """The Conv producing `name` if this node is its only consumer."""
            conv = producers.get(real(name))
            return conv if conv is not None and consumers.get(name, 0) == 1 else None

        for node in nodes:
            name, op, inputs = node["name"][0], node["op"][0], node["input"]
            if op == "Placeholder":
                self.input_name = name
            elif op == "Const":
                consts[name] = np.array(attr(node, "value", []), np.float32)
            elif op in ("Conv2D", "DepthwiseConv2dNative"):
                strides = attr(node, "strides", [1, 1, 1, 1])
                if attr(node, "padding", "SAME") != "SAME" or strides[1] != strides[2]:
                    raise ValueError(f"{name}: only SAME padding and square strides")
                if any(d != 1 for d in attr(node, "dilations", [1, 1, 1, 1])):
                    raise ValueError(f"{name}: dilated convolutions are not supported")
                conv = Conv(consts.pop(inputs[1]), strides[1], op != "Conv2D")
                if attr(node, "loc_pred_transposed", False):
                    conv.swap_pairs()
                producers[name] = conv
                self._steps.append((name, conv, [real(inputs[0])]))
            elif op in ("FusedBatchNorm", "BiasAdd", "Relu6") and (conv := fusable(inputs[0])):
                if op == "FusedBatchNorm":
                    gamma, beta, mean, var = (consts.pop(i) for i in inputs[1:5])
                    conv.fold_batchnorm(gamma, beta, mean, var, float(attr(node, "epsilon")))
                elif op == "BiasAdd":
                    conv.add_bias(consts.pop(inputs[1]))
                else:
                    conv.relu6 = True
                alias[name] = real(inputs[0])
            elif op == "Identity":
                alias[name] = real(inputs[0])
            elif op in ("Mul", "Sub", "Add"):
                a, b = (consts.get(i) for i in inputs)
                fn = {"Mul": np.multiply, "Sub": np.subtract, "Add": np.add}[op]
                if a is None and b is None:
                    self._steps.append((name, fn, [real(inputs[0]), real(inputs[1])]))
                elif b is not None:
                    value = np.float32(b) if b.size == 1 else b.astype(np.float32)
                    self._steps.append((name, lambda x, v=value, f=fn: f(x, v), [real(inputs[0])]))
                else:
                    value = np.float32(a) if a.size == 1 else a.astype(np.float32)
                    self._steps.append((name, lambda x, v=value, f=fn: f(v, x), [real(inputs[1])]))
            elif op == "Relu6":
                self._steps.append((name, lambda x: np.clip(x, 0.0, 6.0), [real(inputs[0])]))
            elif op == "Sigmoid":
                self._steps.append((name, _sigmoid, [real(inputs[0])]))
            elif op == "Flatten":
                self._steps.append((name, lambda x: x.reshape(-1), [real(inputs[0])]))
            elif op == "ConcatV2":
                axis = consts.get(inputs[-1])
                if axis is None or int(np.ravel(axis)[0]) != -1:
                    raise ValueError(f"{name}: only concatenation along the last axis")
                self._steps.append((name, _concat, [real(i) for i in inputs[:-1]]))
            elif op == "PriorBox":
                self._steps.append((name, self._prior_box(node), [real(i) for i in inputs[:2]]))
            elif op == "DetectionOutput":
                self._steps.append((name, DetectionOutput(node), [real(i) for i in inputs[:3]]))
            else:
                raise ValueError(f"{name}: operation {op} is not supported")
        self.output_name = self._steps[-1][0]
        self._alias = {name: real(name) for name in alias}
        # after each step, the tensors no later step reads
        last_use: dict[str, int] = {}
        for n, (_, _, ins) in enumerate(self._steps):
            for i in ins:
                last_use[i] = n
        self._free = [[] for _ in self._steps]
        for tensor, n in last_use.items():
            if tensor != self.input_name:
                self._free[n].append(tensor)

    def _prior_box(self, node: dict) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
        def run(feature: np.ndarray, image: np.ndarray) -> np.ndarray:
            key = (node["name"][0], feature.shape[:2], image.shape[:2])
            if key not in self._priors:
                self._priors[key] = prior_boxes(node, feature.shape[:2], image.shape[:2])
            return self._priors[key]

        return run

    def run(self, rgb: np.ndarray, until: str | None = None) -> np.ndarray:
        """The value of tensor `until` (default: the detections) for one (H, W, 3) RGB image
        0..255 float32; feature maps are (H, W, C), flattened tensors in TF (NHWC) order. A
        convolution's tensor is the one after its folded BatchNorm / bias and fused ReLU6."""
        if until is not None:
            until = self._alias.get(until, until)
            if until not in {name for name, _, _ in self._steps}:
                raise KeyError(f"no tensor {until!r} in the graph")
        env: dict[str, np.ndarray] = {self.input_name: rgb}
        for n, (name, fn, inputs) in enumerate(self._steps):
            env[name] = fn(*(env[i] for i in inputs))
            if name == until:
                return env[name]
            for tensor in self._free[n]:
                env.pop(tensor, None)
        return env[self.output_name]

    def forward(self, blob: np.ndarray) -> np.ndarray:
        """(1, 1, keep_top_k, 7) detections for a (1, 3, H, W) blob, as cv2.dnn returns."""
        if blob.ndim != 4 or blob.shape[0] != 1 or blob.shape[1] != 3:
            raise ValueError(f"expected a (1, 3, H, W) blob, got {blob.shape}")
        rgb = np.ascontiguousarray(blob[0].transpose(1, 2, 0), dtype=np.float32)
        return self.run(rgb)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    y = np.negative(x, dtype=np.float32)
    np.exp(y, out=y)
    y += 1.0
    return np.reciprocal(y, out=y)


def _concat(*parts: np.ndarray) -> np.ndarray:
    if parts[0].ndim == 2:  # PriorBox outputs: (2, n) each
        return np.concatenate(parts, axis=1)
    return np.concatenate(parts)
