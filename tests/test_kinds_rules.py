"""memeaudit.kinds on OCR lines laid out by hand: the platform rules (a stray letter is never a
platform, conflicting chrome names none), the post an email address is not, and the sentences
the Description and section 3 build from a screen. Fast: no engine runs."""

from __future__ import annotations

from memeaudit import facts, kinds, post
from memeaudit.model import Facts, Line, OcrResult, Post, Scene, Vision
from memeaudit.pipeline import knowledge
from memeaudit.sections.description import describe
from memeaudit.sections.platforms import platforms


def _ocr(*rows: tuple[str, int, int]) -> OcrResult:
    """Lines from (text, x, y): 20 px high, 9 px a character, in a 420 px wide screenshot."""
    lines = [
        Line(text=t, conf=0.95, bbox=(x, y, 9 * len(t), 20), engine="tesseract") for t, x, y in rows
    ]
    return OcrResult(
        text="\n".join(ln.text for ln in lines), engine="tesseract", words=[], lines=lines
    )


def _chat(status: str, box: str, last: str = "love you, talk later x") -> OcrResult:
    return _ocr(
        ("Ben Moreau", 10, 5),
        (status, 10, 30),
        ("are you still coming tonight?", 20, 80),
        ("yes, running ten minutes late", 150, 130),
        ("no worries, we saved a seat", 20, 180),
        (last, 200, 230),
        (box, 10, 300),
    )


def test_a_chat_with_a_kiss_x_names_no_platform_x() -> None:
    kb = knowledge(())
    ocr = _chat("online", "Type a message")
    screen = kinds.read_screen(ocr, None)
    assert (screen.kind, screen.platform) == ("chat", "WhatsApp")
    found = facts.extract(kb, ocr, None, Vision(), None, [], screen)
    assert not [e for e in found.entities if e.name == "X"]
    section = platforms(kb, found, None, screen).text
    assert "WhatsApp chat" in section and " X" not in section
    assert [m.speaker for m in screen.chat.messages] == ["Ben Moreau", "me", "Ben Moreau", "me"]


def test_two_apps_chrome_names_no_platform() -> None:
    """'Active now' (Messenger's status line) with 'Text message' (an SMS input box): a chat, of
    no service the layout can vouch for."""
    screen = kinds.read_screen(_chat("Active now", "Text message"), None)
    assert (screen.kind, screen.platform) == ("chat", None)
    said = describe(_chat("Active now", "Text message"), None, Vision(), Facts(), screen=screen)
    assert said.text.startswith("The image is a screenshot of a chat with Ben Moreau.")


def test_a_terminal_listing_names_no_platform() -> None:
    kb = knowledge(())
    ocr = _ocr(
        ("mara@laptop:~$ ls -la", 5, 5),
        ("total 24", 5, 25),
        ("drwxr-xr-x 5 mara mara 4096 Feb 23 10:02 .", 5, 45),
        ("-rw-r--r-- 1 mara mara 220 Feb 23 10:02 .bashrc", 5, 65),
    )
    screen = kinds.read_screen(ocr, None)
    assert (screen.kind, screen.platform) == ("terminal", None)
    found = facts.extract(kb, ocr, None, Vision(), None, [], screen)
    assert not [e for e in found.entities if e.kind == "platform"]
    said = describe(ocr, None, Vision(), found, screen=screen).text
    assert "The prompt is mara@laptop. The command shown is “ls -la”." in said


