"""The OCR clean-up's English word list: the compact cached form answers like pyspellchecker."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from memeaudit.ocr.cleanup import MIN_FREQUENCY, English, split_glued


def test_the_compact_word_list_answers_like_pyspellchecker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spellchecker import SpellChecker

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = English.load()  # builds and caches
    (cached_file,) = (tmp_path / "memeaudit" / "english").glob("*.npz")
    cached = English.load()  # reads the cache
    counts = SpellChecker(language="en", distance=1).word_frequency
    words = sorted(counts.dictionary)
    sample = random.Random(3).sample(words, 3000)
    for english in (built, cached):
        assert all(word in english for word in sample)
        assert not any(f"{word}qzx" in english for word in sample)
        for word in sample:
            expected = counts.dictionary[word] / counts.total_words
            assert english.frequency(word) == (expected if expected >= MIN_FREQUENCY else 0.0)
    assert cached_file.stat().st_size < 4_000_000


def test_an_unusable_cache_folder_only_costs_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # cache folders cannot be made under it
    english = English.load()
    assert "because" in english and "becausqzx" not in english
    assert split_glued("THENUMBER") == "THE NUMBER"


@pytest.mark.parametrize(
    ("token", "expected"),
    [("THENUMBER", "THE NUMBER"), ("WHENYOU", "WHEN YOU"), ("BECAUSE", "BECAUSE"),
     ("SERENDIPITY", "SERENDIPITY")],
)  # fmt: skip
def test_glued_caps_are_split_only_into_two_common_words(token: str, expected: str) -> None:
    assert split_glued(token) == expected


def test_a_known_name_is_never_split() -> None:
    assert split_glued("DEEPSEEK", frozenset({"deepseek"})) == "DEEPSEEK"
    assert split_glued("DEEPSEEK") == "DEEP SEEK"


def test_al_before_the_words_ai_goes_with_is_ai_and_a_name_is_kept() -> None:
    from memeaudit.ocr.cleanup import mend

    assert mend("Al-generated content (label applied by moderation)").startswith("AI-generated")
    assert mend("Al art is everywhere") == "AI art is everywhere"
    assert mend("Al Green sang at the Al-Qaeda hearing") == "Al Green sang at the Al-Qaeda hearing"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("polls close at l2 noon", "polls close at 12 noon"),
        ("only I5 minutes left", "only 15 minutes left"),
        ("doors at l0:30 am", "doors at 10:30 am"),
        ("since 2O24", "since 2024"),
        ("@l2abc #l2 I2C example.org/l2 I am 5", "@l2abc #l2 I2C example.org/l2 I am 5"),
    ],
)
def test_a_digit_read_as_its_look_alike_letter_is_mended(text: str, expected: str) -> None:
    from memeaudit.ocr.cleanup import mend

    assert mend(text) == expected
