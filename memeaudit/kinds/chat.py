"""A chat screenshot's rows -> its contact and who says what, when.

Two layouts: bubbles (WhatsApp, iMessage/SMS, Telegram, Messenger: the contact in the title bar,
the owner's messages flush right, the other side's flush left) and channels (Discord, Slack: a
'#channel' title and a 'name time' header over each message). Only what is drawn is filled.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from memeaudit.geometry import union_box
from memeaudit.kinds.chrome import phrases
from memeaudit.kinds.classify import CHANNEL_HEADER
from memeaudit.kinds.rows import AVATAR, STATUS_BAR, Row, bounds, line_height, side
from memeaudit.model import Chat, ChatMessage

ME = "me"
# A time at the end of a bubble, with delivery ticks after it; OCR reads 0 as o and 9 as g.
BUBBLE_TIME = re.compile(
    r"\s*(?P<time>[0-9og]{1,2}[:.][0-9o]{2}(?:\s?[AaPp][Mm])?)\s*[✓✔√vV/]*\s*$"
)
CHANNEL_TITLE = re.compile(r"^#\s?(?P<name>[\w][\w.-]*)$")
CHANNEL_INPUT = re.compile(r"^message\s*#\s?(?P<name>[\w][\w.-]*)$", re.IGNORECASE)
INITIALS = re.compile(r"^(?P<initials>[A-Z]{1,3})\s+(?P<rest>.+)$")
GLUED_INITIAL = re.compile(r"(?<=[a-z])(?=[A-Z]\.$)")  # "OmarG." -> "Omar G."
TRAILING_BAR = re.compile(r"(?<=[a-z])[I|]$")  # "Mateo QuillI": a window edge read as I
MAX_TITLE_WORDS = 5
MEMBERS = re.compile(r"^([^\W\d][\w.'’-]*, )+you$", re.IGNORECASE)  # "Amy, Ben, Chloe, You"


@dataclass
class Bubble:
    rows: list[Row]
    mine: bool


def parse_chat(rows_: list[Row]) -> tuple[Chat, str | None]:
    """The chat's fields, and the caption set above the screenshot, if any."""
    headers = [r for r in rows_ if _header(r.text)]
    if len(headers) >= 2:
        return _channel(rows_), None
    return _bubbles(rows_)


def _header(text: str) -> re.Match[str] | None:
    found = CHANNEL_HEADER.match(text.strip())
    if found and found["name"].lower() not in ("today", "yesterday"):
        return found
    return None


def _clean_name(text: str) -> str:
    name = " ".join(text.split())
    for pattern in phrases("chat", "title_junk").patterns:
        name = pattern.sub("", name)
    if found := INITIALS.match(name):  # "JR Jordan Reyes": the avatar's initials
        rest = found["rest"].split()
        if "".join(w[0] for w in rest).upper().startswith(found["initials"]):
            name = found["rest"]
    name = TRAILING_BAR.sub("", name.strip(" ·•|>›"))
    words = name.split()
    lost_capital = len(words) > 1 and words[0].isalpha() and words[0].islower()
    if lost_capital and all(w[0].isupper() for w in words[1:]):  # 'sofia Demir'
        name = name[0].upper() + name[1:]
    return GLUED_INITIAL.sub(" ", name)


def _title(rows_: list[Row]) -> tuple[int | None, int]:
    """(index of the contact's row, index of the first row below the title bar). The contact is
    the row above a status line ('online', 'Active now'), else the first row."""
    status = phrases("chat", "status")
    top = next((i for i, r in enumerate(rows_[:3]) if not STATUS_BAR.match(r.text)), 0)
    for i, row in enumerate(rows_[:6]):
        if i and status.match(row.text):
            avatar = i > 1 and AVATAR.match(rows_[i - 1].text.strip())  # its initials, a row apart
            return (i - 2 if avatar else i - 1), i + 1
    if (  # the first row under the phone's status bar
        len(rows_) > top
        and len(rows_[top].text.split()) <= MAX_TITLE_WORDS
        and not phrases("chat").match(rows_[top].text)
    ):
        return top, top + 1
    return None, 0