def test_an_email_address_is_no_post_and_a_foreign_sender_domain_is_evidence() -> None:
    kb = knowledge(())
    ocr = _ocr(
        ("Action required: verify your account Inbox", 10, 5),
        ("PayPal Support <support@paypa1-help.top>", 60, 45),
        ("to me", 60, 70),
        ("Your account has been limited until you confirm your details.", 60, 120),
        ("Best regards,", 60, 160),
    )
    post = Post(platform="X", display_name="PayPal Support <support", handle="@paypa1-help")
    screen = kinds.read_screen(ocr, post)
    assert screen.kind == "email" and kinds.settle_post(post, screen) is None
    assert screen.email is not None
    assert (screen.email.from_name, screen.email.from_address) == (
        "PayPal Support",
        "support@paypa1-help.top",
    )
    assert screen.email.subject == "Action required: verify your account"
    found = facts.extract(kb, ocr, None, Vision(), None, [], screen)
    assert [(i.name, i.account, i.field) for i in found.impersonations] == [
        ("PayPal", "paypa1-help.top", "email-domain")
    ]
    honest = screen.email.model_copy(update={"from_address": "service@paypal.com"})
    assert not facts.extract(
        kb, ocr, None, Vision(), None, [], screen.model_copy(update={"email": honest})
    ).impersonations


def test_the_description_says_what_a_post_is_before_what_it_says() -> None:
    ocr = _ocr(
        ("Mara Quill @maraquill · 54m", 10, 5), ("The train strike starts on Monday.", 10, 40)
    )
    post = Post(
        platform="X",
        display_name="Mara Quill",
        handle="@maraquill",
        timestamp_raw="54m",
        body="The train strike starts on Monday.",
        reply_to="@civicdesk",
    )
    screen = kinds.read_screen(ocr, post)
    text = describe(ocr, post, Vision(), Facts(), screen=screen).text
    assert text.startswith(
        "The image is a screenshot of an X post by Mara Quill (@maraquill), posted 54 minutes "
        "before the screenshot was taken. It replies to @civicdesk. The post's text reads: "
        "“The train strike starts on Monday.”"
    )


def test_a_caption_meme_reads_as_one() -> None:
    ocr = _ocr(("When it's Monday morning and", 20, 10), ("the coffee machine is broken", 30, 40))
    vision = Vision(
        panels=[(0, 80, 420, 300)],
        scene=Scene(kind="caption-meme", picture="photo", panels=[]),
    )
    text = describe(ocr, None, vision, Facts(), screen=kinds.read_screen(ocr, None)).text
    assert text.startswith("The image is a caption meme: a two-line caption above a photo.")
    assert "The caption reads: “When it's Monday morning and the coffee machine is broken.”" in text


def test_an_image_without_text_says_so_once() -> None:
    ocr = OcrResult(text="", engine="tesseract", words=[], lines=[])
    text = describe(ocr, None, Vision(scene=Scene(kind="photo")), Facts()).text
    assert text.count("No text was found") == 1 and "“" not in text


def test_an_opened_email_whose_address_wraps_is_no_post() -> None:
    # The sender's address wraps at a hyphen onto the next line, and the parser took it for an
    # X post ('@legal'); the recipient line and the opened message's date line are email cues.
    ocr = _ocr(
        ("Unclaimed inheritance", 10, 5),
        ("Barr. Samuel Whitcombe <chambers.whitcombe@legal-", 60, 45),
        ("consult.info>", 60, 70),
        ("to heir@example.org", 60, 95),
        ("Mon, 2 Mar 2026, 03:41", 60, 120),
        ("I am the personal attorney to the late Mr. Harold Winters.", 60, 160),
    )
    post = Post(
        platform="X", display_name="Barr. Samuel Whitcombe <chambers.whitcombe", handle="@legal"
    )
    screen = kinds.read_screen(ocr, post)
    assert screen.kind == "email" and kinds.settle_post(post, screen) is None
    assert screen.platform is None


