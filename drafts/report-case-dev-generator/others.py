"""Emails (three client looks), reviews (Google, Trustpilot, App Store), posters, caption memes,
terminals and editors, and a printed letter."""

from __future__ import annotations

import random
from typing import Any

from base import DEJAVU, MONO, SANS, SERIF, avatar, e, page, photo_avatar, rich, status_bar

C = dict[str, Any]


def qr(seed: str, cell: int = 7) -> str:
    """A QR-like picture: three finder squares and random modules. Decoration, not a code."""
    rng = random.Random(seed)
    n = 21
    cells = []
    for y in range(n):
        for x in range(n):
            finder = any(
                0 <= x - fx < 7 and 0 <= y - fy < 7 for fx, fy in ((0, 0), (14, 0), (0, 14))
            )
            if finder:
                dx = min(abs(x - fx - 3) for fx in (0, 14) if 0 <= x - fx < 7)
                dy = min(abs(y - fy - 3) for fy in (0, 14) if 0 <= y - fy < 7)
                on = max(dx, dy) != 2
            else:
                on = rng.random() < 0.48
            cells.append(f'<i style="background:{"#000" if on else "#fff"}"></i>')
    return (
        f'<div style="display:inline-grid;grid-template-columns:repeat({n},{cell}px);'
        f'border:{cell * 3}px solid #fff;line-height:0">'
        + "".join(cells).replace("<i ", '<i class="q" ')
        + f"</div><style>.q{{display:block;width:{cell}px;height:{cell}px}}</style>"
    )


def _body_html(c: C, link: str) -> str:
    x = c["x"]
    out = []
    for para in c["truth"]["body"].split("\n\n"):
        if para == x.get("button"):
            out.append(
                f'<p><span style="display:inline-block;background:{x.get("button_bg", "#0f6cbd")};color:#fff;padding:10px 24px;border-radius:4px;font-weight:bold">{e(para)}</span></p>'
            )
        else:
            out.append(f"<p>{rich(para, link).replace(chr(10), '<br>')}</p>")
        if x.get("qr_after") == para:
            out.append(f"<p>{qr(c['id'], 6)}</p>")
    return "".join(out)


