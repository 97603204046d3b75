"""Fuse two engines' lines: per region keep the reading with the better support."""

from __future__ import annotations

import re

from memeaudit.model import Line
from memeaudit.ocr.base import overlap, reading_order

_WORDLIKE = re.compile(r"^[\w@#$%&'’.,:;!?()/+-]+$")
MIN_SOLO_CONF = 0.80  # a line only one engine saw must be this sure to be kept


def support(line: Line) -> float:
    """Confidence times the share of tokens that look like words rather than icon junk."""
    tokens = line.text.split()
    if not tokens:
        return 0.0
    wordlike = sum(1 for t in tokens if _WORDLIKE.match(t) and any(c.isalnum() for c in t))
    return line.conf * wordlike / len(tokens)


def fuse(primary: list[Line], secondary: list[Line]) -> list[Line]:
    """Each region keeps the better-supported reading; lone lines need MIN_SOLO_CONF support."""
    kept: list[Line] = []
    used: set[int] = set()
    for line in primary:
        rivals = [i for i, other in enumerate(secondary) if overlap(line.bbox, other.bbox) > 0.5]
        used.update(rivals)
        rival_lines = [secondary[i] for i in rivals]
        if len(rival_lines) == 1 and support(rival_lines[0]) > support(line) + 0.05:
            kept.append(rival_lines[0])
        else:
            kept.append(line)
    for i, line in enumerate(secondary):
        sure = i not in used and support(line) >= MIN_SOLO_CONF and len(line.text.strip()) > 1
        if sure and not any(overlap(line.bbox, k.bbox) > 0.3 for k in kept):
            kept.append(line)
    return reading_order(kept)
