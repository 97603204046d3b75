"""The Description's opening: what the image is. The kind of screenshot (memeaudit.kinds), its
platform where the layout names one, its author or sender, its date, and its structure (a reply,
a repost, a quote, a thread); or the photo, cartoon or caption meme the scene stage saw. The words
are knowledge/wording/description.yaml."""

from __future__ import annotations

import re
from collections import Counter

from memeaudit.facts.text import join_names
from memeaudit.kinds.chat import ME
from memeaudit.kinds.chrome import words
from memeaudit.kinds.rows import Row, bounds, rows
from memeaudit.kinds.when import AGE
from memeaudit.knowledge.wording import Words
from memeaudit.model import Chat, Evidence, Line, Post, Scene, Screen, Vision
from memeaudit.sections.gist import chrome_row
from memeaudit.sections.paragraph import article, one_stop, post_field, rule

SHORT_AGE = re.compile(r"^(?P<n>\d+)\s?(?P<unit>s|m|min|mins|h|hr|hrs|d|w|mo|y)$", re.IGNORECASE)
UNITS = {"s": "second", "m": "minute", "min": "minute", "mins": "minute", "h": "hour",
         "hr": "hour", "hrs": "hour", "d": "day", "w": "week", "mo": "month", "y": "year"}  # fmt: skip
CLOCK_ONLY = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?$", re.IGNORECASE)
PROMPT = re.compile(r"^(?P<prompt>[\w.-]+@[\w.-]+):\S*\s?[$#]\s*(?P<command>.*)$")
TITLE_PROMPT = re.compile(r"^(?P<prompt>[\w.-]+@[\w.-]+):[~/]\S*$")  # the window's title
COMMAND = re.compile(r"^(?:[$%#]|PS [A-Z]:\\[^>]*>)\s+(?P<command>\S.*)$")  # '$ ls', 'PS C:\>'
MAX_COMMANDS, COMMAND_WORDS = 3, 5
SECRET = re.compile(r"=\S{8,}")  # a value set in a command: 'API_KEY=sk-proj-4fQ9…'
SECRET_WORD = re.compile(r"^(?=\S*\d)(?=\S*[A-Za-z])[\w-]{16,}$")  # a key, a token, a hash
FILE_NAME = re.compile(  # OCR may split a capitals name: 'READ ME.md'
    r"\b(?:[A-Z]{2,} (?=[A-Z]{2,}\.))?[\w-]+\.(?:py|js|ts|tsx|jsx|go|rs|java|c|cc|cpp|h|rb|php|sh|html|css|json|ya?ml|md|sql|kt|swift)\b"
)
DAY_AT = re.compile(r"^(?:today|yesterday) at\s+", re.IGNORECASE)
PICTURE_KINDS = ("photo", "cartoon", "picture", "screenshot")
MIN_POSTER_ROWS, MAX_POSTER_ROWS = 3, 25  # rows of text a poster's layout has
HEADLINE_RATIO = 1.4  # a poster's first row is at least this many times the median row's height
CENTRED_SHARE = 0.7  # ... or this share of its rows are set centred
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve"]  # fmt: skip


def an(word: str) -> str:
    """'an SMS', 'an X', 'a WhatsApp': initialisms of capitals go by their letters' names."""
    if 1 < len(word) <= 4 and word.isupper():
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return article(word)


def number(n: int) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)


def author(post: Post) -> str | None:
    if post.display_name and post.handle:
        return f"{post.display_name} ({post.handle})"
    return post.display_name or post.handle


def when_phrase(w: Words, raw: str | None) -> str:
    """', dated 10:02 AM · Feb 23, 2026' or ', posted 54 minutes before the screenshot was taken'
    (a relative time is no date)."""
    if not raw:
        return ""
    raw = raw.strip()
    if (ago := AGE.search(raw)) and ago.start() == 0:
        raw = ago.group(0)[: -len("ago")].strip()
        if not SHORT_AGE.match(raw):
            return w("posted-ago", age=raw)
    if short := SHORT_AGE.match(raw):
        n, unit = int(short["n"]), UNITS[short["unit"].lower()]
        return w("posted-ago", age=f"{n} {unit}{'' if n == 1 else 's'}")
    if CLOCK_ONLY.match(raw):
        return w("posted-at", time=raw)
    return w("dated", date=mid_sentence(raw))


