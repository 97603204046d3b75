"""Figures exactly as written: counts, money, percentages, ratios, multipliers and dates."""

from __future__ import annotations

import re

from memeaudit.model import Figure

QUALIFIER = (
    r"(?:over|more\s+than|nearly|almost|about|around|roughly|approximately|up\s+to|at\s+least"
    r"|fewer\s+than|less\s+than|under|some)"
)
NUMBER = r"[$€£]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[$€£]?\d+(?:\.\d+)?"
SCALE_WORD = r"thousand|million|billion|trillion"
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
FIGURE = re.compile(
    rf"""(?<![\w.])(?:
      (?P<date>{MONTH}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?)
    | (?P<ratio>\d+\s+(?:in|out\s+of)\s+\d+)
    | (?P<times>\d+(?:\.\d+)?x)(?![\w])
    | (?P<amount>(?:{QUALIFIER}\s+)?(?:{NUMBER})(?!\s+(?:in|out\s+of)\s+\d)(?:\s?(?:{SCALE_WORD})|[KMB](?![\w]))?(?:\s?%|\s+percent)?)
    )(?![\w]|,\d)""",
    re.IGNORECASE | re.VERBOSE,
)
UNIT = re.compile(r"\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?")
STOP = {
    "with",
    "and",
    "to",
    "of",
    "in",
    "on",
    "for",
    "by",
    "the",
    "a",
    "an",
    "is",
    "are",
    "was",
    "from",
    "at",
    "per",
    "than",
    "last",
    "this",
    "or",
    "as",
}
MULTIPLIER = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "b": 1e9,
}


def _value(text: str) -> float | None:
    match = re.search(
        r"(\d[\d,]*(?:\.\d+)?)\s?(thousand|million|billion|trillion|[KMB](?![\w]))?", text, re.I
    )
    if not match:
        return None
    number = float(match.group(1).replace(",", ""))
    return number * MULTIPLIER.get((match.group(2) or "").lower(), 1)


def _unit(rest: str) -> str | None:
    match = UNIT.match(rest)
    if not match:
        return None
    first, second = match.group(1), match.group(2)
    if first in STOP:
        return None
    # "fraudulent accounts": an adjective then a plural noun; "users last": stop at the noun.
    if second and not first.endswith("s") and second.endswith("s") and second not in STOP:
        return f"{first} {second}"
    return first


def figures(sentence: str) -> list[Figure]:
    found = []
    for match in FIGURE.finditer(sentence):
        text = match.group(0).strip()
        if (
            match.group("amount")
            and re.fullmatch(r"\d{1,2}", text)
            and not _unit(sentence[match.end() :])
        ):
            continue  # a bare small number with nothing after it is not a figure
        if match.group("date"):
            found.append(Figure(text=text, unit="date"))
            continue
        value = None if match.group("ratio") else _value(text)
        unit = "ratio" if match.group("ratio") else _unit(sentence[match.end() :])
        if text.endswith("%") or text.lower().endswith("percent"):
            unit = "percent"
        elif unit is None and re.search(r"[$€£]", text):
            unit = "money"
        found.append(Figure(text=text, value=value, unit=unit))
    return found
