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
  goes last), as in memeaudit.vision.classify.

The output follows cv2.dnn's DetectionOutput layer: shape (1, 1, keep_top_k, 7), rows
[image_id, class_id, confidence, x1, y1, x2, y2] with normalised coordinates, sorted by
confidence, unused rows zero. tests/test_ssd_numpy.py checks it against cv2.dnn.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

# --------------------------------------------------------------------------------------------
# protobuf wire format (GraphDef / NodeDef / AttrValue / TensorProto)
# --------------------------------------------------------------------------------------------

TF_DTYPES = {1: np.float32, 2: np.float64, 3: np.int32, 4: np.uint8, 9: np.int64}


def _varint(buf: bytes | memoryview, i: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = buf[i]
        i += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, i
        shift += 7


def _fields(buf: memoryview) -> Iterator[tuple[int, int, Any]]:
    """(field number, wire type, value) of one message: an int for varints, a memoryview for
    length-delimited and fixed-width fields."""
    i, end = 0, len(buf)
    while i < end:
        key, i = _varint(buf, i)
        wire = key & 7
        if wire == 0:
            value, i = _varint(buf, i)
        elif wire == 2:
            n, i = _varint(buf, i)
            value, i = buf[i : i + n], i + n
        elif wire == 5:
            value, i = buf[i : i + 4], i + 4
        elif wire == 1:
            value, i = buf[i : i + 8], i + 8
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        yield key >> 3, wire, value


def _stream_varint(f: BinaryIO) -> int | None:
    result = shift = 0
    while True:
        b = f.read(1)
        if not b:
            if shift:
                raise ValueError("truncated GraphDef")
            return None
        result |= (b[0] & 0x7F) << shift
        if b[0] < 0x80:
            return result
        shift += 7


def _graph_nodes(f: BinaryIO) -> Iterator[memoryview]:
    """The serialized NodeDefs (GraphDef field 1) of a GraphDef, read one at a time."""
    while (key := _stream_varint(f)) is not None:
        wire = key & 7
        if wire == 2:
            n = _stream_varint(f)
            data = f.read(n or 0)
            if len(data) != n:
                raise ValueError("truncated GraphDef")
            if key >> 3 == 1:
                yield memoryview(data)
        elif wire == 0:
            _stream_varint(f)
        elif wire in (1, 5):
            f.read(8 if wire == 1 else 4)
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")


def _decode_tensor(buf: memoryview) -> np.ndarray:
    """A TensorProto: dtype (1), tensor_shape (2), tensor_content (4), float_val (5),
    double_val (6), int_val (7), int64_val (10)."""
    dtype, shape, content = 1, [], None
    values: dict[int, list] = {}
    for field, wire, value in _fields(buf):
        if field == 1:
            dtype = value
        elif field == 2:
            for f2, _, dim in _fields(value):
                if f2 == 2:  # Dim: size (1), name (2)
                    size = next((v for f3, _, v in _fields(dim) if f3 == 1), 0)
                    shape.append(size - (1 << 64) if size >= 1 << 63 else size)
        elif field == 4:
            content = value
        elif field in (5, 6, 7, 10):
            kind = {5: "<f4", 6: "<f8", 7: None, 10: None}[field]
            out = values.setdefault(field, [])
            if wire == 2 and kind:  # packed fixed-width
                out.extend(np.frombuffer(value, kind).tolist())
            elif wire == 2:  # packed varints
                i = 0
                while i < len(value):
                    v, i = _varint(value, i)
                    out.append(v)
            elif wire == 5:
                out.append(float(np.frombuffer(value, "<f4")[0]))
            elif wire == 1:
                out.append(float(np.frombuffer(value, "<f8")[0]))
            else:
                out.append(value)
    np_dtype = TF_DTYPES.get(dtype)
    if np_dtype is None:
        raise ValueError(f"unsupported tensor dtype {dtype}")
    count = math.prod(shape)
    if content is not None:
        # a copy: aligned, writable, and the node's bytes can be freed at once
        array = np.frombuffer(content, np.dtype(np_dtype).newbyteorder("<"))
        return array.astype(np_dtype).reshape(shape)
    flat = next(iter(values.values()), [])
    if np_dtype in (np.int32, np.int64):  # varints are two's complement
        flat = [v - (1 << 64) if v >= 1 << 63 else v for v in flat]
        flat = [v - (1 << 32) if np_dtype == np.int32 and v >= 1 << 31 else v for v in flat]
    array = np.array(flat, dtype=np_dtype)
    if array.size != count:  # TF repeats the last value to fill the shape
        array = np.full(count, array[-1] if array.size else 0, dtype=np_dtype)
    return array.reshape(shape)


def read_constants(graph: Path, wanted: set[str]) -> dict[str, np.ndarray]:
    """The values of the Const nodes named in `wanted` in a frozen binary GraphDef."""
    found: dict[str, np.ndarray] = {}
    with open(graph, "rb") as f:
        for node in _graph_nodes(f):
            name = op = None
            attrs: list[memoryview] = []
            for field, _, value in _fields(node):
                if field == 1:
                    name = bytes(value).decode()
                    if name not in wanted:
                        break
                elif field == 2:
                    op = bytes(value).decode()
                elif field == 5:
                    attrs.append(value)
            if name not in wanted or op != "Const":
                continue
            for entry in attrs:  # map<string, AttrValue> entry: key (1), value (2)
                parts = {f: v for f, _, v in _fields(entry)}
                if bytes(parts.get(1, b"")) != b"value":
                    continue
                for field, _, value in _fields(parts[2]):
                    if field == 8:  # AttrValue.tensor
                        found[name] = _decode_tensor(value)
    missing = wanted - found.keys()
    if missing:
        raise ValueError(f"{graph.name} lacks constants {sorted(missing)[:5]}")
    return found


# --------------------------------------------------------------------------------------------
# text graph (.pbtxt)
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r'\s*(?:#[^\n]*\n\s*)*("(?:[^"\\]|\\.)*"|[{}:\[\],]|[^\s{}:\[\],"]+)')


