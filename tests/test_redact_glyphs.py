"""--redact paints every glyph of an email address, a phone number and a street address out of
the picture, whichever engine read it: PP-OCR (whose word boxes are spread over its line box by
character count, so they cut glyphs at their edges) and tesseract. Checked on the pixels of a
rendered image and by OCR of the painted picture, in the HTML report's picture and --annotate."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from memeaudit import analyze
from memeaudit.blackout import redact_picture, redacted_regions
from memeaudit.model import Facts, Line, OcrResult, PersonalData, Report, Word
from memeaudit.redact import MASK, redact
from tests.conftest import ROOT
from tests.render import FONT
from tests.synthetic import report_saying

# (before, value, after): the words around each value carry no digit and no @.
LINES = [
    ("Email me: ", "jordan.reyes@example.com", " today"),
    ("Call ", "+1 415-555-0132", " after six"),
    ("Write to ", "jane_doe@mailbox.org", " please"),
    ("Visit ", "742 Evergreen Terrace", " soon"),
]
SIZE = 32


@cache
def rendered() -> tuple[Image.Image, tuple[tuple[int, int, int, int], ...]]:
    """The image, and the box (x0, y0, x1, y1) of each value's glyphs as drawn."""
    font = ImageFont.truetype(str(FONT), SIZE)
    step = int(SIZE * 1.6)
    image = Image.new("RGB", (1000, 40 + step * len(LINES)), "white")
    draw = ImageDraw.Draw(image)
    boxes = []
    for i, (before, value, after) in enumerate(LINES):
        y = 20 + i * step
        draw.text((30, y), before + value + after, font=font, fill="black")
        x = 30 + draw.textlength(before, font=font)
        boxes.append(tuple(round(v) for v in draw.textbbox((x, y), value, font=font)))
    return image, tuple(boxes)


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@cache
def report(ocr: str) -> Report:
    return analyze(png(rendered()[0]), ocr=ocr, redact=True, detect=False, semantic=False)


def dark(pixels: np.ndarray) -> np.ndarray:
    return pixels.min(axis=2) < 128


def assert_painted_out(painted: Image.Image) -> None:
    original = np.asarray(rendered()[0])
    after = np.asarray(painted)
    for (_, value, _), (x0, y0, x1, y1) in zip(LINES, rendered()[1], strict=True):
        ink = dark(original[y0:y1, x0:x1])
        ys, xs = np.nonzero(ink)
        assert len(xs), value
        shown = after[y0:y1, x0:x1][ink]
        assert not shown.any(), f"{np.count_nonzero(shown.any(axis=1))} pixels of {value!r} show"
        # The dark pixels' bounding box lies inside the black paint: a black rectangle holds it.
        box = after[y0 + ys.min() : y0 + ys.max() + 1, x0 + xs.min() : x0 + xs.max() + 1]
        assert not box.any(), f"the box of {value!r}'s glyphs is not all black"
        # The words around it keep their glyphs: the paint stops in the spaces.
        for side in (np.s_[y0:y1, : x0 - 4], np.s_[y0:y1, x1 + 4 :]):
            kept = dark(original[side])
            assert np.array_equal(after[side][kept], original[side][kept]), value
    # OCR of the painted picture reads no piece of any value (tesseract may read the black
    # boxes as a stray letter or digit, so the test looks for the values' own pieces).
    text = pytesseract.image_to_string(painted)
    for _, value, _ in LINES:
        for piece in re.findall(r"[A-Za-z]{3,}|\d{3,}", value):
            assert piece not in text, f"{piece!r} of {value!r} is still readable: {text!r}"
    assert "@" not in text


@pytest.mark.slow
@pytest.mark.parametrize("ocr", ["auto", "tesseract"])
def test_every_glyph_of_the_masked_values_is_black(ocr: str) -> None:
    found = {p.kind for p in report(ocr).facts.personal_data}
    assert found == {"email", "phone", "address"}  # guards the rest
    assert len(redacted_regions(rendered()[0], report(ocr))) == len(LINES)
    assert_painted_out(redact_picture(rendered()[0], report(ocr)))


@pytest.mark.slow
def test_the_html_picture_and_the_annotation_are_painted(tmp_path: Path) -> None:
    source = tmp_path / "note.png"
    source.write_bytes(png(rendered()[0]))
    annotated = tmp_path / "note.annotated.png"
    command = ["analyze", str(source), "--redact", "-f", "html", "--no-detect"]
    run = subprocess.run(
        [sys.executable, "-m", "memeaudit", *command, "--annotate", str(annotated)],
        capture_output=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr.decode()
    data = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', run.stdout.decode())[0]
    assert_painted_out(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB"))
    text = pytesseract.image_to_string(Image.open(annotated).convert("RGB"))
    for piece in ["jordan", "reyes", "example", "mailbox", "Evergreen", "415", "555", "0132"]:
        assert piece not in text, f"{piece!r} is readable in the annotation: {text!r}"


def test_a_masked_word_that_ocr_left_unboxed_is_painted_too() -> None:
    """The OCR clean-up can keep a word in the line's text but drop its box (PP-OCR read
    "160" for "1600" and the word went): redaction gives the masked piece a box between its
    neighbours, so its glyphs are painted like the rest."""
    font = ImageFont.truetype(str(FONT), SIZE)
    image = Image.new("RGB", (700, 80), "white")
    draw = ImageDraw.Draw(image)
    text, address = "Visit 742 Evergreen Terrace soon", "742 Evergreen Terrace"
    draw.text((20, 20), text, font=font, fill="black")
    words, at = [], 0
    for token in text.split():
        at = text.index(token, at)
        x = 20 + draw.textlength(text[:at], font=font)
        box = [round(v) for v in draw.textbbox((x, 20), token, font=font)]
        words.append(Word(text=token, conf=0.9, bbox=(box[0], 20, box[2] - box[0], 38), engine="t"))
        at += len(token)
    del words[1]  # "742" is in the text but has no word
    line = Line(
        text=text, conf=0.9, bbox=(20, 20, words[-1].bbox[0] + 60, 38), engine="t", words=words
    )
    plain = report_saying(text).model_copy(
        update={
            "ocr": OcrResult(text=text, engine="t", words=words, lines=[line]),
            "facts": Facts(personal_data=[PersonalData(kind="address", text=address)]),
        }
    )
    masked = redact(plain)
    assert [w.text for w in masked.ocr.lines[0].words] == ["Visit", *[MASK["address"]] * 3, "soon"]
    assert [w.text for w in masked.ocr.words] == [w.text for w in masked.ocr.lines[0].words]
    x = 20 + draw.textlength("Visit ", font=font)
    x0, y0, x1, y1 = (round(v) for v in draw.textbbox((x, 20), address, font=font))
    before, after = np.asarray(image), np.asarray(redact_picture(image, masked))
    ink = dark(before[y0:y1, x0:x1])
    assert ink.any() and not after[y0:y1, x0:x1][ink].any()
