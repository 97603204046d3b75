"""Street addresses in OCR text, by the shapes and words listed in addresses.yaml.

The words (street words of each language, particles, directions, units, states, postcodes, and
the words that tell a count or a headline from an address) are data; this module only turns
them into patterns. Each line of text is searched on its own: OCR gives an address written over
two lines as two lines, and redaction masks each line by its own text."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from memeaudit.paths import PACKAGE
from memeaudit.yamlload import safe_load

# Upper-case letters of the Latin, Greek and Cyrillic alphabets: a street name starts with one.
UPPER = re.escape("".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper()))
SEP = r"[ \t]+"
NUMBER = r"\d{1,5}[A-Za-z]?(?:[-–/]\d{1,5}[A-Za-z]?)?"  # 742, 221B, 12-14, 5a
ORDINAL = r"\d{1,3}(?:st|nd|rd|th)"  # 55 W 44th St
NAME = rf"(?:[{UPPER}][\w'’.-]*|{ORDINAL})"
TOWN = rf"{NAME}(?:[ \t-]+{NAME}){{0,2}}"
ENDS_PHRASE = ",.;:!?)]}\"'’”…|/–—-"  # punctuation after a match: the address ends there


def _words(words: list[str]) -> str:
    """An alternation of the words, longest first, each matched whole."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _capitalised(words: list[str]) -> str:
    """The words as listed (capitalised) or in capitals, whole."""
    return _words(sorted({*words, *(w.upper() for w in words)}))


@cache
def _data() -> dict[str, Any]:
    text = (PACKAGE / "facts" / "addresses.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = safe_load(text)
    return data


@cache
def _pattern() -> re.Pattern[str]:
    d = _data()
    codes = d["postcodes"]
    elided = [p for p in d["particles"] if p[-1] in "'’"]  # l', d': no space after
    spaced = [p for p in d["particles"] if p not in elided]
    particle = rf"(?:(?i:{_words(spaced)}){SEP}|(?i:{_words(elided)}))"
    named = rf"(?:{particle})*{NAME}(?:[ \t-]+(?:{particle})*{NAME}){{0,3}}"
    tail = "|".join(
        [
            rf",?{SEP}{TOWN},?{SEP}(?:{_words(d['states'])})(?:{SEP}{codes['us']})?(?![\w])",
            rf",?{SEP}{TOWN},?{SEP}(?:{_words(d['provinces'])}){SEP}{codes['ca']}(?![\w])",
            rf",?{SEP}(?:{TOWN},?{SEP})?{codes['uk']}(?![\w])",
            rf",?{SEP}{codes['europe']}{SEP}{TOWN}",
        ]
    )
    number = r"(?:(?=[\w-]*\d)[\w-]{1,6}|[A-Z])(?![\w])"  # 4B, 200, 12-3, C
    units = _words(d["units"])
    unit = rf"(?:,?{SEP}(?:(?i:{units})(?:\.|(?![\w]))[ \t]*#?|#)[ \t]*{number})"
    ending = _words(d["street_endings"])
    shapes = [
        # 742 Evergreen Terrace, 1600 PENNSYLVANIA AVENUE NW, 55 W 44th St
        rf"{NUMBER}{SEP}(?:{NAME}{SEP}){{1,3}}(?i:{_words(d['street_after_name'])})(?![\w-])\.?"
        rf"(?:{SEP}(?i:{_words(d['directions'])})(?![\w-])\.?)?{unit}?",
        # 12 rue de la Paix, 8 bis avenue des Champs-Élysées, 3, place de la Concorde
        rf"{NUMBER}(?:{SEP}(?i:{_words(d['number_suffixes'])}))?,?{SEP}"
        rf"(?i:{_words(d['street_after_number'])})(?![\w-])\.?{SEP}{named}",
        # Calle de Alcalá 42, Via del Corso 12, Platz der Republik 1, C/ Mayor, 5
        rf"(?:{_capitalised(d['street_before_name'])})(?![\w-])\.?(?:{SEP}|(?<=/)[ \t]*){named}"
        rf",?{SEP}{NUMBER}",
        # Hauptstraße 5, Friedrichstr. 43, Damstraat 12, Berliner Straße 12
        rf"(?:[{UPPER}][\w'’-]*?(?i:{ending})|{NAME}{SEP}(?i:{ending}))(?![\w])[ \t]*{NUMBER}",
    ]
    body = "|".join(f"(?:{s})" for s in shapes)
    return re.compile(rf"(?<![\w.,:/@#+$€£%&-])(?:{body})(?:{tail})?(?![\w])")


def _ends_phrase(line: str, end: int, matched: str) -> bool:
    """The address is not the start of a longer phrase ("Street fight", "Street Fight")."""
    rest = line[end:].lstrip(" \t")
    if not rest or rest[0] in ENDS_PHRASE or matched.endswith("."):
        return True
    word = re.match(r"[\w'’]+", rest)
    return word is not None and word.group(0) in _data()["follow"]


def _counts(line: str, start: int) -> bool:
    """The number is a count or a rank: 'Top 10 …', 'Chapter 3 …'."""
    before = re.search(r"([\w'’]+)[ \t]*$", line[:start])
    return before is not None and before.group(1).lower() in _data()["count_words"]


def find_addresses(text: str) -> list[str]:
    """Every street address in the text, as written, in reading order."""
    found = []
    for line in text.splitlines():
        for m in _pattern().finditer(line):
            value = m.group(0).rstrip(" ,")
            if _ends_phrase(line, m.end(), value) and not _counts(line, m.start()):
                found.append(value)
    return found
