"""Small text helpers shared by the fact extractors."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise

from memeaudit.knowledge.schema import compiled


@cache
def phrase_pattern(phrase: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """A whole-word pattern for a phrase; inner spaces match any whitespace run."""
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    return re.compile(rf"(?<![\w@]){body}(?![\w])", 0 if case_sensitive else re.IGNORECASE)


_VOWELS = "aeiou"
_JOIN = r"(?:\s*[-‐‑–]\s*|\s+)"  # "SIM swap", "SIM-swap", "SIM – swap"


def _inflected(word: str) -> str:
    """A pattern for an English word and its inflections: swap, swaps, swapped, swapping;
    scrape, scraped, scraping; reply, replies, replied. Acronyms and words with
    digits or of fewer than three letters take a plural -s only."""
    w = re.escape(word)
    if not word.isalpha() or len(word) < 3 or word.isupper():
        return rf"{w}(?:s|'s)?"
    low = word.lower()
    forms = [rf"{w}(?:s|es|ed|ing|'s)?"]
    if low[-1] == "e":
        forms.append(rf"{re.escape(word[:-1])}(?:ing|ed|es)")
    elif low[-1] == "y" and low[-2] not in _VOWELS:
        forms.append(rf"{re.escape(word[:-1])}(?:ies|ied)")
    elif low[-1] not in _VOWELS + "wxy" and low[-2] in _VOWELS and low[-3] not in _VOWELS:
        forms.append(rf"{w}{re.escape(word[-1])}(?:ed|ing)")
    return "(?:" + "|".join(forms) + ")"


@cache
def trigger_pattern(phrase: str, inflect: bool = True) -> re.Pattern[str]:
    """A topic trigger: whole words, case-insensitive, spaces or hyphens between its words (or
    none: "SIMswap"), and, with `inflect` (English), the inflections of its last word."""
    parts = phrase.replace("-", " ").split()
    body = [re.escape(p) for p in parts]
    if inflect and body:
        body[-1] = _inflected(parts[-1])
    joined = (_JOIN + "?").join(body) if len(parts) > 1 else body[0]
    return re.compile(rf"(?<![\w@]){joined}(?![\w])", re.IGNORECASE)


# A case-insensitive pattern equates "İ" and "ı" with "i", which casefold() keeps apart: the anchor
# test below folds them first, so that it never rules out a match (checked over every code point
# in tests/test_trigger_search.py).
_ANCHOR_FOLD = str.maketrans({"İ": "i", "ı": "i"})


def _fold(text: str) -> str:
    return text.translate(_ANCHOR_FOLD).casefold()


@cache
def _anchor(phrase: str, inflect: bool) -> str:
    """Letters every match of trigger_pattern(phrase, inflect) holds, lower case: the first
    word, or for a one-word phrase whose last word is inflected, its start ("spy" matches
    "spies": "sp")."""
    parts = phrase.replace("-", " ").split()
    if not parts:
        return ""
    first = _fold(parts[0])
    if inflect and len(parts) == 1 and first.isalpha() and len(first) >= 3:
        return first[: len(first) - 1]
    return first


@lru_cache(maxsize=16)
def _lowered(text: str) -> str:
    return _fold(text)


def trigger_search(phrase: str, text: str, inflect: bool = True) -> re.Match[str] | None:
    """trigger_pattern(phrase, inflect).search(text), but a pattern whose first word is nowhere
    in the text is neither compiled nor run: a topic pack holds thousands of triggers, and an
    image's text holds few of their words."""
    if _anchor(phrase, inflect) not in _lowered(text):
        return None
    return trigger_pattern(phrase, inflect).search(text)


def phrase_search(phrase: str, text: str, case_sensitive: bool = False) -> re.Match[str] | None:
    """phrase_pattern(phrase, case_sensitive).search(text), skipped when the phrase's first word
    is nowhere in the text (the knowledge base names hundreds of products and organisations)."""
    if _anchor(phrase, False) not in _lowered(text):
        return None
    return phrase_pattern(phrase, case_sensitive).search(text)


def rule_regex(pattern: str) -> re.Pattern[str]:
    """A rule file's regular expression, case-insensitive, compiled once per process (when the
    knowledge was loaded and checked)."""
    return compiled(pattern, re.IGNORECASE)


