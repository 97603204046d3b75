"""Section 4, Claims and Evidence: the claims worth checking (facts.claims), who asserts them, why
they are worth checking, their figures as written, opinions framed as opinions, and what verifying
them needs for this kind of image. The sentences are knowledge/wording/claims.yaml."""

from __future__ import annotations

import re

from memeaudit.facts.figures import durations
from memeaudit.facts.terms import written
from memeaudit.facts.text import end_with_quote, join_names, quote
from memeaudit.facts.typed import speaker_name
from memeaudit.knowledge.loader import Knowledge
from memeaudit.knowledge.wording import Words
from memeaudit.model import Claim, Facts, Figure, Post, Screen, Section
from memeaudit.sections.excerpt import bare, excerpt, last_clause, left_out
from memeaudit.sections.paragraph import Paragraph, nothing, ocr, rule

MAX_CLAIMS = 3
MAX_BEYOND = 4  # dates and numbers a claim gives beyond its quotation, named at most
MAX_WORDS = 150
# Which kinds lead when there are more claims than room: the most consequential first.
RANK = ("accusation", "breaking", "promise", "warning", "health", "reported-speech", "statistic",
        "media", "quote", "causal", "prediction", "event")  # fmt: skip
DATED = re.compile(r"\d{4}|[A-Z][a-z]{2}\w*\.?\s+\d|\d\s+[A-Z][a-z]{2}|\d+/\d+")


def accused(facts: Facts) -> list[str]:
    """Organisations the post's text names, other than its author."""
    authors = {e.name for e in facts.entities if e.source == "post-author"}
    return list(
        dict.fromkeys(
            e.name
            for e in facts.entities
            if e.source == "post-body" and e.kind == "organization" and e.name not in authors
        )
    )


def quoted_claims(claims: list[Claim]) -> list[Claim]:
    """Up to MAX_CLAIMS check-worthy claims, the most consequential and best-figured first,
    shown in the order the text makes them."""
    worthy = [c for c in claims if c.kind != "opinion"]
    rank = {kind: i for i, kind in enumerate(RANK)}
    best = sorted(worthy, key=lambda c: (-len(c.figures), rank.get(c.kind or "", len(RANK))))
    chosen = best[:MAX_CLAIMS]
    return sorted(chosen, key=claims.index)


def _why(w: Words, kind: str, claims: list[Claim]) -> str:
    """Why the claims of one kind are worth checking: 'an accusation against X', 'statistics'."""
    n = len(claims)
    named = join_names(list(dict.fromkeys(c for claim in claims for c in claim.concerns)))
    sources = join_names(list(dict.fromkeys(c.speaker for c in claims if c.speaker)))
    if kind == "accusation":
        if named:
            return w("why-accusation", count=n, concerns=named)
        return w("why-accusation-unnamed", count=n)
    if kind == "event":
        return w("why-event", count=n, concerns=named) if named else w("why-event-unnamed", count=n)
    if kind == "reported-speech":
        return w("why-reported-speech", count=n, source=sources or "a source it does not name")
    if kind == "quote":
        return w("why-quote", count=n, source=sources or "a named person")
    if kind == "causal":
        return w("why-causal", count=n)
    if kind == "health":
        return w("why-health", count=n)
    if kind == "prediction":
        return w("why-prediction", count=n)
    if kind == "promise":
        return w("why-promise", count=n)
    if kind == "breaking":
        return w("why-breaking", count=n)
    if kind == "warning":
        return w("why-warning", count=n)
    if kind == "media":
        return w("why-media", count=n)
    return w("why-statistic", count=n)


def writer(claim: Claim, screen: Screen | None) -> str | None:
    """Who wrote the claim on a typed screen: the chat message's speaker, the email's sender."""
    if screen is None:
        return None
    if screen.kind == "chat" and screen.chat is not None:
        for message in screen.chat.messages:
            if claim.text in message.text:
                return speaker_name(message.speaker)
    if screen.kind == "email" and screen.email is not None:
        return screen.email.from_name or screen.email.from_address
    return None


def _written(w: Words, claim: Claim, who: str, previous: str | None) -> str:
    """'Aunt Rosa writes:', 'Kenji Sato passes on, attributed to the manager:'."""
    if claim.speaker and claim.speaker != who:
        return w("passes-on", who=who, source=claim.speaker)
    if claim.hedges:
        hedges = join_names([f"“{h}”" for h in claim.hedges[:2]])
        return w("writes-hedged", who=who, hedges=hedges)
    return w("writes-again", who=who) if who == previous else w("writes", who=who)


