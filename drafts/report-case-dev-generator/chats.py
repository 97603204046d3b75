"""Chat layouts: WhatsApp, iMessage / SMS, Telegram, Messenger, Discord, Slack."""

from __future__ import annotations

from typing import Any

from base import DEJAVU, MONO, SANS, avatar, e, page, photo_avatar, rich, status_bar

C = dict[str, Any]


def _bubbles(
    c: C, inc: str, out: str, fg: str, ofg: str, tick: str = "", names: str = "#c05a8d"
) -> str:
    rows = []
    group = c["x"].get("group")
    for m in c["truth"]["messages"]:
        o = m["outgoing"]
        who = (
            f'<div style="color:{names};font-weight:bold;font-size:13px">{e(m["speaker"])}</div>'
            if group and not o
            else ""
        )
        mark = f" {tick}" if o and tick else ""
        rows.append(
            f'<div class="b {"o" if o else "i"}" style="background:{out if o else inc};color:{ofg if o else fg}">'
            f'{who}<span class="bt">{rich(m["text"], "#53bdeb" if o else "#3b8fd9")}</span>'
            + (f'<span class="t">{e(m["time"])}{mark}</span>' if m.get("time") else "")
            + "</div>"
        )
    return "".join(rows)


def whatsapp(c: C) -> str:
    dark = c.get("theme") == "dark"
    bg, inc, out, bar, fg = (
        ("#0b141a", "#202c33", "#005c4b", "#1f2c34", "#e9edef")
        if dark
        else ("#efe7dd", "#ffffff", "#d9fdd3", "#ffffff", "#111b21")
    )
    t = c["truth"]
    notices = ""
    if c["x"].get("e2e", True):
        notices += f'<div class="note" style="background:{"#182229" if dark else "#ffeecd"};color:{"#ffd279" if dark else "#54656f"}">🔒 Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.</div>'
    if c["x"].get("unknown"):
        notices += f'<div class="note" style="background:{inc};color:{fg}">The sender is not in your contact list<div style="display:flex;justify-content:space-around;color:#00a884;margin-top:6px;font-weight:bold"><span>🚫 Block</span><span>👤 Add</span></div></div>'
    sub = c["x"].get("sub", "online")
    body = f"""{status_bar(c["x"].get("clock", "10:24"), fg, bar)}
<div class="hd" style="background:{bar};color:{fg}"><span style="font-size:20px">←</span>{photo_avatar(38, c["x"].get("av", "linear-gradient(#aab,#667)"))}
 <div style="flex:1"><div style="font-size:16px;font-weight:bold">{e(t["contact"])}</div><div style="font-size:12px;opacity:.7">{e(sub)}</div></div>
 <span style="font-size:18px;color:{"#aebac1" if dark else "#54656f"}">📹 &nbsp;📞 &nbsp;⋮</span></div>
<div class="ms"><div class="day" style="background:{inc};color:{"#8696a0" if dark else "#54656f"}">{e(c["x"].get("day", "TODAY"))}</div>{notices}
{_bubbles(c, inc, out, fg, fg, '<span style="color:#53bdeb">✓✓</span>')}</div>
<div class="in"><div class="box" style="background:{inc};color:#8696a0">😊 &nbsp;Message<span style="float:right">📎 📷</span></div><div class="mic">🎤</div></div>"""
    css = """.hd{display:flex;gap:10px;align-items:center;padding:6px 10px 8px}
.ms{padding:8px 14px;display:flex;flex-direction:column;gap:5px;min-height:180px}
.day{align-self:center;font-size:12px;padding:4px 10px;border-radius:8px;margin-bottom:4px}
.note{align-self:center;text-align:center;font-size:12.5px;padding:6px 12px;border-radius:8px;max-width:88%;margin-bottom:4px}
.b{max-width:80%;padding:6px 9px 7px;border-radius:8px;font-size:14.5px;line-height:1.33;box-shadow:0 1px 0.5px #0002}
.i{align-self:flex-start} .o{align-self:flex-end} .bt{white-space:pre-wrap}
.t{float:right;font-size:11px;opacity:.65;margin:7px 0 -3px 10px}
.in{display:flex;gap:6px;padding:6px 8px 10px} .box{flex:1;border-radius:22px;padding:10px 14px;font-size:15px}
.mic{width:42px;height:42px;border-radius:50%;background:#00a884;display:flex;align-items:center;justify-content:center}"""
    return page(body, css, c["width"], bg, font=DEJAVU)


