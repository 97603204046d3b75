"""A fixture: one HTML mock-up, how to render and encode it, and the fields it truly shows.

Truth conventions (what the benchmark compares):
- `kind`: post, chat, email, review, code, terminal, poster, document;
- `platform`: the service the layout belongs to, or None (a poster, a letter, a terminal);
- post fields: `display_name` (without badge or emoji), `handle` (as drawn, with @), `time` (as
  drawn: "13 Sep", "2h", "10:02 AM · Feb 23, 2026"), `counts` ({replies, reposts, likes, views}:
  only those drawn in the counts row or labelled), `reply_to`, `reposted_by`, `quoted_handle`,
  `link_domain`, `verified`;
- chat fields: `contact` (the title of the conversation), `speakers` (one per message, top to
  bottom: "me" for the phone's owner, else the name drawn);
- email fields: `from_name`, `from_address`, `subject`;
- review fields: `reviewer`, `time`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

FONTS = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", '
    '"Noto Color Emoji", sans-serif'
)
MONO = '"DejaVu Sans Mono", "Liberation Mono", monospace'


@dataclass
class Fixture:
    template: str
    html: str
    truth: dict[str, Any]
    width: int = 600
    zoom: float = 1.0
    encoding: str = "png"  # png | jpeg
    quality: int = 90  # JPEG quality
    scale: float = 1.0  # resampled after rendering
    id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def page(body: str, css: str, bg: str = "#fff", color: str = "#0f1419", width: int = 600) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        f"*{{box-sizing:border-box}}html,body{{margin:0;background:{bg};color:{color};"
        f"font-family:{FONTS};}}#shot{{width:{width}px;padding:16px;background:{bg}}}{css}"
        f"</style></head><body><div id='shot'>{body}</div></body></html>"
    )


FIRST = [
    "Mara", "Jonas", "Priya", "Tomás", "Aisha", "Kenji", "Lena", "Omar", "Sofia", "Declan",
    "Ines", "Ravi", "Hannah", "Mateo", "Chloe", "Yusuf", "Freya", "Ben", "Nadia", "Victor",
]  # fmt: skip
LAST = [
    "Quill", "Berger", "Natarajan", "Alves", "Okafor", "Sato", "Fischer", "Haddad", "Rossi",
    "Byrne", "Moreau", "Kapoor", "Lindqvist", "Ortega", "Dubois", "Demir", "Nielsen", "Carter",
]  # fmt: skip
ORGS = ["Northwind Labs", "Civic Data Desk", "Harbor Health", "Open Maps Co", "Blue Finch News"]
SENTENCES = [
    "The new report on city air quality is out today and the numbers are worse than expected.",
    "We tested the update on three phones and the battery drain is finally fixed.",
    "Reminder that the community garden meeting moved to the library this week.",
    "Our team spent the weekend cleaning up the river bank, thank you to everyone who came.",
    "Honest question: why does every app need my location to show me the weather?",
    "The train strike starts on Monday so plan your commute early.",
    "Finished the marathon in under four hours, my legs will never forgive me.",
    "This is the best explanation of compound interest I have read in years.",
    "Local bakery sold out of sourdough by nine again, people are serious about bread here.",
    "Anyone else notice the library extended its opening hours on Sundays?",
    "The museum is free for students all of next month.",
    "We are hiring two engineers for the data team, remote friendly.",
]  # fmt: skip
EMOJI = ["🌿", "🚀", "☕", "🎨", "📚", "🌊", "🔥", "✨"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def handle_of(name: str, rng: random.Random) -> str:
    first, last = name.split()[0], name.split()[-1]
    base = rng.choice(
        [f"{first}{last}", f"{first}_{last}", f"{first[0]}{last}", f"{last}{first[0]}"]
    )
    base = base.encode("ascii", "ignore").decode()
    return base.lower()[:12] + rng.choice(["", "", str(rng.randint(1, 99))])


def count(rng: random.Random) -> tuple[int, str]:
    """A count and the way the apps draw it ('1.2K', '845', '3.4M')."""
    kind = rng.random()
    if kind < 0.4:
        n = rng.randint(2, 999)
        return n, str(n)
    if kind < 0.85:
        whole, tenth = rng.randint(1, 99), rng.randint(1, 9)
        return whole * 1000 + tenth * 100, f"{whole}.{tenth}K"
    whole, tenth = rng.randint(1, 9), rng.randint(1, 9)
    return whole * 1_000_000 + tenth * 100_000, f"{whole}.{tenth}M"


def comma(n: int) -> str:
    return f"{n:,}"


def text(rng: random.Random, n: int = 1) -> str:
    return " ".join(rng.sample(SENTENCES, n))
