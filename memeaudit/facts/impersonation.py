"""Possible impersonation: a display name that is a known brand's or person's, on an account or
an email address that is not theirs.

The knowledge base gives each entry's own handles (organizations.yaml, brands.yaml) and domains
(brands.yaml). A display name is taken to claim an entry when it is the entry's name or alias,
alone or with words an imitator adds ("Support", "Official", "Giveaway"). Entries without known
handles or domains are never judged: not knowing the real account is not evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import Impersonation

# Words an imitator puts around a name: "PayPal Support", "Elon Musk (Giveaway)".
_ADDED = re.compile(
    r"\b(?:official|support|help|helpdesk|service|services|customer|care|team|giveaway|live|"
    r"security|billing|account|accounts|verify|verification|desk|centre|center|admin|hq|news|"
    r"inc|ltd|llc|global|us|uk)\b",
    re.IGNORECASE,
)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s&+.]", " ", text.lower())).strip()


def _claimed(display: str, forms: list[str]) -> bool:
    """The display name is one of the forms, give or take an imitator's added words."""
    shown = _plain(display)
    bare = _plain(_ADDED.sub(" ", display))
    return any(_plain(f) in (shown, bare) for f in forms if f)


def _entries(kb: Knowledge) -> Iterator[tuple[str, list[str], list[str], list[str]]]:
    """(name, forms, handles, domains) of every entry with an account or domain we know."""
    for org in kb.organizations:
        if org.handles:
            yield org.name, [org.name, *org.aliases], org.handles, []
    for brand in kb.brands:
        yield brand.name, [brand.name, *brand.aliases], brand.handles, brand.domains


def by_handle(kb: Knowledge, display: str | None, handle: str | None) -> list[Impersonation]:
    """A post whose author's display name claims a known entry while its handle is not one of
    that entry's handles."""
    if not display or not handle:
        return []
    bare = handle.lstrip("@").lower()
    for name, forms, handles, _ in _entries(kb):
        if handles and _claimed(display, forms):
            if bare in {h.lower() for h in handles}:
                return []
            return [Impersonation(name=name, shown=display, account=handle, field="handle")]
    return []


def by_sender(kb: Knowledge, display: str | None, address: str | None) -> list[Impersonation]:
    """An email whose sender's display name claims a known entry while the sending domain is not
    one of that entry's domains."""
    if not display or not address or "@" not in address:
        return []
    domain = address.rsplit("@", 1)[1].lower().strip(">").strip()
    for name, forms, _, domains in _entries(kb):
        if domains and _claimed(display, forms):
            if any(domain == d or domain.endswith("." + d) for d in domains):
                return []
            return [Impersonation(name=name, shown=display, account=domain, field="email-domain")]
    return []