def imessage(c: C) -> str:
    dark = c.get("theme") == "dark"
    sms = c["x"].get("sms", False)
    bg, inc, fg, mu = (
        ("#000000", "#262629", "#ffffff", "#8e8e93")
        if dark
        else ("#ffffff", "#e9e9eb", "#000000", "#8e8e93")
    )
    out = "#34c759" if sms else "#0a7cff"
    t = c["truth"]
    junk = (
        f'<div style="text-align:center;color:{mu};font-size:12px;margin:6px 20px">This sender is not in your contact list.<br><span style="color:#0a7cff">Report Junk</span></div>'
        if c["x"].get("unknown")
        else ""
    )
    label = "Text Message" if sms else "iMessage"
    body = f"""{status_bar(c["x"].get("clock", "14:03"), fg, bg)}
<div class="hd"><span style="color:#0a7cff;font-size:26px;position:absolute;left:12px;top:14px">‹</span>
 <div style="display:flex;justify-content:center">{avatar(t["contact"] if not t["contact"].lstrip("+").replace(" ", "").isdigit() else "?", 46, "linear-gradient(#a3a8b4,#858a96)")}</div>
 <div style="font-size:12px;color:{fg};margin-top:3px">{e(t["contact"])} ›</div></div>
<div class="ms"><div class="lb">{label}<br>{e(c["x"].get("day", "Today"))}</div>
{_bubbles(c, inc, out, fg, "#ffffff")}
{junk}</div>
<div class="in"><span style="font-size:22px;color:{mu}">⊕</span><div class="box">{label}</div></div>"""
    css = f""".hd{{position:relative;text-align:center;padding:6px 0 8px;background:{"#1c1c1e" if dark else "#f6f6f8"};border-bottom:0.5px solid #8884}}
.ms{{padding:8px 12px;display:flex;flex-direction:column;gap:4px;min-height:200px}}
.lb{{text-align:center;color:{mu};font-size:11.5px;margin:4px 0 8px}}
.b{{max-width:74%;padding:8px 12px;border-radius:18px;font-size:16px;line-height:1.3}}
.i{{align-self:flex-start}} .o{{align-self:flex-end}} .bt{{white-space:pre-wrap}} .t{{display:none}}
.in{{display:flex;gap:8px;align-items:center;padding:6px 10px 14px}} .box{{flex:1;border:1px solid #8886;border-radius:18px;padding:7px 12px;color:{mu};font-size:15px}}"""
    return page(body, css, c["width"], bg, font=SANS)


def telegram(c: C) -> str:
    dark = c.get("theme") == "dark"
    bg, inc, out, bar, fg = (
        ("#0e1621", "#182533", "#2b5278", "#17212b", "#f5f5f5")
        if dark
        else ("#b8cf9f", "#ffffff", "#e1fec6", "#527da3", "#000000")
    )
    t = c["truth"]
    body = f"""<div class="hd" style="background:{bar}"><span style="font-size:20px">←</span>{avatar(t["contact"], 40, c["x"].get("av", "#65aadd"))}
 <div style="flex:1"><div style="font-weight:bold;font-size:16px">{e(t["contact"])}</div><div style="font-size:13px;opacity:.7">{e(c["x"].get("sub", "last seen recently"))}</div></div><span style="font-size:18px">📞 ⋮</span></div>
<div class="ms"><div class="day">{e(c["x"].get("day", "Today"))}</div>{_bubbles(c, inc, out, fg, fg, '<span style="color:#4fae4e">✓✓</span>', "#e17076")}</div>
<div class="in" style="background:{bar}">😊 &nbsp;Message<span style="float:right">📎 &nbsp;🎤</span></div>"""
    css = """.hd{display:flex;gap:10px;align-items:center;padding:9px 12px;color:#fff}
.ms{padding:8px 10px;display:flex;flex-direction:column;gap:5px;min-height:200px}
.day{align-self:center;background:#0005;color:#fff;border-radius:12px;padding:2px 10px;font-size:13px;margin-bottom:4px}
.b{max-width:82%;padding:6px 10px;border-radius:12px;font-size:15px;line-height:1.33}
.i{align-self:flex-start} .o{align-self:flex-end} .bt{white-space:pre-wrap}
.t{float:right;font-size:11.5px;opacity:.6;margin:8px 0 -4px 10px}
.in{padding:13px 14px;color:#7f91a4;font-size:15px}"""
    return page(body, css, c["width"], bg, font=DEJAVU)


