"""Personal data visible in the text: email addresses, phone numbers, street addresses."""

from __future__ import annotations

import re

import phonenumbers

from memeaudit.facts.addresses import find_addresses
from memeaudit.model import PersonalData

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")


def find_personal_data(text: str, region: str = "US") -> list[PersonalData]:
    found = [PersonalData(kind="email", text=m.group(0)) for m in EMAIL.finditer(text)]
    for match in phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.VALID
    ):
        found.append(PersonalData(kind="phone", text=match.raw_string))
    found += [PersonalData(kind="address", text=a) for a in find_addresses(text)]
    return found
