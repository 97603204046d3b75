"""--redact and street addresses: the forms of several countries are found and masked in every
output (Markdown, HTML, JSON, a batch's reports, index.jsonl, summary.csv) and painted out of the
picture; counts, headlines and tweets that only look like addresses are left alone."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from memeaudit import analyze
from memeaudit.batch.run import BatchConfig, run_batch
from memeaudit.blackout import redact_picture
from memeaudit.facts.addresses import _data
from memeaudit.facts.pii import find_personal_data
from memeaudit.model import Report
from memeaudit.options import Options
from memeaudit.redact import MASK, redact
from memeaudit.report import render
from tests.render import FONT

ADDRESSES = [  # (text, the address in it)
    ("Send it to 742 Evergreen Terrace", "742 Evergreen Terrace"),
    ("221B Baker Street", "221B Baker Street"),
    ("1600 PENNSYLVANIA AVENUE NW", "1600 PENNSYLVANIA AVENUE NW"),
    (
        "The White House, 1600 Pennsylvania Avenue NW, Washington, DC 20500",
        "1600 Pennsylvania Avenue NW, Washington, DC 20500",
    ),
    ("I live at 742 Evergreen Terrace with my family", "742 Evergreen Terrace"),
    ("meet me at 4059 Mt Lee Dr tonight", "4059 Mt Lee Dr"),
    ("55 W 44th St", "55 W 44th St"),
    (
        "DM me, 1234 Elm St Apt 5B, Springfield, IL 62704",
        "1234 Elm St Apt 5B, Springfield, IL 62704",
    ),
    ("10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 2AA"),
    ("Flat 2, 14 Abbey Road", "14 Abbey Road"),
    ("24 Sussex Drive, Ottawa, ON K1M 1M4", "24 Sussex Drive, Ottawa, ON K1M 1M4"),
    ("100 Queen St W, Toronto", "100 Queen St W"),
    ("12 rue de la Paix, 75002 Paris", "12 rue de la Paix, 75002 Paris"),
    ("8 bis avenue des Champs-Élysées", "8 bis avenue des Champs-Élysées"),
    ("3, place de la Concorde", "3, place de la Concorde"),
    ("42 avenue de l'Opéra", "42 avenue de l'Opéra"),
    ("Hauptstraße 5, 10115 Berlin", "Hauptstraße 5, 10115 Berlin"),
    ("Friedrichstr. 43", "Friedrichstr. 43"),
    ("Berliner Straße 12", "Berliner Straße 12"),
    ("Platz der Republik 1, 11011 Berlin", "Platz der Republik 1, 11011 Berlin"),
    ("Calle de Alcalá 42, 28014 Madrid", "Calle de Alcalá 42, 28014 Madrid"),
    ("C/ Mayor 5", "C/ Mayor 5"),
    ("Via del Corso 12, 00186 Roma", "Via del Corso 12, 00186 Roma"),
    ("Rua Augusta 100, Lisboa", "Rua Augusta 100"),
    ("Prinsengracht 263", "Prinsengracht 263"),
    ("Damstraat 12", "Damstraat 12"),
]
FALSE_FRIENDS = [
    "I have 3 cats on Main",
    "2024 Election Street fight",
    "2024 Election Street Fight",
    "Top 10 Tips",
    "Top 10 Main Street Shops",
    "5 Wall Street Myths Debunked",
    "Breaking: 12 dead in Main Street shooting",
    "1.2K Retweets 345 Likes",
    "3 replies 12 reposts 450 likes",
    "12 Retweets 4 Quote Tweets 98 Likes",
    "3:45 PM · Mar 5, 2024 · 12.4K Views",
    "Posted 5 days ago",
    "10 Ways To Improve Your Drive",
    "I walked 5 miles down the road",
    "We won 3 Court cases",
    "Mom: 3 Place settings please",
    "We have 4 Park Avenue apartments",
    "Via Twitter 3 people said so",
    "Spring 2024 Collection",
    "Les 10 meilleures rues de Paris",
    "Die 3 besten Straßenfeste",
    "Platz 1 für Deutschland",
]


def addresses(text: str) -> list[str]:
    return [p.text for p in find_personal_data(text) if p.kind == "address"]


@pytest.mark.parametrize(("text", "address"), ADDRESSES)
def test_an_address_is_found_whole(text: str, address: str) -> None:
    assert addresses(text) == [address]


@pytest.mark.parametrize("text", FALSE_FRIENDS)
def test_a_false_friend_is_not_an_address(text: str) -> None:
    assert addresses(text) == []


def test_the_address_words_are_all_strings() -> None:
    """YAML reads a bare ON, no or on as a boolean: every listed word must stay a word."""
    for key, value in _data().items():
        items = value if isinstance(value, list) else list(value.values())
        assert all(isinstance(item, str) and item for item in items), key


# What the rendered image says: addresses of four countries, and false friends around them.
SHOWN = ["742 Evergreen Terrace", "221B Baker Street", "12 rue de la Paix, 75002 Paris"]
SHOWN += ["Calle de Alcalá 42, 28014 Madrid", "Via del Corso 12, 00186 Roma"]
KEPT = ["Parcel for Jordan Reyes", "I have 3 cats on Main", "2024 Election Street fight"]
KEPT += ["Top 10 Tips", "3 replies 12 reposts 450 likes"]
WORDS = ["Evergreen", "221B", "Baker", "Paix", "75002", "Alcalá", "28014", "Corso", "00186"]
SIZE, STEP, LEFT = 28, 46, 30


@cache
def picture() -> Image.Image:
    lines = [KEPT[0], *SHOWN, *KEPT[1:]]
    image = Image.new("RGB", (900, 40 + STEP * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text(
            (LEFT, 20 + i * STEP), line, font=ImageFont.truetype(str(FONT), SIZE), fill="black"
        )
    return image


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@cache
def plain_report() -> Report:
    return analyze(png(picture()), detect=False, semantic=False)


def outputs(report: Report) -> dict[str, str]:
    return {"md": render(report, "md"), "html": render(report, "html"), "json": report.to_json()}


@pytest.mark.slow
def test_addresses_in_a_picture_are_masked_in_every_format() -> None:
    found = [p.text for p in plain_report().facts.personal_data]
    assert found == SHOWN  # guards the rest: OCR read each address whole, and nothing else
    masked = redact(plain_report())
    for name, text in outputs(masked).items():
        for value in [*SHOWN, *WORDS]:
            assert value not in text, f"{value!r} is still in the {name} output"
        plain = outputs(plain_report())[name]
        for kept in KEPT:  # where the report quotes it (a quote may be cut short)
            assert (kept in text) == (kept in plain), f"{kept!r} was masked in the {name} output"
    assert all(kept in masked.ocr.text for kept in KEPT)
    assert [p.text for p in masked.facts.personal_data] == [MASK["address"]] * len(SHOWN)
    assert "masked 5 street addresses" in masked.warnings[-1]


@pytest.mark.slow
def test_the_false_friends_keep_their_pixels_and_the_addresses_lose_theirs() -> None:
    before = np.asarray(picture())
    after = np.asarray(redact_picture(picture(), redact(plain_report())))
    rows = [KEPT[0], *SHOWN, *KEPT[1:]]
    for i, line in enumerate(rows):
        band = slice(20 + i * STEP - 4, 20 + i * STEP + STEP - 8)
        ink = before[band].min(axis=2) < 160
        if line in SHOWN:
            assert not after[band][ink].any(), f"a glyph of {line!r} is still visible"
        else:
            assert np.array_equal(after[band][ink], before[band][ink]), f"{line!r} was painted"


@pytest.mark.slow
def test_a_redacted_batch_masks_addresses_in_index_csv_and_reports(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "parcel.png").write_bytes(png(picture()))
    options = Options(redact=True, detect=False, semantic=False)
    outcome = run_batch(
        BatchConfig([str(folder)], tmp_path / "out", options, ("html", "json", "md"), workers=1)
    )
    (row,) = outcome.rows
    assert row.status == "ok", row.error
    assert "personal-data" in row.flags
    out = tmp_path / "out"
    written = {path: (out / path).read_text("utf-8") for path in row.reports.values()}
    for name in ("index.jsonl", "summary.csv", "index.html"):
        written[name] = (out / name).read_text("utf-8")
    assert "[address redacted]" in written["index.jsonl"]
    for name, text in written.items():
        for value in [*SHOWN, *WORDS]:
            assert value not in text, f"{value!r} is still in {name}"