def _bubbles(rows_: list[Row]) -> tuple[Chat, str | None]:
    at, start = _title(rows_)
    contact = _clean_name(rows_[at].text) if at is not None else None
    above = [r.text for r in rows_[:at] if not STATUS_BAR.match(r.text)] if at else []
    caption = "\n".join(above) or None  # one line per row, the phone's status bar left out
    # A group's title has its members under it ("Amy, Ben, Chloe, You"): a bubble that opens
    # with one of their names is theirs, and the others are nobody the layout names.
    members = _members(rows_[at + 1].text) if at is not None and at + 1 < len(rows_) else set()
    chrome = phrases("chat")
    chip = next(
        (i for i in range(start, min(start + 4, len(rows_))) if chrome.match(rows_[i].text)), None
    )
    if chip is not None and all(len(r.text.split()) <= 2 for r in rows_[start:chip]):
        start = chip + 1  # the rest of the title bar, down to the first date chip
    body = rows_[start:]
    left, right = bounds(body)
    kept = [  # a bare time below the title bar is a bubble's time, not the status bar's
        r
        for r in body
        if (BUBBLE_TIME.fullmatch(r.text) or not chrome.match(r.text))
        and side(r, left, right) != "centre"
    ]
    height = line_height(kept)
    # Where bubbles carry their time (WhatsApp, Telegram), a row ending in one closes its bubble.
    timed_rows = sum(bool(BUBBLE_TIME.search(r.text)) for r in kept) >= 0.3 * max(len(kept), 1)
    bubbles: list[Bubble] = []
    for row in kept:
        last = bubbles[-1] if bubbles else None
        time_only = bool(BUBBLE_TIME.fullmatch(row.text))
        if last is not None and _continues(last, row, height, time_only, timed_rows):
            last.rows.append(row)
        else:
            bubbles.append(Bubble([row], False))
    for bubble in bubbles:
        box = union_box([r.bbox for r in bubble.rows])
        bubble.mine = right - (box[0] + box[2]) < box[0] - left
    timed = sum(bool(BUBBLE_TIME.search(_text(b))) for b in bubbles)
    strip_times = timed * 2 > len(bubbles)
    messages = []
    named: str | None = None  # a member's name read as a bubble of its own
    for bubble in bubbles:
        text, time = _text(bubble), None
        if strip_times and (found := BUBBLE_TIME.search(text)):
            text, time = text[: found.start()].strip(), found["time"].replace("o", "0")
            time = time.replace("g", "9")
        speaker = ME if bubble.mine else (None if members else contact)
        if members and not bubble.mine and (name := _opening_member(text, members)):
            speaker, text = name, text[len(name) :].strip()
            if not text:  # the name on a row of its own, over its bubble
                named = name
                continue
        if members and not bubble.mine and speaker is None and named:
            speaker = named
        named = None
        if text:
            box = union_box([r.bbox for r in bubble.rows])
            messages.append(ChatMessage(speaker=speaker, text=text, time=time, bbox=box))
    return Chat(contact=contact, messages=messages), caption or None


def _members(status: str) -> set[str]:
    """The names in a group's members line, the owner's 'You' left out; empty for any other."""
    if not MEMBERS.match(status.strip()):
        return set()
    return {n.strip() for n in status.split(",") if n.strip().lower() != "you"}


def _opening_member(text: str, members: set[str]) -> str | None:
    """The member whose name opens a bubble's text ('Amy Saturday 2pm…'), any case ('chloe')."""
    for name in sorted(members, key=len, reverse=True):
        if text.lower().startswith(name.lower()) and text[len(name) : len(name) + 1] in (" ", ""):
            return name
    return None


def _continues(last: Bubble, row: Row, height: float, time_only: bool, timed: bool) -> bool:
    """A row continues the bubble above when it sits right under it and starts where it does
    (text in a bubble is left-aligned), or is only the bubble's time. Where bubbles carry times
    (`timed`), a bubble whose last row ended in one is closed, and a gap of half a line is still
    one bubble; elsewhere the lines of one bubble touch or overlap."""
    prev = last.rows[-1]
    if timed and BUBBLE_TIME.search(prev.text):
        return False
    if row.top - prev.bottom > (0.5 if timed else 0.05) * height:
        return False
    return time_only or abs(row.bbox[0] - last.rows[0].bbox[0]) < 1.2 * height


def _text(bubble: Bubble) -> str:
    return " ".join(r.text for r in bubble.rows)


def _channel(rows_: list[Row]) -> Chat:
    contact = None
    for row in rows_:
        text = row.text.strip()
        if found := CHANNEL_TITLE.match(text) or CHANNEL_INPUT.match(text):
            contact = "#" + found["name"]
            break
    chrome = phrases("chat")
    messages: list[ChatMessage] = []
    speaker: str | None = None
    time: str | None = None
    said: list[Row] = []

    def close() -> None:
        if speaker is not None and said:
            text = " ".join(r.text for r in said)
            box = union_box([r.bbox for r in said])
            messages.append(ChatMessage(speaker=speaker, text=text, time=time, bbox=box))

    for row in rows_:
        text = row.text.strip()
        if found := _header(text):
            close()
            time = re.sub(r"\s*[^\w\s:.]+\s*", " ", found["time"])  # 'Today / at' -> 'Today at'
            speaker, said = _clean_name(found["name"]), []
        elif speaker is not None and not chrome.match(text) and not CHANNEL_INPUT.match(text):
            said.append(row)
    close()
    return Chat(contact=contact, messages=_same_spelling(messages))


def _same_spelling(messages: list[ChatMessage]) -> list[ChatMessage]:
    """One spelling per speaker: names that differ only in case, spacing or a trailing mark are
    the same person's, drawn the same way each time, so the commonest reading wins ('Hannah.deV' ->
    'Hannah.dev'), and of equally common ones the longer, since OCR drops a mark ('Omar' beside
    'Omar_') more often than it adds one, then the one without a space OCR put in ('Sofi a_')."""
    spelled = Counter(m.speaker for m in messages if m.speaker)
    best: dict[str, str] = {}
    ranked = sorted(
        spelled.items(), key=lambda kv: (-kv[1], -len(kv[0].replace(" ", "")), kv[0].count(" "))
    )
    for name, _ in ranked:
        best.setdefault(_key(name), name)
    for m in messages:
        if m.speaker:
            m.speaker = best[_key(m.speaker)]
    return messages


def _key(name: str) -> str:
    """A name give or take case, spaces OCR puts in or takes out ('Sofi a', 'OmarG.') and a
    trailing mark."""
    return "".join(name.lower().split()).rstrip("_.-")
