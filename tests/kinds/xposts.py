"""More X/Twitter layouts for the post parser (issue K #1, #2): the 2019 web timeline, a thread
of two posts, a status page whose counts row is cropped off, and a timeline reply under a
repost. Each records every structure field (reply_to, reposted_by, quoted_handle, link_domain,
verified, media, thread), so a field that is not drawn is checked to stay empty."""

from __future__ import annotations

import random
from typing import Any

from tests.kinds.posts import (
    BADGE,
    LONG,
    RELATIVE,
    SHORT_DATES,
    THEMES,
    _link_card,
    _photo,
    _who,
    icon,
)
from tests.kinds.spec import Fixture, count, handle_of, page, person, text

CSS = (
    ".grey{{color:{grey}}}.acc{{color:#1d9bf0}}.badge{{vertical-align:-3px;margin-left:3px}}"
    "svg{{vertical-align:-4px}}.av{{width:44px;height:44px;border-radius:50%;flex:none}}"
    ".row{{display:flex;gap:10px}}.body{{font-size:{size}px;line-height:1.35;margin-top:6px}}"
)


def _truth(name: str, handle: str, verified: bool) -> dict[str, Any]:
    return {
        "kind": "post", "platform": "X", "display_name": name, "handle": handle,
        "verified": verified, "counts": {}, "reply_to": None, "reposted_by": None,
        "quoted_handle": None, "link_domain": None, "media": False, "thread": False,
    }  # fmt: skip


def _avatar(rng: random.Random) -> str:
    return f"<div class=av style='background:#{rng.randint(0x333333, 0xCCCCCC):06x}'></div>"


def _counts(rng: random.Random, keys: list[str], truth: dict[str, Any], spread: bool) -> str:
    """The icon row under a timeline post, in cells of equal width (narrow in 2019, across the
    column now); a count of 0 is drawn as no number, as the apps do."""
    cells = []
    for key, ic in zip(keys, ["reply", "repost", "like", "views"], strict=False):
        if rng.random() < 0.12:
            cells.append(f"<span>{icon(ic)}</span>")
            continue
        n, shown = count(rng)
        truth["counts"][key] = n
        cells.append(f"<span>{icon(ic)} {shown}</span>")
    cells.append(f"<span>{icon('bookmark')}</span>")
    width = "100%" if spread else f"{110 * len(cells)}px"
    return (
        f"<div class=grey style='display:grid;grid-template-columns:repeat({len(cells)},1fr);"
        f"width:{width};margin-top:10px'>{''.join(cells)}</div>"
    )


def twitter_2019_timeline(rng: random.Random) -> Fixture:
    """Twitter web, 2019: '<name> Retweeted' above, 'Name @handle · 13 Sep' on one line, a row
    of reply, retweet and like counts; light or dim."""
    theme = rng.choice(["light", "dim"])
    bg, fg, grey, line = THEMES[theme]
    drawn, name, handle = _who(rng)
    verified = rng.random() < 0.3
    truth = _truth(name, handle, verified)
    top = ""
    if rng.random() < 0.4:
        by = person(rng)
        top = f"<div class=grey style='font-size:13px;margin:0 0 4px 54px'>{icon('repost', 14)} {by} Retweeted</div>"
        truth["reposted_by"] = by
    time = rng.choice(SHORT_DATES + RELATIVE)
    truth["time"] = time
    badge = BADGE if verified else ""
    body = text(rng, rng.choice([1, 2]))
    extra = ""
    if rng.random() < 0.25:
        extra = _photo(rng)
        truth["media"] = True
    elif rng.random() < 0.25:
        extra, truth["link_domain"] = _link_card(rng, grey, line)
    rows = _counts(rng, ["replies", "reposts", "likes"], truth, spread=False)
    html = (
        f"{top}<div class=row>{_avatar(rng)}<div style='flex:1'><div><b>{drawn}</b>{badge} "
        f"<span class=grey>{handle} · {time}</span></div><div class=body>{body}</div>{extra}"
        f"{rows}</div></div>"
    )
    css = CSS.format(grey=grey, size=15)
    return Fixture(f"twitter-2019-timeline-{theme}", page(html, css, bg, fg), truth)


