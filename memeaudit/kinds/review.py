"""A review screenshot's rows -> reviewer, rating, date, title and text.

The reviewer is the name above the 'N reviews' line (Google, Trustpilot), or, where there is no
such line (App Store), the name-shaped row on the right under the title. The rating is read only
from a clean row of five stars (★ filled, ☆ empty); OCR that garbles the stars gives none."""

from __future__ import annotations

import re

from memeaudit.kinds.chrome import phrases
from memeaudit.kinds.rows import Row, bounds, side
from memeaudit.kinds.when import when
from memeaudit.model import Review
from memeaudit.postfields import split_glued_name

REVIEW_COUNT = re.compile(r"\d\s*reviews?\b|local guide", re.IGNORECASE)
STARS = re.compile(r"^\s*(?P<full>★*)(?P<empty>☆*)")
NAME = re.compile(r"^[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,3}$")
EXPERIENCE = re.compile(r"date of experience", re.IGNORECASE)
TOP_ROWS = 4


def _rating(rows_: list[Row]) -> int | None:
    for row in rows_:
        found = STARS.match(row.text)
        if found and len(found["full"]) + len(found["empty"]) == 5:
            return len(found["full"])
    return None


def _name_like(text: str) -> bool:
    """One to four words of letters: a reviewer's name or nickname, as read (in any case)."""
    return bool(NAME.match(text))


def parse_review(rows_: list[Row], site: str | None) -> Review:
    counted = next((i for i, r in enumerate(rows_[:TOP_ROWS]) if REVIEW_COUNT.search(r.text)), None)
    left, right = bounds(rows_)
    reviewer, title, start = None, None, 0
    if counted:
        # a person's name over 'N reviews' (Google, Trustpilot), its space put back
        reviewer, start = split_glued_name(rows_[counted - 1].text.strip()), counted + 1
    else:
        right_names = [
            i
            for i, r in enumerate(rows_[:TOP_ROWS])
            if side(r, left, right) == "right" and _name_like(r.text.strip()) and not when(r.text)
        ]
        if right_names:
            reviewer, start = rows_[right_names[0]].text.strip(), right_names[0] + 1
            titles = [
                r.text.strip()
                for r in rows_[: right_names[0]]
                if side(r, left, right) == "left" and not when(r.text)
            ]
            title = titles[0] if titles else None
    date, dated = None, None
    for i, row in enumerate(rows_[: start + 3]):
        if not EXPERIENCE.search(row.text) and (found := when(row.text)):
            date, dated = found, i
            break
    chrome = phrases("review")
    body: list[str] = []
    for i, row in enumerate(rows_[start:], start):
        text = row.text.strip()
        if chrome.match(text) or EXPERIENCE.search(text):
            if body:
                break
            continue
        if i == dated:
            continue  # the stars and date row
        if title is None and not body and len(text.split()) <= 6 and text[-1] not in ".!?":
            title = text
            continue
        body.append(text)
    return Review(
        site=site,
        rating=_rating(rows_),
        reviewer=reviewer,
        date=date,
        title=title,
        body=" ".join(body) or None,
    )