def email(c: C) -> str:
    t = c["truth"]
    style = c["x"].get("client", "web")
    dark = c.get("theme") == "dark"
    bg, fg, mu, link = (
        ("#1e1e1e", "#e6e6e6", "#a0a0a0", "#8ab4f8")
        if dark
        else ("#ffffff", "#202124", "#5f6368", "#1a5fb4")
    )
    body = _body_html(c, link)
    if style == "mobile":
        html = f"""{status_bar(c["x"].get("clock", "07:52"), fg, bg)}
<div style="color:#0a84ff;padding:6px 14px;font-size:16px">‹ Inbox</div>
<div class="wrap"><div style="display:flex;gap:10px;align-items:center">{avatar(t["from_name"], 40, c["x"].get("av", "#8e8e93"))}
<div style="flex:1"><b>{e(t["from_name"])}</b> <span class="mu" style="float:right">{e(t["date"])}</span><div class="mu">&lt;{e(t["from_addr"])}&gt;</div><div class="mu">To: {e(t["to"])}</div></div></div>
<div class="subj">{e(t["subject"])}</div><div class="bd">{body}</div></div>"""
        css = ".subj{font-size:19px;font-weight:bold;margin:14px 0 4px} .wrap{padding:6px 16px 16px} .bd{font-size:15px}"
    elif style == "desk":
        html = f"""<div class="tb"><b>✉ Mail</b><span>↩ Reply</span><span>↩↩ Reply all</span><span>↪ Forward</span><span>🗑 Delete</span><span>⚠ Junk</span></div>
<div class="wrap"><div class="subj">{e(t["subject"])}</div>
<div style="display:flex;gap:12px">{avatar(t["from_name"], 44, c["x"].get("av", "#5c2d91"))}
<div style="flex:1"><div><b>{e(t["from_name"])}</b> &lt;{e(t["from_addr"])}&gt;</div><div class="mu">To: {e(t["to"])}</div></div><div class="mu">{e(t["date"])}</div></div>
<div class="bd" style="margin-left:56px">{body}</div></div>"""
        css = f""".tb{{display:flex;gap:22px;background:{"#2b2b2b" if dark else "#f0f0f0"};padding:9px 18px;font-size:13px;border-bottom:1px solid #8883}}
.subj{{font-size:20px;font-weight:600;margin:6px 0 14px}} .wrap{{padding:16px 22px}} .bd{{font-size:14.5px}}"""
    else:
        html = f"""<div class="wrap"><div class="subj">{e(t["subject"])} <span class="chip">Inbox ×</span></div>
<div style="display:flex;gap:12px">{photo_avatar(40, c["x"].get("av", "linear-gradient(#7ab,#258)"))}
<div style="flex:1"><div><b>{e(t["from_name"])}</b> <span class="mu">&lt;{e(t["from_addr"])}&gt;</span></div><div class="mu">to {e(t["to"])} ▾</div></div>
<div class="mu">{e(t["date"])} &nbsp;☆ ↩ ⋮</div></div><div class="bd" style="margin-left:52px">{body}</div>
<div style="margin-left:52px;display:flex;gap:10px"><span class="pill">↩ Reply</span><span class="pill">↪ Forward</span></div></div>"""
        css = f""".subj{{font-size:22px;margin:4px 0 18px}} .wrap{{padding:18px 24px}} .bd{{font-size:14px}}
.chip{{font-size:12px;background:{"#444" if dark else "#ddd"};border-radius:4px;padding:1px 6px;vertical-align:3px}}
.pill{{border:1px solid #8886;border-radius:18px;padding:7px 18px;font-size:14px}}"""
    css += f"\nbody{{color:{fg}}} .mu{{color:{mu};font-size:13px}} .bd{{line-height:1.5}} .bd p{{margin:10px 0}}"
    return page(html, css, c["width"], bg, font=SANS if style != "mobile" else DEJAVU)


