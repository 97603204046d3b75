"""QR codes, barcodes and links (issue K #4) and display names on accounts that are not theirs
(issue K #5): real codes made by real encoders, read by zxing-cpp, checked against the
knowledge base's brands."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from memeaudit.facts.impersonation import by_handle, by_sender
from memeaudit.facts.links import find_links, lookalike, registered_domain
from memeaudit.load import load_image
from memeaudit.pipeline import analyze, knowledge
from memeaudit.vision.codes import read_codes
from tests.code_fixtures import code_images, flyer

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev" / "images"


def signals(text: str) -> dict[str, list[tuple[str, str | None]]]:
    return {
        link.url: [(s.kind, s.detail) for s in link.signals]
        for link in find_links(knowledge(), text, [])
    }


def test_links_in_text_carry_their_registered_domain() -> None:
    found = find_links(knowledge(), "Log in at https://login.paypal.co.uk/x or www.bbc.co.uk.", [])
    assert [(link.url, link.domain) for link in found] == [
        ("https://login.paypal.co.uk/x", "paypal.co.uk"),
        ("www.bbc.co.uk", "bbc.co.uk"),
    ]
    assert registered_domain("a.b.example.com") == "example.com"
    assert registered_domain("10.0.0.1") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pay at paypa1-secure-login.com/verify", ("lookalike", "PayPal")),
        ("https://royalmail-redelivery-fee.info/track", ("lookalike", "Royal Mail")),
        ("https://amazom.com/deal", ("lookalike", "Amazon")),
        ("chase-secure-login.com", ("lookalike", "Chase")),
        ("https://xn--pypal-4ve.com/a", ("punycode", "pаypal.com")),
        ("http://192.168.4.20/pay", ("raw-ip", "192.168.4.20")),
        ("bit.ly/3xYzAbC", ("shortener", "bit.ly")),
        ("http://example.org/form", ("http", None)),
        ("[paypal.com](https://evil-site.ru/login)", ("text-differs", "paypal.com")),
    ],
)
def test_each_signal(text: str, expected: tuple[str, str | None]) -> None:
    assert expected in [s for found in signals(text).values() for s in found], signals(text)


@pytest.mark.parametrize(
    "text",
    [
        "www.paypal.com",
        "https://www.amazon.co.uk/orders",
        "chase-the-sun.com",  # a brand that is an ordinary word, without a lure beside it
        "See README.md, main.py and v1.2 of node.js",
        "Write to bob@gmail.com",
        "Prices from 3.50, e.g. the small one",
        "https://docs.python.org/3/",
    ],
)
def test_ordinary_links_and_non_links_raise_nothing(text: str) -> None:
    assert all(not found for found in signals(text).values()), signals(text)
    if "@" in text or "README" in text or "3.50" in text:
        assert signals(text) == {}


def test_a_brand_on_its_own_domain_is_no_lookalike() -> None:
    kb = knowledge()
    assert lookalike("paypal.com", kb) is None
    assert lookalike("paypal.co.uk", kb) is not None  # not one of the domains the KB lists


def test_every_fixture_code_is_decoded() -> None:
    misses = []
    for case in code_images():
        got = {c.text for c in read_codes(_loaded(case.image))}
        if not set(case.payloads) <= got:
            misses.append((case.name, case.payloads, got))
    assert not misses


@pytest.mark.slow
def test_no_code_is_invented_on_images_without_one() -> None:
    import skimage.data

    images = [p for p in sorted((ROOT / "samples").glob("*.png"))]
    images += sorted(p for p in DEV.glob("*.*") if p.suffix.lower() in {".png", ".jpg", ".jpeg"})
    found = {p.name: read_codes(load_image(p)) for p in images}
    for name in ["astronaut", "coffee", "chelsea", "camera", "page", "text"]:
        found[name] = read_codes(
            _loaded(Image.fromarray(np.asarray(getattr(skimage.data, name)())))
        )
    assert {name: codes for name, codes in found.items() if codes} == {}


def _loaded(image: Image.Image, tmp: list[Path] = []):  # noqa: B006 (one temporary folder)
    import tempfile

    if not tmp:
        tmp.append(Path(tempfile.mkdtemp()))
    path = tmp[0] / "code.png"
    image.convert("RGB").save(path)
    return load_image(path)


def _flyer_with(payload: str, headline: str, sub: str, dark: bool, path: Path) -> Path:
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(payload).save(buffer, kind="png", scale=5)
    code = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    flyer(code, headline, sub, dark, 560).save(path)
    return path


def test_a_flyer_whose_code_imitates_a_brand_is_reported_in_section_2(tmp_path: Path) -> None:
    payload = "https://paypa1-secure-login.com/verify?id=8812"
    path = _flyer_with(
        payload, "Your account is on hold", "Scan to restore access", False, tmp_path / "f.png"
    )
    report = analyze(path)
    assert [c.text for c in report.codes] == ["https://paypa1-secure-login.com/verify?id=8812"]
    section = report.sections[1]
    assert "QR code in the picture points to https://paypa1-secure-login.com" in section.text
    assert "borrows the name PayPal" in section.text
    assert "phishing" in [t.id for t in report.facts.topics]
    assert any(e.kind == "code" and e.rule == "links.lookalike" for e in section.evidence)


def test_a_plain_qr_code_is_named_without_alarm(tmp_path: Path) -> None:
    path = _flyer_with("https://www.example.org/menu", "Today's menu",
                       "Scan for allergens and prices", True, tmp_path / "menu.png")  # fmt: skip
    report = analyze(path)
    assert report.facts.topics == []
    assert "points to https://www.example.org/menu" in report.sections[1].text
    assert "No security or privacy issue is evident" in report.sections[1].text


@pytest.mark.parametrize(
    ("display", "handle", "who"),
    [
        ("Elon Musk", "@eIonmusk_giveaway", "Elon Musk"),
        ("PayPal Support", "@PayPal_Help22", "PayPal"),
        ("Anthropic", "@anthropic_ai_official", "Anthropic"),
    ],
)
def test_a_known_name_on_another_account_is_possible_impersonation(
    display: str, handle: str, who: str
) -> None:
    assert [i.name for i in by_handle(knowledge(), display, handle)] == [who]


@pytest.mark.parametrize(
    ("display", "handle"),
    [("Elon Musk", "@elonmusk"), ("Anthropic", "@AnthropicAI"), ("Jane Doe", "@jane"),
     ("Musk fan club", "@muskfans")],
)  # fmt: skip
def test_the_real_account_or_an_unknown_name_is_not(display: str, handle: str) -> None:
    assert by_handle(knowledge(), display, handle) == []


def test_an_email_from_another_domain_is_possible_impersonation() -> None:
    kb = knowledge()
    assert by_sender(kb, "PayPal", "service@paypal.com") == []
    assert by_sender(kb, "PayPal", "service@mail.paypal.com") == []
    found = by_sender(kb, "PayPal Security", "alert@paypa1-secure.net")
    assert [(i.name, i.account) for i in found] == [("PayPal", "paypa1-secure.net")]
