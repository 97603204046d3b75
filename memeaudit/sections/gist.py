"""The gist of an image's text for the Description: its first clean sentences, as read.

UI chrome (an app's buttons, status lines, date chips), lines that are only a handle, a time or
counts, and OCR junk (icons read as letters, a picture's scraps) are left out, line by line; a
sentence is kept only if it is made of words, so that what the Description quotes is text the
image shows, exactly as read, never a splice of pieces."""

from __future__ import annotations

import re

from memeaudit.facts.text import sentences
from memeaudit.kinds.chrome import phrases
from memeaudit.kinds.rows import Row, rows
from memeaudit.kinds.when import AGE, DATE
from memeaudit.model import Line

WORD = re.compile(
    r"^[\"“‘'(\[]*(?:[^\W\d_]+(?:['’.-][^\W\d_]+)*|[$€£]?\d[\d,.:]*[%kKmMbB]?|&|[#@][\w.-]+)"
    r"[\"”’')\]]*[.,!?:;…]*$"
)
HANDLE_ONLY = re.compile(r"^[@#]?[\w.-]+(?:\s*[·•]\s*\S+)?$")
COUNTS = re.compile(
    r"^(?:[\d,.]+[kmb]?\s*(?:replies|reply|reposts?|retweets?|likes?|views?|comments?|shares?|"
    r"quotes?|bookmarks?|subscribers?|followers?|members?|reviews?|photos?)?\s*[·•]?\s*)+$",
    re.IGNORECASE,
)
GREETING = re.compile(
    r"^(?:dear|hello|hi|hey|good (?:morning|afternoon|evening))\b[^.!?,:]{0,40}[,!:]\s*", re.I
)
MIN_WORDS = 3
CLEAN_SHARE = 0.8  # of a sentence's tokens that must be words or numbers
GIST_WORDS = 30  # the gist stops after the sentence that reaches this many words


def chrome_row(text: str) -> bool:
    """A row that is the app's, not the author's: chrome, a bare handle, a time, counts."""
    flat = " ".join(text.split())
    if any(phrases(kind).match(flat) for kind in ("chat", "email", "review")):
        return True
    if phrases("chat", "status").match(flat):
        return True
    if COUNTS.match(flat) or (HANDLE_ONLY.match(flat) and any(c in flat for c in "@#")):
        return True
    stamp = DATE.search(flat) or AGE.search(flat)
    return bool(stamp) and len(flat) - len(stamp.group(0)) <= 8


def clean(sentence: str) -> bool:
    """Made of words: at least MIN_WORDS tokens, CLEAN_SHARE of them words or numbers, and
    letters at least half its characters."""
    tokens = sentence.split()
    if len(tokens) < MIN_WORDS:
        return False
    words = sum(bool(WORD.match(t)) for t in tokens)
    letters = sum(c.isalpha() for c in sentence)
    return words >= CLEAN_SHARE * len(tokens) and letters >= 0.5 * len(sentence.replace(" ", ""))


def paragraphs(lines: list[Line] | list[Row]) -> str:
    """The OCR rows without chrome, as text: a gap wider than a line's height starts a paragraph."""
    laid: list[Row] = rows(lines) if lines and isinstance(lines[0], Line) else lines  # type: ignore[assignment,arg-type]
    parts: list[str] = []
    prev: Row | None = None
    for row in laid:
        if chrome_row(row.text):
            prev = None
            parts.append("\n\n")
            continue
        if prev is not None:
            parts.append("\n\n" if row.top - prev.bottom > 0.9 * row.height else " ")
        parts.append(row.text.strip())
        prev = row
    return "".join(parts).strip()


def strip_greeting(text: str) -> str:
    """The text after an opening 'Hello,' or 'Dear Mara,' (still a run of the text as read)."""
    return GREETING.sub("", text.strip(), count=1).strip()


def first_sentences(text: str, greeting: bool = False) -> tuple[list[str], bool]:
    """The first clean sentences, up to GIST_WORDS words or two sentences, and whether they are
    all the clean sentences the text has ('reads' rather than 'begins'). `greeting`: a letter's
    or mail's 'Dear Mara,' before a sentence is left out."""
    found = [strip_greeting(s) if greeting else s for s in sentences(text)]
    found = [s for s in found if clean(s)]
    gist: list[str] = []
    for s in found:
        gist.append(s)
        if sum(len(g.split()) for g in gist) >= GIST_WORDS or len(gist) == 2:
            break
    return gist, len(gist) == len(found)
