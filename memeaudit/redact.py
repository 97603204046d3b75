"""--redact: a report with personal data masked everywhere it appears.

What is masked: the personal data the facts stage found in the pixels (email addresses, phone
numbers, street addresses, and handles found as personal data), any email address or phone
number in the file's free-text metadata, the GPS position (every raw GPS field, and the decimal
position the report writes), serial numbers and the camera owner's name. Each masked value becomes
a bracketed label naming its kind, e.g. "[email redacted]" or "[GPS position redacted]", so a
reader still knows what was there. A post's author (display name and @handle) is the public
account that published the post and is kept; a handle is masked only when it was found as personal
data. People's names in the text are not detected, so they are not masked.

`redact` is pure: it returns a new Report and leaves its argument alone. It masks every string of
the report: OCR text, lines and words (a word that holds part of a masked span is masked too),
post fields, facts, section text, sentences and evidence, metadata and warnings.

Outputs that show the image itself (the HTML report's picture, an annotated PNG) take
`redact_picture(image, report)`: the image with every glyph of every masked OCR word painted
black, not only the word's box (see redacted_regions)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from memeaudit.facts.pii import find_personal_data
from memeaudit.facts.text import join_names
from memeaudit.metadata import position_text
from memeaudit.model import BBox, ImageMetadata, Line, Report
from memeaudit.ocr.base import union_box

MASK = {
    "email": "[email redacted]",
    "phone": "[phone redacted]",
    "address": "[address redacted]",
    "handle": "[handle redacted]",
    "gps": "[GPS position redacted]",
    "serial": "[serial number redacted]",
    "owner": "[owner name redacted]",
}
NOUN = {
    "email": ("email address", "email addresses"),
    "phone": ("phone number", "phone numbers"),
    "address": ("street address", "street addresses"),
    "handle": ("personal handle", "personal handles"),
    "gps": ("GPS position", "GPS positions"),
    "serial": ("serial number", "serial numbers"),
    "owner": ("camera owner's name", "camera owners' names"),
}
MIN_FREE_TEXT = 4  # shorter metadata values are masked in their own fields only, not in prose
METADATA_RULES = {"metadata.gps": "gps", "metadata.serial": "serial", "metadata.owner": "owner"}
PLACE = re.compile(r"Latitude|Longitude|Altitude|Dest|Area|Position")  # raw GPS fields of a place
UNTOUCHED = ("schema_version", "memeaudit_version", "engines")  # no image text can be there
# The painted picture, in line heights: padding all round; the blank run that ends a word where
# the line's own spaces do not show it; how far a box may grow along its line, and up or down,
# over glyphs its word box cut.
PAD, GAP, REACH, REACH_UP = 0.12, 0.3, 2.0, 0.5
INK = 48  # a pixel this far (per channel, 0-255) from the strip's median colour is ink


def _pattern(value: str, truncated: bool = False) -> re.Pattern[str]:
    """The value, with any run of whitespace between its words, not inside a longer word."""
    words = value.split()
    body = r"\s+".join(re.escape(w) for w in words)
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) and not truncated else ""
    return re.compile(before + body + after)


class _Masker:
    def __init__(self, targets: Iterable[tuple[str, str]]) -> None:
        chosen = {(k, v.strip()) for k, v in targets if v and v.strip()}
        self.targets = sorted(chosen, key=lambda t: -len(t[1]))  # longest first
        self.patterns: list[tuple[re.Pattern[str], str]] = []
        for kind, value in self.targets:
            if len(value) < MIN_FREE_TEXT and kind in ("serial", "owner", "gps"):
                continue
            self.patterns.append((_pattern(value), MASK[kind]))
        # A quote cut at a word boundary ("+1 …") must not keep the first words of a value.
        for kind, value in self.targets:
            words = value.split()
            if kind in ("email", "phone", "address", "handle"):
                for k in range(len(words) - 1, 0, -1):
                    cut = _pattern(" ".join(words[:k]), truncated=True)
                    self.patterns.append((re.compile(cut.pattern + r"(?=\s+…)"), MASK[kind]))
        # A word holding a piece of a phone number or email address, wherever it stands alone.
        self.tokens = {
            w: MASK[kind]
            for kind, value in self.targets
            if kind in ("email", "phone")
            for w in value.split()
            if len(w) >= MIN_FREE_TEXT and re.search(r"[\d@]", w)
        }

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, mask) of every value in the text, longest values first."""
        found: list[tuple[int, int, str]] = []
        for pattern, mask in self.patterns:
            for m in pattern.finditer(text):
                if m.end() > m.start() and all(m.end() <= s or m.start() >= e for s, e, _ in found):
                    found.append((m.start(), m.end(), mask))
        return sorted(found)

    def text(self, text: str) -> str:
        out, at = [], 0
        for start, end, mask in self.spans(text):
            out += [text[at:start], mask]
            at = end
        return "".join(out) + text[at:]

    def word(self, word: str) -> str:
        """A word seen outside its line: masked whole if it is a piece of a masked value."""
        masked = self.text(word)
        return self.tokens.get(word.strip(".,;:!?()[]\"'"), masked)

    def line(self, line: dict[str, Any]) -> dict[tuple[Any, ...], str]:
        """Mask a line and each of its words by where the masked spans fall in the line's text;
        returns the masked text of each word, by (text, bbox, engine)."""
        text = line["text"]
        spans = self.spans(text)
        masked: dict[tuple[Any, ...], str] = {}
        at = 0
        for word in line.get("words", []):
            key = (word["text"], tuple(word["bbox"]), word["engine"])
            start = text.find(word["text"], at) if word["text"] else -1
            if start < 0:
                new = self.word(word["text"])
            else:
                end = start + len(word["text"])
                at = end
                new, cur = "", start
                for s, e, mask in spans:
                    if e <= start or s >= end:
                        continue
                    new += text[cur:s] if s > cur else ""
                    new += mask
                    cur = max(cur, e)
                new += text[cur:end] if cur < end else ""
            masked[key] = word["text"] = new
        line["text"] = self.text(text)
        return masked


