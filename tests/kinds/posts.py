"""Post mock-ups: current X (status page and timeline), 2019 Twitter web, 2014 cards, Facebook,
Instagram, LinkedIn, TikTok, YouTube comments, Telegram channels and Bluesky."""

from __future__ import annotations

import random
from typing import Any

from tests.kinds.spec import EMOJI, Fixture, comma, count, handle_of, page, person, text

THEMES = {  # X's light, dim and black: background, text, grey, divider
    "light": ("#ffffff", "#0f1419", "#536471", "#eff3f4"),
    "dim": ("#15202b", "#f7f9f9", "#8b98a5", "#38444d"),
    "black": ("#000000", "#e7e9ea", "#71767b", "#2f3336"),
}
BADGE = (
    "<svg class=badge viewBox='0 0 24 24' width='18' height='18'><circle cx='12' cy='12' r='11' "
    "fill='#1d9bf0'/><path d='M7 12.5l3.2 3.2L17.5 8' stroke='#fff' stroke-width='2.6' "
    "fill='none'/></svg>"
)
ICONS = {
    "reply": "<path d='M4 11a8 7 0 1 1 4 6l-4 3 1-5' fill='none' stroke='currentColor' stroke-width='2'/>",
    "repost": "<path d='M5 8v9h9M2 11l3-4 3 4M19 16V7h-9M16 13l3 4 3-4' fill='none' stroke='currentColor' stroke-width='2'/>",
    "like": "<path d='M12 20s-8-5-8-11a4.5 4.5 0 0 1 8-2.5A4.5 4.5 0 0 1 20 9c0 6-8 11-8 11z' fill='none' stroke='currentColor' stroke-width='2'/>",
    "views": "<path d='M5 20V12M10 20V5M15 20V10M20 20V3' stroke='currentColor' stroke-width='2'/>",
    "bookmark": "<path d='M6 3h12v18l-6-5-6 5z' fill='none' stroke='currentColor' stroke-width='2'/>",
}  # fmt: skip


def icon(name: str, size: int = 19) -> str:
    return f"<svg viewBox='0 0 24 24' width='{size}' height='{size}'>{ICONS[name]}</svg>"


RELATIVE = ["2h", "54m", "3d", "18h", "7m", "5d"]
SHORT_DATES = ["13 Sep", "Oct 17", "Mar 4", "22 Jan", "Dec 9"]
LONG = ["10:02 AM · Feb 23, 2026", "9:41 PM · Oct 17, 2025", "7:15 AM · Jan 3, 2026"]


def _who(rng: random.Random) -> tuple[str, str, str]:
    """(display name as drawn, the name without emoji, handle)."""
    name = person(rng)
    drawn = name + (f" {rng.choice(EMOJI)}" if rng.random() < 0.3 else "")
    return drawn, name, "@" + handle_of(name, rng)


def _photo(rng: random.Random) -> str:
    """An embedded picture with big digits in it (a scoreboard, a price): never a count."""
    digits = rng.choice(["2 : 1", "1,500", "$49", "24", "12:30"])
    return (
        "<div class=photo style='height:220px;border-radius:16px;margin-top:12px;display:flex;"
        "align-items:center;justify-content:center;background:linear-gradient(135deg,#5b7,#236);"
        f"color:#fff;font:700 64px sans-serif'>{digits}</div>"
    )


def _link_card(rng: random.Random, grey: str, line: str) -> tuple[str, str]:
    domain = rng.choice(["example.org", "news.example.com", "blog.example.net"])
    title = rng.choice(["How cities measure air quality", "A guide to safer passwords"])
    html = (
        f"<div style='border:1px solid {line};border-radius:16px;overflow:hidden;margin-top:12px'>"
        "<div style='height:150px;background:#c9d6df'></div><div style='padding:10px 12px'>"
        f"<div style='color:{grey};font-size:15px'>{domain}</div><div>{title}</div></div></div>"
    )
    return html, domain


