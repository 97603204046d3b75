"""The facts read by the kind of screenshot the image is.

The facts stage reads the image's text as one text. Where the screen stage has typed the
screenshot (memeaudit.kinds), the facts go by its fields instead (`by_kind`, the facts stage's
last step, so that the report's JSON, its sections and the digest read the same facts):

- an email's own envelope (the sender's and recipients' addresses in its header) is how it was
  sent, not personal data it exposes (facts.pii.outside_envelope); the personal-data topic that
  only those addresses raised is dropped with them. Data in the body is kept;
- a chat's claims are found message by message, each said by the message's speaker, so that a
  time, a status line or a name beside a bubble is never part of a claim or an opinion;
- an email's claims are found in its body, said by its sender, so that the header, the greeting
  and the buttons are never part of one.
"""

from __future__ import annotations

from memeaudit.facts.claims import find_claims
from memeaudit.facts.pii import outside_envelope
from memeaudit.kinds.chat import ME
from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import Claim, Facts, Screen

OWNER = "the screenshot's owner"  # who writes the right-hand bubbles (kinds.chat.ME)


def speaker_name(speaker: str | None) -> str:
    return OWNER if speaker in (ME, None) else speaker


def _chat_claims(kb: Knowledge, facts: Facts, screen: Screen) -> list[Claim] | None:
    chat = screen.chat
    if chat is None or not chat.messages:
        return None
    assert kb.language is not None
    personal = [p.text for p in facts.personal_data]
    found: list[Claim] = []
    for message in chat.messages:
        who = speaker_name(message.speaker)
        for claim in find_claims(message.text, who, kb.language, personal, kb.names(), post=False):
            if all(c.text != claim.text for c in found):
                speaker = who if claim.speaker in (None, "") else claim.speaker
                found.append(claim.model_copy(update={"speaker": speaker}))
    return found


def _email_claims(kb: Knowledge, facts: Facts, screen: Screen) -> list[Claim] | None:
    mail = screen.email
    if mail is None or not mail.body:
        return None
    assert kb.language is not None
    sender = mail.from_name or mail.from_address
    personal = [p.text for p in facts.personal_data]
    found = find_claims(mail.body, sender, kb.language, personal, kb.names(), post=False)
    return [c if c.speaker else c.model_copy(update={"speaker": sender}) for c in found]


def by_kind(kb: Knowledge, facts: Facts, screen: Screen | None) -> Facts:
    """`facts` as this kind of screenshot is read (see the module's doc)."""
    if screen is None:
        return facts
    update: dict[str, object] = {}
    personal = outside_envelope(facts.personal_data, screen)
    if len(personal) < len(facts.personal_data):
        update["personal_data"] = personal
        raised = kb.topic_for("personal-data")
        if not personal and raised is not None:  # the topic the envelope alone raised
            update["topics"] = [
                t for t in facts.topics if not (t.id == raised.id and t.how == "regex")
            ]
    typed = None
    if screen.kind == "chat":
        typed = _chat_claims(kb, facts, screen)
    elif screen.kind == "email":
        typed = _email_claims(kb, facts, screen)
    if typed is not None:
        update["claims"] = typed
    return facts.model_copy(update=update) if update else facts
