"""Section 1's sentences on a picture embedded in a post (memeaudit.vision.media), worded by
knowledge/wording/media.yaml: its kind, its objects and its own text, apart from the post's; and
what issue K's link checks find in a link card's address."""

from __future__ import annotations

from collections.abc import Callable

from memeaudit.facts.links import find_links, registered_domain
from memeaudit.facts.text import end_with_quote, sentences
from memeaudit.knowledge.loader import Knowledge
from memeaudit.knowledge.wording import Words
from memeaudit.model import DetectedObject, Evidence, Link, LinkCard, Media

CARD_SIGNALS = ("lookalike", "punycode", "shortener", "raw-ip")  # what a card's address can show


def carries(
    media: Media, words: Words, objects_phrase: Callable[[list[DetectedObject]], str]
) -> list[tuple[str, list[Evidence]]]:
    """'The embedded picture is a photo showing nine persons.' and the first sentence of the
    text inside it."""
    picture = words(f"picture-{media.kind}")
    where = Evidence(kind="rule", rule="vision.media", text=media.kind, bbox=media.bbox)
    seen = [
        Evidence(kind="object", text=f"{o.label} {o.conf:.2f}", bbox=o.bbox) for o in media.objects
    ]
    if media.objects:
        said = words("media-objects", picture=picture, objects=objects_phrase(media.objects))
    else:
        said = words("media", picture=picture)
    out = [(said, [where, *seen])]
    if media.text:
        first = sentences(media.text)[0]
        out.append(
            (
                end_with_quote(words("media-text"), first),
                [Evidence(kind="ocr", rule="vision.media", text=first, bbox=media.bbox)],
            )
        )
    return out


def card_link(card: LinkCard, links: list[Link], kb: Knowledge | None = None) -> Link | None:
    """The link card's address as issue K's link checks (memeaudit.facts.links) judge it: the
    link the facts stage found with the card's domain, else (given the knowledge base) the checks
    run on the domain the card shows."""
    domain = registered_domain(card.domain) or card.domain.lower()
    for link in links:
        if link.domain == domain or (link.host or "").lower() == card.domain.lower():
            return link
    if kb is None:
        return None
    return next(iter(find_links(kb, card.domain, [])), None)


def card_says(card: LinkCard, link: Link | None, words: Words) -> list[tuple[str, list[Evidence]]]:
    """What the link checks flag in the card's address, one sentence per signal (nothing for a
    plain address, and nothing for plain http, which a card does not show)."""
    if link is None:
        return []
    out = []
    for signal in link.signals:
        if signal.kind not in CARD_SIGNALS:
            continue
        said = words(
            f"card-{signal.kind}", domain=card.domain, detail=signal.detail or link.host or ""
        )
        evidence = Evidence(
            kind="post",
            rule=f"links.{signal.kind}",
            text=f"link card {card.domain}: {signal.kind}"
            + (f" ({signal.detail})" if signal.detail else ""),
            bbox=card.bbox,
        )
        out.append((said, [evidence]))
    return out
