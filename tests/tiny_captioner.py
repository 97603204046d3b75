"""Build a tiny BLIP image-to-text model with random weights, for testing the captioner's code path.

Its output is meaningless; tests only check that memeaudit loads it offline, runs it and records
it as the engine. It is never presented as a real caption model.
"""

from __future__ import annotations

from pathlib import Path

WORDS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "[DEC]", "a", "cat", "picture", "of", "the"]


def build(folder: Path) -> Path:
    import torch
    from transformers import (
        BertTokenizer,
        BlipConfig,
        BlipForConditionalGeneration,
        BlipImageProcessor,
        BlipProcessor,
    )

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(WORDS) + "\n", encoding="utf-8")
    tokenizer = BertTokenizer(str(folder / "vocab.txt"), bos_token="[DEC]")
    torch.manual_seed(0)
    small = {
        "hidden_size": 32,
        "intermediate_size": 64,
        "num_hidden_layers": 1,
        "num_attention_heads": 2,
    }
    config = BlipConfig(
        vision_config={**small, "image_size": 32, "patch_size": 16},
        text_config={
            **small,
            "vocab_size": len(WORDS),
            "max_position_embeddings": 64,
            "bos_token_id": 5,
            "pad_token_id": 0,
            "sep_token_id": 3,
            "eos_token_id": 3,
        },
        projection_dim=32,
    )
    model = BlipForConditionalGeneration(config)
    with torch.no_grad():  # make the random decoder say something: favour the token "cat"
        model.text_decoder.cls.predictions.decoder.bias[WORDS.index("cat")] += 20.0
    model.save_pretrained(folder)
    BlipProcessor(BlipImageProcessor(size={"height": 32, "width": 32}), tokenizer).save_pretrained(
        folder
    )
    return folder
