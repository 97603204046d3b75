"""Rendered social-media post screenshots with known fields, for the post parser's tests.

Each `Card` holds the ground truth of one made-up post and `render(card)` draws it the way the
app draws a single post (simplified: plain coloured avatars, icons drawn as shapes, Debian's
Liberation and DejaVu fonts). Rendering is deterministic: the same card gives the same bytes.

Conventions of the ground truth:
- `handle` and `timestamp_raw` are the text exactly as drawn; `timestamp` is its ISO 8601 form, or
  None when the app shows a relative time ("2h").
- `body` is the post text with paragraphs separated by a blank line; for Reddit the title is the
  first paragraph.
- `counts` maps replies / reposts / likes / views to the number drawn (None if not drawn);
  `counts_shown` lists every count string drawn, top to bottom and left to right, including ones
  with no key in `counts` (X bookmarks, Bluesky quotes).
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from tests.card_canvas import (
    BLUESKY,
    MASTODON,
    REDDIT,
    THREADS,
    X_BLACK,
    X_DIM,
    X_LIGHT,
    Canvas,
    Card,
    Theme,
    _count_items,
    _font,
)
from tests.card_icons import SS, pts

# ----------------------------------------------------------------------------- renderers


@dataclass(frozen=True)
class XPost:
    """What X's single-post view draws besides the card: counts_shown is (views, replies,
    reposts, likes, bookmarks)."""

    theme: Theme
    verified: bool = False


def _x_verified(c: Canvas, xy: tuple[float, float], size: int) -> None:
    tile = Image.new("RGB", (size * SS, size * SS), c.theme.bg)
    d = ImageDraw.Draw(tile)
    s = size * SS
    d.ellipse((0, 0, s - 1, s - 1), fill="#1D9BF0")
    d.line(
        pts([(0.27, 0.52), (0.44, 0.68), (0.74, 0.34)], s),
        fill="#FFFFFF",
        width=round(s * 0.11),
        joint="curve",
    )
    c.image.paste(tile.resize((size, size), Image.Resampling.LANCZOS), (round(xy[0]), round(xy[1])))


def render_x_post(card: Card, post: XPost) -> Image.Image:
    """X's single-post view: header, large body, timestamp and views, then the action bar."""
    theme = post.theme
    views, replies, reposts, likes, bookmarks = card.counts_shown
    c = Canvas(920, theme)
    pad, av = 32, 80
    bold, handle_font = _font("sans-bold", 29), _font("sans", 27)
    c.avatar((pad, 28), av)
    name_x = pad + av + 22
    end = c.text((name_x, 34), card.display_name or "", bold, theme.text)
    if post.verified:
        _x_verified(c, (name_x + end + 6, 36), 28)
    c.text((name_x, 72), card.handle or "", handle_font, theme.grey)
    c.icon("dots", (c.width - pad - 30, 40), 30, theme.grey)

    body_font = _font("sans", 31)
    y = c.paragraphs(pad, 140, card.body, body_font, theme.text, c.width - 2 * pad)

    meta = _font("sans", 27)
    meta_bold = _font("sans-bold", 27)
    y += 22
    c.segments(
        (pad, y),
        [
            (f"{card.timestamp_raw} · ", meta, theme.grey),
            (views, meta_bold, theme.text),
            (" Views", meta, theme.grey),
        ],
    )
    y += 58
    c.hline(y, pad, c.width - pad)
    y += 22
    items = [("bubble", replies), ("repost", reposts), ("heart", likes), ("bookmark", bookmarks)]
    _count_items(
        c, y, pad, c.width - pad, items, 34, _font("sans", 27), theme.grey, trailing=("share",)
    )
    y += 34 + 22
    c.hline(y, pad, c.width - pad)
    return c.finish(y + 24)


@dataclass(frozen=True)
class XTimeline:
    time: str
    replies: str
    reposts: str
    likes: str
    views: str


def render_x_timeline(card: Card, post: XTimeline, theme: Theme) -> Image.Image:
    """X's feed: name, @handle and '· 2h' on one row right of the avatar, body, action row."""
    c = Canvas(920, theme)
    pad, av = 28, 80
    col = pad + av + 20
    bold, reg = _font("sans-bold", 28), _font("sans", 28)
    c.avatar((pad, 24), av)
    c.segments(
        (col, 26),
        [
            (card.display_name or "", bold, theme.text),
            (f" {card.handle} · {post.time}", reg, theme.grey),
        ],
    )
    c.icon("dots", (c.width - pad - 28, 30), 28, theme.grey)
    y = c.paragraphs(col, 68, card.body, reg, theme.text, c.width - col - pad)
    y += 14
    items = [
        ("bubble", post.replies),
        ("repost", post.reposts),
        ("heart", post.likes),
        ("views", post.views),
    ]
    _count_items(
        c,
        y,
        col,
        c.width - pad,
        items,
        30,
        _font("sans", 25),
        theme.grey,
        trailing=("bookmark", "share"),
    )
    y += 30 + 26
    c.hline(y)
    return c.finish(y + 2)