def parse_text_proto(text: str) -> dict[str, list]:
    """A protobuf text-format message as {field: [values]}; nested messages are dicts, scalars
    are str / int / float / bool, enum names (DT_FLOAT) stay strings."""
    tokens = [m.group(1) for m in _TOKEN.finditer(text)]
    pos = 0

    def scalar(tok: str) -> Any:
        if tok.startswith('"'):
            return bytes(tok[1:-1], "utf-8").decode("unicode_escape")
        if tok in ("true", "false"):
            return tok == "true"
        try:
            return int(tok)
        except ValueError:
            pass
        try:
            return float(tok)
        except ValueError:
            return tok

    def message(end: str | None) -> dict[str, list]:
        nonlocal pos
        out: dict[str, list] = {}
        while pos < len(tokens) and tokens[pos] != end:
            key = tokens[pos]
            pos += 1
            if tokens[pos] == ":":
                pos += 1
            if tokens[pos] == "{":
                pos += 1
                value: Any = message("}")
                pos += 1
            else:
                value = scalar(tokens[pos])
                pos += 1
            out.setdefault(key, []).append(value)
        return out

    return message(None)


def _attr(node: dict, key: str, default: Any = None) -> Any:
    """The value of an attr of a text-graph node: a scalar, a list or a tensor's values."""
    for entry in node.get("attr", []):
        if entry["key"][0] != key:
            continue
        value = entry["value"][0]
        if "list" in value:
            lst = value["list"][0]
            return next((lst[k] for k in ("i", "f", "s", "b") if k in lst), [])
        if "tensor" in value:
            tensor = value["tensor"][0]
            return next((tensor[k] for k in ("float_val", "int_val") if k in tensor), [])
        for kind in ("s", "i", "f", "b", "type"):
            if kind in value:
                return value[kind][0]
    return default


# --------------------------------------------------------------------------------------------
# layers
# --------------------------------------------------------------------------------------------