def mid_sentence(date: str) -> str:
    """'yesterday at 14:02' inside a sentence, as the app's 'Yesterday at 14:02' would read."""
    return re.sub(r"^(Today|Yesterday)\b", lambda m: m.group(1).lower(), date)


def picture_phrase(w: Words, scene: Scene | None, panel: bool = False) -> str:
    """'a photo', 'a cartoon or illustration': what the image (a photo), a meme's picture or,
    with `panel`, the picture beside a post is."""
    kind = "picture"
    if scene is not None:
        first = scene.panels[0].kind if scene.panels else None
        own = scene.kind if scene.kind in PICTURE_KINDS else None
        if panel:
            kind = first or "picture"
        else:
            kind = getattr(scene, "picture", None) or own or first or "picture"
    return w(f"shot-{kind if kind in PICTURE_KINDS else 'picture'}")


def noun_for(w: Words, platform: str) -> str:
    """What the platform calls a post: 'comment' on YouTube."""
    key = f"post-noun-{platform.lower()}"
    return w(key) if key in w.phrases else w("post-noun")


def _post_shot(w: Words, post: Post, scene: Scene | None) -> str:
    mode = w("dark-mode") if scene is not None and scene.dark_mode else ""
    noun = noun_for(w, post.platform)
    fields = {"article": an(post.platform), "platform": post.platform, "mode": mode, "noun": noun}
    date = when_phrase(w, post.timestamp_raw)
    if who := author(post):
        return w("shot-post", **fields, author=who, date=date)
    return w("shot-post-unnamed", **fields, date=date)


def _chat_shot(w: Words, screen: Screen) -> str:
    chat = screen.chat
    contact = chat.contact if chat else None
    platform = screen.platform
    if contact and contact.startswith("#"):
        if platform:
            return w("shot-channel", channel=contact, platform=platform)
        return w("shot-channel-unnamed", channel=contact)
    if contact and platform:
        return w("shot-chat", article=an(platform), platform=platform, contact=contact)
    return w("shot-chat-unnamed", contact=contact) if contact else w("shot-chat-anonymous")


def _email_shot(w: Words, screen: Screen) -> str:
    mail = screen.email
    if mail is None or not (mail.from_name or mail.from_address):
        return w("shot-email-anonymous")
    if mail.from_name and mail.from_address:
        return w("shot-email", sender=f"{mail.from_name} ({mail.from_address})")
    return w("shot-email", sender=mail.from_name or mail.from_address)


def _review_shot(w: Words, screen: Screen) -> str:
    review = screen.review
    if review is None or not review.reviewer:
        return w("shot-review-anonymous")
    date = when_phrase(w, review.date)
    if screen.platform:
        site = screen.platform
        return w("shot-review", article=an(site), site=site, reviewer=review.reviewer, date=date)
    return w("shot-review-unnamed", reviewer=review.reviewer, date=date)


def shot(w: Words, screen: Screen | None, post: Post | None, scene: Scene | None) -> str:
    """The noun phrase for what the image is: 'a screenshot of a WhatsApp chat with Ben'."""
    kind = screen.kind if screen is not None else ("post" if post is not None else "screenshot")
    if kind == "post" and post is not None:
        return _post_shot(w, post, scene)
    if kind == "post" and screen is not None and screen.platform:
        mode = w("dark-mode") if scene is not None and scene.dark_mode else ""
        platform = screen.platform
        noun = noun_for(w, platform)
        return w(
            "shot-post-unnamed",
            article=an(platform),
            platform=platform,
            noun=noun,
            mode=mode,
            date="",
        )
    if kind == "chat" and screen is not None:
        return _chat_shot(w, screen)
    if kind == "email" and screen is not None:
        return _email_shot(w, screen)
    if kind == "review" and screen is not None:
        return _review_shot(w, screen)
    if kind in ("code", "terminal", "poster", "document"):
        return w(f"shot-{kind}")
    return w("shot-screenshot")


