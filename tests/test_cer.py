from __future__ import annotations

from memeaudit.evaluate import cer, levenshtein, normalise


def test_scoring_follows_the_dev_set_readme() -> None:
    assert normalise("  We’ve\n\n FOUND  “it” ") == 'we\'ve found "it"'
    assert levenshtein("kitten", "sitting") == 3
    assert cer("hello world", "hello world") == 0.0
    assert cer("", "abcd") == 1.0
    assert cer("anything", "") is None
