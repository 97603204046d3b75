"""Mock-ups of emails (webmail and header block), reviews (Google, Trustpilot, App Store), code
editors, terminals, posters and letters."""

from __future__ import annotations

import random

from tests.kinds.spec import MONO, ORGS, Fixture, page, person, text

SUBJECTS = [
    "Your invoice for February", "Action required: verify your account", "Team offsite agenda",
    "Re: flat viewing on Saturday", "Your parcel could not be delivered", "Minutes of Tuesday's meeting",
]  # fmt: skip


def email(rng: random.Random) -> Fixture:
    name = person(rng)
    first, last = name.lower().split()
    spoof = rng.random() < 0.3
    if spoof:
        name = rng.choice(["PayPal Support", "Microsoft Account Team", "DHL Express"])
        address = rng.choice(["no-reply@secure-verify-acc.xyz", "support@paypa1-help.top"])
    else:
        address = (
            f"{first}.{last}@{rng.choice(['example.com', 'northwind.example', 'mail.example.org'])}"
        )
    subject = rng.choice(SUBJECTS)
    date = rng.choice(["Feb 23, 2026, 10:02 AM", "Mon, 17 Oct 2025 09:41", "Yesterday at 14:02"])
    body = text(rng, 2)
    if rng.random() < 0.5:  # webmail
        html = (
            f"<div style='font-size:22px;margin-bottom:14px'>{subject} <span class=tag>Inbox</span>"
            "</div><div style='display:flex;gap:10px'><div class=av></div><div style='flex:1'>"
            f"<b>{name}</b> <span class=grey>&lt;{address}&gt;</span><div class=grey>to me ▾</div>"
            f"</div><div class=grey>{date}</div></div><div style='margin:18px 0 0 50px'>{body}"
            "<br><br>Best regards,<br>" + name.split()[0] + "</div>"
            "<div style='margin:20px 0 0 50px'><span class=btn>↩ Reply</span> <span class=btn>"
            "↪ Forward</span></div>"
        )
    else:  # a desktop client's header block
        html = (
            f"<div class=hdr><div><span class=k>From:</span> {name} &lt;{address}&gt;</div><div>"
            "<span class=k>To:</span> me@example.net</div><div><span class=k>Subject:</span> "
            f"{subject}</div><div><span class=k>Date:</span> {date}</div></div><div "
            f"style='margin-top:14px'>Hello,<br><br>{body}<br><br>Kind regards,<br>{name}</div>"
        )
    css = (
        ".grey{color:#5f6368;font-size:13px}.tag{font-size:12px;background:#ddd;padding:2px 6px}"
        ".av{width:40px;height:40px;border-radius:50%;background:#7b5}.btn{border:1px solid #ccc;"
        "border-radius:18px;padding:6px 14px;font-size:14px}.hdr{border-bottom:1px solid #ccc;"
        "padding-bottom:10px;line-height:1.6}.k{color:#666}"
    )
    truth = {"kind": "email", "platform": None, "from_name": name, "from_address": address}
    truth |= {"subject": subject, "spoof": spoof}
    return Fixture("email", page(html, css), truth, width=680)