def messenger(c: C) -> str:
    dark = c.get("theme") == "dark"
    bg, inc, fg, mu = (
        ("#000000", "#303030", "#e4e6eb", "#b0b3b8")
        if dark
        else ("#ffffff", "#f0f0f0", "#050505", "#65676b")
    )
    t = c["truth"]
    rows = []
    for m in t["messages"]:
        if m.get("time"):
            rows.append(f'<div class="tm">{e(m["time"])}</div>')
        if m["outgoing"]:
            rows.append(f'<div class="b o">{rich(m["text"], "#fff")}</div>')
        else:
            rows.append(
                f'<div class="r">{photo_avatar(28, c["x"].get("av", "linear-gradient(#fb6,#c45)"))}<div class="b i">{rich(m["text"], "#0064d1")}</div></div>'
            )
    body = f"""{status_bar(c["x"].get("clock", "21:37"), fg, bg)}
<div class="hd"><span style="color:#0084ff;font-size:22px">←</span>{photo_avatar(36, c["x"].get("av", "linear-gradient(#fb6,#c45)"))}
 <div style="flex:1"><b>{e(t["contact"])}</b><div style="font-size:12px;color:{mu}">{e(c["x"].get("sub", "Active now"))}</div></div>
 <span style="color:#0084ff;font-size:18px">📞 📹 ⓘ</span></div>
<div class="ms">{"".join(rows)}</div>
<div class="in"><span>➕ 📷 🖼 🎤</span><div class="box">Aa</div><span>👍</span></div>"""
    css = f""".hd{{display:flex;gap:10px;align-items:center;padding:6px 12px 8px;color:{fg};box-shadow:0 1px 2px #0002}}
.ms{{padding:10px 12px;display:flex;flex-direction:column;gap:4px;min-height:200px}}
.r{{display:flex;gap:6px;align-items:flex-end}} .tm{{text-align:center;color:{mu};font-size:12px;margin:8px 0 4px}}
.b{{max-width:72%;padding:8px 12px;border-radius:18px;font-size:15px;line-height:1.33;white-space:pre-wrap}}
.i{{background:{inc};color:{fg}}} .o{{align-self:flex-end;background:linear-gradient(#a033ff,#0084ff);color:#fff}}
.in{{display:flex;gap:8px;align-items:center;padding:8px 10px 12px;color:#0084ff;font-size:18px}} .box{{flex:1;background:{inc};color:{mu};border-radius:18px;padding:7px 12px;font-size:15px}}"""
    return page(body, css, c["width"], bg, font=SANS)


