"""Chat cases: WhatsApp, SMS and iMessage, Telegram, Messenger, Discord, Slack."""

from __future__ import annotations

from pats import CRIME5, FRAUD2, FRAUD5, benign, case


def m(speaker: str, text: str, time: str | None, outgoing: bool = False) -> dict[str, object]:
    return {"speaker": speaker, "text": text, "time": time, "outgoing": outgoing}


ME = "You"

CASES = [
    case(
        "whatsapp-romance-customs",
        "whatsapp",
        "chat",
        "whatsapp",
        ["fraud"],
        width=400,
        truth={
            "contact": "Capt. Richard ❤️",
            "messages": [
                m(
                    "Capt. Richard ❤️",
                    "Good morning my queen 🌹 I dreamt of you again last night",
                    "07:12",
                ),
                m(ME, "Morning! When does your contract on the rig finish?", "07:30", True),
                m(
                    "Capt. Richard ❤️",
                    "My love, there is a problem. The customs office is holding my gold bars and my bank card, they want $4,500 release fee before I can fly to you",
                    "07:33",
                ),
                m(
                    "Capt. Richard ❤️",
                    "Please send by Western Union or Bitcoin today, I will pay you back double when I land on Friday 🙏",
                    "07:34",
                ),
                m(ME, "I've never even seen you on video...", "07:41", True),
            ],
        },
        must={
            "2": [FRAUD2, r"(?i)romance|dating|relationship|love"],
            "4": [r"\$4,500"],
            "5": [FRAUD5],
        },
        x={"e2e": False, "clock": "07:42"},
    ),
    case(
        "whatsapp-wrong-number-gold-dark",
        "whatsapp",
        "chat",
        "whatsapp",
        ["fraud"],
        theme="dark",
        width=390,
        truth={
            "contact": "+1 (415) 555-0163",
            "messages": [
                m(
                    "+1 (415) 555-0163",
                    "Hi, is this Daniel? We were supposed to meet for tennis on Sunday 😊",
                    "18:02",
                ),
                m(ME, "Sorry, wrong number", "18:20", True),
                m(
                    "+1 (415) 555-0163",
                    "Oh I'm so sorry! You seem very nice though. I'm Lily, I live in Vancouver and work in gold trading with my uncle",
                    "18:21",
                ),
                m(
                    "+1 (415) 555-0163",
                    "Do you invest? My uncle's platform goldvx-trade.com gives 30% every week, I can teach you for free 💕",
                    "18:23",
                ),
            ],
        },
        must={
            "2": [FRAUD2, r"(?i)pig.butcher|investment|wrong.number|romance|trading|crypto"],
            "4": [r"30\s?%", r"(?i)goldvx-trade\.com"],
            "5": [FRAUD5],
        },
        x={"unknown": True, "sub": "", "clock": "18:24"},
    ),
    case(
        "whatsapp-code-takeover",
        "whatsapp",
        "chat",
        "whatsapp",
        ["cybercrime", "fraud"],
        width=400,
        truth={
            "contact": "Aunt Carol",
            "messages": [
                m(
                    "Aunt Carol",
                    "Hi love, I sent you a 6-digit code by mistake, it was meant for my new phone. Can you send it back to me quickly?",
                    "20:41",
                ),
                m(
                    ME,
                    "Oh ok, it says 'Your WhatsApp code: 482-913. Don't share this code with others'",
                    "20:43",
                    True,
                ),
                m("Aunt Carol", "Yes that one!! thank you xx", "20:43"),
                m("Aunt Carol", "Now I need another one, check your messages again", "20:44"),
            ],
        },
        must={
            "2": [
                r"(?i)account takeover|hijack|verification code|one.time|otp|2fa|two.factor|authenticat|take over"
            ],
            "4": [r"(?i)482-?913|6-digit|six-digit"],
            "5": [CRIME5 + "|fraud"],
        },
        x={"e2e": False, "sub": "last seen today at 20:44"},
    ),
    case(
        "whatsapp-bbq-group-benign",
        "whatsapp",
        "chat",
        "whatsapp",
        [],
        width=400,
        near=True,
        truth={
            "contact": "Fernhill Road BBQ 🔥",
            "messages": [
                m("Amy", "Saturday 2pm at ours! Bring chairs ☀️", "11:02"),
                m(
                    "Ben",
                    "I'm bringing my killer potato salad, people still talk about it",
                    "11:05",
                ),
                m(
                    "Chloe",
                    "Last year Ben's ribs absolutely destroyed me 😂 need the recipe",
                    "11:06",
                ),
                m(
                    ME,
                    "We'll bring drinks + the speaker. Shoot me the address again?",
                    "11:10",
                    True,
                ),
            ],
        },
        must={
            "1": [r"(?i)bbq|barbecue|cookout|party|gathering|group"],
        },
        must_not=benign(extra=("violen", "murder")),
        x={"group": True, "e2e": False, "sub": "Amy, Ben, Chloe, You", "clock": "11:12"},
    ),
    case(
        "sms-parcel-smishing",
        "imessage",
        "chat",
        "imessage",
        ["fraud"],
        width=390,
        truth={
            "contact": "+44 7418 552093",
            "messages": [
                m(
                    "+44 7418 552093",
                    "Royal Parcel Service: your package SE-2291-UK could not be delivered due to an unpaid customs fee of £1.45. Pay within 24h or it will be returned: rps-redelivery.info/uk",
                    None,
                ),
            ],
        },
        must={
            "2": [r"(?i)smish|phish|scam|fraud"],
            "4": [r"£1\.45", r"(?i)rps-redelivery\.info"],
            "5": [FRAUD5],
        },
        x={"sms": True, "unknown": True, "day": "Today 09:14", "clock": "09:15"},
        s1=r"(?i)text message|sms|messag",
    ),
    case(
        "imessage-dinner-benign-dark",
        "imessage",
        "chat",
        "imessage",
        [],
        theme="dark",
        width=390,
        truth={
            "contact": "Jonah",
            "messages": [
                m("Jonah", "are we still on for dinner thursday?", None),
                m(ME, "yes! 7:30 at Casa Lumi, I booked a table for 4", None, True),
                m("Jonah", "perfect, I'll bring the birthday card for Ines 🎂", None),
                m(ME, "❤️ see you then", None, True),
            ],
        },
        must={"1": [r"(?i)dinner|birthday"]},
        must_not=benign(),
        x={"day": "Today 17:52", "clock": "17:55"},
    ),
    case(
        "telegram-simswap-insider-dark",
        "telegram",
        "chat",
        "telegram",
        ["cybercrime", "fraud"],
        theme="dark",
        width=420,
        truth={
            "contact": "ghostport",
            "messages": [
                m(
                    "ghostport",
                    "you still need a port out? got a guy inside a carrier store",
                    "23:14",
                ),
                m(ME, "yeah target has 14 BTC on his exchange, 2FA by SMS only", "23:16", True),
                m(
                    "ghostport",
                    "$1,200 per swap, number moves to my SIM in ~10 min, you get the codes",
                    "23:17",
                ),
                m(ME, "deal. number is +1 (312) 555-0148, send wallet", "23:19", True),
            ],
        },
        must={
            "2": [r"(?i)sim.swap|port.out|sim hijack|account takeover|number (transfer|port)"],
            "4": [r"\$1,200", r"(?i)14 BTC"],
            "5": [CRIME5 + "|fraud|conspir"],
        },
    ),
    case(
        "telegram-voice-clone-offer",
        "telegram",
        "chat",
        "telegram",
        ["ai-security", "fraud"],
        width=420,
        truth={
            "contact": "VoiceForge Support",
            "messages": [
                m(ME, "can you really make it sound like my CFO on a phone call?", "15:02", True),
                m(
                    "VoiceForge Support",
                    "Yes. Send 30 seconds of his voice (YouTube, voicemail, anything). We clone it in 1 hour and give you a live voice changer for calls.",
                    "15:03",
                ),
                m(
                    "VoiceForge Support",
                    "Most clients use it to get the accounts team to approve a wire. Price: $300, crypto only.",
                    "15:04",
                ),
            ],
        },
        must={
            "2": [
                r"(?i)deepfake|voice.clon|clon(e|ed|ing)\b.{0,20}voice|impersonat|synthetic voice",
                r"(?i)fraud|scam|wire|payment",
            ],
            "4": [r"30 seconds", r"\$300"],
            "5": [r"(?i)fraud|impersonat|illegal|crim|deception"],
        },
    ),
    case(
        "telegram-incitement-group-dark",
        "telegram",
        "chat",
        "telegram",
        ["harmful-speech"],
        theme="dark",
        width=430,
        truth={
            "contact": "Eastbury Defence 🛡",
            "messages": [
                m(
                    "Kurt",
                    "The council moved 40 more of them into the hostel on Dock Street. Enough talking.",
                    "21:02",
                ),
                m(
                    "Kurt",
                    "Tomorrow 10pm. Bring fuel and masks. We burn it down and they'll get the message.",
                    "21:03",
                ),
                m("Lenny_E", "I'm in. Will bring the lads 🔥", "21:05"),
            ],
        },
        must={
            "2": [r"(?i)threat|incit|violen|arson"],
            "4": [r"(?i)dock street|10\s?pm"],
            "5": [r"(?i)incit|violen|illegal|crim|police|law enforcement|arson"],
        },
        x={"group": True, "sub": "1,204 members", "av": "#2d3436"},
    ),
]