def x_post(rng: random.Random, era: str = "now") -> Fixture:
    """X status page ('now'), X timeline ('timeline'), Twitter web 2019 ('2019')."""
    theme = rng.choice(list(THEMES)) if era != "2019" else rng.choice(["light", "dim"])
    bg, fg, grey, line = THEMES[theme]
    drawn, name, handle = _who(rng)
    verified = rng.random() < 0.4
    truth: dict[str, Any] = {"kind": "post", "platform": "X", "display_name": name}
    truth |= {"handle": handle, "verified": verified, "counts": {}}
    top = ""
    if rng.random() < 0.25:
        by = person(rng)
        word = "Retweeted" if era == "2019" else "reposted"
        top = f"<div class=grey style='font-size:13px;margin:0 0 6px 40px'>{icon('repost', 15)} {by} {word}</div>"
        truth["reposted_by"] = by
    one_line = era == "timeline"
    badge = BADGE if verified else ""
    if one_line:
        time = rng.choice(RELATIVE + SHORT_DATES)
        header = f"<div><b>{drawn}</b>{badge} <span class=grey>{handle} · {time}</span></div>"
    else:
        time = rng.choice(LONG) if era == "now" else rng.choice(LONG).replace("·", "·", 1)
        header = f"<div><b>{drawn}</b>{badge}</div><div class=grey>{handle}</div>"
    truth["time"] = time
    reply = ""
    if rng.random() < 0.25:
        to = "@" + handle_of(person(rng), rng)
        reply = (
            f"<div class=grey style='margin-top:4px'>Replying to <span class=acc>{to}</span></div>"
        )
        truth["reply_to"] = to
    body = text(rng, rng.choice([1, 2]))
    truth["body"] = body
    extra = ""
    roll = rng.random()
    if roll < 0.2:
        extra = _photo(rng)
        truth["media"] = True
    elif roll < 0.35:
        extra, truth["link_domain"] = _link_card(rng, grey, line)
    elif roll < 0.5:
        qd, _, qh = _who(rng)
        qt = text(rng)
        extra = (
            f"<div style='border:1px solid {line};border-radius:16px;padding:12px;margin-top:12px'>"
            f"<div><b>{qd}</b> <span class=grey>{qh} · {rng.choice(SHORT_DATES)}</span></div>"
            f"<div>{qt}</div></div>"
        )
        truth["quoted_handle"], truth["quoted_body"] = qh, qt
    rows = ""
    keys = ["replies", "reposts", "likes", "views"]
    show_counts = rng.random() < 0.85
    if not one_line:
        stamp = time
        if era == "now" and rng.random() < 0.7:
            views, views_text = count(rng)
            stamp += f" · <b style='color:{fg}'>{views_text}</b> Views"
            truth["counts"]["views"] = views
        rows += f"<div class=grey style='margin:14px 0'>{stamp}</div>"
        if era == "2019" and show_counts:
            rt, likes = rng.randint(2, 9999), rng.randint(2, 99999)
            rows += (
                f"<div style='border-top:1px solid {line};border-bottom:1px solid {line};padding:10px 0'>"
                f"<b>{comma(rt)}</b> <span class=grey>Retweets</span> &nbsp; "
                f"<b>{comma(likes)}</b> <span class=grey>Likes</span></div>"
            )
            truth["counts"] |= {"reposts": rt, "likes": likes}
            show_counts = False
    if show_counts:
        cells = []
        for key, ic in zip(
            keys[: 4 if one_line else 3], ["reply", "repost", "like", "views"], strict=False
        ):
            n, shown = count(rng)
            truth["counts"][key] = n
            cells.append(f"<span>{icon(ic)} {shown}</span>")
        cells.append(f"<span>{icon('bookmark')}</span>")
        rows += (
            f"<div class=grey style='display:flex;justify-content:space-between;"
            f"border-top:1px solid {line if not one_line else bg};padding-top:10px'>{''.join(cells)}</div>"
        )
    css = (
        f".grey{{color:{grey}}}.acc{{color:#1d9bf0}}.badge{{vertical-align:-3px;margin-left:3px}}"
        "svg{vertical-align:-4px}.av{width:44px;height:44px;border-radius:50%;flex:none}"
        ".row{display:flex;gap:10px}.body{font-size:17px;line-height:1.35;margin-top:8px}"
    )
    avatar = f"<div class=av style='background:#{rng.randint(0x333333, 0xCCCCCC):06x}'></div>"
    html = (
        f"{top}<div class=row>{avatar}<div style='flex:1'>{header}{reply}"
        + (f"<div class=body>{body}</div>{extra}{rows}</div></div>" if one_line else "</div></div>")
        + ("" if one_line else f"<div class=body>{body}</div>{extra}{rows}")
    )
    return Fixture(f"x-{era}-{theme}", page(html, css, bg, fg), truth)


