"""Chat mock-ups: WhatsApp, iMessage/SMS, Telegram, Messenger (bubbles left and right, the
contact in the title bar) and Discord, Slack (a name and a time over each message)."""

from __future__ import annotations

import random

from tests.kinds.spec import Fixture, page, person

LINES = [
    "are you still coming tonight?", "yes, running ten minutes late", "no worries, we saved a seat",
    "did you see the email from the landlord", "the bus is stuck in traffic again",
    "can you send me the address", "it's the blue door next to the bakery", "thanks so much",
    "what time does it start", "around eight I think", "bring the charger please",
    "happy birthday!! hope you have a lovely day", "see you soon x", "love you, talk later x",
    "ok sounds good", "I'll call you after work",
]  # fmt: skip
CLOCKS = ["09:14", "12:30", "14:02", "18:47", "21:05"]


def _talk(rng: random.Random, n: int) -> list[tuple[bool, str]]:
    """(mine, text) pairs; the last one often ends in a kiss 'x'."""
    said = rng.sample(LINES, n)
    mine = [rng.random() < 0.5 for _ in said]
    if not any(mine):
        mine[-1] = True
    if all(mine):
        mine[0] = False
    return list(zip(mine, said, strict=True))


def bubbles(rng: random.Random, style: str) -> Fixture:
    contact = person(rng) if rng.random() < 0.8 else person(rng).split()[0]
    talk = _talk(rng, rng.randint(3, 6))
    clock = rng.choice(CLOCKS)
    sms = False
    if style == "whatsapp":
        dark = rng.random() < 0.4
        bg, fg = ("#0b141a", "#e9edef") if dark else ("#efeae2", "#111b21")
        me, them = ("#005c4b", "#202c33") if dark else ("#d9fdd3", "#ffffff")
        head = (
            f"<div class=bar style='background:{'#202c33' if dark else '#f0f2f5'}'><b>{contact}"
            "</b><div class=sub>online</div></div><div class=chip>TODAY</div>"
        )
        foot = "<div class=input>Type a message</div>"
        stamp = lambda m: f" <span class=t>{clock}{' ✓✓' if m else ''}</span>"  # noqa: E731
    elif style == "imessage":
        sms = rng.random() < 0.3
        bg, fg, them = "#fff", "#000", "#e9e9eb"
        me = "#34c759" if sms else "#0a84ff"
        head = (
            f"<div class=bar style='text-align:center;background:#f6f6f6'><b>{contact}</b></div>"
            f"<div class=chip>{'Text Message' if sms else 'iMessage'}<br>Today {clock}</div>"
        )
        foot = f"<div class=sub style='text-align:right'>Delivered</div><div class=input>{'Text Message' if sms else 'iMessage'}</div>"
        stamp = lambda m: ""  # noqa: E731
    elif style == "telegram":
        bg, fg, me, them = "#8fb98a", "#000", "#effdde", "#fff"
        head = f"<div class=bar style='background:#fff'><b>{contact}</b><div class=sub>last seen recently</div></div>"
        foot = "<div class=input>Message</div>"
        stamp = lambda m: f" <span class=t>{clock}{' ✓✓' if m else ''}</span>"  # noqa: E731
    else:  # messenger
        bg, fg, me, them = "#fff", "#050505", "#0084ff", "#f0f0f0"
        head = f"<div class=bar><b>{contact}</b><div class=sub>Active now</div></div><div class=chip>{clock}</div>"
        foot = "<div class=input>Aa</div>"
        stamp = lambda m: ""  # noqa: E731
    rows = "".join(
        f"<div class='b {'me' if m else 'them'}'>{said}{stamp(m)}</div>" for m, said in talk
    )
    mine_fg = "#fff" if style in ("imessage", "messenger") else fg
    css = (
        ".bar{padding:10px 14px;margin:-16px -16px 10px}.sub{font-size:13px;opacity:.7}"
        ".chip{text-align:center;font-size:12px;opacity:.7;margin:6px}.t{font-size:11px;opacity:.6}"
        ".b{max-width:70%;padding:7px 11px;border-radius:16px;margin:6px 0;font-size:15px;width:fit-content}"
        f".me{{margin-left:auto;background:{me};color:{mine_fg}}}.them{{background:{them}}}"
        ".input{margin:12px -16px -16px;padding:12px 16px;opacity:.6;border-top:1px solid #ccc}"
    )
    platform = {"whatsapp": "WhatsApp", "imessage": "iMessage", "telegram": "Telegram"}.get(
        style, "Messenger"
    )
    if style == "imessage" and sms:
        platform = "SMS"  # green bubbles and "Text Message": a text message, in Apple's app
    truth = {"kind": "chat", "platform": platform, "contact": contact}
    truth["speakers"] = ["me" if m else contact for m, _ in talk]
    truth["messages"] = [said for _, said in talk]
    return Fixture(f"chat-{style}", page(head + rows + foot, css, bg, fg), truth, width=420)


def channel(rng: random.Random, style: str) -> Fixture:
    name = rng.choice(["general", "random", "design-team", "help"])
    people = [person(rng).split()[0] + rng.choice(["", "_", ".dev", "42"]) for _ in range(3)]
    if style == "slack":
        people = [p.rstrip("_.dev42") + " " + rng.choice("ABCDEFGH") + "." for p in people]
    talk = [(rng.choice(people), said) for said in rng.sample(LINES, rng.randint(3, 5))]
    if style == "discord":
        bg, fg, grey = "#313338", "#dbdee1", "#949ba4"
        head = f"<div class=bar># {name}</div>"
        when = lambda: f"Today at {rng.choice(CLOCKS)}"  # noqa: E731
        foot = f"<div class=input>Message #{name}</div>"
    else:
        bg, fg, grey = "#fff", "#1d1c1d", "#616061"
        head = f"<div class=bar># {name}</div>"
        when = lambda: rng.choice(["9:14 AM", "2:02 PM", "4:47 PM"])  # noqa: E731
        foot = f"<div class=input>Message #{name}</div>"
    rows = "".join(
        "<div class=m><div class=av></div><div><b>"
        f"{who}</b> <span class=t>{when()}</span><div>{said}</div></div></div>"
        for who, said in talk
    )
    css = (
        f".bar{{padding:10px 14px;margin:-16px -16px 10px;font-weight:700;border-bottom:1px solid {grey}}}"
        f".t{{color:{grey};font-size:12px}}.m{{display:flex;gap:10px;margin:12px 0}}"
        ".av{width:36px;height:36px;border-radius:50%;background:#7a8;flex:none}"
        f".input{{margin:12px 0 0;padding:10px;border-radius:8px;color:{grey};border:1px solid {grey}}}"
    )
    truth = {"kind": "chat", "platform": style.capitalize(), "contact": f"#{name}"}
    truth["speakers"] = [who for who, _ in talk]
    truth["messages"] = [said for _, said in talk]
    return Fixture(f"chat-{style}", page(head + rows + foot, css, bg, fg), truth, width=560)


TEMPLATES = {
    "chat-whatsapp": lambda rng: bubbles(rng, "whatsapp"),
    "chat-imessage": lambda rng: bubbles(rng, "imessage"),
    "chat-telegram": lambda rng: bubbles(rng, "telegram"),
    "chat-messenger": lambda rng: bubbles(rng, "messenger"),
    "chat-discord": lambda rng: channel(rng, "discord"),
    "chat-slack": lambda rng: channel(rng, "slack"),
}
