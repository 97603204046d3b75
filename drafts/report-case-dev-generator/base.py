"""Shared HTML pieces for the dev report cases: the page shell, escaping, avatars, phone bars.

A look of its own (not the held-out generator's): DejaVu Sans first on phone layouts, Liberation
Sans on desktop ones, Liberation Serif for letters, initials in the avatars, status bars on phones.
"""

from __future__ import annotations

import html
import re

SANS = "'Emoji First','Liberation Sans','DejaVu Sans',sans-serif"
DEJAVU = "'Emoji First','DejaVu Sans','Liberation Sans',sans-serif"
SERIF = "'Emoji First','Liberation Serif','DejaVu Serif',serif"
MONO = "'Emoji First','DejaVu Sans Mono','Liberation Mono',monospace"
EMOJI = "'Noto Color Emoji'"

_LINK = re.compile(
    r"(https?://\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|co|shop|app|example|xyz|info|co\.uk|social)(?:/\S*)?|[@#][\w.]+\w)"
)


def e(text: str) -> str:
    return html.escape(str(text))


def rich(text: str, color: str) -> str:
    """Plain text, escaped, with links, @handles and #tags coloured as the apps colour them."""
    out = []
    last = 0
    for m in _LINK.finditer(text):
        out.append(e(text[last : m.start()]))
        out.append(f'<span style="color:{color}">{e(m.group(0))}</span>')
        last = m.end()
    out.append(e(text[last:]))
    return "".join(out)


def page(body: str, css: str, width: int, bg: str, font: str = SANS) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>screenshot</title><style>
@font-face{{font-family:'Emoji First';src:local('Noto Color Emoji');
unicode-range:U+1F000-1FAFF,U+2600-26FF,U+2702-2705,U+2708-270D,U+270F,U+2728,U+2744,U+2747,U+274C,U+2753-2757,U+2763-2764,U+2795-2797,U+27B0,U+27BF,U+2B50,U+2B55,U+231A-231B,U+23E9-23F3,U+23F8-23FA,U+FE0F,U+200D,U+20E3}}
*{{box-sizing:border-box}}
html,body{{margin:0;padding:0;background:{bg}}}
body{{width:{width}px;font-family:{font},{EMOJI};-webkit-font-smoothing:antialiased}}
{css}
</style></head><body>
{body}
</body></html>
"""


def avatar(name: str, size: int, bg: str, radius: str = "50%", fg: str = "#fff") -> str:
    """A round (or square) avatar holding the name's initials, as apps draw a missing photo."""
    parts = [p for p in re.split(r"[\s_.@-]+", name) if p and p[0].isalnum()]
    initials = "".join(p[0] for p in parts[:2]).upper() or "?"
    return (
        f'<div style="width:{size}px;height:{size}px;border-radius:{radius};background:{bg};'
        f"color:{fg};flex:none;display:flex;align-items:center;justify-content:center;"
        f'font-weight:bold;font-size:{size * 0.4:.0f}px">{e(initials)}</div>'
    )


def photo_avatar(size: int, gradient: str, radius: str = "50%") -> str:
    """An avatar drawn as a small picture: a gradient with a head-and-shoulders silhouette."""
    return (
        f'<div style="width:{size}px;height:{size}px;border-radius:{radius};background:{gradient};'
        f'flex:none;position:relative;overflow:hidden"><div style="position:absolute;'
        f"left:{size * 0.32:.0f}px;top:{size * 0.18:.0f}px;width:{size * 0.36:.0f}px;"
        f'height:{size * 0.36:.0f}px;border-radius:50%;background:#fff8"></div><div style="'
        f"position:absolute;left:{size * 0.14:.0f}px;top:{size * 0.6:.0f}px;width:{size * 0.72:.0f}px;"
        f'height:{size * 0.6:.0f}px;border-radius:50%;background:#fff8"></div></div>'
    )


def status_bar(clock: str, fg: str, bg: str) -> str:
    """A phone's status bar: the clock on the left, signal, Wi-Fi and battery on the right."""
    return (
        f'<div style="display:flex;justify-content:space-between;align-items:center;'
        f'padding:6px 18px 4px;background:{bg};color:{fg};font:600 14px {DEJAVU}">'
        f'<span>{e(clock)}</span><span style="display:flex;gap:5px;align-items:center">'
        f'<span style="font-size:11px;letter-spacing:-1px">▂▄▆█</span>'
        f'<span style="font-size:12px">5G</span>'
        f'<span style="display:inline-block;width:24px;height:11px;border:1.5px solid {fg};'
        f'border-radius:3px;padding:1px"><span style="display:block;width:70%;height:100%;'
        f'background:{fg};border-radius:1px"></span></span></span></div>'
    )
