"""The annotated image: real samples through the real pipeline, then pixels compared with the
original. Each sample is analysed once for the module."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from PIL import Image

from memeaudit import analyze
from memeaudit.annotate import (
    MIN_SIDE,
    annotate,
    render,
    save_annotation,
    scale_for,
    tie_lines,
)
from memeaudit.locate import evidence_boxes
from memeaudit.model import BBox, Report
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow
NAMES = ("distillation-meme", "dark-mode-post", "labelled-figures")


@pytest.fixture(scope="module")
def samples_run() -> dict[str, tuple[Image.Image, Report]]:
    out = {}
    for name in NAMES:
        path = SAMPLES / f"{name}.png"
        with Image.open(path) as img:
            out[name] = (img.convert("RGB"), analyze(path))
    return out


def base(image: Image.Image, scale: int) -> np.ndarray:
    """The original as the annotation starts from it: nearest-neighbour upscaled if small."""
    if scale != 1:
        image = image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)
    return np.asarray(image).astype(np.int16)


def luminance(pixels: np.ndarray) -> np.ndarray:
    return pixels[..., 0] * 0.2126 + pixels[..., 1] * 0.7152 + pixels[..., 2] * 0.0722


def scaled(box: BBox, scale: int) -> tuple[int, int, int, int]:
    x, y, w, h = box
    return x * scale, y * scale, (x + w) * scale, (y + h) * scale


def ring(shape: tuple[int, ...], box: tuple[int, int, int, int], inner: int, outer: int):
    """A mask of the band between the box grown by `inner` and by `outer` pixels."""
    mask = np.zeros(shape[:2], dtype=bool)
    x0, y0, x1, y1 = box
    h, w = shape[:2]
    mask[max(0, y0 - outer) : min(h, y1 + outer), max(0, x0 - outer) : min(w, x1 + outer)] = True
    mask[max(0, y0 - inner) : max(0, y1 + inner), max(0, x0 - inner) : max(0, x1 + inner)] = False
    return mask


def empty(report: Report) -> Report:
    scene = report.scene.model_copy(update={"panels": []}) if report.scene else None
    return report.model_copy(
        update={
            "ocr": report.ocr.model_copy(update={"words": [], "lines": []}),
            "objects": [],
            "post": None,
            "scene": scene,
        }
    )


def test_scale_factor() -> None:
    assert scale_for((1200, 1348)) == 1
    assert scale_for((900, MIN_SIDE - 8)) == 2
    assert scale_for((MIN_SIDE, 5000)) == 1


@pytest.mark.parametrize(
    ("name", "size", "scale"),
    [
        ("distillation-meme", (1200, 1348), 1),
        ("dark-mode-post", (1800, 984), 2),  # 492 px short side: drawn at 2x
        ("labelled-figures", (1320, 677), 1),
    ],
)
def test_output_size(samples_run, name: str, size: tuple[int, int], scale: int) -> None:
    image, report = samples_run[name]
    result = render(image, report)
    assert result.image.mode == "RGB"
    assert result.image.size == size
    assert result.scale == scale
    assert annotate(image, report).size == size


@pytest.mark.parametrize("name", NAMES)
def test_word_boxes_drawn_and_far_pixels_unchanged(samples_run, name: str) -> None:
    image, report = samples_run[name]
    result = render(image, report)
    before, after = base(image, result.scale), np.asarray(result.image).astype(np.int16)
    changed = np.abs(after - before).sum(axis=2) > 0
    s = result.scale
    assert report.ocr.words
    for word in report.ocr.words:
        band = ring(changed.shape, scaled(word.bbox, s), 0, 6)
        assert changed[band].mean() > 0.3, f"no outline around {word.text!r}"
    for boxes in (report.post.boxes if report.post else {}).values():
        for b in boxes:
            band = ring(changed.shape, scaled(b, s), 3, 16)
            assert changed[band].mean() > 0.3
    # Pixels away from every box, panel edge, tie line, label and the legend keep their values.
    near = np.zeros(changed.shape, dtype=bool)
    m = 12
    geometry = [scaled(w.bbox, s) for w in report.ocr.words]
    geometry += [scaled(ln.bbox, s) for ln in report.ocr.lines]
    geometry += [scaled(o.bbox, s) for o in report.objects]
    geometry += [scaled(report.post.bbox, s)] if report.post and report.post.bbox else []
    for x0, y0, x1, y1 in geometry:
        near[max(0, y0 - 3 * m) : y1 + 3 * m, max(0, x0 - 3 * m) : x1 + 3 * m] = True
    for panel in report.scene.panels if report.scene else []:
        near |= ring(changed.shape, scaled(panel.bbox, s), -m, m)
    for obj, label in tie_lines(report):
        (lx0, ly0, lx1, ly1), (ox0, oy0, ox1, oy1) = scaled(label, s), scaled(obj.bbox, s)
        top, left = max(0, min(ly0, oy0) - m), max(0, min(lx0, ox0) - m)
        near[top : max(ly1, oy1) + m, left : max(lx1, ox1) + m] = True
    for x0, y0, x1, y1 in [*result.labels, *([result.legend] if result.legend else [])]:
        near[max(0, int(y0) - m) : int(y1) + m, max(0, int(x0) - m) : int(x1) + m] = True
    far = ~near
    assert far.mean() > 0.01, "the test needs some pixels far from every annotation"
    assert not changed[far].any(), f"{int(changed[far].sum())} far pixels changed"


def test_strokes_contrast_on_dark_mode(samples_run) -> None:
    image, report = samples_run["dark-mode-post"]
    assert report.scene is not None and report.scene.dark_mode
    result = render(image, report)
    after = luminance(np.asarray(result.image).astype(np.float64))
    background = float(np.median(luminance(np.asarray(image).astype(np.float64))))
    assert background < 60
    contrasts = [
        float(after[ring(after.shape, scaled(w.bbox, result.scale), 0, 6)].max()) - background
        for w in report.ocr.words
    ]
    assert min(contrasts) > 120, (
        f"weakest outline is only {min(contrasts):.0f} above the background"
    )


def test_strokes_contrast_on_light_background(samples_run) -> None:
    """The dark outer line carries the contrast where the background is white."""
    image, report = samples_run["distillation-meme"]
    result = render(image, report)
    after = luminance(np.asarray(result.image).astype(np.float64))
    body = [w for w in report.ocr.words if report.post and w.bbox[1] < report.post.bbox[1] + 400]
    assert body
    for word in body:
        band = ring(after.shape, scaled(word.bbox, result.scale), 0, 6)
        assert float(after[band].min()) < 100, f"no dark outline around {word.text!r}"


def segment_points(report: Report, scale: int) -> list[tuple[int, int]]:
    """Points on each label-to-object segment that lie clear of the label, the object box and
    the panel edges: only a tie line can change them."""
    points = []
    for obj, label in tie_lines(report):
        cx, cy = label[0] + label[2] / 2, label[1] + label[3] / 2
        ox, oy, ow, oh = obj.bbox
        ex, ey = min(max(cx, ox), ox + ow), min(max(cy, oy), oy + oh)
        steps = max(2, int(math.dist((cx, cy), (ex, ey))))
        for i in range(steps + 1):
            x, y = cx + (ex - cx) * i / steps, cy + (ey - cy) * i / steps
            clear = all(
                not (b[0] - 6 <= x <= b[0] + b[2] + 6 and b[1] - 6 <= y <= b[1] + b[3] + 6)
                for b in (label, obj.bbox)
            )
            for panel in report.scene.panels if report.scene else []:
                px, py, pw, ph = panel.bbox
                if min(abs(y - py), abs(y - py - ph), abs(x - px), abs(x - px - pw)) < 6:
                    clear = False
            if clear:
                points.append((round(x * scale), round(y * scale)))
    return points


@pytest.mark.parametrize("name", ["labelled-figures", "distillation-meme"])
def test_label_tie_line_drawn(samples_run, name: str) -> None:
    image, report = samples_run[name]
    assert len(tie_lines(report)) == 3
    result = render(image, report)
    points = segment_points(report, result.scale)
    assert len(points) >= 2
    before, after = base(image, result.scale), np.asarray(result.image).astype(np.int16)
    moved = [bool(np.abs(after[y, x] - before[y, x]).sum()) for x, y in points]
    assert all(moved), f"{moved.count(False)} of {len(points)} segment points unchanged"
    # Without the tags there is no tie line, and those same pixels stay as they were.
    untagged = report.model_copy(
        update={"objects": [o.model_copy(update={"tag": None}) for o in report.objects]}
    )
    plain = np.asarray(annotate(image, untagged)).astype(np.int16)
    assert all(not np.abs(plain[y, x] - before[y, x]).sum() for x, y in points)


def test_legend_avoids_text(samples_run) -> None:
    for name in NAMES:
        image, report = samples_run[name]
        result = render(image, report)
        assert result.legend is not None
        x0, y0, x1, y1 = result.legend
        for line in report.ocr.lines:
            lx0, ly0, lx1, ly1 = scaled(line.bbox, result.scale)
            assert min(x1, lx1) <= max(x0, lx0) or min(y1, ly1) <= max(y0, ly0), (
                f"{name}: the legend covers {line.text!r}"
            )


@pytest.mark.parametrize("name", NAMES)
def test_empty_report_renders_unchanged(samples_run, name: str) -> None:
    image, report = samples_run[name]
    result = render(image, empty(report))
    assert result.legend is None
    assert np.array_equal(np.asarray(result.image), base(image, result.scale).astype(np.uint8))


@pytest.mark.parametrize("size", [(1, 1), (4000, 3), (3, 4000), (20000, 1)])
def test_tiny_and_extreme_images(samples_run, size: tuple[int, int]) -> None:
    _, report = samples_run["distillation-meme"]
    small = Image.new("RGB", size, (40, 40, 40))
    for rep in (report, empty(report)):
        out = annotate(small, rep)
        assert out.mode == "RGB"
        assert out.size == (size[0] * 2, size[1] * 2)


def test_evidence_boxes_for_seed_section_2(samples_run) -> None:
    _, report = samples_run["distillation-meme"]
    rows = {(r["section"], r["sentence"]): r for r in evidence_boxes(report)}
    assert len(rows) == sum(len(s.sentences) for s in report.sections)
    section2 = [rows[2, i] for i in range(len(report.sections[1].sentences))]

    def in_image(ev: dict) -> bool:
        """Evidence read from the image: OCR text, a post field, an object, a topic's keyword."""
        topic = ev["kind"] == "rule" and (ev["rule"] or "").startswith("topic:")
        return bool(ev["text"]) and (ev["kind"] in ("ocr", "post", "object") or topic)

    seen = [r for r in section2 if any(in_image(e) for e in r["evidence"])]
    assert len(seen) >= 3
    for row in seen:
        assert row["bboxes"], f"no box for sentence {row['sentence']}"
    for row in section2:
        if not any(in_image(e) for e in row["evidence"]):  # a rule's prose, the file's metadata
            assert row["bboxes"] == [], row
    post = report.post.bbox
    for row in section2:
        for x, y, w, h in row["bboxes"]:
            assert post[0] <= x and x + w <= post[0] + post[2] + 1
            assert post[1] <= y and y + h <= post[1] + post[3] + 1

    def covers(boxes: list[list[int]], word: str) -> bool:
        targets = [w.bbox for w in report.ocr.words if w.text.strip(",.") == word]
        return any(
            min(b[0] + b[2], t[0] + t[2]) > max(b[0], t[0])
            and min(b[1] + b[3], t[1] + t[3]) > max(b[1], t[1])
            for b in boxes
            for t in targets
        )

    figures = next(r for r in section2 if "24,000" in (r["evidence"][0]["text"] or ""))
    assert covers(figures["bboxes"], "24,000")
    assert covers(figures["bboxes"], "million")  # "over 16 million" runs across a line break
    assert not covers(figures["bboxes"], "Anthropic")


