"""Section 4, Claims and Evidence: the factual claims the text makes, their figures as written,
who they are attributed to, and what verifying them needs. The sentences are
knowledge/wording/claims.yaml."""

from __future__ import annotations

from memeaudit.facts.text import end_with_quote, join_names
from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import Facts, Post, Section
from memeaudit.sections.paragraph import Paragraph, nothing, ocr, rule

MAX_CLAIMS = 3


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


def claims(kb: Knowledge, facts: Facts, post: Post | None) -> Section:
    w = kb.words("claims")
    if not facts.claims:
        return nothing(4, w("nothing-found"))
    par = Paragraph(4)
    chosen = sorted(facts.claims, key=lambda c: -len(c.figures))[:MAX_CLAIMS]
    chosen.sort(key=facts.claims.index)
    speaker = None
    for claim in chosen:
        if claim.speaker is None:
            who = w("who-text")
        else:
            who = w("who-again") if claim.speaker == speaker else claim.speaker
        speaker = claim.speaker
        lead = w("suggests" if claim.hedges else "asserts", who=who)
        par.say(end_with_quote(lead, claim.text), ocr(claim.text, "facts.claims"))
    shown = [f for c in chosen for f in c.figures if f.unit != "date"]
    if shown:
        figures = [
            w("figure", figure=f.text)
            if f.unit in ("percent", "ratio", "money", None)
            else w("figure-unit", figure=f.text, unit=f.unit)
            for f in shown
        ]
        par.say(
            w("figures", figures=join_names(figures)),
            *(ocr(f.text, "facts.figures") for f in shown),
        )
    authors = [
        e.name for e in facts.entities if e.source == "post-author" and e.kind == "organization"
    ]
    named = accused(facts)
    if authors and named:
        par.say(
            w("attribution", author=authors[0], accused=join_names(named)),
            rule("claims.attribution"),
        )
    if post is not None:
        by = post.handle
        original = w("original-post-by", handle=by) if by else w("original-post")
        par.say(w("secondary-source", original=original), rule("claims.secondary-source"))
    else:
        par.say(w("unsourced"), rule("claims.unsourced"))
    return par.section()