def review(c: C) -> str:
    t = c["truth"]
    p = c["platform"]
    x = c["x"]
    n = t["stars"]
    if p == "trustpilot":
        col = {1: "#ff3722", 2: "#ff8622", 3: "#ffce00", 4: "#73cf11", 5: "#00b67a"}[n]
        stars = "".join(
            f'<span class="s" style="background:{col if i < n else "#dcdce6"}">★</span>'
            for i in range(5)
        )
        html = f"""<div class="co"><b>{e(x["company"])}</b><div class="mu">Reviews {e(x.get("count", "212"))} • {e(x.get("score", "Bad"))}</div></div>
<div class="rv"><div style="display:flex;gap:10px;align-items:center">{avatar(t["reviewer"], 40, "#e6e6dd", fg="#333")}<div><b>{e(t["reviewer"])}</b><div class="mu">{e(x.get("country", "GB"))} • 1 review</div></div></div>
<hr><div style="display:flex;justify-content:space-between">{stars}<span class="mu">{e(x.get("posted", ""))}</span></div>
<div class="ti">{e(t["title"])}</div><div class="tx">{e(t["text"])}</div><div style="margin-top:12px"><b>Date of experience:</b> {e(t["date"])}</div>
<div class="mu" style="margin-top:12px">👍 Useful &nbsp; ↗ Share &nbsp; ⚑</div></div>"""
        css = """body{padding:14px;color:#191919;font-size:15px} .co{padding:6px 4px 12px} .rv{background:#fff;border-radius:12px;padding:18px}
.mu{color:#6b6b82;font-size:13px} hr{border:0;border-top:1px solid #e5e5dd;margin:14px 0} .s{display:inline-block;width:24px;height:24px;color:#fff;text-align:center;line-height:24px;margin-right:2px;font-size:17px}
.ti{font-weight:bold;font-size:19px;margin:12px 0 6px} .tx{line-height:1.45}"""
        return page(html, css, c["width"], "#f1f1e8", font=DEJAVU)
    if p == "appstore":
        stars = "".join("★" if i < n else "☆" for i in range(5))
        html = f"""{status_bar(x.get("clock", "11:20"), "#000", "#fff")}
<div class="app"><div style="width:64px;height:64px;border-radius:15px;background:{x.get("icon", "linear-gradient(#3c9,#096)")}"></div><div><b style="font-size:19px">{e(x["app"])}</b><div class="mu">{e(x.get("dev", ""))}</div><div class="mu">{e(x.get("rating", ""))}</div></div></div>
<div class="h2">Ratings &amp; Reviews <span style="float:right;color:#007aff;font-size:16px;font-weight:normal">See All</span></div>
<div class="card"><div style="display:flex;justify-content:space-between"><b>{e(t["title"])}</b><span class="mu">{e(t["date"])}</span></div>
<div style="display:flex;justify-content:space-between"><span style="color:#ff9500;font-size:14px">{stars}</span><span class="mu">{e(t["reviewer"])}</span></div>
<div class="tx">{e(t["text"])}</div></div>"""
        css = """body{color:#000;font-size:15px} .app{display:flex;gap:14px;padding:10px 18px} .mu{color:#8a8a8e;font-size:13px}
.h2{font-size:21px;font-weight:bold;padding:14px 18px 8px} .card{background:#f2f2f7;border-radius:12px;margin:0 18px 18px;padding:14px}
.tx{margin-top:8px;line-height:1.4}"""
        return page(html, css, c["width"], "#ffffff", font=SANS)
    stars = f'<span style="color:#fbbc04">{"★" * n}</span><span style="color:#dadce0">{"★" * (5 - n)}</span>'
    owner = (
        f'<div class="ow"><b>Response from the owner</b> <span class="mu">{e(x["owner_when"])}</span><div>{e(x["owner"])}</div></div>'
        if x.get("owner")
        else ""
    )
    html = f"""<div class="pl"><b style="font-size:20px">{e(x["place"])}</b><div class="mu">{e(x.get("place_sub", ""))}</div></div>
<div class="rv"><div style="display:flex;gap:12px;align-items:center">{photo_avatar(40, x.get("av", "linear-gradient(#8c5,#463)"))}<div><b>{e(t["reviewer"])}</b><div class="mu">{e(x.get("guide", "Local Guide · 23 reviews · 140 photos"))}</div></div><span style="margin-left:auto">⋮</span></div>
<div style="margin:8px 0">{stars} <span class="mu">&nbsp;{e(t["date"])}</span></div><div class="tx">{e(t["text"])}</div>
<div class="mu" style="margin-top:10px">👍 Like &nbsp;&nbsp; ↗ Share</div>{owner}</div>"""
    css = """body{color:#202124;font-size:14px} .pl{padding:14px 18px;border-bottom:1px solid #e8eaed} .rv{padding:14px 18px}
.mu{color:#70757a;font-size:13px} .tx{line-height:1.5} .ow{margin:12px 0 0 20px;padding:10px;background:#f1f3f4;border-radius:8px;line-height:1.45}"""
    return page(html, css, c["width"], "#ffffff", font=SANS)


