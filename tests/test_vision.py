from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from memeaudit.load import load_image
from memeaudit.model import DetectedObject, Line, OcrResult, Post
from memeaudit.options import Options
from memeaudit.vision import see
from memeaudit.vision.labels import short_labels, tie
from memeaudit.vision.layout import panels
from memeaudit.vision.scene import cues, kind_of
from tests.render import text_image


def _line(text: str, box: tuple[int, int, int, int]) -> Line:
    return Line(text=text, conf=0.9, bbox=box, engine="test")


def _obj(box: tuple[int, int, int, int]) -> DetectedObject:
    return DetectedObject(label="cat", conf=0.9, bbox=box, engine="test")


def test_labels_above_a_row_of_objects_tie_in_order() -> None:
    labels = [
        _line("ChatGPT", (100, 600, 180, 50)),
        _line("Claude", (500, 600, 150, 50)),
        _line("DeepSeek", (870, 600, 200, 50)),
    ]
    objects = [_obj((10, 990, 350, 320)), _obj((405, 1025, 385, 285)), _obj((760, 950, 415, 365))]
    tied, left = tie(labels, objects)
    assert [o.tag for o in tied] == ["ChatGPT", "Claude", "DeepSeek"]
    assert left == []


def test_a_label_far_from_every_object_stays_untied() -> None:
    tied, left = tie([_line("Me", (900, 10, 60, 40))], [_obj((10, 400, 200, 200))])
    assert tied[0].tag is None and left == ["Me"]


def test_caption_lines_and_post_text_are_not_labels() -> None:
    lines = [
        _line("TOP CAPTION", (300, 10, 300, 60)),
        _line("Label", (50, 400, 120, 40)),
        _line("@someone", (40, 150, 150, 30)),
    ]
    post = Post(platform="X", handle="@someone", bbox=(30, 140, 200, 60))
    assert [ln.text for ln in short_labels(lines, post, (900, 900))] == ["Label"]


def test_a_picture_below_a_card_is_a_panel() -> None:
    card = np.full((300, 800, 3), 255, np.uint8)
    photo = np.asarray(
        Image.open(Path(__file__).parent / "resources" / "skimage_chelsea_cat.png")
        .convert("RGB")
        .resize((800, 500))
    )[:, :, ::-1]
    bgr = np.concatenate([card, photo])
    post = Post(platform="X", handle="@a", bbox=(20, 20, 700, 260))
    assert panels(bgr, post) == [(0, 280, 800, 520)]


def test_a_text_page_is_a_screenshot_by_its_cues() -> None:
    page = np.asarray(text_image(["a page of plain text", "with a second line"]))[:, :, ::-1].copy()
    lines = [
        _line("a page of plain text", (30, 20, 400, 40)),
        _line("with a second line", (30, 65, 380, 40)),
    ]
    found = cues(page, (0, 0, page.shape[1], page.shape[0]), lines)
    assert kind_of(found, []) == "screenshot"


@pytest.mark.slow
def test_nothing_is_invented_where_nothing_is_detected(resources: Path) -> None:
    image = load_image(resources / "pytesseract_test.png")
    empty = OcrResult(text="", engine="test", words=[], lines=[])
    vision, engines = see(image, empty, None, Options())
    assert vision.objects == [] and vision.untied_labels == []
    assert "ssd-mobilenet-v2-coco" in engines


@pytest.mark.slow
def test_a_cat_photo_is_a_photo_of_one_cat(resources: Path) -> None:
    image = load_image(resources / "skimage_chelsea_cat.png")
    vision, _ = see(image, OcrResult(text="", engine="test", words=[], lines=[]), None, Options())
    assert [o.label for o in vision.objects] == ["cat"]
    assert vision.scene is not None
    expected = "photo" if vision.scene.classes else "picture"  # without torch, cues alone
    assert vision.scene.kind == expected and not vision.scene.dark_mode


def test_stray_ocr_fragments_are_never_labels() -> None:
    lines = [
        _line("C", (100, 400, 20, 30)),
        _line("in the back", (400, 400, 160, 30)),
        _line("l1|", (700, 400, 40, 30)),
        _line("Me", (100, 700, 60, 30)),
    ]
    assert [ln.text for ln in short_labels(lines, None, (900, 900))] == ["Me"]


def test_a_detection_the_classifier_contradicts_is_dropped() -> None:
    from memeaudit.vision.objects import checked, named

    sheep = DetectedObject(label="sheep", conf=0.9, bbox=(10, 10, 100, 100), engine="test")
    whole = (0, 0, 200, 200)
    # timber wolf (269) and coyote (272): the scene is wolves, not sheep
    assert checked([sheep], {whole: [(269, 0.4), (272, 0.2)]}) == []
    assert [o.label for o in checked([sheep], {whole: [(348, 0.5)]})] == ["sheep"]
    cat = sheep.model_copy(update={"label": "cat"})
    assert [o.label for o in named([cat], {whole: [(281, 0.5)]})] == ["cat"]
    assert named([cat], {whole: [(269, 0.4), (272, 0.2)]}) == []


def test_classes_without_calibrated_evidence_are_never_named() -> None:
    from memeaudit.vision.objects import named, threshold

    assert threshold("kite") is None
    kite = DetectedObject(label="kite", conf=0.99, bbox=(10, 10, 50, 50), engine="test")
    assert named([kite], {}) == []
