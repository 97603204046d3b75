"""numpy building blocks of the networks, channels last: the convolution with BatchNorm folded
in and ReLU6 fused, with TensorFlow "SAME" padding (memeaudit.nets.ssd and
memeaudit.nets.efficientnet), and the SSD detector's prior boxes and cv2.dnn's DetectionOutput
(box decoding, per-class NMS, top-k)."""

from __future__ import annotations

import numpy as np

from memeaudit.nets.tfgraph import attr


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
    widths = np.array(attr(node, "width"), np.float32)
    heights = np.array(attr(node, "height"), np.float32)
    variance = np.array(attr(node, "variance", [0.1]), np.float32)
    offset = float(attr(node, "offset", 0.5))
    fh, fw = feature
    ih, iw = image
    step_x = float(attr(node, "step_w", attr(node, "step", 0.0)) or 0.0)
    step_y = float(attr(node, "step_h", attr(node, "step", 0.0)) or 0.0)
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
    if attr(node, "clip", False):
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
        self.num_classes = int(attr(node, "num_classes"))
        self.background = int(attr(node, "background_label_id", 0))
        self.share_location = bool(attr(node, "share_location", True))
        self.nms_threshold = np.float32(attr(node, "nms_threshold"))
        self.confidence_threshold = np.float32(attr(node, "confidence_threshold", 0.0))
        self.top_k = int(attr(node, "top_k", -1))
        self.keep_top_k = int(attr(node, "keep_top_k"))
        self.code_type = str(attr(node, "code_type", "CORNER")).upper()
        self.variance_encoded = bool(attr(node, "variance_encoded_in_target", False))
        self.loc_transposed = bool(attr(node, "loc_pred_transposed", False))
        self.normalized = bool(attr(node, "normalized_bbox", True))
        self.clip = bool(attr(node, "clip", False))
        self.group_by_classes = bool(attr(node, "group_by_classes", False))
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
