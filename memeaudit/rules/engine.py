"""The rules engine: facts in, sections 2-5 out. Knowledge comes from the rule packs; this file
only decides which entries apply and joins their sentences into paragraphs."""

from __future__ import annotations

from memeaudit.facts import PII_TOPIC
from memeaudit.facts.text import end_with_quote, join_names
from memeaudit.model import Entity, Facts, Post, Section, TopicHit
from memeaudit.rules.describe import article
from memeaudit.rules.evidence import Paragraph, ocr, post_field, rule
from memeaudit.rules.knowledge import Knowledge

MORE_TOPICS = 2  # topics after the first get one sentence each, up to this many
MAX_CLAIMS = 3
MAX_LEGAL_ISSUES = 6
MAX_RESPONSES = 5
PII_NOUN = {
    "email": "an email address",
    "phone": "a phone number",
    "address": "a street address",
    "handle": "a personal handle",
}
DEFAMATION_NOTE = "defamation"
NOTHING = {
    2: "No security or privacy issue is evident from the text or imagery.",
    3: "No social platform, AI product or AI company is identifiable in the image.",
    4: "The image's text makes no factual claim that could be checked.",
    5: "No legal or ethical issue is evident from the text or imagery.",
}


def _personal_data(facts: Facts) -> str:
    """'an email address (a@b.org) and a phone number (+1 415-555-0132)'."""
    return join_names([f"{PII_NOUN[p.kind]} ({p.text})" for p in facts.personal_data])


def _how(hit: TopicHit) -> str:
    """'keyword', or 'similarity 0.612' for a topic found by sentence similarity."""
    return f"{hit.how} {hit.score:.3f}" if hit.score is not None else hit.how


def _nothing(number: int) -> Section:
    par = Paragraph(number)
    par.say(NOTHING[number], rule(f"section{number}.nothing-found"))
    return par.section()


def _counted(facts: Facts) -> list[str]:
    """Counts and sums as written, with the noun they count: 'over 24,000 fraudulent accounts'."""
    return [
        f.text if f.unit == "money" else f"{f.text} {f.unit}"
        for c in facts.claims
        for f in c.figures
        if f.unit not in ("date", "percent", "ratio")
    ]


def security(kb: Knowledge, facts: Facts, post: Post | None) -> Section:
    if not facts.topics:
        return _nothing(2)
    par = Paragraph(2)
    where = (
        f"embedded {post.platform} post" if post is not None and post.body else "text in the image"
    )
    first, *others = facts.topics
    topic = kb.topics[first.id]
    evidence = [rule(f"topic:{first.id}", f"{_how(first)}: {m}") for m in first.matched]
    if first.id == PII_TOPIC and facts.personal_data:
        shown = _personal_data(facts)
        par.say(f"The image shows personal data: {shown}.", *evidence)
    else:
        par.say(f"The {where} describes {topic.summary}.", *evidence)
        if counted := _counted(facts):
            par.say(f"It reports {join_names(counted)}.", ocr("; ".join(counted), "facts.figures"))
    par.say(topic.risk, rule(f"topic:{first.id}.risk"))
    cites = "; ".join(ref.cite() for ref in topic.references)
    par.say(
        f"Mitigations discussed in public literature and standards include "
        f"{join_names(topic.mitigations)} ({cites}).",
        rule(f"topic:{first.id}.mitigations"),
    )
    for hit in others[:MORE_TOPICS]:
        other = kb.topics[hit.id]
        evidence = [rule(f"topic:{hit.id}", f"{_how(hit)}: {m}") for m in hit.matched]
        cites = "; ".join(ref.cite() for ref in other.references)
        if hit.id == PII_TOPIC and facts.personal_data:
            shown = _personal_data(facts)
            lead = f"The image also shows personal data: {shown}"
        else:
            lead = f"It also describes {other.summary}"
        par.say(
            f"{lead}; the usual countermeasures are {join_names(other.mitigations[:3])} ({cites}).",
            *evidence,
        )
    rest = others[MORE_TOPICS:]
    if rest:
        par.say(
            f"The text also touches on {join_names([h.title for h in rest])}.",
            *(rule(f"topic:{h.id}") for h in rest),
        )
    return par.section()


def _named(entities: list[Entity]) -> list[str]:
    """'ChatGPT (OpenAI)' for products, the bare name for organisations; one per name."""
    names: dict[str, str] = {}
    products = {e.name for e in entities if e.kind == "product"}
    for e in entities:
        if e.kind == "product":
            names.setdefault(
                e.name, e.name if e.provider in (None, e.name) else f"{e.name} ({e.provider})"
            )
        elif e.kind == "organization" and e.name not in products:
            names.setdefault(e.name, e.name)
    return list(names.values())