def review(rng: random.Random, style: str) -> Fixture:
    name = person(rng)
    stars = rng.randint(1, 5)
    body = text(rng)
    bar = "★" * stars + "☆" * (5 - stars)
    if style == "google":
        time = rng.choice(["2 weeks ago", "a month ago", "3 days ago"])
        html = (
            f"<div style='display:flex;gap:10px'><div class=av></div><div><b>{name}</b><div "
            f"class=grey>Local Guide · {rng.randint(2, 90)} reviews · {rng.randint(1, 40)} photos"
            f"</div></div></div><div style='margin:6px 0'><span style='color:#fbbc04'>{bar}</span> "
            f"<span class=grey>{time}</span> <span class=tag>NEW</span></div><div>{body}</div><div "
            f"class=grey style='margin-top:8px'>👍 Helpful &nbsp; Share</div>"
        )
        platform = "Google"
    elif style == "trustpilot":
        time = rng.choice(["Feb 23, 2026", "Oct 17, 2025", "2 days ago"])
        title = rng.choice(["Quick delivery", "Terrible support", "Would order again"])
        html = (
            f"<div style='display:flex;gap:10px'><div class=av></div><div><b>{name}</b><div "
            f"class=grey>GB · {rng.randint(1, 30)} reviews</div></div></div><hr><div "
            f"style='display:flex;justify-content:space-between'><span style='color:#00b67a;"
            f"font-size:20px'>{bar}</span><span class=grey>{time}</span></div><h3>{title}</h3>"
            f"<div>{body}</div><div style='margin-top:8px'><b>Date of experience:</b> February 20,"
            " 2026</div><div class=grey style='margin-top:8px'>👍 Useful &nbsp; Share</div>"
            "<div class=grey>Trustpilot</div>"
        )
        platform = "Trustpilot"
    else:
        time = rng.choice(["Feb 23", "Oct 17", "3d ago"])
        title = rng.choice(["Great app, one bug", "Crashes on launch", "Love the new update"])
        html = (
            f"<div class=card><div style='display:flex;justify-content:space-between'><b>{title}</b>"
            f"<span class=grey>{time}</span></div><div style='display:flex;justify-content:"
            f"space-between'><span style='color:#ff9500'>{bar}</span><span class=grey>{name}</span>"
            f"</div><div style='margin-top:6px'>{body}</div><div style='margin-top:10px'><b>"
            "Developer Response</b><div>Thanks for the feedback! We are looking into it.</div>"
            "</div></div><div class=grey style='margin-top:6px'>Ratings &amp; Reviews · App Store</div>"
        )
        platform = "App Store"
    css = (
        ".grey{color:#70757a;font-size:13px}.av{width:40px;height:40px;border-radius:50%;"
        "background:#d74;flex:none}.tag{font-size:11px;background:#e8f0fe;padding:1px 4px}"
        ".card{background:#f2f2f7;border-radius:12px;padding:14px}"
    )
    truth = {"kind": "review", "platform": platform, "reviewer": name, "time": time}
    truth["stars"] = stars
    return Fixture(f"review-{style}", page(html, css), truth, width=560)


CODE = [
    ["import json", "from pathlib import Path", "", "def load(path):", "    with open(path) as f:",
     "        return json.load(f)", "", "config = load(Path('settings.json'))", "print(config['name'])"],
    ["const express = require('express');", "const app = express();", "",
     "app.get('/api/users', async (req, res) => {", "  const users = await db.all();",
     "  res.json(users);", "});", "", "app.listen(3000);"],
]  # fmt: skip


def code(rng: random.Random) -> Fixture:
    src = rng.choice(CODE)
    tab = "main.py" if src[0].startswith("import") else "server.js"
    rows = "".join(
        f"<div><span class=n>{i}</span>{line.replace(' ', '&nbsp;') or '&nbsp;'}</div>"
        for i, line in enumerate(src, 1)
    )
    css = (
        f"#shot{{font-family:{MONO};font-size:14px}}.tab{{background:#1e1e1e;color:#fff;"
        "padding:6px 12px;display:inline-block;border-top:2px solid #0078d4}}"
        ".n{color:#858585;display:inline-block;width:32px;text-align:right;margin-right:16px}"
        ".st{background:#007acc;color:#fff;font-size:12px;padding:3px 8px;margin:10px -16px -16px}"
    )
    html = (
        f"<div style='background:#252526;margin:-16px -16px 8px'><span class=tab>{tab} ×</span>"
        f"</div>{rows}<div class=st>Ln {len(src)}, Col 1 &nbsp; Spaces: 4 &nbsp; UTF-8 &nbsp; "
        f"{'Python' if tab == 'main.py' else 'JavaScript'}</div>"
    )
    return Fixture(
        "code", page(html, css, "#1e1e1e", "#d4d4d4"), {"kind": "code", "platform": None}, width=620
    )


