"""Where things are in the image, found again in the OCR words: each post field's region and
each sentence's evidence boxes, for the annotation and the HTML report's highlighting.

Post-field regions: a Post carries only the card's bbox, so each field's region is found again
among the OCR lines inside the card: the display name, handle and timestamp are searched as text
(whole words, case and quote style ignored) in the OCR words and boxed by the words they cover;
the body is the union of the card's lines whose text is part of Post.body; counts are the lines
made only of counts ("1.2K", "184K Likes") plus labelled counts and "4.1M Views" inside other
lines.

`evidence_boxes(report)` gives each sentence's evidence boxes in image pixels (not scaled), for
hover highlighting: an evidence bbox when it has one, a post field's region, or the OCR words
that spell the evidence text.
"""

from __future__ import annotations

import re
import unicodedata

from memeaudit.geometry import overlap, split_words, union_box
from memeaudit.model import BBox, Evidence, Line, Post, Report, Word
from memeaudit.postfields import LABELLED, VIEWS, labelled_counts, parse_count

FIELDS = ("display_name", "handle", "body", "timestamp", "counts")
FIELD_NAMES = {
    "display_name": "display name",
    "handle": "handle",
    "body": "body",
    "timestamp": "timestamp",
    "counts": "counts",
}
HEADER_LINES = 8  # the name and handle are among the card's first lines
MAX_OCCURRENCES = 20  # per evidence text
QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
HOW = re.compile(r"^(?:keyword|regex|similarity(?: [\d.]+)?): ")


# --- finding text in the OCR words -------------------------------------------------------------


def _fold(ch: str) -> str:
    """One character, compared loosely: lower case, straight quotes, plain dashes."""
    low = ch.lower()
    return (low if len(low) == 1 else ch).translate(QUOTES)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return " ".join("".join(_fold(c) for c in text).split())


def _words(line: Line) -> list[Word]:
    """The line's words when they spell the whole line; else boxes spread over the line's text in
    proportion to the characters (fused readings can drop a word from `words`)."""
    if line.words and norm(" ".join(w.text for w in line.words)) == norm(line.text):
        return line.words
    return split_words(line.text, line.bbox, line.conf, line.engine)


def _char_box(word: Word, start: int, end: int) -> BBox:
    """The part of a word's box holding characters [start, end), in proportion to the count."""
    x, y, w, h = word.bbox
    n = max(1, len(word.text))
    x0 = x + round(w * start / n)
    x1 = x + round(w * end / n)
    return (x0, y, max(1, x1 - x0), h)


def find_text(text: str, lines: list[Line], limit: int = MAX_OCCURRENCES) -> list[list[BBox]]:
    """Where `text` is written: for each occurrence (at most `limit`), one box per line it
    covers. Whole words only, case, quote style and spacing ignored, across line breaks."""
    needle = norm(text)
    if not needle:
        return []
    stream: list[str] = []
    spans: list[tuple[int, int, int, Word]] = []  # start, end in stream, line index, word
    pos = 0
    for li, line in enumerate(lines):
        for word in _words(line):
            token = "".join(_fold(c) for c in unicodedata.normalize("NFC", word.text))
            token = "".join(token.split())
            if not token:
                continue
            if stream:
                stream.append(" ")
                pos += 1
            stream.append(token)
            spans.append((pos, pos + len(token), li, word))
            pos += len(token)
    haystack = "".join(stream)
    found: list[list[BBox]] = []
    at = haystack.find(needle)
    while at >= 0 and len(found) < limit:
        end = at + len(needle)
        before = haystack[at - 1] if at else " "
        after = haystack[end] if end < len(haystack) else " "
        edge_ok = not (before.isalnum() and needle[0].isalnum()) and not (
            after.isalnum() and needle[-1].isalnum()
        )
        if edge_ok:
            per_line: dict[int, list[BBox]] = {}
            for start, stop, li, word in spans:
                if start < end and stop > at:
                    if len(word.text) == stop - start:
                        box = _char_box(word, max(at, start) - start, min(end, stop) - start)
                    else:  # the word's text folded to a different length: take it whole
                        box = word.bbox
                    per_line.setdefault(li, []).append(box)
            found.append([union_box(boxes) for _, boxes in sorted(per_line.items())])
        at = haystack.find(needle, at + 1)
    return found


# --- post fields -------------------------------------------------------------------------------


def _card_lines(report: Report) -> list[Line]:
    post = report.post
    if post is None:
        return []
    if post.bbox is None:
        return list(report.ocr.lines)
    return [ln for ln in report.ocr.lines if overlap(ln.bbox, post.bbox) > 0.5]