@dataclass(frozen=True)
class BlueskyPost:
    reposts: str
    quotes: str
    likes: str


def render_bluesky(card: Card, post: BlueskyPost) -> Image.Image:
    """Bluesky's post thread view of the focused post."""
    theme = BLUESKY
    c = Canvas(920, theme)
    pad, av = 30, 84
    c.avatar((pad, 28), av)
    name_x = pad + av + 22
    c.text((name_x, 34), card.display_name or "", _font("dejavu-bold", 28), theme.text)
    c.text((name_x, 74), card.handle or "", _font("dejavu", 25), theme.grey)
    y = c.paragraphs(
        pad, 144, card.body, _font("dejavu", 29), theme.text, c.width - 2 * pad, leading=1.4
    )
    y += 16
    c.text((pad, y), card.timestamp_raw or "", _font("dejavu", 24), theme.grey)
    y += 52
    c.hline(y, pad, c.width - pad)
    y += 24
    num, label = _font("dejavu-bold", 25), _font("dejavu", 25)
    c.segments(
        (pad, y),
        [
            (post.reposts, num, theme.text),
            (" reposts    ", label, theme.grey),
            (post.quotes, num, theme.text),
            (" quotes    ", label, theme.grey),
            (post.likes, num, theme.text),
            (" likes", label, theme.grey),
        ],
    )
    y += 52
    c.hline(y, pad, c.width - pad)
    y += 22
    icons = [("round-bubble", None), ("repost", None), ("heart", None), ("dots", None)]
    _count_items(c, y, pad + 10, c.width - pad, icons, 34, label, theme.grey)
    return c.finish(y + 34 + 26)


@dataclass(frozen=True)
class ThreadsPost:
    likes: str
    replies: str
    reposts: str


def render_threads(card: Card, post: ThreadsPost) -> Image.Image:
    """A Threads post: username and relative time on one row, body and icons indented."""
    theme = THREADS
    c = Canvas(920, theme)
    pad, av = 30, 72
    col = pad + av + 22
    name_font = _font("sans-bold", 28)
    c.avatar((pad, 26), av)
    end = c.text((col, 26), card.handle or "", name_font, theme.text)
    c.text((col + end + 16, 26), card.timestamp_raw or "", _font("sans", 28), theme.grey)
    c.icon("dots", (c.width - pad - 28, 30), 28, theme.text)
    y = c.paragraphs(col, 70, card.body, _font("sans", 28), theme.text, c.width - col - pad)
    y += 18
    font = _font("sans", 25)
    x = col - 4
    for name, count in (
        ("heart", post.likes),
        ("round-bubble", post.replies),
        ("repost", post.reposts),
        ("plane", None),
    ):
        c.icon(name, (x, y), 32, theme.text)
        x += 32 + 14
        if count is not None:
            x += c.text((x, y + 3), count, font, "#424242") + 40
    return c.finish(y + 32 + 30)


@dataclass(frozen=True)
class MastodonPost:
    boosts: str
    favourites: str


def render_mastodon(card: Card, post: MastodonPost) -> Image.Image:
    """Mastodon's web UI detailed status (4.3 light theme): date line, then the counts line."""
    theme = MASTODON
    c = Canvas(920, theme)
    pad, av = 28, 84
    c.avatar((pad, 28), av, square=True)
    name_x = pad + av + 20
    c.text((name_x, 34), card.display_name or "", _font("dejavu-bold", 27), theme.text)
    c.text((name_x, 72), card.handle or "", _font("dejavu", 24), theme.grey)
    body_font = _font("dejavu", 28)
    paras = card.body.split("\n\n")
    y = 148
    for i, para in enumerate(paras):
        fill = theme.accent if para.startswith("#") else theme.text
        y = c.paragraphs(
            pad, y + (round(28 * 1.35) if i else 0), para, body_font, fill, c.width - 2 * pad
        )
    y += 24
    meta, meta_bold = _font("dejavu", 24), _font("dejavu-bold", 24)
    end = c.segments((pad, y), [(f"{card.timestamp_raw} · ", meta, theme.grey)])
    c.icon("globe", (end + 2, y + 2), 24, theme.grey)
    y += 44
    c.segments(
        (pad, y),
        [
            (post.boosts, meta_bold, theme.text),
            (" boosts · ", meta, theme.grey),
            (post.favourites, meta_bold, theme.text),
            (" favourites", meta, theme.grey),
        ],
    )
    y += 52
    c.hline(y, pad, c.width - pad)
    y += 20
    icons = [
        ("reply-arrow", None),
        ("repost", None),
        ("star", None),
        ("bookmark", None),
        ("dots", None),
    ]
    _count_items(c, y, pad + 8, c.width - pad, icons, 32, meta, theme.grey)
    return c.finish(y + 32 + 22)


