"""What kind of screenshot an image is, and from which service: from layout and text cues.

`classify(ocr, post)` gives (kind, platform): kind is post, chat, email, review, code, terminal,
poster, document or screenshot (unsure); platform is None unless the cues in cues.yaml name one.
A parsed post (memeaudit.post) names its platform from the handle's shape and layout; otherwise
each (kind, platform) scores the number of its cue phrases in the text, and the best one wins if
it reaches the kind's minimum. A stray letter (a kiss "x") is never a cue: cues are phrases.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from memeaudit.model import OcrResult, Post
from memeaudit.yamlload import safe_load


@cache
def cues() -> tuple[dict[str, dict[str, list[str]]], dict[str, int]]:
    data = safe_load((files("memeaudit.kinds") / "cues.yaml").read_text(encoding="utf-8"))
    return data["kinds"], data["min"]


def _hits(text: str, phrases: list[str]) -> int:
    lines = text.lower().splitlines()
    found = 0
    for phrase in phrases:
        p = phrase.lower()
        if p.strip() == p and len(p) <= 3:  # a short cue must be a whole line or word
            found += any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", ln) for ln in lines)
        else:
            found += any(p in ln for ln in lines)
    return found


def _bubbles(ocr: OcrResult) -> bool:
    """Lines on both sides of the picture, some flush right: a chat's bubbles."""
    if not ocr.lines:
        return False
    right = max(ln.bbox[0] + ln.bbox[2] for ln in ocr.lines)
    left = min(ln.bbox[0] for ln in ocr.lines)
    width = max(right - left, 1)
    flush_right = [ln for ln in ocr.lines if ln.bbox[0] > left + 0.3 * width]
    return len(flush_right) >= 1 and len(ocr.lines) >= 4


def classify(ocr: OcrResult, post: Post | None) -> tuple[str, str | None]:
    kinds, minimum = cues()
    text = ocr.text
    scores: list[tuple[int, str, str]] = []
    for kind, platforms in kinds.items():
        for platform, phrases in platforms.items():
            n = _hits(text, phrases)
            if kind == "chat" and _bubbles(ocr):
                n += 1
            if n >= minimum[kind]:
                scores.append((n - minimum[kind], kind, platform))
    if post is not None and post.platform in ("X", "Bluesky", "Mastodon", "Reddit", "Threads"):
        strong = [s for s in scores if s[1] in ("chat", "email", "review") and s[0] >= 2]
        if not strong:
            return "post", post.platform
    if not scores:
        return ("post", post.platform) if post is not None else ("screenshot", None)
    _, kind, platform = max(scores)
    return kind, platform or None