def x_thread(rng: random.Random) -> Fixture:
    """Two posts of one author in a thread, joined by a line between the avatars, and 'Show
    this thread' under them; the fields are the first post's."""
    theme = rng.choice(list(THEMES))
    bg, fg, grey, line = THEMES[theme]
    drawn, name, handle = _who(rng)
    truth = _truth(name, handle, False)
    truth["thread"] = True
    posts = []
    for i in range(2):
        time = rng.choice(RELATIVE + SHORT_DATES)
        part = f" {i + 1}/2" if rng.random() < 0.5 else ""
        body = text(rng) + part
        local: dict[str, Any] = {"counts": {}}
        rows = _counts(rng, ["replies", "reposts", "likes", "views"], local, spread=True)
        if i == 0:
            truth["time"], truth["counts"] = time, local["counts"]
        joint = f"<div style='width:2px;flex:1;background:{line};margin:4px auto 0'></div>"
        avatar = f"<div style='display:flex;flex-direction:column'>{_avatar(rng)}{joint if i == 0 else ''}</div>"
        posts.append(
            f"<div class=row style='padding-bottom:12px'>{avatar}<div style='flex:1'><div>"
            f"<b>{drawn}</b> <span class=grey>{handle} · {time}</span></div><div class=body>"
            f"{body}</div>{rows}</div></div>"
        )
    more = "<div class=acc style='margin:4px 0 0 54px'>Show this thread</div>"
    css = CSS.format(grey=grey, size=15)
    return Fixture(f"x-thread-{theme}", page("".join(posts) + more, css, bg, fg), truth)


def x_cropped(rng: random.Random) -> Fixture:
    """An X status page cut off at the bottom: the counts row is missing, or only its top
    sliver shows (no count can be read); sometimes the stamp line goes too."""
    theme = rng.choice(list(THEMES))
    bg, fg, grey, line = THEMES[theme]
    drawn, name, handle = _who(rng)
    verified = rng.random() < 0.4
    truth = _truth(name, handle, verified)
    badge = BADGE if verified else ""
    body = text(rng, rng.choice([1, 2]))
    reply = ""
    if rng.random() < 0.3:
        to = "@" + handle_of(person(rng), rng)
        reply = f"<div class=grey>Replying to <span class=acc>{to}</span></div>"
        truth["reply_to"] = to
    cut = rng.choice(["sliver", "none", "stamp"])
    stamp = ""
    if cut != "stamp":
        time = rng.choice(LONG)
        truth["time"] = time
        stamp = f"<div class=grey style='margin:14px 0'>{time}</div>"
    else:
        truth["time"] = None
    sliver = ""
    if cut == "sliver":
        cells = "".join(
            f"<span>{icon(i)} {count(rng)[1]}</span>" for i in ("reply", "repost", "like")
        )
        sliver = (
            f"<div style='height:7px;overflow:hidden;border-top:1px solid {line};padding-top:3px'>"
            f"<div class=grey style='display:flex;justify-content:space-between'>{cells}"
            "</div></div>"
        )
    html = (
        f"<div class=row>{_avatar(rng)}<div><div><b>{drawn}</b>{badge}</div><div class=grey>"
        f"{handle}</div></div></div>{reply}<div class=body style='font-size:17px'>{body}</div>"
        f"{stamp}{sliver}"
    )
    css = CSS.format(grey=grey, size=17)
    return Fixture(f"x-cropped-{theme}", page(html, css, bg, fg), truth)


def x_reply_repost(rng: random.Random) -> Fixture:
    """A timeline post that is a reply, reposted by someone, with a quoted post or a picture."""
    theme = rng.choice(list(THEMES))
    bg, fg, grey, line = THEMES[theme]
    drawn, name, handle = _who(rng)
    verified = rng.random() < 0.5
    truth = _truth(name, handle, verified)
    by = person(rng)
    truth["reposted_by"] = by
    to = "@" + handle_of(person(rng), rng)
    truth["reply_to"] = to
    time = rng.choice(RELATIVE + SHORT_DATES)
    truth["time"] = time
    badge = BADGE if verified else ""
    extra = ""
    if rng.random() < 0.5:
        qd, _, qh = _who(rng)
        extra = (
            f"<div style='border:1px solid {line};border-radius:16px;padding:12px;margin-top:12px'>"
            f"<div><b>{qd}</b> <span class=grey>{qh} · {rng.choice(SHORT_DATES)}</span></div>"
            f"<div>{text(rng)}</div></div>"
        )
        truth["quoted_handle"] = qh
    else:
        extra = _photo(rng)
        truth["media"] = True
    rows = _counts(rng, ["replies", "reposts", "likes", "views"], truth, spread=True)
    html = (
        f"<div class=grey style='font-size:13px;margin:0 0 4px 54px'>{icon('repost', 14)} {by} "
        f"reposted</div><div class=row>{_avatar(rng)}<div style='flex:1'><div><b>{drawn}</b>"
        f"{badge} <span class=grey>{handle} · {time}</span></div><div class=grey>Replying to "
        f"<span class=acc>{to}</span></div><div class=body>{text(rng)}</div>{extra}{rows}</div>"
        "</div>"
    )
    css = CSS.format(grey=grey, size=15)
    return Fixture(f"x-reply-repost-{theme}", page(html, css, bg, fg), truth)


TEMPLATES = {
    "twitter-2019-timeline": twitter_2019_timeline,
    "x-thread": x_thread,
    "x-cropped": x_cropped,
    "x-reply-repost": x_reply_repost,
}
