"""The rules engine: facts in, sections 2-5 out. Knowledge comes from the rule packs; this file
only decides which entries apply and joins their sentences into paragraphs."""

from __future__ import annotations

from memeaudit.facts.text import join_names, quote
from memeaudit.model import Claim, Entity, Facts, Post, Section, TopicHit
from memeaudit.rules.describe import article
from memeaudit.rules.evidence import Paragraph, ocr, post_field, rule
from memeaudit.rules.knowledge import Knowledge

FULL_TOPICS = 3  # topics beyond this are named, not explained
MAX_CLAIMS = 3
PII_TOPIC = "personal-data-exposure"
DEFAMATION_NOTE = "defamation"
NOTHING = {
    2: "No security or privacy issue is evident from the text or imagery.",
    3: "No social platform, AI product or AI company is identifiable in the image.",
    4: "The image's text makes no factual claim that could be checked.",
    5: "No legal or ethical issue is evident from the text or imagery.",
}


def _nothing(number: int) -> Section:
    par = Paragraph(number)
    par.say(NOTHING[number], rule(f"section{number}.nothing-found"))
    return par.section()


def security(kb: Knowledge, facts: Facts, post: Post | None) -> Section:
    if not facts.topics:
        return _nothing(2)
    par = Paragraph(2)
    where = (
        f"embedded {post.platform} post" if post is not None and post.body else "text in the image"
    )
    for i, hit in enumerate(facts.topics[:FULL_TOPICS]):
        topic = kb.topics[hit.id]
        evidence = [rule(f"topic:{hit.id}", f"{hit.how}: {m}") for m in hit.matched]
        if hit.id == PII_TOPIC and facts.personal_data:
            shown = join_names(
                [f"{article(p.kind)} {p.kind} ({p.text})" for p in facts.personal_data]
            )
            par.say(f"The image shows personal data: {shown}.", *evidence)
        else:
            lead = f"The {where} describes" if i == 0 else "It also describes"
            par.say(f"{lead} {topic.summary}.", *evidence)
        if i == 0:
            counts = [f for c in facts.claims for f in c.figures if f.unit not in (None, "date")]
            if counts:
                par.say(f"It reports {join_names([f'{f.text} {f.unit}' for f in counts])}.",
                        *(ocr(f.text, "facts.figures") for f in counts))  # fmt: skip
        par.say(topic.risk, rule(f"topic:{hit.id}.risk"))
        cites = "; ".join(ref.cite() for ref in topic.references)
        par.say(
            f"Mitigations discussed in public literature and standards include "
            f"{join_names(topic.mitigations)} ({cites}).",
            rule(f"topic:{hit.id}.mitigations"),
        )
    rest = facts.topics[FULL_TOPICS:]
    if rest:
        par.say(f"The text also touches on {join_names([h.title for h in rest])}.",
                *(rule(f"topic:{h.id}") for h in rest))  # fmt: skip
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
        par.say(f"The screenshot has the layout of {article(post.platform)} {post.platform}{formerly} post: "
                f"{join_names(cues)}.", post_field("platform", post.platform, "post.layout"))  # fmt: skip
    by_source = {
        s: [e for e in facts.entities if e.source == s] for s in ("label", "post-body", "ocr")
    }
    wording = {"label": "The labels over the picture name", "post-body": "The post's text names",
               "ocr": "The text in the image names"}  # fmt: skip
    for source, entities in by_source.items():
        named = _named(entities)
        if named:
            par.say(f"{wording[source]} {join_names(named)}.",
                    *(rule(f"kb:{e.kind}:{e.name}", e.matched) for e in entities))  # fmt: skip
    platforms_named = {
        e.name for e in facts.entities if e.kind == "platform" and e.source != "layout"
    }
    platforms_named -= {post.platform} if post else set()
    if platforms_named:
        par.say(f"It also mentions the platform{'s' if len(platforms_named) > 1 else ''} "
                f"{join_names(sorted(platforms_named))}.")  # fmt: skip
    authors = [e for e in facts.entities if e.source == "post-author" and e.kind == "organization"]
    for org in authors:
        made = sorted(
            {e.name for e in facts.entities if e.kind == "product" and e.provider == org.name}
        )
        if made:
            par.say(f"The post's author, {org.name}, is the provider of {join_names(made)} "
                    "according to memeaudit's knowledge base.", rule(f"kb:organization:{org.name}", org.matched))  # fmt: skip
    return par.section() if par.sentences else _nothing(3)


def _accused(facts: Facts) -> list[str]:
    """Organisations the post's text names, other than its author."""
    authors = {e.name for e in facts.entities if e.source == "post-author"}
    return list(dict.fromkeys(
        e.name for e in facts.entities
        if e.source == "post-body" and e.kind == "organization" and e.name not in authors
    ))  # fmt: skip


def claims(facts: Facts, post: Post | None) -> Section:
    if not facts.claims:
        return _nothing(4)
    par = Paragraph(4)
    chosen: list[Claim] = sorted(facts.claims, key=lambda c: -len(c.figures))[:MAX_CLAIMS]
    chosen.sort(key=facts.claims.index)
    for claim in chosen:
        who = claim.speaker or "The text in the image"
        verb = "asserts" if not claim.hedges else "suggests, with hedged wording,"
        par.say(f"{who} {verb}: {quote(claim.text)}.", ocr(claim.text, "facts.claims"))
        shown = [f for f in claim.figures if f.unit != "date"]
        if shown:
            figures = join_names(
                [
                    f"“{f.text}”"
                    + (f" ({f.unit})" if f.unit not in (None, "percent", "ratio") else "")
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
        par.say(f"The image attributes these claims to a named organisation, {authors[0]}, and "
                f"names {join_names(accused)} as the parties involved.", rule("claims.attribution"))  # fmt: skip
    if post is not None:
        original = f"the original post by {post.handle}" if post.handle else "the original post"
        par.say(f"The image is a screenshot, a secondary presentation of the claim: verifying it needs "
                f"{original}, statements from the companies or people named, or independent reporting, "
                f"rather than the image alone.", rule("claims.secondary-source"))  # fmt: skip
    else:
        par.say("The image does not show who made these statements or where; it is a secondary "
                "presentation, and verifying it needs an original source or independent reporting.",
                rule("claims.unsourced"))  # fmt: skip
    return par.section()


def legal(kb: Knowledge, facts: Facts) -> Section:
    hits: list[TopicHit] = facts.topics
    notes = list(dict.fromkeys(n for h in hits for n in kb.topics[h.id].legal))
    if hits and _accused(facts) and DEFAMATION_NOTE in kb.legal:
        notes.append(DEFAMATION_NOTE)
    if not notes:
        return _nothing(5)
    par = Paragraph(5)
    chosen = [kb.legal[n] for n in notes if n in kb.legal]
    evidence = [rule(f"legal:{n.id}") for n in chosen]
    par.say(f"The {join_names([h.title for h in hits])} described raise questions about "
            f"{join_names([n.issue for n in chosen])}.", *evidence)  # fmt: skip
    par.say(
        f"Responses can include {join_names(list(dict.fromkeys(n.response for n in chosen)))}.",
        *evidence,
    )
    par.say("These points give context for review, not a legal conclusion; each case needs its own "
            "analysis.", rule("legal.caveat"))  # fmt: skip
    return par.section()


def write_sections(kb: Knowledge, facts: Facts, post: Post | None) -> list[Section]:
    return [
        security(kb, facts, post),
        platforms(kb, facts, post),
        claims(facts, post),
        legal(kb, facts),
    ]
