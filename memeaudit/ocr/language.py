"""Which script and language the OCR text is in, and whether tesseract has the pack for it."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from memeaudit.model import Language
from memeaudit.paths import PACKAGE
from memeaudit.yamlload import safe_load

MIN_LETTERS = 4  # fewer letters than this say nothing about the script
MIN_SHARE = 0.2  # a script must hold this share of the letters to count
MIN_STOPWORDS = 2  # a Latin-script language needs this many of its common words


@cache
def _table() -> dict:  # type: ignore[type-arg]
    return safe_load((PACKAGE / "ocr" / "languages.yaml").read_text(encoding="utf-8"))


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    if not name or not ch.isalpha():
        return None
    if name.startswith("CJK"):
        return "Han"
    return name.split()[0].title()


def detect(text: str) -> Language:
    """The main script of the text, and a language where the text allows one."""
    letters = Counter(s for ch in text if (s := _script(ch)))
    total = sum(letters.values())
    if total < MIN_LETTERS:
        return Language(script=None, language=None, tesseract=None)
    table = _table()
    others = {s: n for s, n in letters.items() if s != "Latin" and n / total >= MIN_SHARE}
    if others:
        script = max(others, key=lambda s: others[s])
        code = table["scripts"].get(script)
        return Language(script=script, language=code, tesseract=code)
    words = Counter(re.findall(r"[^\W\d_]+", text.lower()))
    hits = {code: sum(words[w] for w in common) for code, common in table["latin"].items()}
    best = max(hits, key=lambda c: hits[c])
    language = best if hits[best] >= MIN_STOPWORDS else None
    return Language(script="Latin", language=language, tesseract=language)


def iso639_1(code: str | None) -> str | None:
    """The two-letter code (topic packs' `languages:` keys) of an ISO 639-2 code: deu -> de."""
    return _table()["iso639_1"].get(code) if code else None


def language_name(code: str | None) -> str | None:
    """The English name of an ISO 639-2 code: spa -> Spanish."""
    return _table()["names"].get(code, code) if code else None
