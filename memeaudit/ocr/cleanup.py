"""Clean fused OCR lines: drop interface-icon junk, mend the commonest confusion ("Al" for "AI")."""

from __future__ import annotations

import re

from memeaudit.model import Line

ICON_BEFORE_COUNT = re.compile(r"^(\S{1,2})\s+(\d[\d.,]*[KMB]?)$", re.IGNORECASE)
# "AnthropicAl", "OpenAl" (CamelCase tail) and "Moonshot Al," "Generative Al." (not "Al Gore").
AI_TAIL = re.compile(r"(?<=[a-z])Al\b")
AI_WORD = re.compile(r"(\b[A-Z][a-z]{2,}\s)Al\b(?!\s+[A-Z][a-z])")


def mend(text: str) -> str:
    return AI_WORD.sub(r"\1AI", AI_TAIL.sub("AI", text))


def clean(lines: list[Line]) -> list[Line]:
    kept = []
    for line in lines:
        if not any(ch.isalnum() for ch in line.text):
            continue  # a bullet, an avatar or an icon read as a symbol
        text = line.text
        icon = ICON_BEFORE_COUNT.match(text)
        if icon and not icon.group(1).isdigit():
            text = icon.group(2)
        text = mend(text)
        if text != line.text:
            words = [w for w in line.words if w.text in text.split()]
            words = [w.model_copy(update={"text": mend(w.text)}) for w in words]
            line = line.model_copy(update={"text": text, "words": words})
        kept.append(line)
    return kept
