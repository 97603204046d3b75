"""Personal data visible in the text: email addresses, phone numbers, street addresses; and the
addresses that are an email's envelope (its sender's and recipients' header), which a report
does not call exposed: they are how the email was sent, not something it leaks. A card number,
password or home address in the email's body is still found and reported."""

from __future__ import annotations

import re

import phonenumbers

from memeaudit.facts.addresses import find_addresses
from memeaudit.model import PersonalData, Screen

# A travel booking's code as printed (boarding passes, confirmations): it opens the booking.
BOOKING = re.compile(
    r"\b(?:(?:booking|reservation|confirmation)\s+(?:ref(?:erence)?|code|number|no\.?)|pnr)"
    r"\s*[:#]?\s*(?P<code>(?=[A-Z]*\d)[A-Z0-9]{6})\b",
    re.IGNORECASE,
)
# A payment card's number: 16 digits in fours (15 for American Express), on one line or OCR's
# four, that pass the Luhn check.
CARD = re.compile(
    r"(?<![\d.,])(?:\d{4}[ \n-]?){3}\d{4}(?![\d.,])|(?<![\d.,])3[47]\d{2}[ \n-]?\d{6}[ \n-]?\d{5}(?![\d.,])"
)
CARD_WORDS = re.compile(
    r"\b(?:bank|card|visa|mastercard|amex|american express|debit|credit|valid(?: thru)?|expires|"
    r"exp|cvv|cvc)\b",
    re.IGNORECASE,
)
EMAIL = re.compile(r"(?<![\w.+@-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")


def find_personal_data(text: str, region: str = "US") -> list[PersonalData]:
    found = [PersonalData(kind="email", text=m.group(0)) for m in EMAIL.finditer(text)]
    for match in phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.VALID
    ):
        found.append(PersonalData(kind="phone", text=match.raw_string))
    found += [PersonalData(kind="address", text=a) for a in find_addresses(text)]
    found += [PersonalData(kind="booking", text=m["code"]) for m in BOOKING.finditer(text)]
    found += [PersonalData(kind="card", text=m[0]) for m in CARD.finditer(text) if _card(m, text)]
    return found


def _card(match: re.Match[str], text: str) -> bool:
    """A card's number passes the Luhn check, or is printed beside a card's words ('bank',
    'valid thru', 'Visa': a drawn or masked card may not pass it)."""
    near = text[max(0, match.start() - 80) : match.end() + 80]
    return _luhn(match[0]) or bool(CARD_WORDS.search(near))


def _luhn(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()][::-1]
    total = sum(d if i % 2 == 0 else (2 * d - 9 if d > 4 else 2 * d) for i, d in enumerate(digits))
    return total % 10 == 0


def envelope(screen: Screen | None) -> frozenset[str]:
    """The email addresses of an email screenshot's header: its sender's and its recipients'
    (lower case). Empty for any other kind of screenshot."""
    mail = screen.email if screen is not None and screen.kind == "email" else None
    if mail is None:
        return frozenset()
    header = " ".join(filter(None, [mail.from_address, mail.to]))
    return frozenset(m.group(0).lower() for m in EMAIL.finditer(header))


def outside_envelope(found: list[PersonalData], screen: Screen | None) -> list[PersonalData]:
    """The personal data that is not the email's own envelope (`envelope`): what the image
    exposes beyond how the email was addressed."""
    header = envelope(screen)
    body = screen.email.body or "" if screen is not None and screen.email is not None else ""
    return [
        p
        for p in found
        if not (p.kind == "email" and p.text.lower() in header and p.text not in body)
    ]