MIN_PROSE_WORDS = 5  # a sentence needs this many ordinary words to fire a topic by similarity


def is_prose(sentence: str, names: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence has enough ordinary words (alphabetic, not a known product, company or
    platform name, not a Capitalised label word) to be compared with example sentences: a meme
    label, UI chrome or a row of names ("Llama Developers GPT-4") is not."""
    if sentence.isupper():  # meme captions are set in capitals: judge their words as words
        sentence = sentence.lower()
    words = re.findall(r"[^\W\d_][\w'’-]*", sentence)
    ordinary = [w for w in words if w.lower() not in names and len(w) > 1]
    lower = [w for w in ordinary if not w[0].isupper()]
    return len(ordinary) >= MIN_PROSE_WORDS and len(lower) >= max(2, len(ordinary) // 3)


GUTTER = re.compile(r"^(\d{1,4})(?:\s+|$)")  # an editor's line number, before the line


def without_gutter(text: str) -> str:
    """An editor's text without its line numbers ('8 <!-- note', '9 instructions.'), where three
    lines or more open with numbers that count up; any other text as it is."""
    lines = text.split("\n")
    numbers = [int(m[1]) for ln in lines if (m := GUTTER.match(ln))]
    if len(numbers) < 3 or any(b <= a for a, b in pairwise(numbers)):
        return text
    kept = [GUTTER.sub("", ln) for ln in lines]
    return "\n".join(ln for ln in kept if ln.strip())


# A line that ends a unit of its own in a block of wrapped prose: a letter's address line, a
# heading or a date, far shorter than the block's long lines, with no stop, before a line that
# starts anew ('Eastbury EB2 9LD' / '2 March 2026' / 'FINAL NOTICE — …').
SHORT_LINE = 0.6
# Abbreviations whose stop ends no sentence.
ABBREVIATION = re.compile(
    r"(?<![\w.])(?:ref|no|nr|mr|mrs|ms|dr|st|vs|e\.g|i\.e|jr|sr|prof|approx|fig|vol|tel|acct)\.$",
    re.IGNORECASE,
)
NEW_START = re.compile(r"^[A-Z0-9£$€“\"(]")


def _set_lines(paragraph: str) -> list[str]:
    """The paragraph cut after each short line that stands alone (see SHORT_LINE)."""
    lines = [ln.strip() for ln in paragraph.splitlines() if ln.strip()]
    if len(lines) < 4:
        return [paragraph]
    longest = max(len(ln) for ln in lines)
    parts, current = [], []
    for i, line in enumerate(lines):
        current.append(line)
        after = lines[i + 1] if i + 1 < len(lines) else ""
        alone = len(line) < SHORT_LINE * longest and not re.search(r"[.!?,;:…—–-]$", line)
        if after and alone and NEW_START.match(after):
            parts.append("\n".join(current))
            current = []
    return [*parts, "\n".join(current)] if current else parts


def sentences(text: str) -> list[str]:
    """Split prose into sentences; paragraph breaks always end one, and so does a short line
    that stands alone in a block of long ones (an address line, a heading, a date)."""
    out: list[str] = []
    for paragraph in [p for block in re.split(r"\n\s*\n", text) for p in _set_lines(block)]:
        flat = " ".join(paragraph.split())
        start = len(out)
        pieces = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(@#$])", flat)]
        for piece in filter(None, pieces):
            if len(out) > start and ABBREVIATION.search(out[-1]):
                out[-1] = f"{out[-1]} {piece}"  # "Case ref. NTR/26/44812", "Dr. Ortega"
            else:
                out.append(piece)
    return out


def join_names(names: list[str], last: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (or 'A, B or C')."""
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {last} " + names[-1]


def quote(text: str, limit: int = 40) -> str:
    """Text in curly quotes, cut at a word boundary after `limit` words."""
    words = text.split()
    cut = " ".join(words[:limit]) + (" …" if len(words) > limit else "")
    return f"“{cut}”"


def end_with_quote(lead: str, text: str, limit: int = 40) -> str:
    """'Lead: “text.”': the quote closes the sentence, adding a full stop only if it has none."""
    quoted = quote(text, limit)
    return f"{lead} {quoted}" if quoted[-2] in ".!?…" else f"{lead} {quoted[:-1]}.”"
