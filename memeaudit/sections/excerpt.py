"""Short quotations: a run of the image's text, exactly as read, of at most QUOTE_WORDS words.

A report quotes the image to show what it says, not to copy it out: the Description quotes the
gist of the text and Claims and Evidence the words a claim turns on, each in a few words (the
seed report quotes 'industrial-scale distillation attacks'). `excerpt` keeps a whole sentence
that fits; else the clause that holds the claim's key (its first figure or the first name it
concerns), grown by the clauses beside it while it fits; else the words around the key. A cut
end is marked "…", so the quotation never reads as the whole sentence.

Words are counted as `memeaudit eval reports` counts a paste (its `words`): a run of letters,
digits and the marks inside words; a dash or an ampersand between words is no word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib.resources import files

from memeaudit.yamlload import safe_load

QUOTE_WORDS = 10  # the most words in a row a section quotes (eval reports' paste is 12: a word
# of the sentence around the quotation may happen to be the text's next word)
BRIEF_WORDS = 6  # the Description's quotation of a sentence that section 4 quotes as a claim
_TOKEN = re.compile(r"[\w@#$%€£'’.,:/-]+")
_CLAUSE_END = re.compile(r"[,;:]$")
_DASHES = frozenset({"-", "–", "—", "|"})
_WORDS = safe_load((files("memeaudit.sections") / "excerpt.yaml").read_text(encoding="utf-8"))
DANGLING = frozenset(_WORDS["dangling"])
_CONNECTORS = frozenset(_WORDS["connectors"])
_CUT_AT = _CONNECTORS | frozenset(_WORDS["cut_before"])
_MONTH = "|".join(sorted(_WORDS["months"], key=len, reverse=True))
_VALUE = re.compile(
    rf"(?<![\w$€£-])(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})\b"
    rf"|[$€£]?\d[\d,.]*\d?(?:\s?(?:%|[A-Za-z]+\b))?)"
)
MIN_WORDS = 4  # a quotation shorter than this, of a longer text, is grown


def count(text: str) -> int:
    """The words of `text` as a paste is counted."""
    return sum(bool(t.strip(".,:'/-")) for t in _TOKEN.findall(text))


def _bare(word: str) -> str:
    return word.strip("“”\"'‘’()[].,;:!?…").lower()


def _clauses(words: list[str]) -> list[tuple[int, int]]:
    """Word ranges [start, end) split after a comma, semicolon or colon, and at a lone dash."""
    out, start = [], 0
    for i, word in enumerate(words):
        if word in _DASHES:
            if i > start:
                out.append((start, i))
            start = i + 1
        elif _CLAUSE_END.search(word):
            out.append((start, i + 1))
            start = i + 1
    if start < len(words):
        out.append((start, len(words)))
    return out


def _size(words: list[str], start: int, end: int) -> int:
    return sum(count(w) for w in words[start:end])


def _key_span(words: list[str], keys: Iterable[str]) -> tuple[int, int] | None:
    """Where the first of `keys` (a figure as written, a name) that the text holds stands."""
    for key in keys:
        parts = key.split()
        if not parts:
            continue
        for i in range(len(words) - len(parts) + 1):
            if all(_bare(words[i + j]) == _bare(p) for j, p in enumerate(parts)):
                return i, i + len(parts)
    return None


def _window(
    words: list[str], start: int, end: int, key: tuple[int, int] | None, limit: int
) -> tuple[int, int]:
    """At most `limit` words of [start, end) holding the key: from the clause's start if the key
    fits after it, else from a connector before the key; up to a connector after it."""
    first, last = key if key is not None else (start, start + 1)
    starts = [start] + [i for i in range(start + 1, first + 1) if _bare(words[i]) in _CUT_AT]
    begin = next((b for b in starts if _size(words, b, last) <= limit), max(start, first - 2))
    stop = begin
    while stop < end and _size(words, begin, stop + 1) <= limit:
        stop += 1
    if stop < end:  # cut where a clause of its own begins ('… accounts' before 'and generated')
        cuts = [
            j for j in range(max(last, begin + MIN_WORDS), stop + 1) if _bare(words[j]) in _CUT_AT
        ]
        stop = cuts[-1] if cuts else stop
    return begin, stop


def _trim(words: list[str], start: int, end: int, full: int) -> tuple[int, int]:
    """Cut ends that dangle: a quotation does not stop on 'the' or start with 'and'."""
    while end - start > 3 and end < full and _bare(words[end - 1]) in DANGLING:
        end -= 1
    while end - start > 3 and start > 0 and _bare(words[start]) in _CONNECTORS:
        start += 1
    return start, end


def excerpt(text: str, keys: Iterable[str] = (), limit: int = QUOTE_WORDS) -> str:
    """A run of `text` of at most `limit` words, as read, with "…" where it was cut: the whole
    text if it fits, else the clause holding the first of `keys` (or the first clause), with the
    clauses beside it while they fit, else the words around that key."""
    words = text.split()
    if not words or _size(words, 0, len(words)) <= limit:
        return " ".join(words)
    key = _key_span(words, keys)
    clauses = _clauses(words)
    at = next((i for i, (s, e) in enumerate(clauses) if key is not None and s <= key[0] < e), 0)
    start, end = clauses[at]
    if _size(words, start, end) > limit:
        start, end = _window(words, start, end, key, limit)
    else:
        left, right = at - 1, at + 1
        while True:  # grow to the left first (towards the sentence's start), then the right
            if left >= 0 and _size(words, clauses[left][0], end) <= limit:
                start, left = clauses[left][0], left - 1
            elif right < len(clauses) and _size(words, start, clauses[right][1]) <= limit:
                end, right = clauses[right][1], right + 1
            else:
                break
        if _size(words, start, end) < MIN_WORDS:  # 'PSA:' before a long clause
            start, end = _window(words, start, len(words), key, limit)
    start, end = _trim(words, start, end, len(words))
    shown = " ".join(words[start:end])
    if end < len(words):
        shown = shown.rstrip(",;:–—-") + " …"
    if start > 0:
        shown = "… " + shown
    return shown


def bare(shown: str) -> str:
    """An excerpt without its "…" marks: the run of the text it quotes (for the evidence)."""
    return shown.removeprefix("… ").removesuffix(" …")


def left_out(text: str, shown: str) -> list[str]:
    """The dates, numbers and amounts of `text`, as written with the word after them, that its
    quotation `shown` cut off ('June 14', '$9,400', '48 hours')."""
    kept, found = bare(shown), []
    for m in _VALUE.finditer(text):
        value = m.group(0).rstrip(".,")
        head, _, tail = value.rpartition(" ")
        if head and tail.islower() and (tail in DANGLING or tail in _CUT_AT):
            value = head  # '9,400 within' is '9,400'; 'BTC', 'hours', 'June 14' stay
        if value not in kept and any(c.isdigit() for c in value):
            found.append(value)
    return list(dict.fromkeys(found))


def last_clause(text: str, shown: str) -> str | None:
    """The clause that ends `text` (after its last comma, semicolon or dash), when its quotation
    `shown` cut it off and it is short enough to quote whole: what a claim says it is for or what
    follows from it ('…, extracting its capabilities to train and improve their own models')."""
    head, _, clause = re.split(r"[.!?]\s", text.strip())[-1].rpartition(", ")
    for mark in (";", " – ", " — "):
        head, _, clause = clause.rpartition(mark) if mark in clause else (head, "", clause)
    clause = clause.strip().rstrip(".!?;,")
    words = clause.split()
    if not head or not 3 <= len(words) <= QUOTE_WORDS or not words[0][:1].islower():
        return None
    if len(head.rpartition(",")[2].split()) <= 3:
        return None  # the last item of a list ('names, email addresses and dates of birth')
    return None if bare(clause) in bare(shown) else clause