def _walk(value: Any, masker: _Masker) -> Any:
    if isinstance(value, str):
        return masker.text(value)
    if isinstance(value, dict):
        return {k: _walk(v, masker) for k, v in value.items()}
    if isinstance(value, list | tuple):
        walked = [_walk(v, masker) for v in value]
        return walked if isinstance(value, list) else tuple(walked)
    return value


def _metadata_targets(meta: ImageMetadata | None) -> list[tuple[str, str]]:
    """GPS, serial numbers, the owner's name, and emails and phone numbers in free-text fields."""
    if meta is None:
        return []
    targets: list[tuple[str, str]] = []
    if (gps := meta.gps) is not None:
        if gps.latitude is not None and gps.longitude is not None:
            targets.append(("gps", position_text(gps)))
        targets += [("gps", v) for k, v in gps.raw.items() if PLACE.search(k)]
    if (device := meta.device) is not None:
        targets += [("serial", v) for v in device.serial_numbers.values()]
        if device.owner:
            targets.append(("owner", device.owner))
    for text in [f.value for f in meta.other] + meta.history:
        targets += [(p.kind, p.text) for p in find_personal_data(text)]
    return targets


def _mask_metadata(meta: dict[str, Any] | None) -> None:
    """The fields themselves, whatever their length: GPS (position and raw), serials, owner."""
    if not meta:
        return
    if gps := meta.get("gps"):
        gps.update(latitude=None, longitude=None, altitude=None)
        gps["raw"] = {k: MASK["gps"] if PLACE.search(k) else v for k, v in gps["raw"].items()}
    if device := meta.get("device"):
        device["serial_numbers"] = {k: MASK["serial"] for k in device.get("serial_numbers", {})}
        owner = device.get("owner")
        if owner:
            device["owner"] = MASK["owner"]
            device["fields"] = {
                k: MASK["owner"] if v == owner else v for k, v in device.get("fields", {}).items()
            }