def twitter_2014(rng: random.Random) -> Fixture:
    """A 2014 embedded-tweet card: name over @handle, FOLLOW, 'RETWEETS' / 'FAVORITES' labels."""
    drawn, name, handle = _who(rng)
    body = text(rng)
    rt, fav = rng.randint(2, 9999), rng.randint(2, 9999)
    day = rng.choice(["13 Sep 2014", "17 Oct 2014", "2 Mar 2014"])
    time = f"{rng.choice(['6:38 PM', '11:02 AM', '9:15 PM'])} - {day}"
    css = (
        ".card{border:1px solid #e1e8ed;border-radius:5px;padding:14px;font-family:Helvetica,"
        "'Liberation Sans',sans-serif}.grey{color:#8899a6}.num{font-weight:bold;color:#292f33}"
        ".lab{font-size:11px;color:#8899a6;letter-spacing:.5px}"
    )
    html = (
        "<div class=card><div style='display:flex;gap:8px'><div style='width:48px;height:48px;"
        "border-radius:5px;background:#aab'></div><div style='flex:1'><b>"
        f"{drawn}</b><div class=grey>{handle}</div></div><div style='border:1px solid #ccd6dd;"
        "border-radius:4px;padding:4px 10px;height:28px;font-size:13px'>Follow</div></div>"
        f"<div style='font-size:18px;margin:10px 0'>{body}</div><div class=grey "
        f"style='font-size:13px'>{time}</div><div style='border-top:1px solid #e1e8ed;margin-top:"
        f"10px;padding-top:8px'><span class=num>{comma(rt)}</span> <span class=lab>RETWEETS</span>"
        f" &nbsp; <span class=num>{comma(fav)}</span> <span class=lab>FAVORITES</span></div></div>"
    )
    truth = {"kind": "post", "platform": "X", "display_name": name, "handle": handle}
    truth |= {"time": time, "body": body, "counts": {"reposts": rt, "likes": fav}}
    return Fixture("twitter-2014", page(html, css), truth, width=560)


def facebook(rng: random.Random) -> Fixture:
    name = person(rng)
    time = rng.choice(["Yesterday at 14:02", "3h", "February 23 at 10:02 AM", "2d"])
    likes, likes_text = count(rng)
    comments, shares = rng.randint(2, 900), rng.randint(2, 300)
    body = text(rng)
    dark = rng.random() < 0.3
    bg, fg, grey = ("#242526", "#e4e6eb", "#b0b3b8") if dark else ("#fff", "#050505", "#65676b")
    css = f".grey{{color:{grey};font-size:13px}}.bar{{display:flex;justify-content:space-around;color:{grey};font-weight:600;border-top:1px solid #3e4042;padding-top:8px}}"
    html = (
        f"<div style='display:flex;gap:8px'><div style='width:40px;height:40px;border-radius:50%;"
        f"background:#8a6'></div><div><b>{name}</b><div class=grey>{time} · 🌐</div></div></div>"
        f"<div style='margin:10px 0;font-size:15px'>{body}</div><div class=grey style='display:flex;"
        f"justify-content:space-between;margin-bottom:8px'><span>👍❤️ {likes_text}</span><span>"
        f"{comments} comments &nbsp; {shares} shares</span></div><div class=bar><span>👍 Like</span>"
        "<span>💬 Comment</span><span>↗ Share</span></div>"
    )
    truth = {"kind": "post", "platform": "Facebook", "display_name": name, "time": time}
    truth |= {"body": body, "counts": {"likes": likes, "replies": comments}}
    return Fixture("facebook", page(html, css, bg, fg), truth, width=560)


