"""Post layouts: X (current detail view), Twitter web 2019, Facebook, Instagram, LinkedIn,
Bluesky, a Threads-like app, TikTok and YouTube comment lists, a Telegram channel post."""

from __future__ import annotations

from typing import Any

from base import DEJAVU, SANS, avatar, e, page, photo_avatar, rich, status_bar

C = dict[str, Any]
TONES = {
    "light": ("#ffffff", "#0f1419", "#536471", "#eff3f4"),
    "dim": ("#15202b", "#f7f9f9", "#8b98a5", "#38444d"),
    "black": ("#000000", "#e7e9ea", "#71767b", "#2f3336"),
    "dark": ("#18191a", "#e4e6eb", "#b0b3b8", "#3a3b3c"),
}


def _tone(c: C) -> tuple[str, str, str, str]:
    return TONES[c.get("theme", "light")]


def _media(c: C, radius: int = 0, border: str = "none") -> str:
    m = c.get("x", {}).get("media")
    if not m:
        return ""
    return (
        f'<style>.mb > div{{position:absolute}}</style><div class="mb" style="position:relative;height:{c["x"].get("media_h", 260)}px;background:{m};'
        f'border-radius:{radius}px;border:{border};overflow:hidden;margin:8px 0">'
        f"{c['x'].get('media_html', '')}</div>"
    )


def x_now(c: C) -> str:
    bg, fg, mu, bd = _tone(c)
    t = c["truth"]
    badge = (
        '<span style="display:inline-block;width:17px;height:17px;border-radius:50%;'
        "background:#1d9bf0;color:#fff;font-size:11px;text-align:center;line-height:17px;"
        'margin-left:4px;vertical-align:1px">✓</span>'
        if t.get("verified")
        else ""
    )
    reply = (
        f'<div style="color:{mu};font-size:15px;margin:6px 0 0">Replying to '
        f'<span style="color:#1d9bf0">{e(t["replying_to"])}</span></div>'
        if t.get("replying_to")
        else ""
    )
    counts = "".join(
        f'<span>{icon} <span style="margin-left:4px">{e(t.get(k, ""))}</span></span>'
        for icon, k in (("🗨", "replies"), ("⟲", "reposts"), ("♡", "likes"), ("🔖", "bookmarks"))
        if t.get(k)
    )
    views = f' · <b style="color:{fg}">{e(t["views"])}</b> Views' if t.get("views") else ""
    body = f"""
<div class="nav"><span style="font-size:20px">←</span><b>Post</b></div>
<div class="wrap">
 <div class="head">{avatar(t["name"], 40, c["x"].get("av", "#7856ff"))}
  <div><div class="nm">{e(t["name"])}{badge}</div><div class="mu">{e(t["handle"])}</div></div>
  <div style="margin-left:auto;color:{mu}">···</div></div>
 {reply}
 <div class="txt">{rich(t["text"], "#1d9bf0")}</div>
 {_media(c, 16, f"1px solid {bd}")}
 <div class="mu tm">{e(t["time"])}{views}</div>
 <div class="cnt mu">{counts}</div>
</div>"""
    css = f""".nav{{display:flex;gap:28px;align-items:center;padding:12px 16px;color:{fg};font-size:19px}}
.wrap{{padding:4px 16px 12px;color:{fg};border-bottom:1px solid {bd}}}
.head{{display:flex;gap:10px;align-items:center}} .nm{{font-weight:bold;font-size:15px}}
.mu{{color:{mu};font-size:15px}} .txt{{font-size:17px;line-height:1.4;margin:12px 0 6px;white-space:pre-wrap}}
.tm{{padding:10px 0;border-bottom:1px solid {bd}}}
.cnt{{display:flex;justify-content:space-between;padding:12px 8px 2px;font-size:14px}}"""
    return page(body, css, c["width"], bg)


