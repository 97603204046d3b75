"""What kind of picture the whole image is (issue M #4) and the picture embedded in a post
(issue M #2), on images made here from scikit-image's CC0 photos and the project's own sample post,
read by the real OCR, detector and classifier."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from memeaudit import ocr, post
from memeaudit.load import LoadedImage, load_image
from memeaudit.options import Options
from memeaudit.pipeline import analyze_image
from memeaudit.vision import describe_scene, get_classifier
from memeaudit.vision.layout import panels
from tests.conftest import ROOT, SAMPLES

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(get_classifier() is None, reason="needs the ml extra"),
]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def photo(name: str, width: int = 600) -> Image.Image:
    import skimage.data

    img = Image.fromarray(np.asarray(getattr(skimage.data, name)())[..., :3])
    return img.resize((width, round(img.height * width / img.width)))


def loaded(img: Image.Image) -> LoadedImage:
    out = io.BytesIO()
    img.save(out, "PNG")
    return load_image(out.getvalue(), name="test.png")


def top_bottom(img: Image.Image, top: str, bottom: str) -> Image.Image:
    out = img.copy()
    draw = ImageDraw.Draw(out)
    font = ImageFont.truetype(FONT, out.height // 11)
    for text, y in ((top, out.height * 0.03), (bottom, out.height * 0.97 - out.height // 11)):
        x = (out.width - draw.textlength(text, font=font)) / 2
        draw.text((x, y), text, font=font, fill="white", stroke_width=3, stroke_fill="black")
    return out


def caption_bar(img: Image.Image, text: str) -> Image.Image:
    out = Image.new("RGB", (img.width, img.height + 90), "white")
    out.paste(img, (0, 90))
    ImageDraw.Draw(out).text((20, 25), text, font=ImageFont.truetype(FONT, 32), fill="black")
    return out


def two_panels(upper: Image.Image, lower: Image.Image) -> Image.Image:
    out = Image.new("RGB", (upper.width, upper.height + lower.height + 20), "white")
    out.paste(upper, (0, 0))
    out.paste(lower, (0, upper.height + 20))
    return out


def scene_of(img: Image.Image) -> str:
    image = loaded(img)
    text, _ = ocr.read_text(image, Options(), frozenset())
    fields = post.parse_post(text)
    scene, _ = describe_scene(image, text, fields, panels(image.bgr, fields))
    return scene.kind


def test_captions_over_the_top_and_bottom_make_a_classic_meme() -> None:
    assert scene_of(photo("astronaut")) in ("photo", "picture")  # no text: no meme
    meme = top_bottom(photo("astronaut"), "ONE SMALL STEP", "FOR MY CODE REVIEW")
    assert scene_of(meme) == "top-bottom-meme"


def test_a_caption_bar_above_a_picture_makes_a_caption_meme() -> None:
    assert scene_of(caption_bar(photo("coffee"), "me on a monday morning")) == "caption-meme"


def test_two_captioned_pictures_make_a_multi_panel_meme() -> None:
    upper = top_bottom(photo("chelsea"), "", "EXPECTATION")
    lower = top_bottom(photo("coffee"), "", "REALITY")
    assert scene_of(two_panels(upper, lower)) == "multi-panel-meme"


def test_a_page_of_text_is_a_document() -> None:
    page = Image.open(ROOT / "tests" / "resources" / "pytesseract_test.png").convert("RGB")
    assert scene_of(page) == "document"


def test_a_photo_embedded_in_a_post_is_described_apart_from_its_text() -> None:
    card = Image.open(SAMPLES / "model-release-post.png").convert("RGB")
    cat = photo("chelsea", 540)
    split, gap = 292, 16  # under the post's text, above its time line
    shot = Image.new("RGB", (card.width, card.height + cat.height + 2 * gap), "white")
    shot.paste(card.crop((0, 0, card.width, split)), (0, 0))
    shot.paste(cat, (40, split + gap))
    shot.paste(card.crop((0, split, card.width, card.height)), (0, split + cat.height + 2 * gap))
    report = analyze_image(loaded(shot), Options())
    assert report.post is not None and report.media is not None
    x, y, w, _ = report.media.bbox
    assert abs(x - 40) <= 8 and abs(y - (split + gap)) <= 8 and abs(w - cat.width) <= 16
    assert [o.label for o in report.media.objects] == ["cat"]
    said = [s.text for s in report.sections[0].sentences]
    assert "The embedded picture is a photo showing a cat." in said
    assert report.post.body is not None and "cat" not in report.post.body
