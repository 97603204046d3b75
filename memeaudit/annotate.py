"""Draw what memeaudit read onto the image, for a reviewer to check at a glance.

`annotate(image, report)` returns an RGB copy of the image with:

- OCR word boxes, one hue per engine (ppocr cyan, tesseract magenta, any other engine violet,
  then yellow), styled by confidence: solid at conf >= 0.85, dashed from 0.5, dotted and fainter
  below 0.5;
- the post's fields (display name, handle, body, timestamp, counts) in orange, each labelled;
- detected objects in green, labelled "cat 0.87";
- a yellow line from each short label (DetectedObject.tag) to its object;
- picture panels (scene.panels) as dashed white boxes;
- a legend of what is shown, in the image corner that covers the least text.

Legibility on light and dark images alike: every colour is bright (it stands out on dark
backgrounds) and every stroke is drawn twice, a dark outer line under the bright inner one (it
stands out on light backgrounds). Labels are bright pills with a dark border and dark text.
Strokes sit just outside the boxes they mark so the glyphs stay readable. Sizes follow the image:
the font is about 1/50 of the geometric mean of the output's sides.

Scale: an image whose short side is under MIN_SIDE (500) pixels is drawn at SCALE_SMALL (2x,
nearest-neighbour, so every source pixel stays as it was) so labels stay legible;
`scale_for(size)` gives the factor and `render()` returns it with the image. Report
coordinates are mapped from report.image's width and height onto the image given (normally the
same size).

Where each post field is: Post.boxes, recorded by the post parser; the strokes, pills and box
arithmetic: memeaudit/drawing.py.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from memeaudit.drawing import (
    Box,
    Colour,
    Stroke,
    Style,
    box_stroke,
    draw_pill,
    draw_stroke,
    exit_point,
    grow,
    load_font,
    nearest_on_box,
    overlap_area,
    pill_size,
    place_label,
)
from memeaudit.model import BBox, Report
from memeaudit.textspans import norm
from memeaudit.write import write_atomic

FIELDS = {  # the post fields drawn, with their labels
    "display_name": "display name",
    "handle": "handle",
    "body": "body",
    "timestamp": "timestamp",
    "counts": "counts",
}
MIN_SIDE = 500  # a short side under this is drawn at SCALE_SMALL
SCALE_SMALL = 2
ENGINE_COLOURS: dict[str, Colour] = {"ppocr": (0, 229, 255), "tesseract": (255, 64, 255)}
OTHER_ENGINE_COLOURS: tuple[Colour, ...] = ((179, 136, 255), (255, 235, 59), (255, 255, 255))
FIELD_COLOUR: Colour = (255, 145, 0)
OBJECT_COLOUR: Colour = (118, 255, 3)
TIE_COLOUR: Colour = (255, 234, 0)
PANEL_COLOUR: Colour = (255, 255, 255)
SOLID_CONF = 0.85
DASHED_CONF = 0.5


def scale_for(size: tuple[int, int]) -> int:
    """The factor the annotation is drawn at: SCALE_SMALL when the short side is under MIN_SIDE."""
    return SCALE_SMALL if min(size) < MIN_SIDE else 1


def engine_colour(engine: str, known: list[str]) -> Colour:
    """ppocr and tesseract have fixed hues; other engines take the next spare colour."""
    if engine in ENGINE_COLOURS:
        return ENGINE_COLOURS[engine]
    others = [e for e in known if e not in ENGINE_COLOURS]
    index = others.index(engine) if engine in others else len(others)
    return OTHER_ENGINE_COLOURS[index % len(OTHER_ENGINE_COLOURS)]


def conf_style(conf: float) -> tuple[Style, int]:
    """Line style and inner opacity for an OCR confidence."""
    if conf >= SOLID_CONF:
        return "solid", 255
    if conf >= DASHED_CONF:
        return "dashed", 225
    return "dotted", 180


@dataclass
class _Pill:
    text: str
    target: Box
    colour: Colour


@dataclass(frozen=True)
class Annotation:
    """An annotated image, the factor it was scaled by, and where the legend and the labels went
    (in output pixels)."""

    image: Image.Image
    scale: int
    legend: Box | None
    labels: list[Box]


class _Canvas:
    """Output-pixel geometry for one report on one image."""

    def __init__(self, image: Image.Image, report: Report):
        self.scale = scale_for(image.size)
        self.width, self.height = image.width * self.scale, image.height * self.scale
        self.sx = self.width / max(1, report.image.width)
        self.sy = self.height / max(1, report.image.height)
        self.font_px = max(10, min(40, round(math.sqrt(self.width * self.height) / 50)))
        self.line = max(1, round(self.font_px / 9))

    def box(self, b: BBox) -> Box:
        x, y, w, h = b
        return (x * self.sx, y * self.sy, (x + w) * self.sx, (y + h) * self.sy)


def _plan(report: Report, c: _Canvas) -> tuple[list[Stroke], list[_Pill], list[tuple[str, ...]]]:
    """Strokes bottom to top, the labels, and the legend's entries."""
    strokes: list[Stroke] = []
    pills: list[_Pill] = []
    legend: list[tuple[str, ...]] = []
    w = c.line
    scene = report.scene
    panels = scene.panels if scene is not None else []
    for panel in panels:
        strokes.append(box_stroke(c.box(panel.bbox), PANEL_COLOUR, w, "dashed"))
    for obj in report.objects:
        target = grow(c.box(obj.bbox), w)
        strokes.append(box_stroke(target, OBJECT_COLOUR, w + 1))
        pills.append(_Pill(f"{obj.label} {obj.conf:.2f}", target, OBJECT_COLOUR))
    engines = list(dict.fromkeys(word.engine for word in report.ocr.words))
    styles: set[Style] = set()
    for word in report.ocr.words:
        style, alpha = conf_style(word.conf)
        styles.add(style)
        ww = max(1, w - 1)  # thinner than the other strokes: they cross glyphs where boxes touch
        target = grow(c.box(word.bbox), ww / 2 + 1)
        strokes.append(box_stroke(target, engine_colour(word.engine, engines), ww, style, alpha))
    fields = report.post.boxes if report.post is not None else {}
    for name, label in FIELDS.items():
        for b in fields.get(name, []):
            target = grow(c.box(b), 2 * w + 4)
            strokes.append(box_stroke(target, FIELD_COLOUR, w))
            pills.append(_Pill(label, target, FIELD_COLOUR))
    ties = 0
    for obj, label in tie_lines(report):
        start = (label[0] + label[2] / 2, label[1] + label[3] / 2)
        lbox, obox = c.box(label), grow(c.box(obj.bbox), w)
        centre = (start[0] * c.sx, start[1] * c.sy)
        end = nearest_on_box(centre, obox)
        begin = exit_point(centre, end, grow(lbox, w + 1))  # keep the label itself readable
        # A label touching its object gets its two end dots, which then meet.
        strokes.append(Stroke([begin, end], TIE_COLOUR, w + 1, dots=[begin, end]))
        ties += 1
    for engine in engines:
        legend.append(("line", f"OCR {engine}", *map(str, engine_colour(engine, engines))))
    names = {
        "solid": f"conf ≥ {SOLID_CONF}",
        "dashed": f"conf {DASHED_CONF}–{SOLID_CONF}",
        "dotted": f"conf < {DASHED_CONF}",
    }
    for style in ("solid", "dashed", "dotted"):
        if styles and (style in styles or style == "solid"):
            legend.append((style, names[style], "235", "235", "235"))
    if any(name in fields for name in FIELDS):
        legend.append(("line", "post field", *map(str, FIELD_COLOUR)))
    if report.objects:
        legend.append(("line", "object", *map(str, OBJECT_COLOUR)))
    if ties:
        legend.append(("line", "label → object", *map(str, TIE_COLOUR)))
    if panels:
        legend.append(("dashed", "panel", *map(str, PANEL_COLOUR)))
    return strokes, pills, legend