def twitter_2019(c: C) -> str:
    bg, fg, mu, bd = _tone(c)
    t = c["truth"]
    reply = (
        f'<div style="color:{mu};margin-top:8px">Replying to <span style="color:#1da1f2">'
        f"{e(t['replying_to'])}</span></div>"
        if t.get("replying_to")
        else ""
    )
    body = f"""
<div class="bar"><span style="color:#1da1f2;font-size:22px">←</span><b>Tweet</b></div>
<div class="tw">
 <div style="display:flex;gap:10px;align-items:center">{photo_avatar(49, c["x"].get("av", "linear-gradient(#8ab,#345)"))}
  <div><div style="font-weight:bold">{e(t["name"])}</div><div class="mu">{e(t["handle"])}</div></div>
  <div style="margin-left:auto;border:1px solid #1da1f2;color:#1da1f2;border-radius:99px;padding:5px 14px;font-weight:bold;font-size:14px">Follow</div></div>
 {reply}
 <div class="txt">{rich(t["text"], "#1da1f2")}</div>
 {_media(c, 14)}
 <div class="mu" style="padding:12px 0;border-bottom:1px solid {bd}">{e(t["time"])} · <span style="color:#1da1f2">{e(c["x"].get("source", "Twitter Web App"))}</span></div>
 <div style="padding:12px 0;border-bottom:1px solid {bd}"><b>{e(t["retweets"])}</b> <span class="mu">Retweets</span> &nbsp;&nbsp; <b>{e(t["likes"])}</b> <span class="mu">Likes</span></div>
 <div class="mu" style="display:flex;justify-content:space-around;padding:10px 0;font-size:18px"><span>💬</span><span>🔁</span><span>♡</span><span>⇪</span></div>
</div>"""
    css = f""".bar{{display:flex;gap:30px;align-items:center;padding:10px 15px;color:{fg};font-size:19px;border-bottom:1px solid {bd}}}
.tw{{padding:10px 15px;color:{fg};font-size:15px}} .mu{{color:{mu}}}
.txt{{font-size:23px;line-height:1.3;margin:12px 0 8px;white-space:pre-wrap}}"""
    return page(
        body,
        css,
        c["width"],
        bg,
        font=SANS.replace("'Liberation Sans',", "'DejaVu Sans','Liberation Sans',"),
    )


def facebook(c: C) -> str:
    bg, fg, mu, bd = _tone(c)
    t = c["truth"]
    wordmark = (
        '<div style="color:#1877f2;font:bold 28px '
        + SANS
        + ';padding:8px 14px;letter-spacing:-1px">facebook</div>'
        if c["x"].get("wordmark")
        else ""
    )
    body = f"""{status_bar(c["x"].get("clock", "9:41"), fg, bg)}{wordmark}
<div class="po">
 <div class="hd">{photo_avatar(42, c["x"].get("av", "linear-gradient(#f5a,#a3f)"))}
  <div><b>{e(t["name"])}</b><div class="mu">{e(t["time"])} · 🌍</div></div><div style="margin-left:auto" class="mu">··· ✕</div></div>
 <div class="tx">{rich(t["text"], "#1877f2" if c.get("theme") == "light" else "#4599ff")}</div>
 {_media(c)}
 <div class="ct mu"><span>👍😮😢 {e(t.get("reactions", ""))}</span><span>{e(t.get("comments", ""))} comments &nbsp; {e(t.get("shares", ""))} shares</span></div>
 <div class="bt mu"><span>👍 Like</span><span>💬 Comment</span><span>↗ Share</span></div>
</div>"""
    css = f""".po{{color:{fg};font-size:15px;line-height:1.38;padding:10px 0 4px}}
.hd{{display:flex;gap:9px;padding:0 14px 6px;align-items:center}} .mu{{color:{mu};font-size:13px}}
.tx{{padding:4px 14px 8px;white-space:pre-wrap}}
.ct{{display:flex;justify-content:space-between;padding:8px 14px;border-bottom:1px solid {bd}}}
.bt{{display:flex;justify-content:space-around;padding:8px 0;font-size:14px;font-weight:bold}}"""
    return page(body, css, c["width"], bg, font=DEJAVU)


