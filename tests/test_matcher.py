"""The topic matcher of issue J: inflected keywords, triggers per language, no similarity hit on a
short fragment, and `eval topics` by family."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from memeaudit.cli import app
from memeaudit.facts import topics_in
from memeaudit.facts.text import is_prose, trigger_pattern
from memeaudit.facts.topics import match_topic
from memeaudit.knowledge.loader import load_knowledge
from memeaudit.knowledge.schema import Topic

DEV = Path(__file__).parent / "data" / "topics-dev.yaml"
TOPIC = Topic.model_validate(
    {
        "id": "sim-swap",
        "title": "SIM swap",
        "tags": ["family.cybercrime"],
        "triggers": {"phrases": ["SIM swap", "scrape"]},
        "summary": "s",
        "risk": "r",
        "mitigations": ["m"],
        "references": [{"authors": "A", "year": 2020, "title": "T"}],
        "examples": {"positive": ["p"], "negative": ["n"]},
        "languages": {
            "es": {"phrases": ["duplicado de SIM"], "regex": [r"portabilidad\s+falsa"]},
            "pt": {"phrases": ["clonação"]},
        },
    }
)


@pytest.mark.parametrize(
    "text",
    ["He was SIM-swapped last week", "SIM swapping is on the rise", "a simswap attack",
     "two SIM swaps in a day", "they scraped every profile", "bots scraping the site"],
)  # fmt: skip
def test_a_phrase_catches_its_inflections_and_hyphenation(text: str) -> None:
    assert match_topic(TOPIC, text) is not None


@pytest.mark.parametrize("text", ["my SIMS wapiti", "SIM swapmeet", "a skyscraper", "swap SIM"])
def test_inflection_stays_inside_whole_words(text: str) -> None:
    assert match_topic(TOPIC, text) is None


def test_acronyms_only_take_a_plural() -> None:
    assert trigger_pattern("DAN").search("two DANs") is not None
    assert trigger_pattern("DAN").search("DANed") is None


def test_triggers_in_a_language_fire_on_text_in_that_language_only() -> None:
    text = "Alerta: pidieron un duplicado de SIM a tu nombre"
    assert match_topic(TOPIC, text, "es") is not None
    assert match_topic(TOPIC, text, "fr") is None
    assert match_topic(TOPIC, text) is None
    hit = match_topic(TOPIC, "Cuidado con la portabilidad falsa", "es")
    assert hit is not None and hit.how == "regex"


def test_language_triggers_ignore_accents_and_quote_the_text_as_written() -> None:
    hit = match_topic(TOPIC, "Houve CLONACAO do seu chip", "pt")
    assert hit is not None and hit.matched == ["CLONACAO"]
    hit = match_topic(TOPIC, "Aviso de clonação do chip", "pt")
    assert hit is not None and hit.matched == ["clonação"]


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("Llama Developers GPT-4", False),
        ("Home Explore Notifications Messages Bookmarks", False),
        ("Elon Musk Tesla SpaceX Giveaway Official Event Live", False),
        ("Send 0.1 BTC and get 0.2 BTC back instantly", True),
        ("WHEN THE SCAMMER ASKS FOR YOUR BANK PASSWORD", True),
    ],
)
def test_short_fragments_and_rows_of_names_are_not_prose(text: str, prose: bool) -> None:
    assert is_prose(text, load_knowledge().names()) is prose


@pytest.mark.slow
def test_a_row_of_names_fires_no_topic_by_similarity() -> None:
    from memeaudit.facts.semantic import get_embedder

    embedder = get_embedder()
    if embedder is None:
        pytest.skip("the sentence embedder needs the ml extra")
    text = "Llama Developers GPT-4"
    assert topics_in(load_knowledge(), text, [text], embedder) == []


@pytest.mark.slow
def test_eval_topics_reports_precision_and_recall_per_family() -> None:
    result = CliRunner().invoke(app, ["eval", "topics", str(DEV)])
    assert result.exit_code == 0, result.output
    for family in ("fraud", "cybercrime", "harmful-speech", "privacy", "ai-security"):
        assert result.output.count(f"| {family} |") == 2  # keywords, then the full matcher
    assert "keywords: precision" in result.output
    assert "benign sentences fired: 0" in result.output


def _described(text: str, covered: frozenset[str]) -> str:
    from memeaudit.model import Facts, OcrResult, Vision
    from memeaudit.ocr.language import detect
    from memeaudit.sections.description import describe

    read = OcrResult(text=text, engine="tesseract", words=[], lines=[], language=detect(text))
    return describe(read, None, Vision(), Facts(), covered).text


def test_the_description_names_a_language_other_than_english_and_warns_where_no_pack_has_it() -> (
    None
):
    spanish = "Su paquete está retenido en la aduana y no se lo podemos entregar hoy."
    italian = "Il pacco è fermo alla dogana e non è possibile consegnarlo, per favore paga."
    said = _described(spanish, frozenset({"es"}))
    assert "The text appears to be in Spanish." in said and "limited" not in said
    said = _described(italian, frozenset({"es"}))
    assert "The text appears to be in Italian. No topic pack has triggers in Italian" in said
    english = "The parcel is held at customs and we cannot deliver it to you today."
    assert "appears to be in" not in _described(english, frozenset())


KB = load_knowledge()


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Someone hacked my Instagram and changed the recovery email.", "account-takeover"),
        ("The hospital's files were encrypted and the gang wants bitcoin for the key.", "ransomware"),
        ("Criminals ported my phone number to a new SIM and emptied my account.", "sim-swap"),
        ("His screenshot shows the verification code in the notification bar.",
         "credentials-in-screenshots"),
        ("Here's a photo of my new passport, finally!", "personal-data-exposure"),
        ("We're away on holiday for two weeks, the house is empty until the 20th.",
         "location-exposure"),
        ("Hi mum, this is my new number, can you transfer 300 for a bill?",
         "family-emergency-scams"),
        ("Send 0.1 BTC to the address and get double back within minutes.", "crypto-giveaway"),
    ],
)  # fmt: skip
def test_triggers_catch_how_a_harm_is_phrased_in_the_wild(text: str, topic: str) -> None:
    assert topic in {hit.id for hit in topics_in(KB, text, [text], None)}


@pytest.mark.parametrize(
    "text",
    [
        "Knife skills class tonight: we'll learn to julienne carrots and dice onions.",
        "That killer leg workout left me unable to climb the stairs.",
        "In history class we studied how the swastika became the symbol of the Nazi party.",
        "I logged into my account and paid the gas bill.",
        "I installed an app on my phone to learn Spanish.",
        "We took the website offline for two hours of planned maintenance.",
        "Scan the QR code on the table to see the menu.",
        "I'll shoot you an email tomorrow morning.",
    ],
)
def test_false_friends_of_the_wider_triggers_fire_nothing(text: str) -> None:
    assert topics_in(KB, text, [text], None) == []