def poster(c: C) -> str:
    t = c["truth"]
    x = c["x"]
    lines = "".join(f'<p class="ln">{e(line)}</p>' for line in t["lines"])
    code = (
        f'<div style="margin:14px 0">{qr(c["id"], x.get("qr_cell", 7))}</div>'
        if t.get("qr_drawn")
        else ""
    )
    foot = f'<div class="ft">{e(t["footer"])}</div>' if t.get("footer") else ""
    html = f"""<div class="wall"><div class="po">{'<div class="tape"></div>' if x.get("tape") else ""}<div class="ti">{e(t["title"])}</div>{lines}{code}{foot}</div></div>"""
    css = f""".wall{{padding:{x.get("pad", 30)}px;background:{x.get("wall", "linear-gradient(135deg,#8d8d8d,#b9b9b9)")}}}
.po{{position:relative;background:{x.get("bg", "#fff")};color:{x.get("fg", "#111")};padding:{x.get("inner", 28)}px;text-align:center;
border-radius:{x.get("radius", 2)}px;box-shadow:0 6px 18px #0006;border:{x.get("border", "none")}}}
.tape{{position:absolute;top:-12px;left:42%;width:90px;height:26px;background:#f5f0c8cc;transform:rotate(-4deg)}}
.ti{{font:900 {x.get("title_px", 40)}px {x.get("title_font", DEJAVU)};margin-bottom:14px;color:{x.get("accent", x.get("fg", "#111"))};line-height:1.1}}
.ln{{font-size:{x.get("line_px", 20)}px;margin:7px 0;line-height:1.3}} .ft{{font-size:{x.get("foot_px", 14)}px;margin-top:14px;opacity:.85}}"""
    return page(html, css, c["width"], "#999", font=x.get("font", SANS))


def caption(c: C) -> str:
    t = c["truth"]
    x = c["x"]
    h = x.get("img_h", 340)
    if x.get("style") == "overlay":
        top, bottom = t["caption"].split("\n", 1) if "\n" in t["caption"] else (t["caption"], "")
        html = f"""<div class="img">{x["scene"]}<div class="ov" style="top:10px">{e(top)}</div><div class="ov" style="bottom:10px">{e(bottom)}</div></div>"""
        css = f""".img{{position:relative;height:{h}px;background:{x["bg"]};overflow:hidden}} .img > div{{position:absolute}}
.ov{{left:0;right:0;text-align:center;color:#fff;font:900 34px {DEJAVU};text-transform:uppercase;-webkit-text-stroke:1.6px #000;padding:0 12px;line-height:1.1}}"""
        return page(html, css, c["width"], "#000")
    html = f"""<div class="cap">{e(t["caption"])}</div><div class="img">{x["scene"]}</div>{'<div class="wm">' + e(x["wm"]) + "</div>" if x.get("wm") else ""}"""
    css = f""".cap{{white-space:pre-line;background:{x.get("cap_bg", "#111")};color:{x.get("cap_fg", "#fff")};font:bold 26px {SANS};padding:16px 18px;line-height:1.3}}
.img{{position:relative;height:{h}px;background:{x["bg"]};overflow:hidden}} .img div{{position:absolute}}
.wm{{background:{x.get("cap_bg", "#111")};color:#888;font-size:12px;padding:4px 10px;text-align:right}}"""
    return page(html, css, c["width"], "#111")