def instagram(c: C) -> str:
    bg, fg, mu, _ = _tone(c)
    t = c["truth"]
    tick = (
        ' <span style="background:#0095f6;color:#fff;border-radius:50%;font-size:9px;padding:1px 4px">✓</span>'
        if t.get("verified")
        else ""
    )
    ring = "linear-gradient(45deg,#feda75,#fa7e1e,#d62976,#962fbf,#4f5bd5)"
    av = (
        f'<div style="padding:2px;border-radius:50%;background:{ring}"><div style="padding:2px;'
        f'border-radius:50%;background:{bg}">{photo_avatar(30, c["x"].get("av", "linear-gradient(#fc9,#c63)"))}</div></div>'
    )
    body = f"""{status_bar(c["x"].get("clock", "12:07"), fg, bg)}
<div class="top"><span>←</span><b>Posts</b><span></span></div>
<div class="hd">{av}<div><b>{e(t["handle"])}</b>{tick}<div class="sm">{e(t.get("location", ""))}</div></div><div style="margin-left:auto">⋯</div></div>
{_media(c)}
<div class="ac"><span>♡ &nbsp;💬 &nbsp;➤</span><span>🔖</span></div>
<div class="tx"><b>{e(t["likes"])} likes</b></div>
<div class="tx"><b>{e(t["handle"])}</b> {rich(t["text"], "#e0f1ff" if bg != "#ffffff" else "#00376b")}</div>
<div class="tx mu">View all {e(t.get("comments", ""))} comments</div>
<div class="tx mu sm">{e(t["time"])}</div>"""
    css = f""".top{{display:flex;justify-content:space-between;padding:8px 14px;color:{fg};font-size:17px}}
.hd{{display:flex;gap:10px;align-items:center;padding:6px 12px;color:{fg};font-size:14px}}
.sm{{font-size:12px}} .mu{{color:{mu}}} .ac{{display:flex;justify-content:space-between;padding:6px 12px;font-size:23px;color:{fg}}}
.tx{{padding:2px 12px;color:{fg};font-size:14px;line-height:1.4;white-space:pre-wrap}} body{{padding-bottom:12px}}"""
    return page(body, css, c["width"], bg, font=DEJAVU)


def linkedin(c: C) -> str:
    bg, fg, mu, bd = _tone(c)
    t = c["truth"]
    body = f"""<div class="card">
 <div class="hd">{photo_avatar(48, c["x"].get("av", "linear-gradient(#9bd,#357)"))}
  <div><b>{e(t["name"])}</b> <span class="mu">• {e(c["x"].get("degree", "2nd"))}</span>
  <div class="mu">{e(t.get("headline", ""))}</div><div class="mu">{e(t["time"])} • 🌐</div></div>
  <div style="margin-left:auto;color:#0a66c2;font-weight:bold">+ Follow</div></div>
 <div class="tx">{rich(t["text"], "#0a66c2")}</div>
 {_media(c)}
 <div class="ct mu"><span>👍❤️💡 {e(t.get("reactions", ""))}</span><span>{e(t.get("comments", ""))} comments • {e(t.get("reposts", ""))} reposts</span></div>
 <div class="bt mu"><span>👍 Like</span><span>💬 Comment</span><span>🔁 Repost</span><span>➤ Send</span></div>
</div>"""
    css = f"""body{{padding:10px}} .card{{background:{bg};border:1px solid {bd};border-radius:8px;color:{fg};font-size:14px;line-height:1.42}}
.hd{{display:flex;gap:8px;padding:12px 16px 0}} .mu{{color:{mu};font-size:12px}}
.tx{{padding:10px 16px;white-space:pre-wrap}} .ct{{display:flex;justify-content:space-between;padding:8px 16px;border-bottom:1px solid {bd}}}
.bt{{display:flex;justify-content:space-around;padding:10px 4px;font-weight:bold;font-size:13px}}"""
    outer = "#f4f2ee" if c.get("theme") == "light" else "#000000"
    return page(body, css, c["width"], outer)


