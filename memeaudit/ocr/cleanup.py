"""Clean fused OCR lines: drop interface-icon junk, mend the commonest confusion ("Al" for "AI"),
and split words that PP-OCR glues together in all-caps captions ("THENUMBER" -> "THE NUMBER")."""

from __future__ import annotations

import re
from functools import cache

from memeaudit.model import Line

ICON_BEFORE_COUNT = re.compile(r"^(\S{1,2})\s+(\d[\d.,]*[KMB]?)$", re.IGNORECASE)
# An icon glued to a count: "O12", "口402", "⇧1.2K凸", "9√" (O and CJK box glyphs are icons).
ICON_GLYPH = r"[Oo©®•·√⇧⇩↑↓←→↺↻♡♥❤\u2e80-\u9fff]"
GLUED_ICON = re.compile(rf"^{ICON_GLYPH}?(\d[\d.,]*[KMB]?){ICON_GLYPH}?$")
# "AnthropicAl", "OpenAl" (CamelCase tail) and "Moonshot Al," "Generative Al." (not "Al Gore").
AI_TAIL = re.compile(r"(?<=[a-z])Al\b")
AI_WORD = re.compile(r"(\b[A-Z][a-z]{2,}\s)Al\b(?!\s+[A-Z][a-z])")


GLUED = re.compile(r"\b[A-Z][A-Z']{5,}\b")  # an all-caps token long enough to be two words
MIN_FREQUENCY = 1e-6  # each half of a split must be at least this common in English


@cache
def _english():  # type: ignore[no-untyped-def]
    """pyspellchecker's English word frequencies (shipped in its wheel), loaded on first use."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def split_glued(token: str, names: frozenset[str] = frozenset()) -> str:
    """'THENUMBER' -> 'THE NUMBER' when the token is neither a word nor a known name (DEEPSEEK)
    but both halves are common words."""
    english = _english()
    lower = token.lower()
    if lower in english or lower in names:
        return token
    best, where = 0.0, 0
    for i in range(2, len(lower) - 1):
        score = min(
            english.word_usage_frequency(lower[:i]), english.word_usage_frequency(lower[i:])
        )
        if score > best:
            best, where = score, i
    return f"{token[:where]} {token[where:]}" if best >= MIN_FREQUENCY else token


def mend(text: str, names: frozenset[str] = frozenset()) -> str:
    text = AI_WORD.sub(r"\1AI", AI_TAIL.sub("AI", text))
    return GLUED.sub(lambda m: split_glued(m.group(0), names), text)


def _unglue_icon(token: str) -> str:
    match = GLUED_ICON.match(token)
    return match.group(1) if match and match.group(0) != match.group(1) else token


def clean(lines: list[Line], names: frozenset[str] = frozenset()) -> list[Line]:
    """`names`: lower-case names (products, companies) that must never be split."""
    kept = []
    for line in lines:
        if not any(ch.isalnum() for ch in line.text):
            continue  # a bullet, an avatar or an icon read as a symbol
        if len(line.text.strip()) <= 2 and not any(
            ch.isascii() and ch.isalnum() for ch in line.text
        ):
            continue  # one or two icon glyphs read as CJK ("口")
        text = line.text
        icon = ICON_BEFORE_COUNT.match(text)
        if icon and not icon.group(1).isdigit():
            text = icon.group(2)
        text = " ".join(_unglue_icon(token) for token in text.split())
        text = mend(text, names)
        if text != line.text:
            words = [w.model_copy(update={"text": mend(w.text, names)}) for w in line.words]
            words = [w for w in words if w.text in text]
            line = line.model_copy(update={"text": text, "words": words})
        kept.append(line)
    return kept