def _numbers(text: str) -> list[str]:
    """The words of `text` that hold a digit, clock times aside ('300', '$15/hour'): what the
    quotation of a claim should keep where the finder read no figure in it."""
    return [w for w in text.split() if any(c.isdigit() for c in w) and ":" not in w]


def _opinion(w: Words, opinion: Claim, screen: Screen | None, key: str) -> str:
    """'It voices an opinion, “…”, …'; on a chat or an email, who voices it."""
    quoted = quote(excerpt(opinion.text).rstrip("."))
    if (who := writer(opinion, screen)) is not None:
        return w(f"{key}-by", who=who[0].upper() + who[1:], opinion=quoted)
    return w(key, opinion=quoted)


def _lead(w: Words, claim: Claim, author: str | None, previous: str | None) -> str:
    if claim.caption:
        who = w("who-caption")
    elif claim.speaker is None:
        who = w("who-text")
    elif author and claim.speaker != author:
        return w("passes-on", who=author, source=claim.speaker)
    else:
        who = w("who-again") if claim.speaker == previous else claim.speaker
    if claim.hedges:
        hedges = join_names([f"“{h}”" for h in claim.hedges[:2]])
        return w("suggests", who=who, hedges=hedges)
    return w("asserts", who=who)


def _needs(w: Words, chosen: list[Claim], post: Post | None) -> str:
    """What verifying the claims needs, most direct first, ending in independent reporting."""
    keys = list(dict.fromkeys(k for c in chosen for k in c.verify))
    asked = [c for c in chosen if "organisation-statement" in c.verify]
    named = list(dict.fromkeys(n for c in asked for n in c.concerns))
    outlets = list(dict.fromkeys(c.speaker for c in chosen if "outlet-article" in c.verify))
    parts = []
    for key in keys:
        if key == "original-post":
            parts.append(_original(w, post))
        elif key == "outlet-article" and outlets:
            parts.append(w("outlet-article", outlet=join_names([o for o in outlets if o])))
        elif key == "organisation-statement":
            phrase = w("organisation-statement", named=join_names(named)) if named else None
            parts.append(phrase or w("organisation-statement-unnamed"))
        elif key == "original-source":
            parts.append(w("original-source"))
        elif key == "health-authority":
            parts.append(w("health-authority"))
        elif key == "election-authority":
            parts.append(w("election-authority"))
        elif key == "official-channel":
            parts.append(w("official-channel"))
        elif key == "data-source":
            parts.append(w("data-source"))
        elif key == "original-upload":
            parts.append(w("original-upload"))
    parts.append(w("independent"))
    parts = list(dict.fromkeys(parts))
    if any("," in p for p in parts):
        return ", ".join(parts[:-1]) + ", or " + parts[-1]
    return join_names(parts, last="or")


def _original(w: Words, post: Post | None) -> str:
    if post is None or not post.handle:
        return w("original-post")
    shown = post.timestamp_raw
    if shown and DATED.search(shown):
        return w("original-post-dated", handle=post.handle, date=shown)
    return w("original-post-by", handle=post.handle)


def _figures(w: Words, chosen: list[Claim]) -> str | None:
    shown = list({f.text: (f, c.text) for c in chosen for f in c.figures}.values())
    if not shown:
        return None
    spans = durations()
    figures = [
        w("figure", figure=f.text)
        if f.unit in ("percent", "ratio", "money", None)
        else w("figure", figure=span)  # '2 hours' as written, not '2' (hours)
        if f.unit.lower() in spans and (span := written(f, text))
        else w("figure-unit", figure=f.text, unit=f.unit)
        for f, text in shown
    ]
    return w("figures", figures=join_names(figures))


def _terms(facts: Facts, chosen: list[Claim]) -> list[Figure]:
    """The amounts, spans, dates and times the text names that the chosen claims do not quote:
    a scam's price and deadline, a flyer's date and hour."""
    return [t for t in facts.terms if not any(t.text in c.text for c in chosen)]


def _quoted(terms: list[Figure]) -> str:
    return join_names([f"“{t.text}”" for t in terms])