def terminal(c: C) -> str:
    t = c["truth"]
    x = c["x"]
    style = x.get("style", "gnome")
    lines = "\n".join(e(line) for line in t["lines"])
    if style == "editor":
        nums = "\n".join(str(i + 1) for i in range(len(t["lines"])))
        files = "".join(
            f'<div style="padding:2px 18px;{"background:#37373d;color:#fff" if f == x["file"] else ""}">{e(f)}</div>'
            for f in x["files"]
        )
        html = f"""<div class="tt">{e(t["title"])}</div><div style="display:flex"><div class="side"><div style="padding:6px 10px;font-size:11px">EXPLORER</div>{files}</div>
<div style="flex:1;min-width:0"><div class="tab">{e(x["file"])} ×</div><div style="display:flex"><pre class="nums">{nums}</pre><pre class="code">{lines}</pre></div></div></div>"""
        css = f""".tt{{background:#3c3c3c;color:#ccc;text-align:center;font-size:13px;padding:6px}} .side{{width:170px;background:#252526;color:#ccc;font-size:13px;min-height:300px}}
.tab{{background:#1e1e1e;color:#fff;font-size:13px;padding:8px 14px;width:max-content;border-top:1px solid #0078d4}}
pre{{margin:0;font:14px/1.5 {MONO};padding:8px 0}} .nums{{color:#858585;text-align:right;padding:8px 12px 8px 8px}} .code{{color:#d4d4d4;white-space:pre-wrap;flex:1;min-width:0}}"""
        return page(html, css, c["width"], "#1e1e1e")
    if style == "notepad":
        html = f"""<div class="tt">📄 {e(t["title"])}<span style="float:right">—  ☐  ✕</span></div><div class="menu">File &nbsp; Edit &nbsp; Format &nbsp; View &nbsp; Help</div><pre>{lines}</pre>"""
        css = f""".tt{{background:#fff;color:#000;font-size:13px;padding:8px 12px;border-bottom:1px solid #ddd}} .menu{{font-size:13px;padding:4px 12px;border-bottom:1px solid #ddd}}
pre{{margin:0;padding:10px 12px;font:15px/1.45 {MONO};white-space:pre-wrap;color:#000}}"""
        return page(html, css, c["width"], "#ffffff")
    if style == "light":
        bar, bg, fg = "#e7e7e7", "#ffffff", "#1b1b1b"
    elif style == "windows":
        bar, bg, fg = "#202020", "#0c0c0c", "#cccccc"
    else:
        bar, bg, fg = "#2c2c2c", "#300a24", "#eeeeec"
    dots = (
        ""
        if style == "windows"
        else '<span class="dots"><i style="background:#ff5f57"></i><i style="background:#febc2e"></i><i style="background:#28c840"></i></span>'
    )
    tab = (
        f'<span class="tabw">{e(t["title"])} ×</span><span>＋ ⌄</span>'
        if style == "windows"
        else f"<span>{e(t['title'])}</span>"
    )
    html = f"""<div class="tb">{dots}{tab}</div><pre>{lines}</pre>"""
    css = f""".tb{{background:{bar};color:{"#333" if style == "light" else "#ccc"};font:13px {SANS};padding:8px 12px;display:flex;gap:12px;align-items:center;{"justify-content:center;" if style == "gnome" else ""}position:relative}}
.dots{{position:absolute;left:12px;display:flex;gap:7px}} .dots i{{display:block;width:12px;height:12px;border-radius:50%}} .tabw{{background:#0c0c0c;padding:5px 14px;border-radius:6px 6px 0 0}}
pre{{margin:0;padding:12px 14px 16px;font:{x.get("px", 14)}px/1.45 {MONO};color:{fg};white-space:pre-wrap;word-break:break-all}}"""
    return page(html, css, c["width"], bg)


def letter(c: C) -> str:
    t = c["truth"]
    x = c["x"]
    paras = "".join(f"<p>{e(p)}</p>" for p in t["body"])
    html = f"""<div class="sheet"><div class="lh" style="color:{x.get("accent", "#1d3557")}"><div style="font-size:21px;font-weight:bold">{e(t["sender"])}</div><div style="font-size:12px">{e(x.get("sender_addr", ""))}</div></div>
<div class="to">{"<br>".join(e(r) for r in t["recipient"].split(chr(10)))}</div><div class="dt">{e(t["date"])}</div>
<div class="re">{e(t["subject"])}</div>{paras}<div class="sg">{e(t["signature"])}</div>{'<div class="ft">' + e(t["footer"]) + "</div>" if t.get("footer") else ""}</div>"""
    css = """.sheet{margin:22px;background:#fffdf8;padding:46px 52px;box-shadow:0 2px 10px #0005;color:#1a1a1a;font-size:15.5px;line-height:1.5}
.lh{border-bottom:2px solid currentColor;padding-bottom:8px;margin-bottom:22px} .to{margin-bottom:16px} .dt{text-align:right;margin-bottom:16px}
.re{font-weight:bold;margin-bottom:8px} .sg{margin-top:20px;white-space:pre-line} .ft{margin-top:26px;font-size:12px;color:#555;border-top:1px solid #ccc;padding-top:6px}"""
    return page(html, css, c["width"], "#c9c9c9", font=SERIF)


RENDER = {
    "email": email,
    "review": review,
    "poster": poster,
    "caption": caption,
    "terminal": terminal,
    "letter": letter,
}