def terminal(rng: random.Random) -> Fixture:
    user = rng.choice(["mara", "dev", "root", "jonas"])
    host = rng.choice(["laptop", "build-01", "pi"])
    prompt = f"{user}@{host}:~$ "
    rows = [
        prompt + "ls -la",
        "total 24",
        f"drwxr-xr-x  5 {user} {user} 4096 Feb 23 10:02 .",
        f"-rw-r--r--  1 {user} {user}  220 Feb 23 10:02 .bashrc",
        f"-rw-r--r--  1 {user} {user} 1024 Feb 23 10:02 notes.txt",
        prompt + "git status",
        "On branch main",
        "nothing to commit, working tree clean",
        prompt,
    ]
    html = "".join(f"<div>{r.replace(' ', '&nbsp;')}</div>" for r in rows)
    css = f"#shot{{font-family:{MONO};font-size:14px}}"
    return Fixture(
        "terminal",
        page(html, css, "#300a24", "#ffffff"),
        {"kind": "terminal", "platform": None},
        width=620,
    )


def poster(rng: random.Random) -> Fixture:
    title = rng.choice(
        ["SUMMER JAZZ NIGHT", "COMMUNITY CLEAN-UP", "BOOK SWAP FAIR", "FREE YOGA IN THE PARK"]
    )
    when = rng.choice(["SATURDAY 14 JUNE · 7PM", "SUNDAY 3 MAY · 10AM", "FRIDAY 21 MARCH · 6:30PM"])
    where = rng.choice(
        ["Riverside Hall, 12 Mill Lane", "Central Library Garden", "Old Town Square"]
    )
    html = (
        f"<div style='text-align:center;padding:40px 20px;background:linear-gradient(#f7c948,#e8590c)'>"
        f"<div style='font:900 44px Impact, \"DejaVu Sans\", sans-serif;color:#1b1b3a'>{title}</div>"
        f"<div style='font-size:24px;margin:20px 0;font-weight:700'>{when}</div><div "
        f"style='font-size:20px'>{where}</div><div style='font-size:28px;margin-top:26px;"
        f"font-weight:800'>FREE ENTRY</div><div style='margin-top:16px'>All welcome · Tickets and "
        "info at the door</div></div>"
    )
    return Fixture(
        "poster", page(html, "", "#f7c948"), {"kind": "poster", "platform": None}, width=520
    )


def letter(rng: random.Random) -> Fixture:
    org = rng.choice(ORGS)
    to = person(rng)
    html = (
        f"<div style='font-family:\"Liberation Serif\",serif;font-size:15px;line-height:1.5'><div "
        f"style='text-align:right'><b>{org}</b><br>14 Harbour Street<br>Bristol BS1 4DJ</div><br>"
        f"<div>23 February 2026</div><br><div>Dear {to.split()[0]} {to.split()[1]},</div><p>"
        f"{text(rng, 2)}</p><p>{text(rng, 2)}</p><p>Please do not hesitate to contact us if you "
        "have any questions.</p><div>Yours sincerely,</div><br><div>"
        f"{person(rng)}<br>Office Manager</div><div style='text-align:center;font-size:12px;"
        "margin-top:20px'>Page 1 of 1</div></div>"
    )
    return Fixture("letter", page(html, ""), {"kind": "document", "platform": None}, width=640)


TEMPLATES = {
    "email": email,
    "review-google": lambda rng: review(rng, "google"),
    "review-trustpilot": lambda rng: review(rng, "trustpilot"),
    "review-appstore": lambda rng: review(rng, "appstore"),
    "code": code,
    "terminal": terminal,
    "poster": poster,
    "letter": letter,
}