def test_a_telegram_chat_under_today_names_telegram_and_its_contact_not_the_avatar() -> None:
    """'Today' is every app's date chip, so it no longer votes WhatsApp against Telegram's own
    'last seen recently'; the avatar's initial on a row of its own between name and status is
    not the contact, and the name above it is no caption; bare times under bubbles are theirs."""
    ocr = _ocr(
        ("ghostport", 60, 5),
        ("G", 14, 18),
        ("last seen recently", 60, 32),
        ("Today", 180, 62),
        ("you still need a port out?", 14, 93),
        ("23:14", 295, 118),
        ("yeah target has 14 BTC", 150, 151),
        ("23:16", 350, 176),
        ("deal, send the wallet", 14, 208),
        ("23:17", 295, 233),
        ("Message", 40, 334),
    )
    screen = kinds.read_screen(ocr, None)
    assert (screen.kind, screen.platform) == ("chat", "Telegram")
    assert screen.caption is None
    assert screen.chat.contact == "ghostport"
    assert [(m.speaker, m.time) for m in screen.chat.messages] == [
        ("ghostport", "23:14"),
        ("me", "23:16"),
        ("ghostport", "23:17"),
    ]


def test_whatsapps_capital_date_chip_and_group_members_name_whatsapp() -> None:
    screen = kinds.read_screen(_chat("Amy, Ben, Chloe, You", "Message", last="see you at 2"), None)
    assert (screen.kind, screen.platform) == ("chat", "WhatsApp")
    plain = kinds.read_screen(_chat("Amy, Ben, Chloe", "Send", last="see you at 2"), None)
    assert plain.platform is None  # no cue of its own: no service named


def test_a_shell_prompt_host_is_no_post_and_the_commands_are_quoted_without_secrets() -> None:
    kb = knowledge(())
    ocr = _ocr(
        ("dev@buildbox:~", 120, 5),
        ("$ export OPENAI_API_KEY=sk-proj-4fQ9xT2mWb7LzR8kVn3P", 5, 40),
        ("$ python bot.py --model small", 5, 70),
        ("Loaded 214 entries", 5, 100),
        ("$ git commit -m 'key in config for now' # oops", 5, 130),
        ("0:00 [node]<defunct>", 5, 160),
        ("4121", 5, 190),
        ("0", 120, 190),
        ("09:12", 240, 190),
    )
    parsed = post.parse_post(ocr)
    assert parsed is not None and parsed.handle == "@buildbox"  # what the post parser sees
    screen = kinds.read_screen(ocr, parsed)
    assert screen.kind == "terminal"
    assert kinds.settle_post(parsed, screen) is None  # '@buildbox:~' is a host, not a handle
    found = facts.extract(kb, ocr, None, Vision(), None, [], screen)
    said = describe(ocr, None, Vision(), found, screen=screen).text
    assert "The prompt is dev@buildbox." in said
    assert "“export OPENAI_API_KEY=…”" in said and "sk-proj" not in said
    assert "“python bot.py --model small”" in said
    assert "X post" not in said


def test_a_boarding_pass_post_names_its_booking_code_without_repeating_it_or_counting_likes() -> (
    None
):
    """A post the parser could not take apart (no handle) is still read without its counts: '318
    likes' is the app's, not a statistic; the booking code is personal data, named, not shown."""
    kb = knowledge(())
    ocr = _ocr(
        ("mila.wanders", 60, 5),
        ("BOARDING PASS", 40, 60),
        ("FLIGHT EA 4412 SEAT 14C", 40, 90),
        ("BOOKING REF K7QX2P", 40, 120),
        ("318 likes", 10, 200),
        ("mila.wanders Lisbon here I come", 10, 225),
        ("View all 27 comments", 10, 250),
        ("3 hours ago", 10, 275),
    )
    screen = kinds.read_screen(ocr, None)
    assert (screen.kind, screen.platform) == ("post", "Instagram")
    found = facts.extract(kb, ocr, None, Vision(), None, [], screen)
    assert [(p.kind, p.text) for p in found.personal_data] == [("booking", "K7QX2P")]
    assert not [c for c in found.claims if "likes" in c.text or "comments" in c.text]
    from memeaudit.sections import write_sections

    security = write_sections(kb, found, None, None, screen)[0].text
    assert "a travel booking reference" in security and "K7QX2P" not in security