def same_pad(x: np.ndarray, k: int, s: int) -> tuple[np.ndarray, tuple[int, int]]:
    """TensorFlow "SAME" padding: the output is ceil(size / stride); the odd pixel goes last."""
    pads, sizes = [], []
    for size in x.shape[:2]:
        out = -(-size // s)
        total = max((out - 1) * s + k - size, 0)
        pads.append((total // 2, total - total // 2))
        sizes.append(out)
    if not any(p for pair in pads for p in pair):
        return x, (sizes[0], sizes[1])
    (t, b), (left, r) = pads
    padded = np.zeros((x.shape[0] + t + b, x.shape[1] + left + r, x.shape[2]), np.float32)
    padded[t : t + x.shape[0], left : left + x.shape[1]] = x
    return padded, (sizes[0], sizes[1])


class Conv:
    """A convolution with its BatchNorm / bias folded in and an optional ReLU6, channels last.
    weight: (k, k, in, out) for a full convolution, (k, k, channels) for a depthwise one."""

    def __init__(self, weight: np.ndarray, stride: int, depthwise: bool) -> None:
        self.k = weight.shape[0]
        self.stride = stride
        self.depthwise = depthwise
        if depthwise:  # TF (k, k, channels, multiplier 1)
            if weight.shape[3] != 1:
                raise ValueError("depthwise channel multiplier != 1 is not supported")
            weight = weight.reshape(self.k * self.k, weight.shape[2])
        else:  # TF (k, k, in, out)
            weight = weight.reshape(-1, weight.shape[3])
        # BatchNorm is folded in place: the caller hands over a float32 array it owns
        self.weight = np.require(weight, np.float32, ["C", "W"])
        self.bias = np.zeros(self.weight.shape[1], np.float32)
        self.relu6 = False
        self.out_order: np.ndarray | None = None  # output channels reordered, see swap_pairs

    def swap_pairs(self) -> None:
        """As cv2.dnn does for `loc_pred_transposed` convolutions: box deltas (y, x, h, w) become
        (x, y, w, h). A bias added later is reordered the same way."""
        order = np.arange(self.weight.shape[1]).reshape(-1, 2)[:, ::-1].ravel()
        self.weight = np.ascontiguousarray(self.weight[:, order])
        self.bias = self.bias[order]
        self.out_order = order

    def fold_batchnorm(self, gamma, beta, mean, var, eps: float) -> None:
        scale = (gamma / np.sqrt(var + eps)).astype(np.float32)
        self.weight *= scale
        self.bias = ((self.bias - mean) * scale + beta).astype(np.float32)

    def add_bias(self, bias: np.ndarray) -> None:
        if self.out_order is not None:
            bias = bias[self.out_order]
        self.bias = (self.bias + bias).astype(np.float32)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        k, s = self.k, self.stride
        if k == 1 and s == 1 and not self.depthwise:
            h, w, c = x.shape
            y = (x.reshape(h * w, c) @ self.weight).reshape(h, w, -1)
            y += self.bias
        elif self.depthwise and s == 1:
            # each tap as a (rows, width * channels) view with the weights tiled along a row:
            # long contiguous inner loops instead of one of `channels` elements per pixel
            padded, (h, w) = same_pad(x, k, 1)
            c = x.shape[2]
            rows = padded.reshape(padded.shape[0], -1)
            y = np.empty((h, w * c), dtype=np.float32)
            scratch = np.empty_like(y)
            for n, weight in enumerate(np.tile(self.weight, (1, w))):
                i, j = divmod(n, k)
                tap = rows[i : i + h, j * c : (j + w) * c]
                if n == 0:
                    np.multiply(tap, weight, out=y)
                else:
                    np.multiply(tap, weight, out=scratch)
                    y += scratch
            y += np.tile(self.bias, w)
            y = y.reshape(h, w, c)
        elif self.depthwise:
            padded, (h, w) = same_pad(x, k, s)
            y = np.empty((h, w, x.shape[2]), dtype=np.float32)
            scratch = np.empty_like(y)
            for n, weight in enumerate(self.weight):
                i, j = divmod(n, k)
                tap = padded[i : i + s * (h - 1) + 1 : s, j : j + s * (w - 1) + 1 : s]
                if n == 0:
                    np.multiply(tap, weight, out=y)
                else:
                    np.multiply(tap, weight, out=scratch)
                    y += scratch
            y += self.bias
        else:  # a full k x k convolution (the stem): patches, then one matrix product
            padded, (h, w) = same_pad(x, k, s)
            taps = [
                padded[i : i + s * (h - 1) + 1 : s, j : j + s * (w - 1) + 1 : s]
                for i in range(k)
                for j in range(k)
            ]
            patches = np.concatenate(taps, axis=2)
            y = (patches.reshape(h * w, -1) @ self.weight).reshape(h, w, -1)
            y += self.bias
        if self.relu6:
            np.clip(y, 0.0, 6.0, out=y)
        return y


def prior_boxes(node: dict, feature: tuple[int, int], image: tuple[int, int]) -> np.ndarray:
    """cv2.dnn's PriorBox with explicit widths / heights: (2, 4 * priors), the boxes
    [x1, y1, x2, y2] normalised to the image, then their variances."""
    widths = np.array(_attr(node, "width"), np.float32)
    heights = np.array(_attr(node, "height"), np.float32)
    variance = np.array(_attr(node, "variance", [0.1]), np.float32)
    offset = float(_attr(node, "offset", 0.5))
    fh, fw = feature
    ih, iw = image
    step_x = float(_attr(node, "step_w", _attr(node, "step", 0.0)) or 0.0)
    step_y = float(_attr(node, "step_h", _attr(node, "step", 0.0)) or 0.0)
    step_x = step_x or np.float32(iw) / np.float32(fw)
    step_y = step_y or np.float32(ih) / np.float32(fh)
    cx = ((np.arange(fw, dtype=np.float32) + np.float32(offset)) * np.float32(step_x))[
        None, :, None
    ]
    cy = ((np.arange(fh, dtype=np.float32) + np.float32(offset)) * np.float32(step_y))[
        :, None, None
    ]
    half_w, half_h = widths * np.float32(0.5), heights * np.float32(0.5)
    boxes = np.empty((fh, fw, len(widths), 4), np.float32)
    boxes[..., 0] = (cx - half_w) / np.float32(iw)
    boxes[..., 1] = (cy - half_h) / np.float32(ih)
    boxes[..., 2] = (cx + half_w) / np.float32(iw)
    boxes[..., 3] = (cy + half_h) / np.float32(ih)
    if _attr(node, "clip", False):
        np.clip(boxes, 0.0, 1.0, out=boxes)
    boxes = boxes.reshape(-1)
    if variance.size == 1:
        variances = np.full_like(boxes, variance[0])
    else:
        variances = np.tile(variance, boxes.size // 4)
    return np.stack([boxes, variances])


def _iou_matrix(boxes: np.ndarray, areas: np.ndarray) -> np.ndarray:
    """Caffe / cv2.dnn JaccardOverlap of normalised boxes, every pair."""
    x1 = np.maximum(boxes[:, None, 0], boxes[None, :, 0])
    y1 = np.maximum(boxes[:, None, 1], boxes[None, :, 1])
    x2 = np.minimum(boxes[:, None, 2], boxes[None, :, 2])
    y2 = np.minimum(boxes[:, None, 3], boxes[None, :, 3])
    valid = (x2 >= x1) & (y2 >= y1)
    inter = np.where(valid, (x2 - x1) * (y2 - y1), np.float32(0))
    union = areas[:, None] + areas[None, :] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(inter > 0, inter / union, np.float32(0))


class DetectionOutput:
    """cv2.dnn's DetectionOutput layer (Caffe SSD semantics), for one image."""

    def __init__(self, node: dict) -> None:
        self.num_classes = int(_attr(node, "num_classes"))
        self.background = int(_attr(node, "background_label_id", 0))
        self.share_location = bool(_attr(node, "share_location", True))
        self.nms_threshold = np.float32(_attr(node, "nms_threshold"))
        self.confidence_threshold = np.float32(_attr(node, "confidence_threshold", 0.0))
        self.top_k = int(_attr(node, "top_k", -1))
        self.keep_top_k = int(_attr(node, "keep_top_k"))
        self.code_type = str(_attr(node, "code_type", "CORNER")).upper()
        self.variance_encoded = bool(_attr(node, "variance_encoded_in_target", False))
        self.loc_transposed = bool(_attr(node, "loc_pred_transposed", False))
        self.normalized = bool(_attr(node, "normalized_bbox", True))
        self.clip = bool(_attr(node, "clip", False))
        self.group_by_classes = bool(_attr(node, "group_by_classes", False))
        if not self.share_location or not self.normalized:
            raise ValueError("DetectionOutput: only share_location and normalized_bbox")

    def decode(self, loc: np.ndarray, priors: np.ndarray) -> np.ndarray:
        """(priors, 4) boxes [x1, y1, x2, y2]."""
        loc = loc.reshape(-1, 4)
        if self.loc_transposed:
            loc = loc[:, [1, 0, 3, 2]]
        prior = priors[0].reshape(-1, 4)
        variance = priors[1].reshape(-1, 4)
        if not self.variance_encoded:
            loc = loc * variance
        if self.code_type == "CENTER_SIZE":
            pw = prior[:, 2] - prior[:, 0]
            ph = prior[:, 3] - prior[:, 1]
            pcx = prior[:, 0] + pw * np.float32(0.5)
            pcy = prior[:, 1] + ph * np.float32(0.5)
            cx = loc[:, 0] * pw + pcx
            cy = loc[:, 1] * ph + pcy
            w = np.exp(loc[:, 2]) * pw
            h = np.exp(loc[:, 3]) * ph
            half_w, half_h = w * np.float32(0.5), h * np.float32(0.5)
            boxes = np.stack([cx - half_w, cy - half_h, cx + half_w, cy + half_h], axis=1)
        else:
            boxes = prior + loc
        if self.clip:
            np.clip(boxes, 0.0, 1.0, out=boxes)
        return boxes.astype(np.float32)

    def __call__(self, loc: np.ndarray, conf: np.ndarray, priors: np.ndarray) -> np.ndarray:
        boxes = self.decode(loc, priors)
        scores = conf.reshape(-1, self.num_classes)
        width = boxes[:, 2] - boxes[:, 0]
        height = boxes[:, 3] - boxes[:, 1]
        areas = np.where((width < 0) | (height < 0), np.float32(0), width * height)
        kept: list[tuple[int, np.ndarray]] = []  # (class, prior indices), classes ascending
        above = scores > self.confidence_threshold
        for c in np.flatnonzero(above.any(axis=0)):
            if c == self.background:
                continue
            candidates = np.flatnonzero(above[:, c])
            order = candidates[np.argsort(-scores[candidates, c], kind="stable")]
            if 0 < self.top_k < len(order):
                order = order[: self.top_k]
            overlap = _iou_matrix(boxes[order], areas[order]) > self.nms_threshold
            keep: list[int] = []
            for i in range(len(order)):
                if not keep or not overlap[i, keep].any():
                    keep.append(i)
            kept.append((int(c), order[keep]))
        labels = np.concatenate([np.full(len(idx), c) for c, idx in kept] or [np.zeros(0)])
        index = np.concatenate([idx for _, idx in kept] or [np.zeros(0, np.int64)]).astype(int)
        conf_kept = scores[index, labels.astype(int)]
        if self.keep_top_k > -1 and len(index) > self.keep_top_k:
            best = np.argsort(-conf_kept, kind="stable")[: self.keep_top_k]
            best.sort()  # back to class order, as cv2 rebuilds its per-class map
            labels, index, conf_kept = labels[best], index[best], conf_kept[best]
        if not self.group_by_classes:
            order = np.argsort(-conf_kept, kind="stable")
            labels, index, conf_kept = labels[order], index[order], conf_kept[order]
        out = np.zeros((1, 1, max(self.keep_top_k, len(index)), 7), np.float32)
        rows = out[0, 0, : len(index)]
        rows[:, 1] = labels
        rows[:, 2] = conf_kept
        rows[:, 3:] = boxes[index]
        return out


# --------------------------------------------------------------------------------------------
# the network
# --------------------------------------------------------------------------------------------


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
                consts[name] = np.array(_attr(node, "value", []), np.float32)
            elif op in ("Conv2D", "DepthwiseConv2dNative"):
                strides = _attr(node, "strides", [1, 1, 1, 1])
                if _attr(node, "padding", "SAME") != "SAME" or strides[1] != strides[2]:
                    raise ValueError(f"{name}: only SAME padding and square strides")
                if any(d != 1 for d in _attr(node, "dilations", [1, 1, 1, 1])):
                    raise ValueError(f"{name}: dilated convolutions are not supported")
                conv = Conv(consts.pop(inputs[1]), strides[1], op != "Conv2D")
                if _attr(node, "loc_pred_transposed", False):
                    conv.swap_pairs()
                producers[name] = conv
                self._steps.append((name, conv, [real(inputs[0])]))
            elif op in ("FusedBatchNorm", "BiasAdd", "Relu6") and (conv := fusable(inputs[0])):
                if op == "FusedBatchNorm":
                    gamma, beta, mean, var = (consts.pop(i) for i in inputs[1:5])
                    conv.fold_batchnorm(gamma, beta, mean, var, float(_attr(node, "epsilon")))
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
