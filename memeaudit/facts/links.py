"""Links in the text and in the codes, and what each one's address gives away.

A link is a URL as written (`https://…`, `www.…`) or a bare domain on a known public suffix
(`paypa1-secure.com/verify`). Each gets its registered domain (the public suffix list, shipped
offline in `publicsuffixlist`) and the signals a careful reader checks: a URL shortener, a
punycode or non-Latin host, a look-alike of a brand in the knowledge base (kb/brands.yaml), a
raw IP address, plain http, and a link text that names another site than the link's target.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import cache
from urllib.parse import urlsplit

from memeaudit.knowledge.loader import Knowledge
from memeaudit.knowledge.schema import Brand
from memeaudit.model import Code, Link, LinkSignal

MAX_LINKS = 12
# A URL with its scheme, or starting "www.", or a bare host name with a dot and an optional path.
_URL = re.compile(
    r"(?<![\w@.-])(?:(?P<scheme>https?)://|(?=www\.))[^\s<>\"'“”‘’()\[\]{}|]+"
    r"|(?<![\w@./-])(?P<bare>(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+"
    r"[a-z\u00a1-\uffff][a-z0-9\u00a1-\uffff-]{1,62})(?P<path>/[^\s<>\"'“”‘’()\[\]{}|]*)?",
    re.IGNORECASE,
)
# `[text](url)` and `text <url>`: a link text written beside its target.
_LABELLED = re.compile(
    r"\[(?P<text>[^\]\n]{3,80})\]\((?P<url>[^)\s]+)\)|(?P<text2>\S+\.\S+)\s*<(?P<url2>[^>\s]+)>"
)
# Bare names that are file names or versions far more often than web sites.
_NOT_SITES = {"md", "py", "sh", "rs", "pl", "zip", "mov", "so", "js", "ts", "txt", "png", "jpg"}
# Brand names that are ordinary words too ("Chase", "Visa"): a domain using one is a look-alike
# only with a lure word beside it (chase-secure-login.com, not chase-the-sun.com).
_LURES = {"login", "logon", "signin", "secure", "security", "verify", "verification", "account",
          "accounts", "support", "help", "update", "wallet", "pay", "payment", "billing", "refund",
          "delivery", "parcel", "track", "tracking", "redelivery", "fee", "bonus", "gift",
          "giveaway", "claim", "reward", "unlock", "auth", "service", "customer", "online", "id"}  # fmt: skip
_TRAILING = ".,;:!?…'\"”’)]}"


@cache
def _suffixes():  # type: ignore[no-untyped-def]
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(accept_unknown=False)


def registered_domain(host: str) -> str | None:
    """'login.paypal.co.uk' -> 'paypal.co.uk'; None for an IP address or an unknown suffix."""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return None
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_host = host
    return _suffixes().privatesuffix(ascii_host)


def _host_of(url: str) -> tuple[str | None, str | None]:
    """(scheme as written or None, host) of a link as written."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else None
    parts = urlsplit(url if scheme else f"//{url}")
    host = parts.hostname
    return scheme, host


