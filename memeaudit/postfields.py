"""Parsers for the pieces of a post: counts ("1.2K"), times ("2h", "13 Sep", "10:02 AM · Feb 23,
2026"), handles and display names. Pure functions on text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any

from memeaudit.yamlload import safe_load

COUNT = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[KMB]?$", re.IGNORECASE)
SCALE = {"K": 1_000, "M": 1_000_000, "B": 1_000_000_000}
# An icon glyph read as letters stuck to a count: "P333" (the reply bubble), "li55.8K" (views).
GLYPH_COUNT = re.compile(  # or after it: '53.2Kli' (the views icon)
    r"^(?:(?P<glyph>[^\d\s,.]{1,3})(?P<count>\d[\d,.]*[KMB]?)|(?P<count2>\d[\d,.]*[KMB]?)[^\d\s,.KMB]{1,2})$",
    re.IGNORECASE,
)
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
MON = (  # the first letter in either case: OCR reads 'Jan' as 'jan'
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
YEAR = r"(?:19|20)\d{2}"
CLOCK = r"\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?"
# "Feb 23, 2026", "Oct 17", "Feb23,2026" (OCR drops spaces); "17 Oct 2014", "13 Sep".
MDY = rf"(?P<mon>{MON})\s*(?P<day>\d{{1,2}})(?:(?:,\s*|\s+)(?P<year>{YEAR}))?"
DMY = rf"(?P<day2>\d{{1,2}})\s*(?P<mon2>{MON})(?:,?\s*(?P<year2>{YEAR}))?"
DATE = rf"(?<![\w])(?:{MDY}|{DMY})(?=\W|$|at\b)"
# "10:02 AM · Feb 23, 2026" (X), "9:15 PM - 17 Oct 2014" (2014 cards), "February 23, 2026 at
# 10:02 AM" (Bluesky, Facebook), "Feb 23, 2026, 10:02" (Mastodon), "Yesterday at 14:02".
TIMESTAMP = re.compile(
    rf"(?:(?P<clock>{CLOCK})\s*(?P<sep>[·.•\-–])?\s*)?{DATE}"
    rf"(?:(?P<join>\s*,\s*|\s*at\s*)(?P<after>{CLOCK}))?"
    rf"|(?P<dayword>Yesterday|Today)\s*at\s*(?P<dayclock>{CLOCK})"
)
SHORT_DATE = re.compile(DATE)
RELATIVE = re.compile(r"(?<![\w,])(?<!\d\.)(\d{1,2}\s?[smhdw])(?![\w])")  # "·2h" read as ".2h" too
AGO = re.compile(
    r"\b\d{1,2} (?:second|minute|hour|day|week|month|year)s? ago(?: \(edited\))?", re.IGNORECASE
)
VIEWS = re.compile(r"(\d[\d.,]*[KMB]?)\s*Views", re.IGNORECASE)
LABELLED = re.compile(
    r"(\d[\d.,]*[KMB]?)\s*(Replies|Reply|Comments?|Retweets?|Reposts?|Boosts?|Quote Tweets?"
    r"|Quotes?|[LlI1][iIl1]kes?|Favou?rites?|Upvotes?|Points?|Views)(?![a-z])",
    re.IGNORECASE,
)
LABEL_FIELD = {
    "repl": "replies", "comm": "replies", "retw": "reposts", "repo": "reposts", "boos": "reposts",
    "like": "likes", "favo": "likes", "upvo": "likes", "poin": "likes", "view": "views",
}  # fmt: skip
HANDLES = [  # (platform, pattern): the handle's own shape names the platform
    ("Mastodon", re.compile(r"(?<![\w@])@[A-Za-z0-9_.]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")),
    ("Bluesky", re.compile(r"(?<![\w@])@[a-z0-9_-]+(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*(?![\w@])")),
    ("Reddit", re.compile(r"(?<![\w/])u/[A-Za-z0-9_-]{3,20}\b")),
    # not an email's domain ('@example.com'); a dot before the time is fine ('@mara.Mar 4')
    ("X", re.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,15}(?![\w@]|\.(?!\d{1,2}[smhdw]\b)[a-z0-9])")),
]
# A header line where OCR lost the space between the name and the handle: "Jonas Kapoor@jonas".
STUCK_HANDLE = re.compile(
    r"(?<=[^\W\d_])@[A-Za-z0-9_]{1,15}(?![\w@]|\.(?!\d{1,2}[smhdw]\b)[a-z0-9])"
)
# ... after an avatar read as a stray mark or two ("8 holistic.hanna 5h")
THREADS_HEADER = re.compile(
    r"^(?:\S{1,2}\s+)?(?P<user>[a-z0-9._]{3,30})\s+(?P<ago>\d{1,2}[smhdw])$"
)
# What follows a handle that is the domain of an email address ('no-reply@secure-verify.xyz',
# 'x@secure.Example'): more labels to a top-level domain, with no day number after it ('@mara.Mar
# 4' is a handle and the date).
DOMAIN_REST = re.compile(r"(?:[-.][A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w.-])(?!\s*\d{1,2}\b)")


@cache
def cues() -> dict[str, Any]:
    """memeaudit/postcues.yaml: the layout words and count orders the parser reads."""
    return safe_load((files("memeaudit") / "postcues.yaml").read_text(encoding="utf-8"))


def parse_count(text: str) -> int | None:
    """'1.2K' -> 1200, '3.1M' -> 3100000, '24,000' -> 24000; None if it is not a count."""
    token = text.strip().upper()
    if not token.isascii() or not COUNT.match(token):
        return None
    scale = SCALE.get(token[-1], 1)
    if scale == 1 and re.fullmatch(r"\d{1,3}\.\d{3}", token):
        token = token.replace(".", ",")  # '7.359': a thousands separator read as a dot
    number = (token[:-1] if scale > 1 else token).replace(",", "")
    return round(float(number) * scale)


def glyph_count(token: str) -> int | None:
    """The count in a token where an icon glyph stuck to it ('P333' -> 333), else None."""
    match = GLYPH_COUNT.match(token.strip())
    return parse_count(match["count"] or match["count2"]) if match else None


@dataclass(frozen=True)
class Stamp:
    """A time found in a line: as shown (spacing made regular) and in ISO where it allows."""

    shown: str
    iso: str | None
    full: bool  # a clock or a year: the stamp line under a post, not a short date in a header


def _clock(text: str) -> tuple[str, int, int] | None:
    """'10:02AM' -> ('10:02 AM', 10, 2); None for a misread clock ('25:99')."""
    match = re.match(r"(\d{1,2}):(\d{2})\s*([AaPp])?", text)
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2]), (match[3] or "").upper()
    if minute > 59 or hour > (12 if half else 23):
        return None
    shown = f"{hour}:{minute:02d}" + (f" {half}M" if half else "")
    if half:
        hour = hour % 12 + (12 if half == "P" else 0)
    return shown, hour, minute


def find_stamp(text: str) -> Stamp | None:
    """The first time written in a line, in any of the forms posts show."""
    match = TIMESTAMP.search(text)
    if not match:
        return None
    if match["dayword"]:
        clock = _clock(match["dayclock"])
        shown = f"{match['dayword']} at {clock[0] if clock else match['dayclock']}"
        return Stamp(shown, None, True)
    mon = match["mon"] or match["mon2"]
    day = int(match["day"] or match["day2"])
    year = match["year"] or match["year2"]
    month = MONTHS[mon[:3].lower()]
    if not 1 <= day <= 31:
        return None
    mon_shown = mon.rstrip(".").capitalize()
    date = f"{mon_shown} {day}" if match["mon"] else f"{day} {mon_shown}"
    if year:
        date += f", {year}" if match["mon"] else f" {year}"
    before, after = match["clock"], match["after"]
    clock = _clock(before or after or "")
    if before and clock:
        sep = "-" if match["mon2"] else "·"  # '9:15 PM - 17 Oct 2014', '9:41 PM · Oct 17, 2025'
        shown = f"{clock[0]} {sep} {date}"
    elif after and clock:
        shown = f"{date} at {clock[0]}" if "at" in match["join"] else f"{date}, {clock[0]}"
    else:
        shown = date
    iso = None
    if year:
        try:
            when = datetime(int(year), month, day, *(clock[1:] if clock else (0, 0)))
        except ValueError:
            when = None
        if when is not None:
            iso = when.isoformat() if clock else when.date().isoformat()
    return Stamp(shown, iso, bool(year or clock))


def parse_timestamp(raw: str) -> str | None:
    """An absolute date (and clock) in ISO 8601; None when the text gives none."""
    stamp = find_stamp(raw)
    return stamp.iso if stamp else None


def labelled_counts(text: str) -> dict[str, int]:
    """Counts written with their labels: '184K Likes', '12 boosts', '1,959RETWEETS'."""
    found: dict[str, int] = {}
    for number, label in LABELLED.findall(text):
        key = re.sub(r"^[li1][il1]k", "lik", label.lower())  # 'Iikes', 'Ilkes': OCR's likes
        field = LABEL_FIELD.get(key[:4])
        value = parse_count(number)
        if field and value is not None:
            found.setdefault(field, value)
    return found


def find_handle(text: str, header: bool = False) -> tuple[str, str] | None:
    """(platform the handle's shape implies, handle) for the first handle in the text. In a
    header line (`header`), a handle stuck to the name before it counts too."""
    for platform, pattern in HANDLES:
        if (match := pattern.search(text)) and not _in_address(text, match):
            return platform, match.group(0)
    if header and (match := STUCK_HANDLE.search(text)) and not _in_address(text, match):
        return "X", match.group(0)
    return None


def _in_address(text: str, match: re.Match[str]) -> bool:
    """Whether the '@…' matched is the domain of an email address: a local part right before
    the '@' and the domain's other labels after the match."""
    before = text[: match.start()]
    if not before or not re.search(r"[\w.+'-]$", before) or match.group(0).startswith("u/"):
        return False
    return bool(DOMAIN_REST.match(text, match.end()))


def fix_handle(handle: str) -> str:
    """Letters OCR reads for digits between two digits in a handle: '@mara2O24' -> '@mara2024'
    (l, I for 1; O for 0). A letter beside one digit stays: '@demirl85' is a real handle. A handle is ASCII letters, digits and '_' only."""
    table = str.maketrans({"l": "1", "I": "1", "O": "0"})  # only between two digits

    def digit(match: re.Match[str]) -> str:
        return match.group(0).translate(table)

    return re.sub(r"(?<=\d)[lIO](?=\d)", digit, handle)


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split()[0] if name else ""


def _glyph_token(token: str, extras: set[str]) -> bool:
    """A token after a name that is no part of it: a button ('Follow'), a connection degree
    ('2nd'), a sign or symbol ('¥Z', '=', '>'), or a lone lower-case letter (a badge, 'v')."""
    if token.lower().strip(".·") in extras:
        return True
    if not any(c.isalpha() for c in token):
        return True
    signs = any(unicodedata.category(c)[0] == "S" for c in token)
    return (signs and len(token) <= 2) or (len(token) == 1 and token.islower())


def clean_name(text: str) -> tuple[str | None, bool]:
    """A display name without the badge and emoji glyphs drawn after it ('Anthropic ●',
    'Tomás Ortega烂', 'Mara Quill 🌿', 'Mara Carter = Follow'), and whether anything was cut.
    Letters of the name's own script, digits and . ' - stay."""
    shown = text = text.strip(" ·•|")
    extras = {w.lower() for w in cues()["name_extras"]}
    tokens = text.split()
    while len(tokens) > 1 and _glyph_token(tokens[-1], extras):
        tokens.pop()
    text = " ".join(tokens)
    letters = [_script(c) for c in text if c.isalpha()]
    main = max(set(letters), key=letters.count) if letters else ""
    end = len(text)
    while end:
        char = text[end - 1]
        keep = char.isdigit() or char in ".'’)" or (char.isalpha() and _script(char) == main)
        if keep:
            break
        end -= 1
    name = text[:end].rstrip(" ·•")
    return (name or None), name != shown


# Two capitalised words OCR ran together ('KenjiAlves', 'TomásOrtega'): a person's name only.
GLUED_NAME = re.compile(r"^([^\W\d_][^\W\d_A-Z]{2,})(?=[A-Z][^\W\d_A-Z]{2,}$)")


def split_glued_name(name: str | None) -> str | None:
    """'KenjiAlves' -> 'Kenji Alves', for a person's name that OCR read without its space;
    a name with a space, or of another shape ('McDonald', 'Omar G.'), stays as read."""
    if not name or " " in name:
        return name
    return GLUED_NAME.sub(r"\1 ", name)


def phrase_in(text: str, role: str) -> str | None:
    """The first phrase of postcues.yaml's `role` in the text (case-insensitive), if any."""
    low = text.lower()
    for phrase in cues()[role]:
        if re.search(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", low):
            return phrase
    return None