def _mask_evidence(sections: list[dict[str, Any]]) -> None:
    """Evidence that quotes a masked metadata field keeps the field's name, not its value."""
    for section in sections:
        items = [*section.get("evidence", [])]
        items += [ev for sentence in section.get("sentences", []) for ev in sentence["evidence"]]
        for ev in items:
            kind = METADATA_RULES.get(ev.get("rule") or "")
            if ev.get("kind") == "metadata" and kind and ev.get("text"):
                ev["text"] = f"{ev['text'].split(': ', 1)[0]}: {MASK[kind]}"


def _note(targets: list[tuple[str, str]]) -> str:
    counts: dict[str, int] = {}
    for kind, _ in targets:
        counts[kind] = counts.get(kind, 0) + 1
    if "gps" in counts:
        counts["gps"] = 1  # one position, however many fields write it
    if not counts:
        return (
            "Redaction (--redact) was on: no personal data, GPS position, serial number or owner "
            "name was found to mask."
        )
    listed = [f"{n} {NOUN[k][n != 1]}" for k in MASK if (n := counts.get(k, 0))]
    return (
        f"Redaction (--redact) masked {join_names(listed)} in this report's text, post fields, "
        "facts, sections, evidence and metadata."
    )


def redact(report: Report) -> Report:
    """The report with personal data, GPS position, serial numbers and owner name masked in every
    field; a warning says what was masked, counted per kind. The argument is left unchanged."""
    data = report.model_dump()
    meta = data["image"].get("metadata")
    targets = [(p.kind, p.text) for p in report.facts.personal_data]
    targets += _metadata_targets(report.image.metadata)
    masker = _Masker(targets)
    by_word: dict[tuple[Any, ...], str] = {}
    for line in data["ocr"]["lines"]:
        by_word.update(masker.line(line))
    for word in data["ocr"]["words"]:
        key = (word["text"], tuple(word["bbox"]), word["engine"])
        word["text"] = by_word[key] if key in by_word else masker.word(word["text"])
    _mask_metadata(meta)
    _mask_evidence(data["sections"])
    kept = {key: data.pop(key) for key in UNTOUCHED}
    sha256 = data["image"].pop("sha256")
    data = _walk(data, masker)
    data["image"]["sha256"] = sha256
    data.update(kept)
    data["warnings"] = [*data["warnings"], _note(masker.targets)]
    return Report.model_validate(data)


def redacted_boxes(report: Report) -> list[BBox]:
    """The boxes (image pixels) of every OCR word that redaction masked, in reading order."""
    masks = tuple(MASK.values())
    words = [*report.ocr.words, *(w for line in report.ocr.lines for w in line.words)]
    found = [w.bbox for w in words if any(m in w.text for m in masks)]
    return list(dict.fromkeys(found))


def _masked(text: str) -> bool:
    return any(mask in text for mask in MASK.values())


def _runs(line: Line) -> list[BBox]:
    """One box per run of masked words in the line: the union of their boxes. A masked line
    without words is masked whole."""
    runs: list[list[BBox]] = []
    after_masked = False
    for word in line.words:
        if _masked(word.text):
            if after_masked:
                runs[-1].append(word.bbox)
            else:
                runs.append([word.bbox])
        after_masked = _masked(word.text)
    if not line.words and _masked(line.text):
        return [line.bbox]
    return [union_box(run) for run in runs]


def _ink(pixels: np.ndarray) -> np.ndarray:
    """Which pixels of a strip of text differ from its background (its median colour)."""
    strip = pixels.reshape(-1, 3) if pixels.size else np.zeros((1, 3), np.uint8)
    background = np.median(strip, axis=0)
    return np.abs(pixels.astype(np.int16) - background).max(axis=2) > INK


def _blank_widths(ink: np.ndarray) -> np.ndarray:
    """For each position of a profile, the width of the blank stretch it lies in (0 on ink)."""
    widths = np.zeros(len(ink), dtype=np.int64)
    at = 0
    for blank, group in itertools.groupby(ink.tolist(), key=lambda inked: not inked):
        size = len(list(group))
        if blank:
            widths[at : at + size] = size
        at += size
    return widths


