"""Section 5, Legal and Ethical Implications: the legal notes of the topics that fired (most
severe topic first), and the note for accusations when the text accuses named people or
organisations. The notes are knowledge/kb/legal.yaml; the frame is knowledge/wording/legal.yaml."""

from __future__ import annotations

from memeaudit.facts.text import join_names
from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import Evidence, Facts, Section, TopicHit
from memeaudit.sections.claims import accused
from memeaudit.sections.paragraph import Paragraph, nothing, rule
from memeaudit.sections.security import MAX_STEPS

MAX_LEGAL_ISSUES = 6
MAX_RESPONSES = 5
MAX_WORDS = 150  # the paragraph's budget: the caveat goes first, then the responses
ACTIONS, RESPONSES, CAVEAT = 1, 2, 3  # priorities (paragraph.Paragraph); 0 is always said


def moderation(kb: Knowledge, hits: list[TopicHit]) -> list[tuple[str, Evidence, int]]:
    """The policy question a moderator must answer and the moderation actions open to them, from
    the guidance of the lead (most severe) topic, where it has one (harmful speech, integrity)."""
    w = kb.words("legal")
    for hit in hits[:1]:
        topic = kb.topics[hit.id]
        guide, family = topic.guidance, topic.family() or ""
        if guide is None or guide.policy_question is None:
            continue
        evidence = rule(f"topic:{hit.id}.guidance")
        question = guide.policy_question.rstrip("?")
        said = [(w("policy-question", question=question), evidence, 0)]
        # The steps section 2 gave the reader already are not given again.
        given = _steps_given(kb, family)
        if guide.steps[given:] and f"actions-{family}" in w.phrases:
            actions = join_names(guide.steps[given:], "or")
            said.append((w(f"actions-{family}", actions=actions), evidence, ACTIONS))
        return said
    return []


def _steps_given(kb: Knowledge, family: str) -> int:
    """How many of a topic's steps section 2 gave already (its family has a steps sentence)."""
    return MAX_STEPS if f"steps-{family}" in kb.words("security").phrases else 0


def accusations(facts: Facts) -> list[str]:
    """The parties the text accuses: whom its accusation claims concern. Claims without a kind
    (facts from before claims had kinds) fall back to the organisations the text names other
    than its author."""
    if facts.claims and all(claim.kind is None for claim in facts.claims):
        return accused(facts)
    named = [c for claim in facts.claims if claim.kind == "accusation" for c in claim.concerns]
    return list(dict.fromkeys(named))


def legal(kb: Knowledge, facts: Facts) -> Section:
    w = kb.words("legal")
    hits = kb.most_severe_first(facts.topics)
    notes = list(dict.fromkeys(n for h in hits for n in kb.topics[h.id].legal))
    accusation = kb.legal_note_for("accusation")
    if hits and accusations(facts) and accusation is not None:
        notes.insert(min(len(notes), MAX_LEGAL_ISSUES - 1), accusation.id)
    chosen = [kb.legal[n] for n in dict.fromkeys(notes) if n in kb.legal][:MAX_LEGAL_ISSUES]
    questions = moderation(kb, hits)
    if not chosen and not questions:
        return nothing(5, w("nothing-found"))
    par = Paragraph(5)
    for text, evidence, priority in questions:
        par.say(text, evidence, priority=priority)
    if not chosen:
        par.say(w("caveat"), rule("legal.caveat"), priority=CAVEAT)
        return par.section(MAX_WORDS)
    evidence = [rule(f"legal:{n.id}") for n in chosen]
    par.say(
        w(
            "raises",
            titles="; ".join(h.title for h in hits),
            issues=join_names([n.issue for n in chosen]),
        ),
        *evidence,
    )
    responses = list(dict.fromkeys(n.response for n in chosen))[:MAX_RESPONSES]
    par.say(
        w("responses", responses=join_names(responses)),
        *evidence[: len(responses)],
        priority=RESPONSES,
    )
    par.say(w("caveat"), rule("legal.caveat"), priority=CAVEAT)
    return par.section(MAX_WORDS)