def test_a_talk_about_ransomware_discusses_it_and_a_threat_beside_a_talk_is_still_shown() -> None:
    """A topic named only by its own name beside a talk or a course is the text's subject: section
    2 says so once, with no risk paragraph, and section 5 raises nothing. A harm the text shows
    (a threat, written out) is no subject, whatever event it is announced with."""
    from memeaudit.sections import write_sections

    kb = knowledge(())
    talk = _ocr(
        ("Excited to share that I'll be speaking at DefendCon in June!", 10, 5),
        ("My talk, what 40 ransomware cases taught us, covers backups.", 10, 30),
    )
    found = facts.extract(kb, talk, None, Vision(), None, [], kinds.read_screen(talk, None))
    assert [h.id for h in found.discussed] == ["ransomware"] and not found.topics
    security, *_, legal = write_sections(kb, found, None, None, None)
    assert "discusses ransomware" in security.text and "ransom is paid" not in security.text
    assert legal.text.startswith("No legal or ethical issue is evident")
    threat = _ocr(
        ("I'll be speaking at the council meeting tonight.", 10, 5),
        ("Someone should shoot that judge before he rules again.", 10, 30),
    )
    shown = facts.extract(kb, threat, None, Vision(), None, [], kinds.read_screen(threat, None))
    assert "threats-incitement" in [h.id for h in shown.topics] and not shown.discussed


def test_a_phone_mail_apps_header_gives_sender_and_recipient_not_avatar_or_clock() -> None:
    """'IS' (the avatar) beside the address is no name, the clock and the back button are no
    subject, and 'To: …' is the recipient: the envelope, not exposed personal data."""
    kb = knowledge(())
    ocr = _ocr(
        ("07:52", 10, 2),
        ("<Inbox", 10, 30),
        ("07:03", 350, 62),
        ("IT Service Desk", 60, 60),
        ("IS", 12, 84),
        ("<it-support@corp-mailadmin.net>", 60, 84),
        ("To: j.alvarez@brightline-logistics.example", 60, 108),
        ("Your mailbox password expires in 4 hours. Scan the QR code below", 10, 150),
        ("with your phone camera and sign in to keep your current password.", 10, 172),
    )
    screen = kinds.read_screen(ocr, None)
    assert screen.kind == "email"
    mail = screen.email
    assert (mail.from_name, mail.from_address) == (
        "IT Service Desk",
        "it-support@corp-mailadmin.net",
    )
    assert (mail.to, mail.subject) == ("j.alvarez@brightline-logistics.example", None)
    found = facts.extract(kb, ocr, None, Vision(), None, [], screen)
    assert not found.personal_data
    assert "qr-code-phishing" in [h.id for h in found.topics]


def test_a_group_chat_gives_each_member_their_bubbles_and_the_status_bar_is_no_caption() -> None:
    ocr = _ocr(
        ("11:12", 10, 2),
        ("Fernhill Road BBQ", 60, 24),
        ("Amy, Ben, Chloe, You", 60, 46),
        ("TODAY", 180, 80),
        ("Amy", 20, 110),
        ("Saturday 2pm at ours! Bring chairs", 20, 132),
        ("Ben", 20, 180),
        ("I'm bringing my famous potato salad", 20, 202),
        ("Sounds great, we'll bring drinks", 150, 250),
        ("Message", 10, 320),
    )
    screen = kinds.read_screen(ocr, None)
    assert (screen.kind, screen.platform, screen.caption) == ("chat", "WhatsApp", None)
    assert screen.chat.contact == "Fernhill Road BBQ"
    assert [(m.speaker, m.text) for m in screen.chat.messages] == [
        ("Amy", "Saturday 2pm at ours! Bring chairs"),
        ("Ben", "I'm bringing my famous potato salad"),
        ("me", "Sounds great, we'll bring drinks"),
    ]
