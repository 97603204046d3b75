"""Section 2's sentences about the codes and links in the image, and about display names on
accounts that are not theirs. The sentences are knowledge/wording/links.yaml."""

from __future__ import annotations

import ipaddress

from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import Evidence, Facts, Link
from memeaudit.sections.paragraph import one_stop, rule

MAX_LINKS = 3  # links described in section 2: the most telling first
# Signals in the order a reader should hear them; punycode only where it imitates a brand.
ORDER = ["lookalike", "text-differs", "raw-ip", "punycode", "shortener", "http"]

Note = tuple[str, list[Evidence], bool]  # a sentence, its evidence, and whether it is a finding


def _evidence(link: Link, rule_id: str) -> Evidence:
    kind = "code" if link.source == "code" else "ocr"
    return Evidence(kind=kind, rule=rule_id, text=link.url)


def _local(link: Link) -> bool:
    """A loopback or private address (127.0.0.1, 192.168.1.10): a developer's or a home network's
    own machine, which no lure sends a stranger to."""
    try:
        address = ipaddress.ip_address((link.host or "").strip("[]"))
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def _worth_saying(link: Link) -> bool:
    if _local(link):
        return link.source == "code"
    return link.source == "code" or any(s.kind != "punycode" for s in link.signals)


def _rank(link: Link) -> tuple[int, int]:
    kinds = [s.kind for s in link.signals]
    first = min((ORDER.index(k) for k in kinds), default=len(ORDER))
    return (first, 0 if link.source == "code" else 1)


def link_notes(kb: Knowledge, facts: Facts) -> list[Note]:
    """Each telling link: where it points, then what its address gives away."""
    w = kb.words("links")
    notes: list[Note] = []
    for link in sorted(filter(_worth_saying, facts.links), key=_rank)[:MAX_LINKS]:
        what = w("what-code") if link.source == "code" else w("what-text")
        said = one_stop(w("points-to", what=what, target=link.url))  # a link read with its '.'
        notes.append((said, [_evidence(link, "links.found")], False))
        kinds = {} if _local(link) else {s.kind: s.detail for s in link.signals}
        for kind in ORDER:
            if kind not in kinds or (kind == "punycode" and "lookalike" not in kinds):
                continue
            detail = kinds[kind] or ""
            text = w(kind, domain=link.domain or link.host, brand=detail, host=link.host,
                     shown=detail, unicode=detail)  # fmt: skip
            notes.append((text, [_evidence(link, f"links.{kind}")], kind != "http"))
        if kinds.keys() & {"lookalike", "text-differs", "raw-ip", "shortener"}:
            notes.append((w("check"), [rule("links.check")], True))
    for found in facts.impersonations:
        key = "impersonation" if found.field == "handle" else "impersonation-email"
        evidence = Evidence(
            kind="post", rule="impersonation", text=f"{found.shown}: {found.account}"
        )
        notes.append((w(key, shown=found.shown, name=found.name, account=found.account), [evidence], True))  # fmt: skip
    return notes
