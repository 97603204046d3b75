from __future__ import annotations

import pytest

from memeaudit.facts.figures import figures


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        (
            "They created over 24,000 fraudulent accounts.",
            "over 24,000",
            24000,
            "fraudulent accounts",
        ),
        ("The deal is worth $3.5 billion in total.", "$3.5 billion", 3.5e9, "money"),
        ("It reached 2.7 million users last week.", "2.7 million", 2.7e6, "users"),
        ("Only 12% of them noticed.", "12%", 12, "percent"),
        ("About 3 out of 5 people agree.", "3 out of 5", None, "ratio"),
        ("The new model is 10x faster.", "10x", 10, "faster"),
        ("The model ships on June 14 for everyone.", "June 14", None, "date"),
        (
            "They generated more than 16 million exchanges with Claude.",
            "more than 16 million",
            16e6,
            "exchanges",
        ),
    ],
)
def test_figures_are_kept_exactly_as_written(
    sentence: str, text: str, value: float | None, unit: str | None
) -> None:
    found = figures(sentence)
    assert [f.text for f in found] == [text]
    assert found[0].value == value
    assert found[0].unit == unit


def test_no_figures_in_plain_words() -> None:
    assert figures("When it is Monday morning and the coffee machine is broken") == []
