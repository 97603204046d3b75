from __future__ import annotations

import pytest

from memeaudit.model import Line
from memeaudit.ocr.base import reading_order
from memeaudit.ocr.fuse import fuse, support


def _line(text: str, conf: float, box: tuple[int, int, int, int], engine: str) -> Line:
    return Line(text=text, conf=conf, bbox=box, engine=engine)


def test_icon_junk_has_less_support_than_words() -> None:
    assert support(_line("© QO TY", 0.9, (0, 0, 10, 10), "t")) < support(
        _line("Hello there", 0.9, (0, 0, 10, 10), "t")
    )


def test_fusion_keeps_the_better_reading_per_region() -> None:
    primary = [
        _line("HELLO WORLD", 0.95, (10, 10, 200, 30), "ppocr"),
        _line("TXET", 0.40, (10, 100, 200, 30), "ppocr"),
    ]
    secondary = [
        _line("HELLO W0RLD", 0.60, (12, 11, 198, 28), "tesseract"),
        _line("TEXT", 0.93, (10, 101, 200, 29), "tesseract"),
    ]
    fused = fuse(primary, secondary)
    assert [ln.text for ln in fused] == ["HELLO WORLD", "TEXT"]


def test_a_line_only_one_engine_saw_is_kept_only_when_sure() -> None:
    primary = [_line("TOP", 0.9, (10, 10, 100, 30), "ppocr")]
    sure = _line("footer text", 0.92, (10, 300, 200, 30), "tesseract")
    unsure = _line("~~ ,,", 0.30, (10, 400, 200, 30), "tesseract")
    assert [ln.text for ln in fuse(primary, [sure, unsure])] == ["TOP", "footer text"]


def test_reading_order_is_rows_then_left_to_right() -> None:
    lines = [
        _line("Claude", 0.9, (400, 500, 90, 30), "p"),
        _line("ChatGPT", 0.9, (50, 505, 100, 30), "p"),
        _line("Header", 0.9, (50, 10, 100, 30), "p"),
        _line("DeepSeek", 0.9, (800, 498, 110, 30), "p"),
    ]
    assert [ln.text for ln in reading_order(lines)] == ["Header", "ChatGPT", "Claude", "DeepSeek"]


@pytest.mark.slow
def test_fused_reading_is_at_least_as_good_as_either_engine() -> None:
    import io

    import numpy as np
    from PIL import Image

    from memeaudit.evaluate import cer
    from memeaudit.load import load_image
    from memeaudit.ocr import read_text
    from memeaudit.options import Options
    from tests.render import text_image
    from tests.test_preprocess import CAPTION, outlined_caption

    caption = Image.fromarray(outlined_caption()[:, :, ::-1].copy())
    body = text_image(
        ["The quick brown fox jumps over the lazy dog", "and keeps running far away"], size=30
    )
    canvas = Image.new("RGB", (900, caption.height + body.height), "white")
    canvas.paste(caption, (0, 0))
    canvas.paste(body, (0, caption.height))
    data = io.BytesIO()
    canvas.save(data, "PNG")
    image = load_image(data.getvalue())
    truth = f"{CAPTION}\nThe quick brown fox jumps over the lazy dog\nand keeps running far away"
    scores = {
        e: cer(read_text(image, Options(ocr=e))[0].text, truth)
        for e in ("tesseract", "ppocr", "auto")
    }
    assert np.isfinite(list(scores.values())).all()
    assert scores["auto"] <= min(scores["tesseract"], scores["ppocr"]) + 0.02, scores