def tie_lines(report: Report) -> list[tuple[object, BBox]]:
    """(object, box of its label's OCR line) for each object with a tag found among the lines:
    the line reading exactly the tag (else containing it) nearest to the object."""
    out = []
    for obj in report.objects:
        if not obj.tag:
            continue
        tag = norm(obj.tag)
        lines = [ln for ln in report.ocr.lines if norm(ln.text) == tag] or [
            ln for ln in report.ocr.lines if tag in norm(ln.text)
        ]
        if not lines:
            continue
        ox, oy, ow, oh = obj.bbox
        ocx, ocy = ox + ow / 2, oy + oh / 2
        best = min(
            lines,
            key=lambda ln: math.dist(
                (ln.bbox[0] + ln.bbox[2] / 2, ln.bbox[1] + ln.bbox[3] / 2), (ocx, ocy)
            ),
        )
        out.append((obj, best.bbox))
    return out


def _legend(
    draw: ImageDraw.ImageDraw,
    entries: list[tuple[str, ...]],
    c: _Canvas,
    avoid: list[Box],
    pictures: list[Box],
) -> Box | None:
    """A dark panel listing what is drawn, in the corner that covers the least text; None when
    there is nothing to list or it does not fit."""
    if not entries:
        return None
    font = load_font(max(9, round(c.font_px * 0.7)))
    sizes = [draw.textbbox((0, 0), e[1], font=font) for e in entries]
    row = max(b[3] - b[1] for b in sizes) + 6
    swatch = round(row * 1.6)
    pad = 6
    lw = pad * 3 + swatch + max(b[2] - b[0] for b in sizes)
    lh = pad * 2 + row * len(entries)
    margin = max(2, c.font_px // 3)
    if lw + 2 * margin > c.width or lh + 2 * margin > c.height:
        return None
    if lw * lh > 0.25 * c.width * c.height:
        return None  # it would hide too much of a small image
    corners = [
        (c.width - margin - lw, margin),
        (c.width - margin - lw, c.height - margin - lh),
        (margin, c.height - margin - lh),
        (margin, margin),
    ]
    boxes = [(x, y, x + lw, y + lh) for x, y in corners]

    def cost(b: Box) -> tuple[bool, float, int]:  # no text or label covered first, then least
        text = sum(overlap_area(b, a) for a in avoid)
        return text > 0, text + sum(overlap_area(b, p) for p in pictures), boxes.index(b)

    box = min(boxes, key=cost)
    x0, y0, _, _ = box
    draw.rounded_rectangle(box, radius=pad, fill=(20, 20, 20, 215), outline=(245, 245, 245, 230))
    for i, entry in enumerate(entries):
        style, text, *rgb = entry
        colour = tuple(int(v) for v in rgb)
        cy = y0 + pad + row * i + row / 2
        sw = max(2, c.line)
        line = Stroke(
            [(x0 + pad, cy), (x0 + pad + swatch, cy)],
            colour,
            sw,
            style if style != "line" else "solid",
        )
        draw_stroke(draw, line, outer=True)
        draw_stroke(draw, line, outer=False)
        left, top, _, bottom = draw.textbbox((0, 0), text, font=font)
        draw.text(
            (x0 + 2 * pad + swatch - left, cy - (bottom - top) / 2 - top),
            text,
            font=font,
            fill=(245, 245, 245, 255),
        )
    return box


def render(image: Image.Image, report: Report) -> Annotation:
    """The annotated image with its scale factor and where the legend and labels went."""
    c = _Canvas(image, report)
    base = image.convert("RGB")
    if c.scale != 1:
        base = base.resize((c.width, c.height), Image.Resampling.NEAREST)
    strokes, pills, entries = _plan(report, c)
    if not strokes and not pills:
        return Annotation(image=base, scale=c.scale, legend=None, labels=[])
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for outer in (True, False):  # every dark outline first, so no bright line is cut by another's
        for s in strokes:
            draw_stroke(draw, s, outer)
    font = load_font(max(9, round(c.font_px * 0.8)))
    text_boxes = [grow(c.box(ln.bbox), c.line + 1) for ln in report.ocr.lines]
    placed: list[Box] = []
    for pill in pills:
        size, _ = pill_size(draw, pill.text, font)
        box = place_label(size, pill.target, (c.width, c.height), placed, text_boxes)
        placed.append(box)
        draw_pill(draw, box, pill.text, pill.colour, font)
    legend = _legend(draw, entries, c, text_boxes + placed, [c.box(o.bbox) for o in report.objects])
    out = Image.alpha_composite(base.convert("RGBA"), overlay).convert("RGB")
    return Annotation(image=out, scale=c.scale, legend=legend, labels=placed)


def annotate(image: Image.Image, report: Report) -> Image.Image:
    """An RGB copy of the image with the report drawn on it: the same size, or scale_for(size)
    times larger for a small image. Never fails on an empty report or a tiny image."""
    return render(image, report).image


def save_annotation(image: Image.Image, report: Report, path: Path) -> None:
    """Write the annotated image as PNG, atomically: a temporary file in the same folder, then
    a rename, so a reader never sees half a file."""
    path = Path(path)
    buffer = io.BytesIO()
    annotate(image, report).save(buffer, format="PNG")
    write_atomic(path, buffer.getvalue(), "the annotation")