@dataclass(frozen=True)
class RedditPost:
    subreddit: str
    time: str
    score: str
    comments: str


def _pill(c: Canvas, x: float, y: float, w: float, h: int) -> None:
    c.draw.rounded_rectangle((x, y, x + w, y + h), radius=h // 2, fill=REDDIT.divider)


def render_reddit(card: Card, post: RedditPost) -> Image.Image:
    """New Reddit's post page: community and age, author, bold title, body, the pill buttons."""
    theme = REDDIT
    c = Canvas(980, theme)
    pad = 30
    c.draw.ellipse((pad, 26, pad + 48, 26 + 48), fill="#0079D3")
    x = pad + 48 + 14
    c.segments(
        (x, 24),
        [
            (post.subreddit, _font("sans-bold", 24), theme.text),
            (f" • {post.time}", _font("sans", 24), theme.grey),
        ],
    )
    c.text((x, 54), card.handle or "", _font("sans", 22), theme.grey)
    c.icon("dots", (c.width - pad - 28, 36), 28, theme.grey)
    title, _, body = card.body.partition("\n\n")
    y = c.paragraphs(
        pad, 104, title, _font("sans-bold", 34), theme.text, c.width - 2 * pad, leading=1.3
    )
    y += 14
    y = c.paragraphs(
        pad, y, body, _font("sans", 27), theme.text, c.width - 2 * pad, leading=1.45, gap=0.6
    )
    y += 18
    h, icon = 58, 30
    num = _font("sans-bold", 24)
    iy = y + (h - icon) / 2
    ty = y + (h - num.getbbox("0")[3]) / 2 - 1
    # votes pill: up, score, down
    w = 14 + icon + 12 + num.getlength(post.score) + 12 + icon + 14
    _pill(c, pad, y, w, h)
    c.icon("up", (pad + 14, iy), icon, theme.text, REDDIT.divider)
    c.text((pad + 14 + icon + 12, ty), post.score, num, theme.text)
    c.icon("down", (pad + w - 14 - icon, iy), icon, theme.text, REDDIT.divider)
    x = pad + w + 16
    # comments pill
    w = 18 + icon + 10 + num.getlength(post.comments) + 20
    _pill(c, x, y, w, h)
    c.icon("round-bubble", (x + 18, iy), icon, theme.text, REDDIT.divider)
    c.text((x + 18 + icon + 10, ty), post.comments, num, theme.text)
    x += w + 16
    # share pill
    w = 18 + icon + 10 + num.getlength("Share") + 20
    _pill(c, x, y, w, h)
    c.icon("reddit-share", (x + 18, iy), icon, theme.text, REDDIT.divider)
    c.text((x + 18 + icon + 10, ty), "Share", num, theme.text)
    return c.finish(y + h + 28)


# ----------------------------------------------------------------------------- the cards


CARDS: list[Card] = [
    Card(
        name="x-light",
        platform="X",
        display_name="Mara Quill",
        handle="@maraquill_sec",
        timestamp_raw="10:02 AM · Feb 23, 2026",
        timestamp="2026-02-23T10:02:00",
        body=(
            "PSA: a fake wallet sync extension is live in the Chrome Web Store. It asks for "
            "your seed phrase on first launch and sends it to a server in under a second.\n\n"
            "If you installed it, move your funds to a new wallet today and report the listing. "
            "Indicators of compromise in the thread below."
        ),
        counts={"replies": 1200, "reposts": 3400, "likes": 18000, "views": 4_100_000},
        counts_shown=("4.1M", "1.2K", "3.4K", "18K", "2.1K"),
    ),
    Card(
        name="x-dim",
        platform="X",
        display_name="Devon Achebe",
        handle="@devon_evals",
        timestamp_raw="9:47 PM · Jan 8, 2026",
        timestamp="2026-01-08T21:47:00",
        body=(
            "Kestrel-70B is out with open weights. On our runs it scores 71.3% on SWE-bench "
            "Verified, up from 48.9% for Kestrel-34B, with a 128K context window.\n\n"
            "Inference cost is about $0.60 per million tokens on 8 GPUs. Full eval logs "
            "and prompts are on the blog."
        ),
        counts={"replies": 214, "reposts": 1900, "likes": 9700, "views": 612_000},
        counts_shown=("612K", "214", "1.9K", "9.7K", "845"),
    ),
    Card(
        name="x-black",
        platform="X",
        display_name="Tomasz Wren",
        handle="@tomwren_data",
        timestamp_raw="7:15 AM · Dec 2, 2025",
        timestamp="2025-12-02T07:15:00",
        body=(
            "New scan results: 38,200 database servers are still reachable from the internet "
            "with no password set. That is 12% fewer than in June.\n\n"
            "Most of them sit on three cloud providers. We have notified all three."
        ),
        counts={"replies": 56, "reposts": 402, "likes": 2300, "views": 88_400},
        counts_shown=("88.4K", "56", "402", "2.3K", "117"),
    ),
    Card(
        name="x-timeline",
        platform="X",
        display_name="Sam Ortega",
        handle="@samortega_dev",
        timestamp_raw="2h",
        timestamp=None,
        body=(
            "Our team moved the build cache to a single bucket and CI time dropped from 41 "
            "minutes to 9.\n\n"
            "Nothing clever, just stopped rebuilding the same layers twice."
        ),
        counts={"replies": 12, "reposts": 48, "likes": 1100, "views": 52_000},
        counts_shown=("12", "48", "1.1K", "52K"),
    ),
    Card(
        name="bluesky",
        platform="Bluesky",
        display_name="Mara Quill",
        handle="@mara.bsky.social",
        timestamp_raw="February 23, 2026 at 10:02 AM",
        timestamp="2026-02-23T10:02:00",
        body=(
            "Reminder: your bank will never ask you to read out a one-time code over the "
            "phone. Hang up and call the number on your card.\n\n"
            "We saw 3 of these calls this week alone, all spoofing the same caller ID."
        ),
        counts={"replies": None, "reposts": 12, "likes": 148, "views": None},
        counts_shown=("12", "3", "148"),
    ),
    Card(
        name="threads",
        platform="Threads",
        display_name=None,
        handle="mara.quill",
        timestamp_raw="2h",
        timestamp=None,
        body=(
            "A new open model just matched last year's best closed one on math benchmarks, "
            "at a tenth of the size.\n\n"
            "Worth reading the eval details before the hype: the test set is only 500 problems."
        ),
        counts={"replies": 12, "reposts": 9, "likes": 148, "views": None},
        counts_shown=("148", "12", "9"),
    ),
    Card(
        name="mastodon",
        platform="Mastodon",
        display_name="Mara Quill",
        handle="@mara@infosec.exchange",
        timestamp_raw="Feb 23, 2026, 10:02",
        timestamp="2026-02-23T10:02:00",
        body=(
            "Patch your VPN appliances today. The auth bypass disclosed on Friday is now "
            "being exploited, and we count over 4,000 exposed devices.\n\n"
            "Vendor advisory and detection rules are linked in the replies.\n\n"
            "#infosec #patchnow"
        ),
        counts={"replies": None, "reposts": 12, "likes": 148, "views": None},
        counts_shown=("12", "148"),
    ),
    Card(
        name="reddit",
        platform="Reddit",
        display_name=None,
        handle="u/mara_q",
        timestamp_raw="5h",
        timestamp=None,
        body=(
            "[N] Kestrel-70B released with open weights and a 128K context window\n\n"
            "The model card reports 71.3% on SWE-bench Verified and 86.1% on MMLU. Weights "
            "are under a permissive license, with a 4-bit version that fits on two 24 GB cards.\n\n"
            "Has anyone reproduced the coding numbers yet?"
        ),
        counts={"replies": 345, "reposts": None, "likes": 1200, "views": None},
        counts_shown=("1.2K", "345"),
    ),
]

_X_POSTS: dict[str, XPost] = {
    "x-light": XPost(X_LIGHT),
    "x-dim": XPost(X_DIM, verified=True),
    "x-black": XPost(X_BLACK),
}


def render(card: Card) -> Image.Image:
    """Draw `card` as a screenshot of its platform; the same card always gives the same pixels."""
    if card.name in _X_POSTS:
        return render_x_post(card, _X_POSTS[card.name])
    if card.name == "x-timeline":
        return render_x_timeline(
            card, XTimeline(card.timestamp_raw or "", *card.counts_shown), X_LIGHT
        )
    if card.platform == "Bluesky":
        return render_bluesky(card, BlueskyPost(*card.counts_shown))
    if card.platform == "Threads":
        return render_threads(card, ThreadsPost(*card.counts_shown))
    if card.platform == "Mastodon":
        return render_mastodon(card, MastodonPost(*card.counts_shown))
    if card.platform == "Reddit":
        return render_reddit(
            card, RedditPost("r/MachineLearning", card.timestamp_raw or "", *card.counts_shown)
        )
    raise ValueError(f"no renderer for card {card.name!r}")