def _skeleton(label: str, swaps: dict[str, str]) -> str:
    """A domain label as the letters it imitates: accents and look-alike scripts folded to Latin
    where Unicode decomposes them, the knowledge base's swaps undone, hyphens dropped."""
    folded = unicodedata.normalize("NFKD", label.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.translate(_CONFUSABLE)
    for spelt, letters in sorted(swaps.items(), key=lambda kv: -len(kv[0])):
        folded = folded.replace(spelt, letters)
    return folded


# Cyrillic and Greek letters that look like Latin ones (the usual homograph attack).
_CONFUSABLE = str.maketrans("аеорсухіјԁɡοαυνρκмтвн", "aeopcyxijdgoauvpkmtbh")


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _one_edit(a: str, b: str) -> bool:
    """One letter added, dropped, changed or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _official(domain: str, brand: Brand) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in brand.domains)


def lookalike(domain: str, kb: Knowledge) -> Brand | None:
    """The brand whose name a registered domain imitates while not being one of its domains."""
    swaps = kb.links.swaps if kb.links is not None else {}
    label = domain.split(".", 1)[0]
    tokens = set(re.split(r"[-.]", label.lower()))
    plain = _key(label)
    folded = _skeleton(label, swaps)
    lured = bool(tokens & _LURES) or any(lure in plain for lure in _LURES if len(lure) > 4)
    for brand in kb.brands:
        if _official(domain, brand):
            continue
        for form in (brand.name, *brand.aliases):
            key = _key(form)
            if len(key) < 3:
                continue
            generic = brand.case_sensitive or len(key) <= 4
            if folded != plain and (folded == key or (not generic and key in folded)):
                return brand  # a deliberate misspelling: paypa1, rnicrosoft, аpple
            if plain == key and not generic:
                return brand  # the brand's name on a suffix it does not own
            if (key in tokens or (not generic and len(key) >= 5 and key in plain)) and (
                lured or not generic
            ):
                return brand  # fmt: skip
            if not generic and len(key) >= 6 and _one_edit(plain, key):
                return brand
    return None


def _signals(scheme: str | None, host: str, domain: str | None, kb: Knowledge) -> list[LinkSignal]:
    signals = []
    try:
        ipaddress.ip_address(host.strip("[]"))
        signals.append(LinkSignal(kind="raw-ip", detail=host))
    except ValueError:
        pass
    if any(label.startswith("xn--") for label in host.split(".")):
        try:
            signals.append(LinkSignal(kind="punycode", detail=host.encode().decode("idna")))
        except UnicodeError:
            signals.append(LinkSignal(kind="punycode", detail=None))
    elif not host.isascii():
        signals.append(LinkSignal(kind="punycode", detail=host.encode("idna").decode("ascii")))
    shorteners = set(kb.links.shorteners) if kb.links is not None else set()
    if domain is not None and domain in shorteners:
        signals.append(LinkSignal(kind="shortener", detail=domain))
    if domain is not None and (brand := lookalike(_unicode(domain), kb)) is not None:
        signals.append(LinkSignal(kind="lookalike", detail=brand.name))
    if scheme == "http":
        signals.append(LinkSignal(kind="http"))
    return signals


def _unicode(domain: str) -> str:
    try:
        return domain.encode().decode("idna")
    except UnicodeError:
        return domain


def _link(url: str, source: str, kb: Knowledge) -> Link | None:
    url = url.rstrip(_TRAILING)
    scheme, host = _host_of(url)
    if not host or "." not in host:
        return None
    domain = registered_domain(host)
    if domain is None:
        try:
            ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            return None  # not a known public suffix: a file name, a version, a typo
    if (
        scheme is None
        and not url.lower().startswith("www.")
        and host.rsplit(".", 1)[-1] in _NOT_SITES
    ):
        return None  # fmt: skip
    signals = _signals(scheme, host, domain, kb)
    return Link(url=url, source=source, host=host, domain=domain, signals=signals)  # type: ignore[arg-type]


def find_links(kb: Knowledge, text: str, codes: list[Code]) -> list[Link]:
    """The links in the text and in the codes, each with its signals, the codes' first."""
    links: list[Link] = []
    for code in codes:
        if (link := _link(code.text.strip(), "code", kb)) is not None and "://" in code.text:
            links.append(link)
    for match in _URL.finditer(text):
        if match.group("bare") and "@" in text[max(0, match.start() - 1) : match.start()]:
            continue
        if (link := _link(match.group(0), "ocr", kb)) is not None:
            links.append(link)
    unique: dict[str, Link] = {}
    for link in links:
        unique.setdefault(link.url.lower(), link)
    links = list(unique.values())[:MAX_LINKS]
    _mark_mismatches(text, links)
    return links


def _mark_mismatches(text: str, links: list[Link]) -> None:
    """A link text that names another site than its target: `[paypal.com](http://evil.example)`,
    `paypal.com <http://evil.example>`, or a code whose target is none of the sites the text
    names beside it."""
    by_url = {link.url.lower(): link for link in links}
    for match in _LABELLED.finditer(text):
        shown = (match.group("text") or match.group("text2") or "").strip()
        target = by_url.get(
            (match.group("url") or match.group("url2") or "").rstrip(_TRAILING).lower()
        )
        if target is None or target.domain is None:
            continue
        shown_host = _host_of(shown.split()[-1])[1] if shown.split() else None
        shown_domain = registered_domain(shown_host) if shown_host else None
        if shown_domain and shown_domain != target.domain:
            target.signals.append(LinkSignal(kind="text-differs", detail=shown_domain))
    named = {link.domain for link in links if link.source == "ocr" and link.domain}
    for link in links:
        if link.source == "code" and link.domain and named and link.domain not in named:
            link.signals.append(LinkSignal(kind="text-differs", detail=sorted(named)[0]))


STRONG = {"lookalike", "raw-ip", "text-differs"}


def suspicious(links: list[Link]) -> list[Link]:
    """Links whose address itself points to deception: a look-alike, a raw IP address, a
    punycode host, or a text naming another site. A shortener or plain http alone is not."""
    return [link for link in links if any(s.kind in STRONG for s in link.signals)]