def poster_layout(lines: list[Line]) -> bool:
    """A poster, flyer or sign by its layout: a few rows of text, the first of them set far
    larger than the median row (a headline over smaller print), and none of an app's chrome
    (buttons, status lines, bare handles, times or counts) around them."""
    laid = [r for r in rows(lines) if r.text.strip()]
    if not MIN_POSTER_ROWS <= len(laid) <= MAX_POSTER_ROWS:
        return False
    heights = sorted(r.height for r in laid)
    median = heights[len(heights) // 2]
    if laid[0].height < HEADLINE_RATIO * median and not _centred(laid):
        return False
    return sum(chrome_row(r.text) for r in laid) <= 1


def _centred(laid: list[Row]) -> bool:
    """Print set centred, as on a flyer: most rows with equal margins either side, several of
    them well inside the text's edges (an app's text is ranged left)."""
    left, right = bounds(laid)
    width = max(right - left, 1)
    gaps = [(r.bbox[0] - left, right - (r.bbox[0] + r.bbox[2])) for r in laid]
    even = sum(abs(a - b) < 0.08 * width for a, b in gaps)
    inside = sum(min(a, b) > 0.1 * width and abs(a - b) < 0.08 * width for a, b in gaps)
    return even >= CENTRED_SHARE * len(laid) and inside >= 2


def caption_lines(lines: list[Line], vision: Vision) -> list[Line]:
    """The OCR lines above a caption meme's picture (the scene stage's first panel)."""
    scene = vision.scene
    boxes = [p.bbox for p in scene.panels] if scene is not None and scene.panels else vision.panels
    if not boxes:
        return []
    top = min(b[1] for b in boxes)
    return [ln for ln in lines if ln.bbox[1] + ln.bbox[3] <= top + 2]


def structure(w: Words, post: Post) -> list[tuple[str, Evidence]]:
    """A post's reply, repost, quote, thread, badge, link card and media, one sentence each."""
    said = []
    if post.reply_to:
        said.append((w("reply", handle=post.reply_to), post_field("reply_to", post.reply_to)))
    if post.reposted_by:
        said.append(
            (w("repost", who=post.reposted_by), post_field("reposted_by", post.reposted_by))
        )
    if post.quoted is not None and (quoted := author(post.quoted)):
        said.append((w("quote", author=quoted), post_field("quoted", quoted)))
    if post.thread:
        said.append((w("thread"), post_field("thread", "true")))
    if post.verified:
        said.append((w("verified"), post_field("verified", "true")))
    if card := post.link_card:
        key, fields = (
            ("link-card-titled", {"title": card.title}) if card.title else ("link-card", {})
        )
        said.append((w(key, domain=card.domain, **fields), post_field("link_card", card.domain)))
    return said


def one_to_one(chat: Chat) -> str | None:
    """The chat's contact where it is a phone number ('+44 7700 900481') and every message is
    theirs or the owner's: given once in the title sentence, 'the contact' after it. None for a
    name (a name reads well twice) and in a group, where each speaker keeps a name."""
    others = {m.speaker for m in chat.messages if m.speaker != ME}
    number = chat.contact is not None and sum(c.isdigit() for c in chat.contact) >= 5
    return chat.contact if number and others == {chat.contact} else None


def chat_summary(w: Words, screen: Screen) -> list[tuple[str, Evidence]]:
    """'It shows six messages: four from Ben Moreau and two from the screenshot's owner.'"""
    chat = screen.chat
    if chat is None or not chat.messages:
        return []
    by = Counter(m.speaker or "?" for m in chat.messages)
    contact = one_to_one(chat)
    named = {
        who: w("owner") if who == ME else w("contact") if who == contact else who
        for who in by
        if who != "?"
    }
    n = len(chat.messages)
    if n == 1:
        breakdown = next(iter(named.values()), w("owner"))
    else:
        parts = [
            w("from-speaker", n=number(k), speaker=named[who])
            for who, k in by.most_common()
            if who in named
        ]
        if unnamed := by.get("?"):
            parts.append(w("from-unnamed", n=number(unnamed)))
        breakdown = join_names(parts)
    said = [
        (
            one_stop(w("messages", count=n, n=number(n), breakdown=breakdown)),
            rule("kinds.chat", f"{n} messages"),
        )
    ]
    times = [DAY_AT.sub("", m.time) for m in chat.messages if m.time]
    if len(times) > 1 and times[0] != times[-1]:
        said.append(
            (w("times", first=times[0], last=times[-1]), rule("kinds.chat", ", ".join(times)))
        )
    elif times and n == 1:
        said.append((w("time", time=times[0]), rule("kinds.chat", times[0])))
    return said


def code_details(w: Words, rows_: list[str]) -> list[tuple[str, Evidence]]:
    """'The editor shows main.py, in Python.': the tab's file name and the status bar's language."""
    names = [m.group(0).replace(" ", "") for r in rows_[:3] if (m := FILE_NAME.search(r))]
    languages = words("code", "languages")
    found = next(
        (
            lang
            for r in rows_[-3:]
            for lang in languages
            if re.search(rf"(?<![\w+#]){re.escape(lang)}(?![\w+#])", r)
        ),
        None,
    )
    if names and found:
        return [
            (w("code-file-language", file=names[0], language=found), rule("kinds.code", names[0]))
        ]
    if names:
        return [(w("code-file", file=names[0]), rule("kinds.code", names[0]))]
    if found:
        return [(w("code-language", language=found), rule("kinds.code", found))]
    return []


def terminal_details(w: Words, rows_: list[str]) -> list[tuple[str, Evidence]]:
    """'The prompt is root@pi. The commands shown are “ls -la” and “git status”.'"""
    prompts = [m for r in rows_ if (m := PROMPT.match(r.strip()) or TITLE_PROMPT.match(r.strip()))]
    said = [
        (w("terminal-prompt", prompt=m["prompt"]), rule("kinds.terminal", m["prompt"]))
        for m in prompts[:1]
    ]
    typed = [m["command"] for m in prompts if "command" in m.groupdict() and m["command"].strip()]
    typed += [m["command"] for r in rows_ if (m := COMMAND.match(r.strip()))]
    commands = [f"“{_clip(c)}”" for c in dict.fromkeys(c.strip() for c in typed)][:MAX_COMMANDS]
    if commands:
        said.append(
            (
                w("terminal-commands", count=len(commands), commands=join_names(commands)),
                rule("kinds.terminal", "; ".join(commands)),
            )
        )
    return said


def _clip(command: str) -> str:
    """A command's first words ('kill -9 4120 # kill the …'), a comment after them cut."""
    parts = command.split("#")[0].split() or command.split()
    parts = [SECRET.sub("=…", SECRET_WORD.sub("…", p)) for p in parts]  # never a key or token
    return " ".join(parts[:COMMAND_WORDS]) + (" …" if len(parts) > COMMAND_WORDS else "")


def email_details(w: Words, screen: Screen) -> list[tuple[str, Evidence]]:
    mail = screen.email
    if mail is None:
        return []
    said = []
    if mail.subject:
        said.append(
            (
                w("email-subject", subject=mail.subject),
                rule("kinds.email", f"subject: {mail.subject}"),
            )
        )
    if mail.date:
        said.append(
            (
                w("email-dated", date=mid_sentence(mail.date)),
                rule("kinds.email", f"date: {mail.date}"),
            )
        )
    return said


def review_details(w: Words, screen: Screen) -> list[tuple[str, Evidence]]:
    review = screen.review
    if review is None:
        return []
    said = []
    if review.rating is not None:
        said.append(
            (w("rating", stars=review.rating), rule("kinds.review", f"rating: {review.rating}"))
        )
    if review.title:
        said.append(
            (w("review-title", title=review.title), rule("kinds.review", f"title: {review.title}"))
        )
    return said
