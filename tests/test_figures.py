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
        ("650 IT leaders weighed in", "650", 650, "IT leaders"),
        ("You will receive 0.2 BTC back", "0.2 BTC", 0.2, "money"),
        ("The EU fined Meta 1.2 billion euros", "1.2 billion euros", 1.2e9, "money"),
        ("Más de 5.000 personas fueron evacuadas", "Más de 5.000", 5000, "personas"),
        ("Plus de 2 millions de foyers", "Plus de 2 millions", 2e6, "foyers"),
        ("Die Zahl ist um 12 Prozent gestiegen", "12 Prozent", 12, "percent"),
        ("Your refund of £240.12 is ready", "£240.12", 240.12, "money"),
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


@pytest.mark.parametrize(
    "sentence",
    [
        "The model ships on June 14 for everyone.",  # a date
        "See you on 14 March",
        "Teen vaping has doubled since 2019",  # a year
        "It cites 900123 online",  # a chat's phone number (issue L)
        "Call me back on 07700 900123 when you can",
        "My number is +44 7700 900456",
        "Mi número nuevo es 612 345 678",
        "Your verification code is 482913",
        "Your order #48213 has shipped",
        "Follow @dan_r1998 for more",  # a handle
        "Version 4.2.1 is now available",
        "Update to iOS 17.2 to get the new features",
        "Meet me at gate 23 at 7:30",  # a gate, a time
        "The meeting has moved to Room 4B at 2 pm",
        "Graham Allen @GrahamAllen_1 · 13 Sep · 54m",  # post chrome
        "Choosing which open model to run locally My laptop Mistral 7B Llama 3 70B",
        "Top 10 tips for a better morning",  # a bare number counts nothing
    ],
)
def test_phone_numbers_handles_times_dates_and_codes_are_not_figures(sentence: str) -> None:
    assert figures(sentence) == []


def test_an_amount_before_in_and_a_duration_is_no_ratio() -> None:
    """'$9,400 in 3 weeks' is $9,400 and 3 weeks; '1 in 3 adults' stays a ratio."""
    from memeaudit.facts.figures import figures

    assert [(f.text, f.unit) for f in figures("Ive made $9,400 in 3 weeks.")] == [
        ("$9,400", "money"),
        ("3", "weeks"),
    ]
    assert [(f.text, f.unit) for f in figures("1 in 3 adults are affected.")] == [
        ("1 in 3", "ratio")
    ]
