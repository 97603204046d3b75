"""Where each evidence item is in the image, recorded on the item (`Evidence.bboxes`) when the
report is assembled, so that the JSON shows where every sentence came from and the annotation
and the HTML highlighting only read it.

- an object (or anything else made with a box) keeps its box;
- a post field takes the box the post parser recorded when it read the field (`Post.boxes`),
  and the platform the post's card;
- OCR text and a topic's matched words are boxed where the words that spell them are (the
  facts match on the OCR's joined text, so a span is found again by its words: whole words,
  across line breaks; a list "a; b" that is not written as one is boxed part by part);
- a model's caption, the file's metadata and a rule's prose are not written in the image and
  get no box.
"""

from __future__ import annotations

import re

from memeaudit.model import BBox, Evidence, Line, Post, Report, Section
from memeaudit.textspans import find_text

HOW = re.compile(r"^(?:keyword|regex|similarity(?: [\d.]+)?): ")


def _boxes(ev: Evidence, lines: list[Line], post: Post | None) -> list[BBox]:
    if ev.bbox is not None:
        return [ev.bbox]
    if not ev.text or ev.kind in ("caption", "metadata"):
        return []
    text = ev.text
    if ev.kind == "post":
        name, _, value = text.partition(": ")
        field = name.strip().replace(" ", "_")
        if post is not None and field == "platform":
            return [post.bbox] if post.bbox is not None else []
        if post is not None and field in post.boxes:
            return list(post.boxes[field])
        text = value
    if ev.kind == "rule":
        text = HOW.sub("", text)
    parts = [text]
    if ev.kind == "ocr" and not find_text(text, lines, 1):
        parts = [p for p in text.split("; ") if p.strip()]
    boxes: list[BBox] = []
    for part in parts:
        for hit in find_text(part, lines):
            boxes.extend(b for b in hit if b not in boxes)
    return boxes


def locate(sections: list[Section], lines: list[Line], post: Post | None) -> list[Section]:
    """The sections with every evidence item's `bboxes` filled (image pixels)."""
    for section in sections:
        for ev in [*section.evidence, *(e for s in section.sentences for e in s.evidence)]:
            ev.bboxes = _boxes(ev, lines, post)
    return sections


def evidence_boxes(report: Report) -> list[dict]:
    """For every sentence of every section, its evidence boxes as recorded in the report:
    [{"section": 2, "sentence": 0, "bboxes": [[x, y, w, h], ...],
      "evidence": [{"kind", "rule", "text", "bboxes"}, ...]}, ...]. A sentence whose evidence
    is not in the image (a rule, the metadata) has an empty "bboxes"."""
    out: list[dict] = []
    for section in report.sections:
        for i, sentence in enumerate(section.sentences):
            items, every = [], []
            for ev in sentence.evidence:
                every.extend(b for b in ev.bboxes if b not in every)
                items.append(
                    {
                        "kind": ev.kind,
                        "rule": ev.rule,
                        "text": ev.text,
                        "bboxes": [list(b) for b in ev.bboxes],
                    }
                )
            row = {"section": section.number, "sentence": i, "bboxes": [list(b) for b in every]}
            out.append({**row, "evidence": items})
    return out