def platforms(kb: Knowledge, facts: Facts, post: Post | None) -> Section:
    par = Paragraph(3)
    if post is not None:
        info = next((p for p in kb.platforms if p.name == post.platform), None)
        formerly = f" (formerly {info.formerly})" if info and info.formerly else ""
        cues = ["a display name and @handle"]
        cues += ["a timestamp line"] if post.timestamp_raw else []
        cues += (
            ["a row of counts"]
            if any(v is not None for v in post.counts.model_dump().values())
            else []
        )
        par.say(
            f"The screenshot has the layout of {article(post.platform)} {post.platform}{formerly} post: "
            f"{join_names(cues)}.",
            post_field("platform", post.platform, "post.layout"),
        )
    wording = {
        "label": "The labels over the picture name",
        "post-body": "The post's text names",
        "ocr": "The text in the image names",
    }
    for source, lead in wording.items():
        entities = [
            e
            for e in facts.entities
            if e.source == source and e.kind in ("product", "organization")
        ]
        if named := _named(entities):
            par.say(
                f"{lead} {join_names(named)}.",
                *(rule(f"kb:{e.kind}:{e.name}", e.matched) for e in entities),
            )
    mentioned = {e.name: e for e in facts.entities if e.kind == "platform" and e.source != "layout"}
    mentioned.pop(post.platform if post else "", None)
    if mentioned:
        named = [
            n if e.matched.lower() == n.lower() else f"{n} (as “{e.matched}”)"
            for n, e in sorted(mentioned.items())
        ]
        lead = "It also names" if par.sentences else "The text in the image names"
        par.say(
            f"{lead} the platform{'s' if len(named) > 1 else ''} {join_names(named)}.",
            *(rule(f"kb:platform:{n}", e.matched) for n, e in sorted(mentioned.items())),
        )
    for org in [
        e for e in facts.entities if e.source == "post-author" and e.kind == "organization"
    ]:
        made = sorted(
            {e.name for e in facts.entities if e.kind == "product" and e.provider == org.name}
        )
        if made:
            par.say(
                f"The post's author, {org.name}, is the provider of {join_names(made)}, according to "
                "memeaudit's knowledge base.",
                rule(f"kb:organization:{org.name}", org.matched),
            )
    return par.section() if par.sentences else _nothing(3)


def _accused(facts: Facts) -> list[str]:
    """Organisations the post's text names, other than its author."""
    authors = {e.name for e in facts.entities if e.source == "post-author"}
    return list(
        dict.fromkeys(
            e.name
            for e in facts.entities
            if e.source == "post-body" and e.kind == "organization" and e.name not in authors
        )
    )


def claims(facts: Facts, post: Post | None) -> Section:
    if not facts.claims:
        return _nothing(4)
    par = Paragraph(4)
    chosen = sorted(facts.claims, key=lambda c: -len(c.figures))[:MAX_CLAIMS]
    chosen.sort(key=facts.claims.index)
    speaker = None
    for claim in chosen:
        if claim.speaker is None:
            who = "The text in the image"
        else:
            who = "It also" if claim.speaker == speaker else claim.speaker
        speaker = claim.speaker
        verb = "asserts" if not claim.hedges else "suggests, with hedged wording,"
        par.say(end_with_quote(f"{who} {verb}:", claim.text), ocr(claim.text, "facts.claims"))
    shown = [f for c in chosen for f in c.figures if f.unit != "date"]
    if shown:
        figures = join_names(
            [
                f"“{f.text}”"
                + (f" ({f.unit})" if f.unit not in ("percent", "ratio", "money") else "")
                for f in shown
            ]
        )
        par.say(
            f"The figures, exactly as written: {figures}.",
            *(ocr(f.text, "facts.figures") for f in shown),
        )
    authors = [
        e.name for e in facts.entities if e.source == "post-author" and e.kind == "organization"
    ]
    accused = _accused(facts)
    if authors and accused:
        par.say(
            f"The image attributes these claims to a named organisation, {authors[0]}, and "
            f"names {join_names(accused)} as the parties involved.",
            rule("claims.attribution"),
        )
    if post is not None:
        original = f"the original post by {post.handle}" if post.handle else "the original post"
        par.say(
            f"The image is a screenshot, a secondary presentation of the claims: verifying them needs "
            f"{original}, statements from the companies or people named, or independent reporting, "
            f"rather than the image alone.",
            rule("claims.secondary-source"),
        )
    else:
        par.say(
            "The image does not show who made these statements or where; it is a secondary "
            "presentation, and verifying it needs an original source or independent reporting.",
            rule("claims.unsourced"),
        )
    return par.section()


def legal(kb: Knowledge, facts: Facts) -> Section:
    hits = facts.topics
    notes = list(dict.fromkeys(n for h in hits for n in kb.topics[h.id].legal))
    if hits and _accused(facts) and DEFAMATION_NOTE in kb.legal:
        notes.insert(min(len(notes), MAX_LEGAL_ISSUES - 1), DEFAMATION_NOTE)
    chosen = [kb.legal[n] for n in notes if n in kb.legal][:MAX_LEGAL_ISSUES]
    if not chosen:
        return _nothing(5)
    par = Paragraph(5)
    evidence = [rule(f"legal:{n.id}") for n in chosen]
    par.say(
        f"What the image describes ({'; '.join(h.title for h in hits)}) raises questions about "
        f"{join_names([n.issue for n in chosen])}.",
        *evidence,
    )
    responses = list(dict.fromkeys(n.response for n in chosen))[:MAX_RESPONSES]
    par.say(f"Responses can include {join_names(responses)}.", *evidence[: len(responses)])
    par.say(
        "These points give context for review, not a legal conclusion; each case needs its own "
        "analysis.",
        rule("legal.caveat"),
    )
    return par.section()


def write_sections(kb: Knowledge, facts: Facts, post: Post | None) -> list[Section]:
    return [
        security(kb, facts, post),
        platforms(kb, facts, post),
        claims(facts, post),
        legal(kb, facts),
    ]
