"""The facts are read by the kind of screenshot (facts.typed): an email's envelope is
no leak, a chat's claims are said by who wrote them; a poster is told by its layout; a chat's
gist passes over bubbles that hold no sentence."""

from __future__ import annotations

from memeaudit.facts.pii import envelope, outside_envelope
from memeaudit.facts.typed import by_kind
from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import (
    Chat,
    ChatMessage,
    Claim,
    Email,
    Facts,
    Language,
    Line,
    OcrResult,
    PersonalData,
    Screen,
    TopicHit,
    Vision,
)
from memeaudit.sections import describe_image, write_sections
from memeaudit.sections.image_kind import poster_layout

SENDER = "priya.natarajan@northwind.example"
HOME = "42 Willow Road, Springfield, IL 62704"


def _email(body: str) -> Screen:
    mail = Email(
        from_name="Priya Natarajan",
        from_address=SENDER,
        to="lena.fischer@example.com",
        subject="Team lunch on Friday",
        body=body,
    )
    return Screen(kind="email", email=mail)


def _ocr(rows: list[tuple[str, int]]) -> OcrResult:
    lines, top = [], 10
    for text, height in rows:
        lines.append(Line(text=text, conf=0.99, bbox=(20, top, 500, height), engine="test"))
        top += height + 12
    return OcrResult(
        text="\n".join(t for t, _ in rows),
        engine="test",
        words=[],
        lines=lines,
        language=Language(language="eng"),
    )


def _sections(kb: Knowledge, facts: Facts, screen: Screen) -> dict[int, str]:
    read = by_kind(kb, facts, screen)  # the facts stage's last step
    return {s.number: s.text for s in write_sections(kb, read, None, None, screen)}


def _personal_topic(kb: Knowledge, spans: list[str]) -> TopicHit:
    topic = kb.topic_for("personal-data")
    assert topic is not None
    return TopicHit(id=topic.id, title=topic.title, matched=spans, how="regex")


def test_an_emails_envelope_is_no_exposed_personal_data(kb: Knowledge) -> None:
    screen = _email("The team lunch moves to Friday at noon in the small meeting room.")
    found = [
        PersonalData(kind="email", text=SENDER),
        PersonalData(kind="email", text="lena.fischer@example.com"),
    ]
    assert envelope(screen) == {SENDER, "lena.fischer@example.com"}
    assert outside_envelope(found, screen) == []
    facts = Facts(personal_data=found, topics=[_personal_topic(kb, [f"email: {SENDER}"])])
    sections = _sections(kb, facts, screen)
    assert sections[2].startswith("No security or privacy issue is evident")
    assert SENDER not in sections[2]
    assert sections[5].startswith("No legal or ethical issue")


def test_data_in_an_emails_body_is_still_reported(kb: Knowledge) -> None:
    screen = _email(f"Please leave the parcel with my neighbour at {HOME} while I am away.")
    found = [PersonalData(kind="email", text=SENDER), PersonalData(kind="address", text=HOME)]
    assert outside_envelope(found, screen) == found[1:]
    facts = Facts(personal_data=found, topics=[_personal_topic(kb, [f"address: {HOME}"])])
    sections = _sections(kb, facts, screen)
    assert HOME in sections[2] and SENDER not in sections[2]
    # an address given in the body, not the header, is data the image exposes
    other = Screen(kind="chat", chat=Chat(contact="Priya"))
    assert outside_envelope(found, other) == found


def test_a_chats_claims_are_said_by_who_wrote_them(kb: Knowledge) -> None:
    messages = [
        ChatMessage(speaker="Aunt Rosa", text="Did you see? The new flu vaccine causes memory loss."),
        ChatMessage(speaker="me", text="Where did you read that? I think it sounds wrong."),
    ]  # fmt: skip
    screen = Screen(
        kind="chat", platform="WhatsApp", chat=Chat(contact="Aunt Rosa", messages=messages)
    )
    # what the facts stage reads from the whole text: a time glued to a claim, chrome as opinion
    facts = Facts(
        claims=[
            Claim(text="09:12 The new flu vaccine causes memory loss.", kind="health"),
            Claim(text="Type a message", kind="opinion"),
        ]
    )  # fmt: skip
    four = _sections(kb, facts, screen)[4]
    assert "Aunt Rosa writes: “The new flu vaccine causes memory loss.”" in four
    assert "09:12" not in four and "Type a message" not in four
    assert "The text in the image asserts" not in four
    assert "The screenshot's owner" in four  # the opinion, by its writer


def test_a_poster_is_told_by_its_layout() -> None:
    poster = _ocr([("LOST CAT", 64), ("Grey tabby named Pepper, last seen", 30),
                   ("near Elm Street park", 30), ("Please check your garden.", 30)])  # fmt: skip
    chat = _ocr([("Ben Moreau", 30), ("Are we still on for dinner tonight?", 28),
                 ("Yes! I booked the Thai place.", 28), ("Type a message", 28)])  # fmt: skip
    assert poster_layout(poster.lines)
    assert not poster_layout(chat.lines)


def test_a_poster_is_described_as_one(kb: Knowledge) -> None:
    poster = _ocr([("SAVE OUR LIBRARY", 60), ("The council plans to close Westbrook Library.", 30),
                   ("Over 4,000 residents have signed the petition.", 28)])  # fmt: skip
    screen = Screen(kind="screenshot")
    text = describe_image(kb, poster, None, Vision(), by_kind(kb, Facts(), screen), screen).text
    assert "poster, flyer or sign" in text
    assert "“SAVE OUR LIBRARY”" in text


def test_a_chats_gist_passes_over_bubbles_without_a_sentence(kb: Knowledge) -> None:
    messages = [
        ChatMessage(speaker="me", text="5G"),
        ChatMessage(speaker=None, text="are we still on for dinner thursday?"),
        ChatMessage(speaker="me", text="yes! 7:30 at Casa Lumi, I booked a table"),
    ]
    screen = Screen(kind="chat", chat=Chat(messages=messages))
    ocr = _ocr([(m.text, 28) for m in messages])
    text = describe_image(kb, ocr, None, Vision(), by_kind(kb, Facts(), screen), screen).text
    assert "“are we still on for dinner thursday?”" in text
    assert "answers:" in text
    assert "from the screenshot's owner (two) and one with no name shown" in text


def _laid(rows: list[tuple[str, int]]) -> OcrResult:
    """Rows of 30 px, each set at x (a centred flyer, or text ranged left)."""
    lines = [
        Line(text=t, conf=0.99, bbox=(x, 10 + 40 * i, 11 * len(t), 30), engine="test")
        for i, (t, x) in enumerate(rows)
    ]
    return OcrResult(text="\n".join(t for t, _ in rows), engine="test", words=[], lines=lines)


def test_print_set_centred_is_a_poster_even_without_a_large_headline() -> None:
    texts = ["LOST CAT", "Grey tabby, answers to Miso", "Last seen on Elm Street", "Call us"]
    width = max(11 * len(t) for t in texts)
    centred = _laid([(t, 20 + (width - 11 * len(t)) // 2) for t in texts])
    ranged = _laid([(t, 20) for t in texts])
    assert poster_layout(centred.lines)
    assert not poster_layout(ranged.lines)