def _grow(ink: np.ndarray, start: int, end: int, gap: int, reach: int) -> tuple[int, int]:
    """Widen [start, end) along a profile of inked positions until each end meets a blank
    stretch at least `gap` wide (or `reach` is used up): a box that cuts a glyph, or stops
    between two letters, grows over the rest of the word."""
    start, end = min(max(0, start), len(ink)), min(max(0, end), len(ink))
    low, high = max(0, start - reach), min(len(ink), end + reach)
    widths = _blank_widths(ink)
    while start > low and widths[start - 1] < gap:
        start -= 1
    while end < high and widths[end] < gap:
        end += 1
    return start, end


def _blank_runs(ink: np.ndarray) -> list[int]:
    """Lengths of the blank stretches between the first and the last inked position."""
    inked = np.flatnonzero(ink)
    if len(inked) < 2:
        return []
    steps = np.diff(inked) - 1
    return [int(n) for n in steps if n > 0]


def _word_gap(ink: np.ndarray, words: int, height: int) -> int:
    """The blank width that parts two words on this line: OCR says how many words the line
    holds, so its `words - 1` widest blank stretches are the spaces and the rest fall between
    letters; the threshold lies midway. GAP line heights where the pixels do not show it (one
    word, or a background with no blank column)."""
    runs = sorted(_blank_runs(ink), reverse=True)
    if words < 2 or len(runs) < words - 1:
        return max(2, round(GAP * height))
    space = runs[words - 2]
    letters = runs[words - 1] if len(runs) >= words else 0
    return max(2, (space + letters + 1) // 2)


def _region(pixels: np.ndarray, run: BBox, band: BBox, words: int) -> tuple[int, int, int, int]:
    """The corners of the painted area for a run of masked words on a line (band, holding
    `words` words): the words' boxes over the line's height, grown over every glyph the boxes
    cut, then padded in proportion to the line height."""
    height = max(band[3], run[3], 1)
    reach, pad = round(REACH * height), max(2, round(PAD * height))
    top, bottom = max(0, min(band[1], run[1])), max(band[1] + band[3], run[1] + run[3])
    x0 = max(0, min(band[0], run[0]) - reach)
    x1 = min(pixels.shape[1], max(band[0] + band[2], run[0] + run[2]) + reach)
    ink = _ink(pixels[top:bottom, x0:x1]).any(axis=0)
    gap = _word_gap(ink[band[0] - x0 : band[0] + band[2] - x0], words, height)
    left, right = _grow(ink, run[0] - x0, run[0] + run[2] - x0, gap, reach)
    y0 = max(0, top - reach)
    column = _ink(pixels[y0 : bottom + reach, x0 + left : x0 + right]).any(axis=1)
    up, down = _grow(column, top - y0, bottom - y0, 1, round(REACH_UP * height))
    return (x0 + left - pad, y0 + up - pad, x0 + right - 1 + pad, y0 + down - 1 + pad)


def redacted_regions(image: Image.Image, report: Report) -> list[tuple[int, int, int, int]]:
    """Corners (x0, y0, x1, y1, inclusive) of the areas redact_picture paints: per run of
    masked words on a line, the union of the words' boxes over the line's height, grown over
    any glyph they cut (a word box PP-OCR spread by character count, a box tighter than its
    glyphs), padded by PAD line heights. A masked word of report.ocr.words that no line holds
    is painted by its own box, the same way."""
    pixels = np.asarray(image.convert("RGB"))
    regions, seen = [], set()
    for line in report.ocr.lines:
        for run in _runs(line):
            regions.append(_region(pixels, run, line.bbox, len(line.words)))
        seen.update(w.bbox for w in line.words)
    for word in report.ocr.words:
        if _masked(word.text) and word.bbox not in seen:
            regions.append(_region(pixels, word.bbox, word.bbox, 1))
    return regions


def redact_picture(image: Image.Image, report: Report) -> Image.Image:
    """A copy of the image with every glyph of every masked word painted black (see
    redacted_regions): what outputs that show the pixels use with a redacted report. The image
    must be the one the report's boxes refer to (loaded, EXIF orientation applied)."""
    out = image.convert("RGB")  # always a copy
    draw = ImageDraw.Draw(out)
    for region in redacted_regions(out, report):
        draw.rectangle(region, fill=(0, 0, 0))
    return out
