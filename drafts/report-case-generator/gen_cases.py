"""Writes tests/data/report-cases/<case>/{page.html,case.yaml} from the case list below."""
import html, yaml, pathlib, sys
OUT = pathlib.Path("/work/main/tests/data/report-cases")
FONT = "'Liberation Sans','DejaVu Sans',Arial,sans-serif"
EMOJI = "'Noto Color Emoji'"
e = html.escape

def page(body, css, width, bg):
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>case</title><style>
html,body{{margin:0;padding:0;background:{bg};}}
body{{width:{width}px;font-family:{FONT},{EMOJI};}}
{css}
</style></head><body>
{body}
</body></html>
"""

THEMES = {"light": ("#ffffff", "#0f1419", "#536471", "#eff3f4"),
          "dim": ("#15202b", "#f7f9f9", "#8b98a5", "#38444d"),
          "black": ("#000000", "#e7e9ea", "#71767b", "#2f3336")}

def x_post(c):
    bg, fg, mu, bd = THEMES[c.get("theme", "light")]
    era = c.get("era", "2024")
    badge = '<span class="badge">✓</span>' if c.get("verified") else ""
    top = f'<div class="ctx">{e(c["context"])}</div>' if c.get("context") else ""
    reply = f'<div class="rep">Replying to <span class="lnk">{e(c["replying_to"])}</span></div>' if c.get("replying_to") else ""
    if era == "2014":
        head = f'<div class="nm">{e(c["name"])}{badge} <span class="mu">{e(c["handle"])}</span></div>'
        counts = f'<div class="cnt mu"><b>{e(c.get("retweets",""))}</b> RETWEETS &nbsp; <b>{e(c.get("favorites",""))}</b> FAVORITES</div>'
        tm = f'<div class="mu tm">{e(c["time"])}</div>'
        body = f'{top}<div class="card"><div class="av"></div><div class="main">{head}<div class="txt">{c["text_html"]}</div>{tm}{counts}</div></div>'
    elif era == "2019":
        head = f'<div class="nm">{e(c["name"])}{badge}</div><div class="mu">{e(c["handle"])}</div>'
        counts = f'<div class="cnt"><span><b>{e(c.get("retweets",""))}</b> <span class="mu">Retweets</span></span><span><b>{e(c.get("likes",""))}</b> <span class="mu">Likes</span></span></div>'
        tm = f'<div class="mu tm">{e(c["time"])}</div>'
        body = f'{top}<div class="card"><div class="row"><div class="av"></div><div>{head}</div></div>{reply}<div class="txt big">{c["text_html"]}</div>{tm}{counts}</div>'
    else:
        head = f'<div class="nm">{e(c["name"])}{badge} <span class="mu">{e(c["handle"])} · {e(c["time"])}</span></div>'
        counts = "".join(f'<span class="ic mu">{ic} {e(v)}</span>' for ic, v in
                         (("💬", c.get("replies", "")), ("🔁", c.get("reposts", "")), ("♡", c.get("likes", "")), ("📊", c.get("views", ""))))
        media = f'<div class="media" style="background:{c["media"]}"></div>' if c.get("media") else ""
        body = f'{top}<div class="card"><div class="av"></div><div class="main">{head}{reply}<div class="txt">{c["text_html"]}</div>{media}<div class="cnt">{counts}</div></div></div>'
    css = f"""