def bluesky(c: C) -> str:
    bg, fg, mu, bd = _tone(c)
    t = c["truth"]
    reply = (
        f'<div style="color:{mu};font-size:13px">↩ Reply to {e(t["replying_to"])}</div>'
        if t.get("replying_to")
        else ""
    )
    label = (
        f'<div style="display:inline-block;margin:4px 0;padding:3px 9px;border-radius:6px;'
        f'background:{bd};color:{mu};font-size:13px">⚠ {e(t["label"])}</div>'
        if t.get("label")
        else ""
    )
    counts = "".join(
        f"<span>{icon} {e(t.get(k, ''))}</span>"
        for icon, k in (("💬", "replies"), ("🔁", "reposts"), ("♡", "likes"))
    )
    body = f"""<div class="top"><span style="font-size:26px">🦋</span></div>
<div class="po">{avatar(t["name"], 42, c["x"].get("av", "#0085ff"))}
 <div style="flex:1"><div><b>{e(t["name"])}</b> <span class="mu">{e(t["handle"])} · {e(t["time"])}</span></div>
 {reply}<div class="tx">{rich(t["text"], "#1083fe")}</div>{label}{_media(c, 10)}
 <div class="cnt mu">{counts}<span>···</span></div></div></div>"""
    css = f""".top{{text-align:center;padding:8px;border-bottom:1px solid {bd}}}
.po{{display:flex;gap:10px;padding:12px 14px;color:{fg};font-size:15px;border-bottom:1px solid {bd}}}
.mu{{color:{mu}}} .tx{{line-height:1.35;margin:3px 0 6px;white-space:pre-wrap}}
.cnt{{display:flex;justify-content:space-between;max-width:340px;font-size:14px;margin-top:6px}}"""
    return page(body, css, c["width"], bg, font=DEJAVU)


def threads(c: C) -> str:
    bg, fg, mu, bd = _tone(c)
    t = c["truth"]
    counts = "".join(
        f'<span>{icon} <span style="font-size:13px">{e(t.get(k, ""))}</span></span>'
        for icon, k in (("♡", "likes"), ("💬", "replies"), ("⟳", "reposts"), ("➤", "shares"))
    )
    body = f"""{status_bar(c["x"].get("clock", "8:12"), fg, bg)}
<div style="text-align:center;font:bold 30px {SANS};color:{fg};padding:4px">@</div>
<div class="po">{photo_avatar(36, c["x"].get("av", "linear-gradient(#ccc,#555)"))}
 <div style="flex:1"><div><b>{e(t["handle"])}</b> <span class="mu">{e(t["time"])}</span><span class="mu" style="float:right">···</span></div>
 <div class="tx">{rich(t["text"], "#4a7fd6")}</div>{_media(c, 8)}
 <div class="cnt">{counts}</div></div></div>"""
    css = f""".po{{display:flex;gap:10px;padding:12px 16px;color:{fg};font-size:15px;border-bottom:1px solid {bd}}}
.mu{{color:{mu}}} .tx{{line-height:1.4;margin:2px 0 8px;white-space:pre-wrap}}
.cnt{{display:flex;gap:20px;font-size:18px;color:{fg}}}"""
    return page(body, css, c["width"], bg, font=DEJAVU)