def claims(
    kb: Knowledge,
    facts: Facts,
    post: Post | None,
    text: str | None = None,
    screen: Screen | None = None,
) -> Section:
    """Section 4. `text` is the image's text where the caller has it: an image without any is
    said to have no written claim rather than to have text that makes none. `screen`: a chat's
    claims are said by who wrote them, an email's by its sender (facts.typed)."""
    w = kb.words("claims")
    chosen = quoted_claims(facts.claims)
    opinions = [c for c in facts.claims if c.kind == "opinion"]
    if not chosen:
        if text is not None and not text.strip():
            return nothing(4, w("no-text"))
        par = Paragraph(4)
        if terms := _terms(facts, []):
            said = w("nothing-found-terms", terms=_quoted(terms))
            par.say(said, *(ocr(t.text, "facts.terms") for t in terms))
        else:
            par.say(w("nothing-found"), rule("section4.nothing-found"))
        if opinions:
            par.say(
                _opinion(w, opinions[0], screen, "opinion-only"),
                ocr(opinions[0].text, "claims.opinion"),
            )
        par.say(w("nothing-else"), rule("claims.nothing-to-verify"))
        return par.section()
    author = None
    if post is not None and (post.display_name or post.handle):
        name, handle = post.display_name, post.handle
        author = f"{name} ({handle})" if name and handle else name or handle
    optional: list[tuple[str, object]] = []
    par = Paragraph(4)
    previous = None
    beyond: list[str] = []  # dates, numbers and amounts the quotations cut off
    for claim in chosen:
        if (who := writer(claim, screen)) is not None:
            lead = _written(w, claim, who, previous)
            previous = who
        else:
            lead = _lead(w, claim, author, previous)
            previous = claim.speaker
        keys = [f.text for f in claim.figures] + _numbers(claim.text)[:1]
        keys += claim.concerns + claim.hedges
        shown = excerpt(claim.text, keys)
        par.say(end_with_quote(lead, shown), ocr(bare(shown), "facts.claims"))
        if (clause := last_clause(claim.text, shown)) is not None:
            par.say(end_with_quote(w("ends"), clause), ocr(clause, "facts.claims"))
        beyond += [v for v in left_out(claim.text, shown) if v not in beyond]
    kinds = list(dict.fromkeys(c.kind or "statistic" for c in chosen))
    whys = [_why(w, k, [c for c in chosen if (c.kind or "statistic") == k]) for k in kinds]
    worth = w("worth", count=len(chosen), whys=join_names(whys))
    par.say(worth, rule("claims.kind", ", ".join(c.kind or "" for c in chosen)))
    if said := _figures(w, chosen):
        shown = [f for c in chosen for f in c.figures]
        par.say(said, *(ocr(f.text, "facts.figures") for f in shown))
    given = {f.text for c in chosen for f in c.figures}
    private = [p.text for p in facts.personal_data]  # a house number is no figure of a claim
    if beyond := [
        v
        for v in beyond
        if not any(v in g or g in v for g in given) and not any(v in p for p in private)
    ]:
        values = join_names([f"“{v}”" for v in beyond[:MAX_BEYOND]])
        par.say(w("also-gives", count=len(chosen), values=values),
                *(ocr(v, "claims.values") for v in beyond[:MAX_BEYOND]))  # fmt: skip
    if terms := _terms(facts, chosen):
        said = w("terms", terms=_quoted(terms))
        par.say(said, *(ocr(t.text, "facts.terms") for t in terms))
    if opinions:
        optional.append((_opinion(w, opinions[0], screen, "opinion-also"), opinions[0]))
    authors = [
        e.name for e in facts.entities if e.source == "post-author" and e.kind == "organization"
    ]
    named = accused(facts)
    if authors and named:
        said = w("attribution", author=authors[0], accused=join_names(named))
        optional.append((said, None))
    needs = _needs(w, chosen, post)
    typed = screen.kind if screen is not None else None
    if post is not None:
        key = "secondary-source"
    elif typed in ("chat", "email") and any(writer(c, screen) for c in chosen):
        key = f"{typed}-secondary"
    else:
        key = "unsourced"
    closing = w(key, count=len(chosen), needs=needs)
    used = sum(len(s.text.split()) for s in par.sentences) + len(closing.split())
    for said, opinion in optional:
        if used + len(said.split()) <= MAX_WORDS:
            evidence = ocr(opinion.text, "claims.opinion") if isinstance(opinion, Claim) else None
            par.say(said, evidence or rule("claims.attribution"))
            used += len(said.split())
    par.say(closing, rule(f"claims.{key}"))
    return par.section()
