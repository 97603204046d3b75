"""Figures exactly as written: counts, money, percentages, ratios and multipliers.

A number is a figure only when it counts or measures something: it has a currency, a percent sign,
a scale word ("2.7 million"), a multiplier ("10x"), a ratio ("1 in 3") or the noun it counts
("650 IT leaders"). Phone numbers, codes, handles, times, dates, years, version and order numbers
are not figures: they are masked before the search (the words it needs are in
knowledge/claims/figures.yaml)."""

from __future__ import annotations

import re
from functools import cache

from memeaudit.facts.claim_cues import load_cues
from memeaudit.model import Figure

QUALIFIER = (
    r"(?:over|more\s+than|nearly|almost|about|around|roughly|approximately|up\s+to|at\s+least"
    r"|fewer\s+than|less\s+than|under|some|más\s+de|plus\s+de|mehr\s+als|mais\s+de|über)"
)
NUMBER = r"(?:[$€£¥₹]|R\$)?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?)"
SCALE_WORD = (
    r"thousand|millions?|billions?|trillions?|bn|millones|mil\s+millones|milliards?|Millionen"
    r"|Milliarden?|milhões|bilhões|mil|mille"
)
PERCENT = r"\s?%|\s+(?:percent|per\s+cent|por\s+ciento|pour\s+cent|Prozent|por\s+cento)"
# "in 3 weeks" after an amount is when, not a ratio: "$9,400 in 3 weeks" is $9,400 and 3 weeks.
DURATION = r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b"
FIGURE = re.compile(
    rf"""(?<![\w.,#@+/:-])(?:
      (?P<ratio>\d+\s+(?:in|out\s+of|de\s+cada|sur|von)\s+\d+(?!\s*{DURATION}))
    | (?P<times>\d+(?:\.\d+)?x)(?![\w])
    | (?P<amount>(?:{QUALIFIER}\s+)?{NUMBER}
        (?!\s+(?:in|out\s+of|de\s+cada|sur|von)\s+\d+(?![\d.,]|\s*{DURATION}))
        (?:\s?(?:{SCALE_WORD})(?![\w])|(?<=\d)[KMB](?![\w])|(?<=\d)m(?![\w]))?(?:{PERCENT})?)
    )(?![\w]|[.,:/-]?\d)""",
    re.IGNORECASE | re.VERBOSE,
)
UNIT = re.compile(
    r"\s+(?:(?:of|de|d'|des)\s+)?((?:[A-Z]{2,4}|[^\W\d_][\w'’-]*))(?:\s+([^\W\d_][\w-]*))?"
)
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Numbers that are not figures, masked before the search.
NOT_FIGURES = re.compile(
    rf"""(?:
      (?<![\w])\+?\(?\d[\d()]*(?:[\s.-]\(?\d+\)?){{2,}}(?![\w])   # phone numbers: 612 345 678
    | (?<![\w])\+\d[\d\s-]{{6,}}\d                               # +44 7700 900456
    | (?<![\w])0\d{{3,}}(?:\s\d{{3,}})?                           # 07700 900123
    | [#№]\s?\d+                                                  # order #48213
    | @\w+                                                        # handles
    | \d[\d.,]*\s?[KkM]?\s+(?-i:Reposts?|Retweets?|Likes?|Bookmarks?|Views?|Replies|Reply|Quotes?
        |Comments?|Shares?|Followers?|Following|Reactions?)(?![\w])    # a post's counts
    | \d+\s?%\s+off\b                                              # discounts: 20% off
    | \d+(?:\.\d+){{2,}}                                          # versions: 4.2.1
    | \d{{1,2}}[:h]\d{{2}}\s*(?:[ap]\.?m\.?)?(?![\w])             # times: 7:30, 6:45 pm
    | \d{{1,2}}\.\d{{2}}\s*[ap]\.?m\.?(?![\w])
    | \d{{1,2}}\s?(?:[ap]\.?m\.?)(?![\w])                          # 2 pm, 3am
    | \d{{1,2}}\s?[smhdw](?=\s*(?:$|[·•|.,;:!?)]|ago\b))         # post ages: 54m, 3h
    | \d{{4}}-\d{{2}}-\d{{2}} | \d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?  # dates
    | {MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*\d{{4}})?
    | \d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:\s+\d{{4}})?
    | (?<![\w$€£])(?:19|20)\d{{2}}s(?![\w])                        # decades: the 1970s
    | (?<![\w$€£.,])(?:19|20)\d{{2}}(?=\s*(?:$|[;:!?)]|[.,](?!\d)))          # a year closing a phrase
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A year after a preposition: "in 2024", "since 2019".
AFTER_YEAR_WORD = re.compile(
    r"\b((?:in|by|of|to|since|until|till|after|before|during|from|em|en|seit|depuis|desde)\s+)"
    r"((?:19|20)\d{2})(?![\w%]|[.,]\d)",
    re.IGNORECASE,
)
# Qualifiers in the languages that group thousands with dots ("más de 5.000").
FOREIGN = re.compile(r"(?:más\s+de|plus\s+de|mehr\s+als|über|mais\s+de)\s", re.IGNORECASE)
MULTIPLIER = {"thousand": 1e3, "mil": 1e3, "mille": 1e3, "k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9}


@cache
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    doc = load_cues().files["figures"]
    low = [frozenset(w.lower() for w in words) for words in (doc.not_units, doc.id_words)]
    return low[0], low[1], frozenset(doc.currencies), frozenset(w.lower() for w in doc.durations)


def durations() -> frozenset[str]:
    """The units that make a figure a span of time (claims/figures.yaml), lower-cased."""
    return _words()[3]


@cache
def _year_nouns() -> tuple[str, ...]:
    return tuple(load_cues().files["figures"].year_nouns)


def _scale(word: str) -> float:
    w = word.lower()
    if w in MULTIPLIER:
        return MULTIPLIER[w]
    if w.startswith(("trillion", "bilh")) or w in ("mil millones",):
        return 1e12 if w.startswith("trillion") else 1e9
    if w.startswith(("billion", "milliard")):
        return 1e9
    return 1e6 if w.startswith(("million", "millon", "milh")) else 1


def _value(text: str) -> float | None:
    match = re.search(rf"(\d[\d,.]*)\s?({SCALE_WORD}|[KMBm](?![\w]))?", text, re.I)
    if not match:
        return None
    digits = match.group(1).rstrip(".,")
    groups = r"\d{1,3}(?:\.\d{3}){2,}" if not FOREIGN.match(text) else r"\d{1,3}(?:\.\d{3})+"
    if re.fullmatch(groups, digits) and not digits.startswith("0"):
        digits = digits.replace(".", "")  # 5.000.000, or "más de 5.000": thousands separators
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):
        digits = digits.replace(",", "")  # 24,000 and 1,000.5
    else:
        digits = digits.replace(",", ".")  # 12,5: a decimal comma
    try:
        number = float(digits)
    except ValueError:
        return None
    return number * _scale(match.group(2) or "")


def _unit(rest: str) -> str | None:
    """The noun a number counts: 'fraudulent accounts', 'IT leaders', 'flights'."""
    not_units, _, _, _ = _words()
    match = UNIT.match(rest)
    if not match:
        return None
    first, second = match.group(1), match.group(2)
    if first.isupper() and len(first) > 1:  # an acronym qualifies the noun after: "IT leaders"
        return f"{first} {second}" if second and second.islower() else None
    if first.lower() in not_units or first[0].isupper():
        return None
    # "fraudulent accounts": an adjective then a plural noun; "users last": stop at the noun.
    if second and not first.endswith("s") and second.endswith("s") and second not in not_units:
        return f"{first} {second}"
    return first


def _masked(sentence: str) -> str:
    """The sentence with every number that is not a figure blanked out (same length)."""
    _, id_words, _, _ = _words()
    masked = NOT_FIGURES.sub(lambda m: " " * len(m.group(0)), sentence)
    years = "|".join(re.escape(w) for w in _year_nouns())
    year = re.compile(rf"(?<![\w$€£.,])(?:19|20)\d{{2}}(?=\s+(?:{years})\b)", re.IGNORECASE)
    masked = year.sub(lambda m: " " * len(m.group(0)), masked)  # "the 2024 election"
    masked = AFTER_YEAR_WORD.sub(lambda m: m.group(1) + " " * len(m.group(2)), masked)
    ids = "|".join(re.escape(w) for w in sorted(id_words, key=len, reverse=True))
    after_id = re.compile(rf"(?<![\w])(?:{ids})\.?\s*\d[\w.]*", re.IGNORECASE)
    return after_id.sub(lambda m: " " * len(m.group(0)), masked)


def figures(sentence: str) -> list[Figure]:
    _, _, currencies, durations = _words()
    masked = _masked(sentence)
    found = []
    for match in FIGURE.finditer(masked):
        text = sentence[match.start() : match.end()].strip()
        rest = sentence[match.end() :]
        if match.group("ratio"):
            found.append(Figure(text=text, unit="ratio"))
            continue
        if match.group("times"):
            found.append(Figure(text=text, value=_value(text), unit=_unit(rest)))
            continue
        code = re.match(r"\s+([A-Za-z]{2,6})(?![\w])", rest)
        if code and code.group(1) in currencies | {c.lower() for c in currencies if c.islower()}:
            text, rest = f"{text} {code.group(1)}", rest[code.end() :]
            found.append(Figure(text=text, value=_value(text), unit="money"))
            continue
        if re.search(r"%|percent|per\s+cent|ciento|cent|Prozent|cento", text, re.I):
            found.append(Figure(text=text, value=_value(text), unit="percent"))
            continue
        if re.search(r"[$€£¥₹]", text):
            found.append(Figure(text=text, value=_value(text), unit="money"))
            continue
        unit = _unit(rest)
        scaled = re.search(rf"(?:{SCALE_WORD})$", text, re.I)
        grouped = re.search(r"\d[,.]\d{3}(?!\d)", text)  # 24,000: a count even without its noun
        if unit is None and not scaled and not grouped:
            continue  # a bare number (or a model size, 7B) counts nothing
        if unit is not None and unit.split()[0].lower() in durations:
            unit = unit.split()[0]
        found.append(Figure(text=text, value=_value(text), unit=unit))
    return found