def test_evidence_object_boxes_pass_through(samples_run) -> None:
    _, report = samples_run["labelled-figures"]
    rows = evidence_boxes(report)
    boxes = {tuple(b) for r in rows for b in r["bboxes"]}
    assert {tuple(o.bbox) for o in report.objects} <= boxes


def test_post_boxes_of_seed(samples_run) -> None:
    """The parser records where it read each field."""
    _, report = samples_run["distillation-meme"]
    regions = report.post.boxes
    assert {"display_name", "handle", "body", "timestamp", "counts"} <= set(regions)
    lines = {ln.text: ln.bbox for ln in report.ocr.lines}
    assert regions["handle"] == [lines["@AnthropicAI"]]
    assert regions["display_name"] == [lines["Anthropic"]]
    stamp_line = next(b for t, b in lines.items() if t.startswith("10:02"))
    (stamp,) = regions["timestamp"]
    assert stamp[1] == stamp_line[1] and stamp[2] < stamp_line[2]  # the date, not "4.1M Views"
    (body,) = regions["body"]
    assert body[1] == lines[next(t for t in lines if t.startswith("We've"))][1]
    assert body[1] + body[3] < stamp[1]
    assert any(b[1] > stamp[1] for b in regions["counts"])  # the row of counts under the date
    views = [b for b in regions["counts"] if b[1] == stamp_line[1]]  # "4.1M Views", that part
    assert views and all(b[0] >= stamp[0] + stamp[2] for b in views)


def test_json_report_names_where_evidence_is(samples_run) -> None:
    """Every OCR evidence item carries its boxes in the JSON, inside the image."""
    _, report = samples_run["distillation-meme"]
    data = json.loads(report.model_dump_json())
    items = [e for s in data["sections"] for t in s["sentences"] for e in t["evidence"]]
    ocr = [e for e in items if e["kind"] == "ocr"]
    assert ocr and all(e["bboxes"] for e in ocr)
    width, height = report.image.width, report.image.height
    for e in items:
        for x, y, w, h in e["bboxes"]:
            assert x >= 0 and y >= 0 and x + w <= width and y + h <= height
    assert all(e["bboxes"] == [] for e in items if e["kind"] in ("metadata", "caption"))


def test_save_annotation_writes_png_atomically(samples_run, tmp_path) -> None:
    image, report = samples_run["dark-mode-post"]
    target = tmp_path / "out" / "dark.png"
    save_annotation(image, report, target)
    with Image.open(target) as saved:
        assert saved.format == "PNG"
        assert saved.size == (1800, 984)
        assert np.array_equal(np.asarray(saved.convert("RGB")), np.asarray(annotate(image, report)))
    assert [p.name for p in target.parent.iterdir()] == ["dark.png"]
