"""One runtime of one net for benchmarks/nets_runtime.py, in its own process:

    python benchmarks/nets_runtime_worker.py NET RUNTIME WORK

It loads the net on the runtime, answers "ready" with its RSS at each step, then one line of
JSON per command read from stdin: "round" (one call per input, with wall and CPU times) and
"outputs" (the outputs, saved in WORK for the parent to compare).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

SSD_SCORES = "ClassPredictor/concat/sigmoid"  # the class scores after the sigmoid, 1917 x 91


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def worker(net: str, runtime: str, work: Path) -> None:
    mem = {"start": rss_mb()}
    import numpy as np

    paths = json.loads((work / "paths.json").read_text())
    if net in ("efficientnet", "ssd"):
        inputs = list(np.load(work / "inputs.npz")[net])
    else:
        inputs = json.loads((work / "sentences.json").read_text())[net]
    mem["inputs"] = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    lib = import_runtime(net, runtime)
    mem["imported"] = rss_mb()
    call, outputs = load(net, runtime, lib, paths)
    mem["loaded"] = rss_mb()
    load_time = (time.perf_counter() - start, time.process_time() - cpu)
    call(inputs[0])  # the first call builds caches and plans: not timed
    print(json.dumps({"mem": mem, "load": load_time}), flush=True)
    for line in sys.stdin:
        if line.strip() == "round":
            times = []
            for x in inputs:
                start, cpu = time.perf_counter(), time.process_time()
                call(x)
                times.append(
                    ((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)
                )
            print(json.dumps({"times": times}), flush=True)
        else:
            results = [outputs(x) for x in inputs]
            join = np.concatenate if net.startswith("minilm") else np.stack
            arrays = {k: join([r[k] for r in results]) for k in results[0]}
            np.savez(work / f"{net}-{runtime}.npz", **arrays)
            print(json.dumps({"mem": {"end": rss_mb(), "peak": peak_mb()}}), flush=True)
            return


def import_runtime(net: str, runtime: str) -> Any:
    if runtime.startswith("onnxruntime"):
        import onnxruntime

        return onnxruntime
    if runtime == "cv2.dnn":
        import cv2

        cv2.setNumThreads(1)
        return cv2
    import memeaudit.nets.weights

    if net == "ssd":
        import memeaudit.nets.ssd
    elif net == "efficientnet":
        import memeaudit.nets.efficientnet
    else:
        import tokenizers  # noqa: F401

        import memeaudit.nets.minilm
    return memeaudit.nets


def ort_session(ort: Any, path: str, runtime: str) -> Any:
    """A one-thread session; `-lean`: memeaudit.ocr.ppocr's arena settings; `-mapped`: those,
    the weights memory-mapped from an external data file and not pre-packed."""
    lean = runtime != "onnxruntime"
    if runtime.endswith("mapped"):
        path = path.replace(".onnx", "-mapped.onnx")
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    run_options = None
    if lean:
        options.enable_mem_pattern = False
        options.add_session_config_entry("session.use_env_allocators", "1")
        cpu = ort.OrtMemoryInfo(
            "Cpu", ort.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0, ort.OrtMemType.DEFAULT
        )
        ort.create_and_register_allocator(cpu, ort.OrtArenaCfg(0, 1, -1, -1))
        run_options = ort.RunOptions()
        run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
    if runtime.endswith("mapped"):
        options.add_session_config_entry("session.disable_prepacking", "1")
    session = ort.InferenceSession(path, sess_options=options, providers=["CPUExecutionProvider"])
    return lambda feed: session.run(None, feed, run_options)[0]


def load(net: str, runtime: str, lib: Any, paths: dict[str, Any]) -> tuple[Any, Any]:
    """(call, outputs): one call of the net as its engine makes it, and the arrays compared."""
    import numpy as np

    if net == "ssd":
        if runtime == "numpy":
            ssd = lib.ssd.SsdMobilenetV2(Path(paths["graph"]), Path(paths["config"]))

            def ssd_outputs(blob: Any) -> dict[str, Any]:
                rgb = np.ascontiguousarray(blob[0].transpose(1, 2, 0))
                found = ssd.forward(blob)[0, 0]
                return {"detections": found, "scores": ssd.run(rgb, until=SSD_SCORES)}

            return ssd.forward, ssd_outputs
        dnn = lib.dnn.readNetFromTensorflow(paths["graph"], paths["config"])

        def cv2_forward(blob: Any, name: str = "") -> Any:
            dnn.setInput(blob)
            return dnn.forward(name) if name else dnn.forward()

        return cv2_forward, lambda blob: {
            "detections": cv2_forward(blob)[0, 0],
            "scores": cv2_forward(blob, SSD_SCORES)[0],
        }
    if net == "efficientnet":
        if runtime == "numpy":
            model = lib.efficientnet.EfficientNetLite0(
                lib.weights.load_state_dict(Path(paths["pth"]))
            )
            return model, lambda x: {"logits": model(x)}
        if runtime == "cv2.dnn":
            dnn = lib.dnn.readNetFromONNX(paths["efficientnet.onnx"])

            def logits(x: Any) -> Any:
                dnn.setInput(np.ascontiguousarray(x.transpose(2, 0, 1)[None]))
                return dnn.forward()[0]

        else:
            run = ort_session(lib, paths["efficientnet.onnx"], runtime)

            def logits(x: Any) -> Any:
                return run({"pixels": np.ascontiguousarray(x.transpose(2, 0, 1)[None])})[0]

        return logits, lambda x: {"logits": logits(x)}
    return minilm(runtime, lib, paths)


def minilm(runtime: str, lib: Any, paths: dict[str, Any]) -> tuple[Any, Any]:
    """MiniLM.embed (the same tokens, chunks and pooling) over the runtime's hidden states."""
    import numpy as np

    folder = Path(paths["minilm"])
    if runtime == "numpy":
        model = lib.minilm.MiniLM(folder)
        return model.embed, lambda texts: {"vectors": model.embed(texts)}
    from tokenizers import Tokenizer

    from memeaudit.nets.minilm import MAX_TOKENS, MiniLM

    if runtime == "cv2.dnn":
        dnn = lib.dnn.readNetFromONNX(paths["minilm.onnx"])

        def hidden(ids: Any, mask: Any) -> Any:
            dnn.setInput(ids, "ids")
            dnn.setInput(mask.astype(np.int64), "mask")
            return dnn.forward()

    else:
        run = ort_session(lib, paths["minilm.onnx"], runtime)

        def hidden(ids: Any, mask: Any) -> Any:
            return run({"ids": ids, "mask": mask.astype(np.int64)})

    class Swapped(MiniLM):
        def __init__(self) -> None:  # the tokenizer as MiniLM sets it up; no weights
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            self.tokenizer.no_padding()
            self.tokenizer.enable_truncation(MAX_TOKENS)
            self.w = {"embeddings.word_embeddings.weight": np.empty((0, 384), np.float32)}

        def hidden(self, ids: Any, mask: Any) -> Any:
            return hidden(ids, mask)

    model = Swapped()
    return model.embed, lambda texts: {"vectors": model.embed(texts)}


if __name__ == "__main__":
    worker(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
