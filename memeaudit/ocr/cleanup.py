"""Clean fused OCR lines: drop interface-icon junk, mend the commonest confusion ("Al" for "AI"),
and split words that PP-OCR glues together in all-caps captions ("THENUMBER" -> "THE NUMBER")."""

from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np

from memeaudit.model import Line
from memeaudit.paths import optional_cache_dir, save_npz_atomic

ICON_BEFORE_COUNT = re.compile(r"^(\S{1,2})\s+(\d[\d.,]*[KMB]?)$", re.IGNORECASE)
# An icon glued to a count: "O12", "口402", "⇧1.2K凸", "9√" (O and CJK box glyphs are icons).
ICON_GLYPH = r"[Oo©®•·√⇧⇩↑↓←→↺↻♡♥❤\u2e80-\u9fff]"
GLUED_ICON = re.compile(rf"^{ICON_GLYPH}?(\d[\d.,]*[KMB]?){ICON_GLYPH}?$")
# "AnthropicAl", "OpenAl" (CamelCase tail) and "Moonshot Al," "Generative Al." (not "Al Gore").
AI_TAIL = re.compile(r"(?<=[a-z])Al\b")
AI_WORD = re.compile(r"(\b[A-Z][a-z]{2,}\s)Al\b(?!\s+[A-Z][a-z])")
# "Al-generated", "Al art", "Al tools": the words AI goes with, never a name's (not "Al Green").
AI_BEFORE = re.compile(
    r"\bAl(?=[- ](?:generated|created|made|powered|art|image|images|photo|video|voice|model|models|"
    r"tool|tools|chatbot|content|slop|label|detector)\b)"
)


GLUED = re.compile(r"\b[A-Z][A-Z']{5,}\b")  # an all-caps token long enough to be two words
# A number whose first digit OCR read as the letter it looks like ('l2 noon', 'I5 minutes'); a
# handle, a tag or a word ('I2C') is left alone. And an O between two digits ('2O24').
DIGIT_L = re.compile(r"(?<![\w@#./-])[lI](?=\d+(?:[.,:]\d+)*(?![\w]))")
DIGIT_O = re.compile(r"(?<=\d)O(?=\d)")
MIN_FREQUENCY = 1e-6  # each half of a split must be at least this common in English


class English:
    """pyspellchecker's English words (shipped in its wheel), kept compact: every word as an
    8-byte hash for "is it a word", and the frequency of the 15,000 words common enough to be
    half of a split. pyspellchecker's own dictionary of 160,000 words holds 38 MB per process
    and takes about a second to load; the compact form is built once, cached on disk
    (~/.cache/memeaudit/english/), and then loads in milliseconds and holds about 3 MB."""

    def __init__(self, hashes: np.ndarray, common: dict[str, float]) -> None:
        self._hashes = hashes  # sorted
        self.common = common

    @classmethod
    def load(cls) -> English:
        from importlib.metadata import PackageNotFoundError, version

        try:
            key = f"pyspellchecker-{version('pyspellchecker')}-{MIN_FREQUENCY}"
        except PackageNotFoundError:
            key = f"pyspellchecker-unknown-{MIN_FREQUENCY}"
        folder = optional_cache_dir("english")
        if folder is None:
            return cls.build()
        path = folder / f"{key}.npz"
        try:
            with np.load(path) as data:
                words = str(data["words"]).split("\n")
                return cls(data["hashes"], dict(zip(words, data["freqs"].tolist(), strict=True)))
        except (OSError, KeyError, ValueError):
            pass
        english = cls.build()
        words = list(english.common)
        save_npz_atomic(path, hashes=english._hashes, words=np.array("\n".join(words)),
                        freqs=np.array([english.common[w] for w in words]))  # fmt: skip
        return english

    @classmethod
    def build(cls) -> English:
        from spellchecker import SpellChecker

        counts = SpellChecker(language="en", distance=1).word_frequency
        total = counts.total_words
        common = {w: c / total for w, c in counts.dictionary.items() if c / total >= MIN_FREQUENCY}
        words = counts.dictionary.keys()
        hashes = np.sort(np.fromiter(map(_hash, words), dtype=np.uint64, count=len(words)))
        return cls(hashes, common)

    def __contains__(self, word: str) -> bool:
        key = _hash(word)
        where = int(np.searchsorted(self._hashes, key))
        return where < len(self._hashes) and int(self._hashes[where]) == key

    def frequency(self, word: str) -> float:
        """How common the word is; 0 below MIN_FREQUENCY, where it is too rare to matter here."""
        return self.common.get(word, 0.0)


def _hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


@cache
def english() -> English:
    """pyspellchecker's English words in compact form, loaded on first use."""
    return English.load()


def split_glued(token: str, names: frozenset[str] = frozenset()) -> str:
    """'THENUMBER' -> 'THE NUMBER' when the token is neither a word nor a known name (DEEPSEEK)
    but both halves are common words."""
    words = english()
    lower = token.lower()
    if lower in words or lower in names:
        return token
    best, where = 0.0, 0
    for i in range(2, len(lower) - 1):
        score = min(words.frequency(lower[:i]), words.frequency(lower[i:]))
        if score > best:
            best, where = score, i
    return f"{token[:where]} {token[where:]}" if best >= MIN_FREQUENCY else token


def mend(text: str, names: frozenset[str] = frozenset()) -> str:
    text = AI_BEFORE.sub("AI", AI_WORD.sub(r"\1AI", AI_TAIL.sub("AI", text)))
    text = DIGIT_O.sub("0", DIGIT_L.sub("1", text))
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
