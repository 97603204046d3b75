"""Dates and ages as apps draw them ('Oct 17, 2025', 'Yesterday at 14:02', 'a month ago', '3d
ago'), found in OCR text that may have lost its spaces ('amonthago')."""

from __future__ import annotations

import re

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
CLOCK = r"\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?"
UNIT = r"(?:second|minute|hour|day|week|month|year)"
AGE = re.compile(
    rf"(?<![a-z])(?P<n>an?|\d+)\s*(?P<unit>{UNIT})(?P<s>s?)\s*ago"
    r"|(?<![\w])(?P<short>\d+\s?[smhdwy])\s?ago\b",
    re.IGNORECASE,
)
DATE = re.compile(
    rf"(?<![\w])(?:(?:{DAY},?\s*)?(?:{MONTH}\s*\d{{1,2}}(?:,?\s*\d{{4}})?|\d{{1,2}}\s*{MONTH}"
    rf"(?:\s*\d{{4}})?)(?:,?\s*(?:at\s+)?{CLOCK})?|(?:today|yesterday)(?:\s+at)?\s+{CLOCK}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}(?:,?\s*{CLOCK})?)(?![\w])",
    re.IGNORECASE,
)


def age(text: str) -> str | None:
    """'a month ago', '3 days ago', '3d ago': spaced the way the apps draw them."""
    found = AGE.search(text)
    if found is None:
        return None
    if found["short"]:
        return f"{found['short'].replace(' ', '')} ago"
    return f"{found['n']} {found['unit']}{found['s']} ago"


def date(text: str) -> str | None:
    """The first date (with its time, if drawn) in the text, as written, with the spaces OCR
    drops after a comma or a month put back ('Feb23,2026' -> 'Feb 23, 2026')."""
    found = DATE.search(text)
    if found is None:
        return None
    shown = re.sub(r",(?=\d)", ", ", found.group(0).strip())
    shown = re.sub(rf"^({MONTH})(?=\d)", r"\1 ", shown, flags=re.IGNORECASE)
    return shown[0].upper() + shown[1:]  # the apps capitalise months and days; OCR may not


def when(text: str) -> str | None:
    return age(text) or date(text)