def instagram(rng: random.Random) -> Fixture:
    name = person(rng)
    user = handle_of(name, rng).replace("_", ".")
    likes = rng.randint(12, 99999)
    time = rng.choice(["3 days ago", "2h", "5d", "February 23"])
    body = text(rng)
    css = ".grey{color:#737373;font-size:13px}"
    html = (
        "<div style='display:flex;gap:10px;align-items:center'><div style='width:32px;height:32px;"
        "border-radius:50%;background:#c57'></div><b>" + user + "</b><span class=grey>• "
        "<b style='color:#0095f6'>Follow</b></span></div><div style='height:300px;margin:10px -16px;"
        "background:linear-gradient(#d9a,#79c)'></div><div style='font-size:22px'>♡ &nbsp;💬&nbsp; ➤"
        f"</div><b>{comma(likes)} likes</b><div><b>{user}</b> {body}</div>"
        f"<div class=grey>View all {rng.randint(2, 99)} comments</div><div class=grey>{time}</div>"
    )
    truth = {"kind": "post", "platform": "Instagram", "handle": user, "time": time, "body": body}
    truth["counts"] = {"likes": likes}
    return Fixture("instagram", page(html, css), truth, width=480)


def linkedin(rng: random.Random) -> Fixture:
    name = person(rng)
    title = rng.choice(["Data Engineer at Northwind Labs", "Head of Policy | Civic Data Desk"])
    time = rng.choice(["3d", "1w", "2h", "5d"])
    body = text(rng, 2)
    likes, comments, reposts = rng.randint(3, 999), rng.randint(2, 99), rng.randint(2, 50)
    css = ".grey{color:#666;font-size:13px}.bar{display:flex;justify-content:space-around;color:#666;font-weight:600;border-top:1px solid #e0e0e0;padding-top:8px}"
    html = (
        "<div style='display:flex;gap:8px'><div style='width:48px;height:48px;border-radius:50%;"
        f"background:#58a'></div><div><b>{name}</b> <span class=grey>• 2nd</span><div class=grey>"
        f"{title}</div><div class=grey>{time} • 🌐</div></div></div><div style='margin:10px 0'>"
        f"{body}</div><div class=grey style='display:flex;justify-content:space-between'><span>"
        f"👍👏 {likes}</span><span>{comments} comments · {reposts} reposts</span></div><div "
        "class=bar style='margin-top:8px'><span>Like</span><span>Comment</span><span>Repost</span>"
        "<span>Send</span></div>"
    )
    truth = {"kind": "post", "platform": "LinkedIn", "display_name": name, "time": time}
    truth |= {"body": body, "counts": {"likes": likes, "replies": comments, "reposts": reposts}}
    return Fixture("linkedin", page(html, css), truth, width=560)


def tiktok(rng: random.Random) -> Fixture:
    name = person(rng)
    user = handle_of(name, rng)
    date = rng.choice(["2-23", "3d ago", "10-17"])
    body = text(rng) + " #fyp #citylife"
    likes, likes_text = count(rng)
    comments = rng.randint(10, 999)
    css = ".grey{color:rgba(22,24,35,.5);font-size:14px}"
    html = (
        "<div style='display:flex;gap:10px'><div style='width:48px;height:48px;border-radius:50%;"
        f"background:#f25'></div><div><b>{user}</b><div class=grey>{name} · {date}</div></div>"
        "<div style='margin-left:auto;background:#fe2c55;color:#fff;border-radius:4px;padding:6px "
        f"18px;height:34px'>Follow</div></div><div style='margin:10px 0'>{body}</div><div class=grey>"
        f"♬ original sound - {user}</div><div style='display:flex;gap:24px;margin-top:12px'><span>❤ "
        f"<b>{likes_text}</b></span><span>💬 <b>{comments}</b></span><span>↪ Share</span></div>"
        "<div class=grey style='margin-top:8px'>TikTok</div>"
    )
    truth = {"kind": "post", "platform": "TikTok", "handle": user, "display_name": name}
    truth |= {"time": date, "body": body, "counts": {"likes": likes, "replies": comments}}
    return Fixture("tiktok", page(html, css), truth, width=520)


