"""Where a piece of text is written among OCR lines: whole words, compared loosely (case, quote
style, dashes and spacing ignored), across line breaks, boxed by the characters it covers.

The post parser boxes each field inside the lines it took the field from; the evidence locator
boxes each evidence span the facts matched in the OCR text.
"""

from __future__ import annotations

import unicodedata

from memeaudit.geometry import split_words, union_box
from memeaudit.model import BBox, Line, Word

MAX_OCCURRENCES = 20  # per text
QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


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
    covers."""
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


def box_of(text: str | None, lines: list[Line], last: bool = False) -> BBox | None:
    """One box around the first (or `last`) place `text` is written among `lines`, else None."""
    hits = find_text(text, lines) if text else []
    return union_box(hits[-1 if last else 0]) if hits else None
