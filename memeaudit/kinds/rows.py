"""OCR lines regrouped the way a screenshot's layout draws them: pieces of one row joined, each
row placed left, right or centred between the text's outer edges. Pure geometry on OCR lines."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Literal

from memeaudit.geometry import same_row, union_box
from memeaudit.model import BBox, Line

Side = Literal["left", "right", "centre"]
JOIN_GAP = 2.0  # pieces of a row closer than this many line heights are one row
ONLY_PUNCTUATION = re.compile(r"^[\W_]+$")
# A phone's status bar over an app: its clock, network and battery ('18:22', '5G').
STATUS_BAR = re.compile(r"^\W*(\d{1,2}[:.]\d{2}|[45]g|lte|wi-?fi)\W*$", re.IGNORECASE)
AVATAR = re.compile(r"^[A-Z]{1,2}$")  # an avatar's initials on a row of their own: "G", "JR"


@dataclass
class Row:
    text: str
    bbox: BBox
    conf: float
    lines: list[Line] = field(default_factory=list)

    @property
    def top(self) -> int:
        return self.bbox[1]

    @property
    def bottom(self) -> int:
        return self.bbox[1] + self.bbox[3]

    @property
    def height(self) -> int:
        return self.bbox[3]


def rows(lines: list[Line]) -> list[Row]:
    """Lines on one row and near each other joined left to right, in reading order."""
    ordered = sorted(lines, key=lambda ln: (ln.bbox[1] + ln.bbox[3] / 2, ln.bbox[0]))
    groups: list[list[Line]] = []
    for line in ordered:
        for group in groups[-3:]:
            near = any(
                same_row(line, ln) and _apart(line, ln) < JOIN_GAP * ln.bbox[3] for ln in group
            )
            # an avatar beside a two-line header touches both lines: they stay two rows
            if near and all(same_row(line, ln) for ln in group if _alike(line, ln)):
                group.append(line)
                break
        else:
            groups.append([line])
    out = []
    for group in groups:
        group.sort(key=lambda ln: ln.bbox[0])
        text = " ".join(ln.text.strip() for ln in group if ln.text.strip())
        if not text:
            continue
        box = union_box([ln.bbox for ln in group])
        out.append(Row(text, box, min(ln.conf for ln in group), group))
    out.sort(key=lambda r: (r.top + r.height / 2, r.bbox[0]))
    return out


def _alike(a: Line, b: Line) -> bool:
    """Lines of about one height (neither 1.5 times the other)."""
    return max(a.bbox[3], b.bbox[3]) < 1.5 * max(min(a.bbox[3], b.bbox[3]), 1)


def _apart(a: Line, b: Line) -> int:
    """The horizontal gap between two lines, 0 where they overlap."""
    return max(0, max(a.bbox[0], b.bbox[0]) - min(a.bbox[0] + a.bbox[2], b.bbox[0] + b.bbox[2]))


def bounds(rows_: list[Row]) -> tuple[int, int]:
    """The text's left and right edges."""
    if not rows_:
        return 0, 1
    return min(r.bbox[0] for r in rows_), max(r.bbox[0] + r.bbox[2] for r in rows_)


def side(row: Row, left: int, right: int) -> Side:
    """Centred when both margins are wide and about equal; else the side with the narrower one."""
    width = max(right - left, 1)
    lgap, rgap = row.bbox[0] - left, right - (row.bbox[0] + row.bbox[2])
    if min(lgap, rgap) > 0.2 * width and abs(lgap - rgap) < 0.08 * width:
        return "centre"
    return "right" if rgap < lgap else "left"


def line_height(rows_: list[Row]) -> float:
    return statistics.median(r.height for r in rows_) if rows_ else 1.0


def plain(text: str) -> str:
    """Lower case, spaces collapsed, punctuation at either end dropped: for whole-line cues."""
    return " ".join(text.lower().split()).strip(" .,:;·•|-_!?'\"()[]<>{}")
