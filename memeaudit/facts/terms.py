"""Amounts of money, spans of time, dates and clock times a text names, as written ('$300',
'14 BTC', '30 seconds', '48 hours', '14 June', '10am'): what a message asks for or offers, and by
when, the specifics a reader can check. Section 4 lists the ones its claims do not already quote.
The date and time patterns are data (knowledge/claims/when.yaml)."""

from __future__ import annotations

import re

from memeaudit.facts.claim_cues import load_cues
from memeaudit.facts.figures import durations, figures
from memeaudit.facts.text import sentences
from memeaudit.model import Figure

MAX_TERMS = 6
WHEN = (("dates", "date"), ("times", "time"))  # the cue lists of when.yaml, and their unit


def written(figure: Figure, text: str) -> str | None:
    """A figure with its unit as `text` writes them ('30 seconds', '7-day'), if it does."""
    if not figure.unit:
        return None
    pattern = rf"(?<![\w.,]){re.escape(figure.text)}[\s-]*{re.escape(figure.unit)}\b"
    return m.group(0) if (m := re.search(pattern, text)) else None


def find_terms(text: str) -> list[Figure]:
    """The text's money amounts, time spans, dates and clock times, each once, in reading order:
    each exactly as written ('30 seconds', '7-day', 'Tuesday 10 March', '10.30pm')."""
    found: dict[str, Figure] = {}
    for sentence in sentences(text):
        for _, figure in sorted(_in(sentence), key=lambda pair: pair[0]):
            found.setdefault(figure.text, figure)
    return list(found.values())[:MAX_TERMS]


def _in(sentence: str) -> list[tuple[int, Figure]]:
    """(position, term) of every amount, span, date and time in one sentence; a date or time
    inside a longer one ('10 March' in 'Tuesday 10 March') is not listed twice."""
    spans = durations()
    out: list[tuple[int, Figure]] = []
    for figure in figures(sentence):
        if figure.unit == "money":
            shown: str | None = figure.text
        elif figure.unit and figure.unit.lower() in spans:
            shown = written(figure, sentence)
        else:
            shown = None
        if shown is not None:
            out.append(
                (sentence.find(shown), Figure(text=shown, value=figure.value, unit=figure.unit))
            )
    taken: list[tuple[int, int]] = []
    cues = load_cues()
    for name, unit in WHEN:
        for m in cues.pattern("when", name).finditer(sentence):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            shown = m.group(0).strip().rstrip(".,")
            out.append((m.start(), Figure(text=shown, value=None, unit=unit)))
    return out