.card{{display:flex;gap:12px;padding:14px 16px;border-bottom:1px solid {bd};color:{fg};font-size:15px;line-height:1.35;}}
.card .row{{display:flex;gap:10px;align-items:center}}
.av{{width:44px;height:44px;border-radius:50%;background:linear-gradient(135deg,#1d9bf0,#7856ff);flex:none}}
.main{{flex:1;min-width:0}} .nm{{font-weight:bold}} .mu{{color:{mu};font-weight:normal}}
.badge{{display:inline-block;background:#1d9bf0;color:#fff;border-radius:50%;width:16px;height:16px;font-size:11px;text-align:center;line-height:16px;margin-left:3px}}
.txt{{margin:4px 0 10px;white-space:pre-wrap}} .big{{font-size:22px}} .lnk{{color:#1d9bf0}}
.cnt{{display:flex;gap:42px;font-size:13px}} .tm{{margin:8px 0;font-size:14px}}
.ctx{{color:{mu};font-size:13px;padding:8px 16px 0 60px}} .rep{{color:{mu};font-size:14px}}
.media{{height:220px;border-radius:16px;margin-bottom:10px;border:1px solid {bd}}}
"""
    if era == "2019":
        css += ".card{display:block}"
    return page(body, css, c["width"], bg)

def chat(c):
    p = c["platform"]
    dark = c.get("theme") == "dark"
    styles = {
        "whatsapp": ("#efeae2" if not dark else "#0b141a", "#ffffff" if not dark else "#202c33", "#d9fdd3" if not dark else "#005c4b", "#008069" if not dark else "#202c33"),
        "imessage": ("#ffffff" if not dark else "#000000", "#e9e9eb" if not dark else "#262628", "#0a84ff", "#f6f6f6" if not dark else "#1c1c1e"),
        "telegram": ("#8fb08a" if not dark else "#0e1621", "#ffffff" if not dark else "#182533", "#effdde" if not dark else "#2b5278", "#517da2" if not dark else "#17212b"),
    }
    fg = "#e9edef" if dark else "#111b21"
    if p == "discord":
        rows = "".join(f'<div class="dm"><div class="av"></div><div><div><b>{e(s)}</b> <span class="mu">{e(t)}</span></div><div>{e(x)}</div></div></div>' for s, x, t, _ in c["messages"])
        body = f'<div class="top"># {e(c["contact"])}</div>{rows}<div class="inp">Message #{e(c["contact"])}</div>'
        css = f""".top{{background:#313338;color:#f2f3f5;font-weight:bold;padding:12px 16px;border-bottom:1px solid #1e1f22}}
.dm{{display:flex;gap:12px;padding:8px 16px;color:#dbdee1;font-size:15px}} .dm b{{color:#f2f3f5}} .mu{{color:#949ba4;font-size:12px}}
.av{{width:40px;height:40px;border-radius:50%;background:#5865f2;flex:none}}
.inp{{margin:12px 16px;background:#383a40;color:#949ba4;padding:11px;border-radius:8px}}"""
        return page(body, css, c["width"], "#313338")
    bg, inc, out, bar = styles[p]
    rows = []
    for s, x, t, outgoing in c["messages"]:
        cls = "o" if outgoing else "i"
        who = f'<div class="who">{e(s)}</div>' if (c.get("group") and not outgoing) else ""
        rows.append(f'<div class="b {cls}">{who}{e(x)}<span class="t">{e(t)}</span></div>')
    barfg = "#fff" if p != "imessage" or dark else "#000"
    sub = {"whatsapp": "online", "imessage": "iMessage", "telegram": c.get("subtitle", "last seen recently")}[p]
    body = f'<div class="bar"><div class="av"></div><div><div class="cn">{e(c["contact"])}</div><div class="sub">{e(sub)}</div></div></div><div class="msgs">{"".join(rows)}</div><div class="inp">{"Message" if p != "imessage" else "iMessage"}</div>'
    ofg = "#fff" if p == "imessage" else fg
    css = f""".bar{{background:{bar};color:{barfg};display:flex;gap:10px;align-items:center;padding:10px 12px}}
.cn{{font-weight:bold;font-size:16px}} .sub{{font-size:12px;opacity:.8}}
.av{{width:36px;height:36px;border-radius:50%;background:#9aa;flex:none}}
.msgs{{padding:10px 12px;display:flex;flex-direction:column;gap:6px;min-height:200px}}
.b{{max-width:78%;padding:7px 10px 7px;border-radius:10px;font-size:15px;line-height:1.3;color:{fg};white-space:pre-wrap}}
.i{{background:{inc};align-self:flex-start}} .o{{background:{out};align-self:flex-end;color:{ofg}}}
.t{{font-size:11px;opacity:.6;margin-left:8px;float:right;margin-top:6px}} .who{{font-size:13px;font-weight:bold;color:#d66}}
.inp{{margin:8px 12px 12px;background:{inc};color:#8696a0;border-radius:20px;padding:10px 14px}}"""
    return page(body, css, c["width"], bg)

def email(c):
    dark = c.get("theme") == "dark"
    bg, fg, mu = ("#1f1f1f", "#e3e3e3", "#a8a8a8") if dark else ("#ffffff", "#1f1f1f", "#5e5e5e")
    body = f"""<div class="wrap"><div class="subj">{e(c["subject"])}</div>
<div class="hdr"><div class="av"></div><div><div><b>{e(c["from_name"])}</b> <span class="mu">&lt;{e(c["from_addr"])}&gt;</span></div>
<div class="mu">to {e(c["to"])}</div></div><div class="mu dt">{e(c["date"])}</div></div>
<div class="bd">{c["body_html"]}</div></div>"""
    css = f""".wrap{{padding:20px 28px;color:{fg};font-size:14px}} .subj{{font-size:22px;margin-bottom:16px}}
.hdr{{display:flex;gap:12px;align-items:flex-start}} .dt{{margin-left:auto;font-size:12px}} .mu{{color:{mu}}}
.av{{width:40px;height:40px;border-radius:50%;background:#c26;flex:none}}
.bd{{margin:20px 0 0 52px;line-height:1.5}} .btn{{display:inline-block;background:#0067b8;color:#fff;padding:10px 22px;margin:10px 0;text-decoration:none}}
.bd a{{color:#0b57d0}} .bd a.btn{{color:#fff}}"""
    return page(body, css, c["width"], bg)

def review(c):
    stars = c["stars"]
    if c["platform"] == "trustpilot":
        st = "".join(f'<span class="s" style="background:{"#00b67a" if i < stars else "#dcdce6"}">★</span>' for i in range(5))
        body = f'<div class="rv"><div class="tp">★ Trustpilot</div><div class="row"><div class="av">{e(c["reviewer"][:2].upper())}</div><div><b>{e(c["reviewer"])}</b><div class="mu">{e(c.get("country",""))} · 1 review</div></div></div><div class="row">{st}<span class="mu">{e(c["date"])}</span></div><div class="ti">{e(c["title"])}</div><div>{e(c["text"])}</div><div class="mu sm">Date of experience: {e(c["date"])}</div></div>'
        css = ".rv{padding:20px;color:#191919;font-size:15px;line-height:1.4} .tp{font-weight:bold;margin-bottom:12px} .row{display:flex;gap:10px;align-items:center;margin:8px 0} .av{width:40px;height:40px;border-radius:50%;background:#e5e5dd;text-align:center;line-height:40px} .mu{color:#6c6c85;font-size:13px} .s{color:#fff;width:22px;height:22px;display:inline-block;text-align:center;margin-right:2px} .ti{font-weight:bold;font-size:18px;margin:8px 0} .sm{margin-top:12px}"
    else:
        st = "".join("★" if i < stars else "☆" for i in range(5))
        body = f'<div class="rv"><div class="row"><div class="av"></div><div><b>{e(c["reviewer"])}</b><div class="mu">Local Guide · 41 reviews</div></div></div><div><span class="st">{st}</span> <span class="mu">{e(c["date"])}</span></div><div class="tx">{e(c["text"])}</div><div class="mu">👍 Helpful &nbsp; Share</div></div>'
        css = ".rv{padding:18px;color:#202124;font-size:14px;line-height:1.45} .row{display:flex;gap:10px;align-items:center;margin-bottom:8px} .av{width:36px;height:36px;border-radius:50%;background:#7cb342} .mu{color:#70757a;font-size:13px} .st{color:#fbbc04;font-size:16px} .tx{margin:8px 0}"
    return page(body, css, c["width"], "#ffffff")

def poster(c):
    qr = ""
    if c.get("qr"):
        cells = "".join(f'<i style="background:{"#000" if (i*7+i//9*3)%5<2 or i in (0,1,2,9,18,8,17,26) else "#fff"}"></i>' for i in range(81))
        qr = f'<div class="qr">{cells}</div>'
    lines = "".join(f"<p>{e(l)}</p>" for l in c["lines"])
    body = f'<div class="po"><h1>{e(c["title"])}</h1>{lines}{qr}<div class="ft">{e(c.get("footer",""))}</div></div>'
    css = f""".po{{margin:24px;padding:32px;background:{c.get("bg","#ffe14d")};color:{c.get("fg","#111")};text-align:center;border:6px solid {c.get("fg","#111")}}}
h1{{font-size:44px;margin:0 0 16px;text-transform:uppercase}} p{{font-size:22px;margin:8px 0}}
.qr{{display:grid;grid-template-columns:repeat(9,18px);width:162px;margin:20px auto;border:12px solid #fff}} .qr i{{width:18px;height:18px;display:block}}
.ft{{font-size:14px;margin-top:16px}}"""
    return page(body, css, c["width"], "#ddd")

def caption(c):
    body = f'<div class="cap">{e(c["caption"])}</div><div class="img">{c["scene_html"]}</div>'
    css = f""".cap{{white-space:pre-line;background:#fff;color:#000;font-size:30px;padding:18px 20px;line-height:1.25}}
.img{{position:relative;height:{c.get("img_h",360)}px;background:{c["scene_bg"]};overflow:hidden}}
.img div{{position:absolute}} .lbl{{color:#fff;font-weight:bold;font-size:22px;text-shadow:0 0 4px #000,0 0 4px #000}}"""
    return page(body, css, c["width"], "#fff")

def terminal(c):
    lines = "\n".join(e(l) for l in c["lines"])
    body = f'<div class="win"><div class="tb"><i style="background:#ff5f57"></i><i style="background:#febc2e"></i><i style="background:#28c840"></i><span>{e(c["title"])}</span></div><pre>{lines}</pre></div>'
    css = """.win{margin:16px;border-radius:8px;overflow:hidden;background:#1e1e1e;box-shadow:0 4px 16px #0008}
.tb{background:#333;padding:8px 10px;color:#bbb;font-size:13px;display:flex;gap:6px;align-items:center} .tb i{width:12px;height:12px;border-radius:50%;display:inline-block} .tb span{margin-left:10px}
pre{margin:0;padding:14px;color:#d4d4d4;font-family:'DejaVu Sans Mono','Liberation Mono',monospace;font-size:14px;line-height:1.45;white-space:pre-wrap}"""
    return page(body, css, c["width"], "#2b2b2b")

def social(c):
    p = c["platform"]
    dark = c.get("theme") == "dark"
    bg, fg, mu = ("#242526", "#e4e6eb", "#b0b3b8") if dark else ("#ffffff", "#050505", "#65676b")
    sub = {"facebook": f'{e(c["time"])} · 🌍', "linkedin": f'{e(c.get("headline",""))}<br>{e(c["time"])} · 🌐', "instagram": e(c.get("location", ""))}[p]
    media = f'<div class="media" style="background:{c["media"]}"></div>' if c.get("media") else ""
    if p == "instagram":
        body = f'<div class="po"><div class="hd"><div class="av ig"></div><div><b>{e(c["handle"])}</b>{" <span class=badge>✓</span>" if c.get("verified") else ""}<div class="mu">{sub}</div></div></div>{media}<div class="ac">♡ 💬 ➤</div><div class="tx"><b>{e(c.get("likes",""))} likes</b></div><div class="tx"><b>{e(c["handle"])}</b> {c["text_html"]}</div><div class="mu tx">View all {e(c.get("comments",""))} comments</div><div class="mu tx">{e(c["time"])}</div></div>'
    else:
        foot = {"facebook": f'<div class="ct mu"><span>👍❤️ {e(c.get("reactions",""))}</span><span>{e(c.get("comments",""))} comments · {e(c.get("shares",""))} shares</span></div><div class="bt mu"><span>Like</span><span>Comment</span><span>Share</span></div>',
                "linkedin": f'<div class="ct mu"><span>👍💡 {e(c.get("reactions",""))}</span><span>{e(c.get("comments",""))} comments · {e(c.get("reposts",""))} reposts</span></div><div class="bt mu"><span>Like</span><span>Comment</span><span>Repost</span><span>Send</span></div>'}[p]
        body = f'<div class="po"><div class="hd"><div class="av"></div><div><b>{e(c["name"])}</b><div class="mu">{sub}</div></div></div><div class="tx">{c["text_html"]}</div>{media}{foot}</div>'
    css = f""".po{{background:{bg};color:{fg};font-size:15px;line-height:1.4;padding:12px 0}}
.hd{{display:flex;gap:10px;padding:0 16px 8px}} .av{{width:40px;height:40px;border-radius:50%;background:#1877f2;flex:none}}
.ig{{background:radial-gradient(circle at 30% 110%,#fdf497,#fd5949 45%,#d6249f 60%,#285aeb)}}
.mu{{color:{mu};font-size:13px}} .tx{{padding:4px 16px;white-space:pre-wrap}} .media{{height:300px;margin:8px 0}}
.ct{{display:flex;justify-content:space-between;padding:8px 16px;border-bottom:1px solid #ccc3}} .bt{{display:flex;justify-content:space-around;padding:8px 16px;font-weight:bold}}
.ac{{padding:8px 16px;font-size:22px}} .badge{{background:#0095f6;color:#fff;border-radius:50%;font-size:10px;padding:1px 4px}}"""
    return page(body, css, c["width"], bg)

RENDER = {"post-x": x_post, "chat": chat, "email": email, "review": review, "poster": poster,
          "caption-meme": caption, "terminal": terminal, "post-social": social}

def main():
    sys.path.insert(0, "/tmp/evalauthor")
    from cases import CASES
    OUT.mkdir(parents=True, exist_ok=True)
    for c in CASES:
        d = OUT / c["id"]
        d.mkdir(exist_ok=True)
        (d / "page.html").write_text(RENDER[c["tpl"]](c["html"]), encoding="utf-8")
        meta = {k: c[k] for k in ("kind", "platform", "harm", "benign_near_miss", "theme", "width", "truth", "must", "must_not") if k in c}
        meta = {"id": c["id"], **meta}
        (d / "case.yaml").write_text("# written by evalauthor; see ../README.md\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    print(len(CASES))

main()