def discord(c: C) -> str:
    t = c["truth"]
    colors = c["x"].get("colors", {})
    rows = []
    prev = None
    for m in t["messages"]:
        if m["speaker"] == prev:
            rows.append(
                f'<div class="m cont"><div class="tx">{rich(m["text"], "#00a8fc")}</div></div>'
            )
            continue
        prev = m["speaker"]
        col = colors.get(m["speaker"], "#f2f3f5")
        rows.append(
            f'<div class="m">{avatar(m["speaker"], 40, col)}<div><div><span style="color:{col};font-weight:600">{e(m["speaker"])}</span> '
            f'<span class="mu">{e(m["time"])}</span></div><div class="tx">{rich(m["text"], "#00a8fc")}</div></div></div>'
        )
    topic = c["x"].get("topic", "")
    body = f"""<div class="hd"><span style="color:#80848e;font-size:22px">#</span><b>{e(t["contact"])}</b>
 {'<span class="tp">' + e(topic) + "</span>" if topic else ""}<span style="margin-left:auto;color:#b5bac1">🔔 📌 👥 🔍</span></div>
<div class="ms">{"".join(rows)}</div><div class="in">＋ &nbsp; Message #{e(t["contact"])}<span style="float:right">🎁 GIF 😀</span></div>"""
    css = """.hd{display:flex;gap:8px;align-items:center;padding:11px 16px;color:#f2f3f5;border-bottom:1px solid #1f2023;font-size:16px}
.tp{color:#949ba4;font-size:14px;border-left:1px solid #4e5058;padding-left:10px;margin-left:4px}
.ms{padding:10px 0} .m{display:flex;gap:14px;padding:5px 16px;color:#dbdee1;font-size:15.5px;line-height:1.38}
.cont{padding:1px 16px 1px 70px} .mu{color:#949ba4;font-size:12px;margin-left:4px} .tx{white-space:pre-wrap}
.in{margin:6px 16px 18px;background:#383a40;color:#6d6f78;border-radius:8px;padding:11px 14px;font-size:15px}"""
    return page(body, css, c["width"], "#313338", font=SANS)


def slack(c: C) -> str:
    t = c["truth"]
    chans = "".join(
        f'<div style="padding:3px 14px;{"background:#1164a3;color:#fff;" if ch == t["contact"] else ""}"># {e(ch)}</div>'
        for ch in c["x"].get("channels", [t["contact"]])
    )
    rows = []
    for m in t["messages"]:
        code = "\n" in m["text"] and "=" in m["text"]
        body = (
            f'<pre class="cb">{e(m["text"])}</pre>'
            if code
            else f'<div class="tx">{rich(m["text"], "#1264a3")}</div>'
        )
        rows.append(
            f'<div class="m">{avatar(m["speaker"], 36, c["x"].get("colors", {}).get(m["speaker"], "#4a8"), "6px")}<div>'
            f'<div><b>{e(m["speaker"])}</b> <span class="mu">{e(m["time"])}</span></div>{body}</div></div>'
        )
    body = f"""<div class="wrap"><div class="side"><div class="ws">{e(c["x"]["workspace"])} ⌄</div><div class="mu2" style="padding:10px 14px 4px">▾ Channels</div>{chans}</div>
<div class="main"><div class="hd"><b># {e(t["contact"])}</b> ⌄<span class="mu" style="float:right">👤 {e(c["x"].get("members", "12"))}</span></div>
<div class="ms">{"".join(rows)}</div><div class="in">Message #{e(t["contact"])}<div class="mu" style="margin-top:14px">＋ &nbsp;Aa &nbsp;😀 &nbsp;@ <span style="float:right">➤</span></div></div></div></div>"""
    side = c["x"].get("side", 200)
    css = f""".wrap{{display:flex;min-height:360px}} .side{{width:{side}px;flex:none;background:#3f0e40;color:#cfc3cf;font-size:14px}}
.ws{{color:#fff;font-weight:bold;font-size:17px;padding:12px 14px;border-bottom:1px solid #5d2c5d}} .mu2{{color:#cfc3cf;font-size:13px}}
.main{{flex:1;background:#fff;color:#1d1c1d;min-width:0}} .hd{{padding:12px 16px;border-bottom:1px solid #ddd;font-size:16px}}
.ms{{padding:8px 0}} .m{{display:flex;gap:9px;padding:6px 16px;font-size:15px;line-height:1.42}} .mu{{color:#616061;font-size:12px}}
.tx{{white-space:pre-wrap;word-break:break-word}} .cb{{margin:4px 0;background:#f8f8f8;border:1px solid #ddd;border-radius:4px;padding:8px;font:13px {MONO};white-space:pre-wrap;word-break:break-all;color:#c7254e}} .in{{margin:8px 16px 16px;border:1px solid #bbb;border-radius:8px;padding:10px 12px;color:#868686;font-size:15px}}"""
    return page(body, css, c["width"], "#fff", font=SANS)


RENDER = {
    "whatsapp": whatsapp,
    "imessage": imessage,
    "telegram": telegram,
    "messenger": messenger,
    "discord": discord,
    "slack": slack,
}
