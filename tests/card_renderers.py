"""The renderers of tests/post_cards.py: one per platform layout (X post, X timeline, Bluesky,
Threads, Mastodon, Reddit), each drawing a `Card`'s ground truth the way that app draws it."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from tests.card_canvas import (
    BLUESKY,
    MASTODON,
    REDDIT,
    THREADS,
    Canvas,
    Card,
    Theme,
    _count_items,
    _font,
)
from tests.card_icons import SS, pts


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