def youtube_comment(rng: random.Random) -> Fixture:
    name = person(rng)
    user = "@" + handle_of(name, rng)
    time = rng.choice(["2 years ago", "3 weeks ago", "1 day ago", "5 months ago (edited)"])
    likes = rng.randint(2, 9999)
    body = text(rng)
    dark = rng.random() < 0.4
    bg, fg, grey = ("#0f0f0f", "#f1f1f1", "#aaa") if dark else ("#fff", "#0f0f0f", "#606060")
    css = f".grey{{color:{grey};font-size:12px}}"
    html = (
        f"<div style='font-size:20px;font-weight:700;margin-bottom:14px'>{rng.randint(20, 900)} "
        "Comments <span style='font-size:14px;font-weight:500'>☰ Sort by</span></div>"
        "<div style='display:flex;gap:12px'><div style='width:40px;height:40px;border-radius:50%;"
        f"background:#a74'></div><div><b style='font-size:13px'>{user}</b> <span class=grey>{time}"
        f"</span><div style='font-size:14px;margin:4px 0'>{body}</div><div class=grey "
        f"style='font-size:13px'>👍 {comma(likes)} &nbsp; 👎 &nbsp; <b>Reply</b></div><div "
        f"style='color:#3ea6ff;font-size:14px;margin-top:6px'>▾ {rng.randint(2, 40)} replies</div>"
        "</div></div>"
    )
    truth = {"kind": "post", "platform": "YouTube", "handle": user, "time": time, "body": body}
    truth["counts"] = {"likes": likes}
    return Fixture("youtube-comment", page(html, css, bg, fg), truth, width=640)


def telegram_channel(rng: random.Random) -> Fixture:
    channel = rng.choice(["City Transit Updates", "Daily Science Notes", "Harbor Market News"])
    subs = rng.randint(1200, 99999)
    body = text(rng, 2)
    views, views_text = count(rng)
    time = rng.choice(["14:02", "09:41", "21:17"])
    css = ".grey{color:#8a9aa9;font-size:13px}"
    html = (
        f"<div style='background:#fff;padding:8px 12px;border-bottom:1px solid #ddd'><b>{channel}"
        f"</b><div class=grey>{comma(subs)} subscribers</div></div><div style='background:#dfe8d0;"
        "padding:16px'><div style='background:#fff;border-radius:12px;padding:10px;max-width:440px'>"
        f"<b style='color:#3a8ad0'>{channel}</b><div style='margin:4px 0'>{body}</div><div "
        f"class=grey style='text-align:right'>👁 {views_text} &nbsp;{time}</div></div></div>"
        "<div class=grey style='text-align:center;padding:8px'>🔇 Mute</div>"
    )
    truth = {"kind": "post", "platform": "Telegram", "display_name": channel, "time": time}
    truth |= {"body": body, "counts": {"views": views}}
    return Fixture("telegram-channel", page(html, css, "#fff"), truth, width=520)


def bluesky(rng: random.Random) -> Fixture:
    drawn, name, _ = _who(rng)
    user = "@" + handle_of(name, rng) + ".bsky.social"
    time = rng.choice(["February 23, 2026 at 10:02 AM", "October 17, 2025 at 9:41 PM"])
    body = text(rng)
    rp, q, lk = rng.randint(2, 999), rng.randint(2, 99), rng.randint(2, 9999)
    css = ".grey{color:#6f869f}"
    html = (
        "<div style='display:flex;gap:10px'><div style='width:42px;height:42px;border-radius:50%;"
        f"background:#48f'></div><div><b>{drawn}</b><div class=grey>{user}</div></div></div>"
        f"<div style='font-size:18px;margin:12px 0'>{body}</div><div class=grey>{time}</div>"
        f"<div style='border-top:1px solid #d4dbe2;border-bottom:1px solid #d4dbe2;padding:10px 0;"
        f"margin-top:10px'><b>{comma(rp)}</b> <span class=grey>reposts</span> &nbsp; <b>{q}</b> "
        f"<span class=grey>quotes</span> &nbsp; <b>{comma(lk)}</b> <span class=grey>likes</span></div>"
    )
    truth = {"kind": "post", "platform": "Bluesky", "display_name": name, "handle": user}
    truth |= {"time": time, "body": body, "counts": {"reposts": rp, "likes": lk}}
    return Fixture("bluesky", page(html, css), truth, width=560)


TEMPLATES = {
    "x-now": lambda rng: x_post(rng, "now"),
    "x-timeline": lambda rng: x_post(rng, "timeline"),
    "twitter-2019": lambda rng: x_post(rng, "2019"),
    "twitter-2014": twitter_2014,
    "facebook": facebook,
    "instagram": instagram,
    "linkedin": linkedin,
    "tiktok": tiktok,
    "youtube-comment": youtube_comment,
    "telegram-channel": telegram_channel,
    "bluesky": bluesky,
}