def _count_line(line: Line) -> bool:
    tokens = line.text.split()
    return bool(tokens) and (
        all(parse_count(t) is not None for t in tokens)
        or (bool(labelled_counts(line.text)) and len(tokens) <= 4)
    )


def field_regions(report: Report) -> dict[str, list[BBox]]:
    """The regions of the post's fields, in image pixels, by field name (display_name, handle,
    body, timestamp, counts); a field not shown, or not found in the OCR lines, is left out.
    See the module's docstring for how each is found."""
    post: Post | None = report.post
    lines = _card_lines(report)
    if post is None or not lines:
        return {}
    regions: dict[str, list[BBox]] = {}
    header = lines[:HEADER_LINES]
    if post.handle and (hits := find_text(post.handle, header, 1)):
        regions["handle"] = hits[0]
    if post.display_name:
        hits = find_text(post.display_name, header)
        handle = regions.get("handle", [])
        hits = [h for h in hits if not any(overlap(b, hb) > 0.5 for b in h for hb in handle)]
        if hits:
            regions["display_name"] = hits[0]
    if post.timestamp_raw and (hits := find_text(post.timestamp_raw, lines)):
        # A relative time ("3h") sits in the header; a full date after the body: take the last.
        regions["timestamp"] = hits[-1]
    for field in ("handle", "display_name", "timestamp"):  # shown otherwise than OCR spelt it
        if field not in regions and field in post.boxes:
            regions[field] = [post.boxes[field]]
    taken = [b for boxes in regions.values() for b in boxes]
    body = norm(post.body or "")
    body_lines = [
        ln
        for ln in lines
        if body
        and norm(ln.text)
        and norm(ln.text) in body
        and not any(overlap(ln.bbox, b) > 0.5 for b in taken)
    ]
    if body_lines:
        regions["body"] = [union_box([ln.bbox for ln in body_lines])]
    counts: list[BBox] = []
    row = [ln for ln in lines if ln not in body_lines and _count_line(ln)]
    if row:
        counts.append(union_box([ln.bbox for ln in row]))
    for ln in lines:
        if ln in body_lines or ln in row:
            continue
        for match in (*VIEWS.finditer(ln.text), *LABELLED.finditer(ln.text)):
            for hit in find_text(match.group(0), [ln], 1):
                counts.extend(b for b in hit if b not in counts)
    if counts:
        regions["counts"] = counts
    return regions


# --- evidence ----------------------------------------------------------------------------------


def _evidence_bboxes(ev: Evidence, report: Report, regions: dict[str, list[BBox]]) -> list[BBox]:
    if ev.bbox is not None:
        return [ev.bbox]
    if not ev.text or ev.kind in ("caption", "metadata"):
        return []  # a model's caption and the file's metadata are not written in the image
    text = ev.text
    if ev.kind == "post":
        name, _, value = text.partition(": ")
        name = name.strip().replace(" ", "_")
        if name == "platform" and report.post is not None and report.post.bbox is not None:
            return [report.post.bbox]
        if name in regions:
            return list(regions[name])
        text = value
    if ev.kind == "rule":
        text = HOW.sub("", text)
    parts = [text]
    if ev.kind == "ocr" and not find_text(text, report.ocr.lines, 1):
        parts = [p for p in text.split("; ") if p.strip()]
    boxes: list[BBox] = []
    for part in parts:
        for hit in find_text(part, report.ocr.lines):
            boxes.extend(b for b in hit if b not in boxes)
    return boxes


def evidence_boxes(report: Report) -> list[dict]:
    """For every sentence of every section, the boxes of its evidence in image pixels:
    [{"section": 2, "sentence": 0, "bboxes": [[x, y, w, h], ...],
      "evidence": [{"kind", "rule", "text", "bboxes"}, ...]}, ...]. A sentence whose evidence
    is not in the image (a rule, the metadata) has an empty "bboxes"."""
    regions = field_regions(report)
    out: list[dict] = []
    for section in report.sections:
        for i, sentence in enumerate(section.sentences):
            items, every = [], []
            for ev in sentence.evidence:
                boxes = _evidence_bboxes(ev, report, regions)
                every.extend(b for b in boxes if b not in every)
                items.append(
                    {
                        "kind": ev.kind,
                        "rule": ev.rule,
                        "text": ev.text,
                        "bboxes": [list(b) for b in boxes],
                    }
                )
            out.append(
                {
                    "section": section.number,
                    "sentence": i,
                    "bboxes": [list(b) for b in every],
                    "evidence": items,
                }
            )
    return out
