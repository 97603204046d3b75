"""TensorFlow graph files read without TensorFlow: the frozen GraphDef's constants, through a
small protobuf wire-format decoder that streams the file node by node, and OpenCV's text graph
(protobuf text format). Used by memeaudit.nets.ssd."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
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


def attr(node: dict, key: str, default: Any = None) -> Any:
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
