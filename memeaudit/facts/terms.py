"""Amounts of money and spans of time a text names, as written ('$300', '14 BTC', '30 seconds',
'48 hours'): what a message asks for or offers, and by when. Section 4 lists the ones its claims
do not already quote, where the text raised a harm."""

from __future__ import annotations

import re

from memeaudit.facts.figures import durations, figures
from memeaudit.facts.text import sentences
from memeaudit.model import Figure

MAX_TERMS = 6


def written(figure: Figure, text: str) -> str | None:
    """A figure with its unit as `text` writes them ('30 seconds', '7-day'), if it does."""
    if not figure.unit:
        return None
    pattern = rf"(?<![\w.,]){re.escape(figure.text)}[\s-]*{re.escape(figure.unit)}\b"
    return m.group(0) if (m := re.search(pattern, text)) else None


def find_terms(text: str) -> list[Figure]:
    """The text's money amounts and time spans, each once, in reading order: a duration is its
    number and unit exactly as written ('30 seconds', '7-day')."""
    spans = durations()
    found: dict[str, Figure] = {}
    for sentence in sentences(text):
        for figure in figures(sentence):
            if figure.unit == "money":
                shown = figure.text
            elif figure.unit and figure.unit.lower() in spans:
                if (shown := written(figure, sentence)) is None:
                    continue
            else:
                continue
            found.setdefault(shown, Figure(text=shown, value=figure.value, unit=figure.unit))
    return list(found.values())[:MAX_TERMS]
