"""The transformers captioner: an image-to-text model the user has downloaded (BLIP, GIT, ...).

Offline by default: models load with local_files_only, from a folder or the Hugging Face cache.
`memeaudit models pull NAME` is the explicit download.
"""

from __future__ import annotations

from PIL import Image

from memeaudit.errors import EngineFailed, EngineMissing, PackageMissing

MAX_NEW_TOKENS = 40


def junk_reason(text: str) -> str | None:
    """Why a caption is junk (empty, without words, mostly one token: "cat cat cat"), or None."""
    words = [w for w in text.lower().split() if any(ch.isalpha() for ch in w)]
    if not text.strip():
        return "empty"
    if len(words) < 2:
        return "fewer than two words"
    most = max(words.count(w) for w in set(words))
    if most / len(words) > 0.5 or len(set(words)) < 2:
        return "one token repeated"
    return None


def is_junk(text: str) -> bool:
    return junk_reason(text) is not None


class TransformersCaptioner:
    def __init__(self, name_or_dir: str) -> None:
        try:
            import torch
            import transformers
            from transformers import AutoModelForImageTextToText, AutoProcessor
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        except ImportError as err:
            raise PackageMissing(
                "captioning needs torch and transformers",
                "pip install 'memeaudit[caption]' (torch is pinned to 2.13.0)",
            ) from err
        self.name = name_or_dir
        self._torch = torch
        self._version = f"transformers {transformers.__version__}, model {name_or_dir}"
        try:
            self._processor = AutoProcessor.from_pretrained(name_or_dir, local_files_only=True)
            self._model = AutoModelForImageTextToText.from_pretrained(
                name_or_dir, local_files_only=True
            ).eval()
        except OSError as err:
            raise EngineMissing(
                f"caption model {name_or_dir!r} is not available offline",
                f"download it once with: memeaudit models pull {name_or_dir}",
            ) from err
        except ValueError as err:
            raise EngineFailed(
                f"caption model {name_or_dir!r} is not an image-to-text model"
            ) from err

    def version(self) -> str:
        return self._version

    def caption(self, rgb: Image.Image) -> str:
        inputs = self._processor(images=rgb, return_tensors="pt")
        with self._torch.inference_mode():
            tokens = self._model.generate(**inputs, max_new_tokens=MAX_NEW_TOKENS)
        return self._processor.batch_decode(tokens, skip_special_tokens=True)[0].strip()