def comments(c: C) -> str:
    """A comment list: TikTok's bottom sheet, or YouTube's comments under a video title."""
    bg, fg, mu, bd = _tone(c)
    t = c["truth"]
    yt = c["platform"] == "youtube"
    rows = []
    for cm in t["comments"]:
        who = e(cm["handle"])
        if yt:
            meta = f'<div class="mu"><b style="color:{fg}">{who}</b> · {e(cm["time"])}</div>'
            foot = f'<div class="mu ft">👍 {e(cm.get("likes", ""))} &nbsp; 👎 &nbsp; Reply</div>'
            if cm.get("replies"):
                foot += f'<div style="color:#3ea6ff;font-weight:bold;font-size:13px">▾ {e(cm["replies"])} replies</div>'
            rows.append(
                f'<div class="cm">{avatar(cm["handle"].lstrip("@"), 36, cm.get("av", "#c0392b"))}<div style="flex:1">{meta}<div class="tx">{e(cm["text"])}</div>{foot}</div></div>'
            )
        else:
            heart = f'<div class="mu" style="text-align:center;font-size:12px">♡<br>{e(cm.get("likes", ""))}</div>'
            rows.append(
                f'<div class="cm">{photo_avatar(34, cm.get("av", "linear-gradient(#f77,#527)"))}<div style="flex:1"><div class="mu">{who}</div><div class="tx">{e(cm["text"])}</div><div class="mu ft">{e(cm["time"])} &nbsp; Reply</div></div>{heart}</div>'
            )
    if yt:
        head = f"""<div class="yt"><span style="background:#f00;color:#fff;border-radius:6px;padding:1px 7px;font-size:12px">▶</span> <b style="letter-spacing:-1px">YouTube</b></div>
<div style="height:{c["x"].get("video_h", 0)}px;background:{c["x"].get("video", "#000")}"></div>
<div class="vt">{e(t["video_title"])}</div>
<div class="hdr"><b>Comments</b> <span class="mu">{e(t["count"])}</span></div>"""
    else:
        head = f'<div class="hdr" style="text-align:center;font-size:14px"><b>{e(t["count"])} comments</b><span style="float:right">✕</span></div>'
    inp = "Add comment..." if not yt else "Add a comment..."
    body = (
        f'{head}{"".join(rows)}<div class="inp">{inp} <span style="float:right">@ 😀</span></div>'
    )
    css = f""".yt{{padding:10px 14px;color:{fg};font-size:18px}} .vt{{color:{fg};font-weight:bold;font-size:17px;padding:10px 14px}}
.hdr{{padding:10px 14px;color:{fg};font-size:15px}} .mu{{color:{mu};font-size:13px}}
.cm{{display:flex;gap:10px;padding:8px 14px;color:{fg}}} .tx{{font-size:14px;line-height:1.35;margin:2px 0}}
.ft{{margin:3px 0 2px}} .inp{{margin:8px 14px 14px;padding:9px 12px;border-radius:20px;background:{bd};color:{mu};font-size:14px}}"""
    return page(body, css, c["width"], bg, font=DEJAVU if not yt else SANS)


def telegram_channel(c: C) -> str:
    dark = c.get("theme") != "light"
    bg, bubble, fg, mu = (
        ("#0e1621", "#182533", "#f5f5f5", "#6d8299")
        if dark
        else ("#99b58a", "#ffffff", "#000000", "#8a9aa8")
    )
    bar = "#17212b" if dark else "#517da2"
    t = c["truth"]
    reacts = "".join(
        f'<span style="background:{"#2b5278" if dark else "#e3eefa"};border-radius:12px;padding:2px 8px;margin-right:4px">{e(r)}</span>'
        for r in t.get("reactions", [])
    )
    body = f"""<div class="bar">{avatar(t["channel"], 38, c["x"].get("av", "#e17076"))}
 <div><b>{e(t["channel"])}</b><div style="font-size:13px;opacity:.75">{e(t["subscribers"])} subscribers</div></div>
 <div style="margin-left:auto;font-size:18px">🔍 ⋮</div></div>
<div class="feed"><div class="date">{e(t.get("day", "Today"))}</div>
<div class="bub"><div style="color:#6ab3f3;font-weight:bold;margin-bottom:3px">{e(t["channel"])}</div>
<div class="tx">{rich(t["text"], "#6ab3f3" if dark else "#168acd")}</div>
<div style="margin-top:6px;font-size:13px">{reacts}</div>
<div class="mu" style="text-align:right">👁 {e(t["views"])} &nbsp;{e(t["time"])}</div></div></div>
<div class="mute">🔇 Mute</div>"""
    css = f""".bar{{display:flex;gap:10px;align-items:center;background:{bar};color:#fff;padding:8px 12px}}
.feed{{padding:10px 10px 14px}} .date{{text-align:center;margin:4px auto 10px;width:max-content;background:#0006;color:#fff;border-radius:12px;padding:2px 10px;font-size:13px}}
.bub{{background:{bubble};color:{fg};border-radius:12px;padding:8px 11px;font-size:15px;max-width:92%}}
.tx{{white-space:pre-wrap;line-height:1.35}} .mu{{color:{mu};font-size:12px;margin-top:4px}}
.mute{{background:{bar};color:#6ab3f3;text-align:center;padding:12px;font-weight:bold}}"""
    return page(body, css, c["width"], bg, font=DEJAVU)


RENDER = {
    "x": x_now,
    "twitter2019": twitter_2019,
    "facebook": facebook,
    "instagram": instagram,
    "linkedin": linkedin,
    "bluesky": bluesky,
    "threads": threads,
    "comments": comments,
    "telegram-channel": telegram_channel,
}
