"""Small text helpers shared by the fact extractors."""

from __future__ import annotations

import re
from functools import cache


@cache
def phrase_pattern(phrase: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """A whole-word pattern for a phrase; inner spaces match any whitespace run."""
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    return re.compile(rf"(?<![\w@]){body}(?![\w])", 0 if case_sensitive else re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Split prose into sentences; paragraph breaks always end one."""
    out = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.split())
        out.extend(
            s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(@#$])", flat) if s.strip()
        )
    return out


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def quote(text: str, limit: int = 40) -> str:
    """Text in curly quotes, cut at a word boundary after `limit` words."""
    words = text.split()
    cut = " ".join(words[:limit]) + (" …" if len(words) > limit else "")
    return f"“{cut}”"


def end_with_quote(lead: str, text: str, limit: int = 40) -> str:
    """'Lead: “text.”': the quote closes the sentence, adding a full stop only if it has none."""
    quoted = quote(text, limit)
    return f"{lead} {quoted}" if quoted[-2] in ".!?…" else f"{lead} {quoted[:-1]}.”"
