"""The kind of a screenshot and its service, scored from the cues in cues.yaml and a few layout
features measured on the OCR rows. See cues.yaml for the rules; this module only applies them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from memeaudit.kinds.rows import Row, bounds, plain, side
from memeaudit.model import Post
from memeaudit.yamlload import safe_load

# A channel message's header: a short name, then the time ("Mara42 Today at 14:02", "Omar G. 2:02
# PM"); OCR may put a stray mark or digit between them ("Hannah42 2 Today / at 09:14").
CHANNEL_HEADER = re.compile(
    r"^(?P<name>[^\s#@][^\s]*(?: [^\s]+){0,2}?)\s*(?:[^\w\s]{1,2}\s+|\d\s+)?"
    r"(?P<time>(?:today|yesterday)\s*[^\w\s]{0,2}\s*at \d{1,2}[:.]\d{2}(?:\s?[ap]m)?"
    r"|\d{1,2}[:.]\d{2}\s?[ap]m|\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}(?:\s?[ap]m)?)$",
    re.IGNORECASE,
)
POST_PLATFORM_WEIGHT = 3  # the parsed post's own platform (its handle's shape and layout)


@dataclass(frozen=True)
class Cue:
    how: str  # line | phrase | re
    text: str
    weight: int
    pattern: re.Pattern[str]

    def seen(self, row: Row) -> bool:
        if self.how == "line":
            return plain(row.text) == self.text
        return bool(self.pattern.search(row.text))


@dataclass(frozen=True)
class Verdict:
    kind: str
    platform: str | None
    confidence: float
    cues: list[str]


def _cue(raw: dict[str, Any]) -> Cue:
    (how, text), *_ = [(k, v) for k, v in raw.items() if k != "w"]
    if how == "line":
        pattern = re.compile(re.escape(text.lower()))
    elif how == "phrase":
        pattern = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)
    else:
        pattern = re.compile(text, re.IGNORECASE)
    return Cue(how, text.lower() if how == "line" else text, int(raw.get("w", 1)), pattern)


@cache
def rules() -> dict[str, Any]:
    data = safe_load((files("memeaudit.kinds") / "cues.yaml").read_text(encoding="utf-8"))
    for spec in data["kinds"].values():
        spec["cues"] = [_cue(c) for c in spec.get("cues", [])]
        spec["platforms"] = {
            name: [_cue(c) for c in cues] for name, cues in spec.get("platforms", {}).items()
        }
    return data


def _seen(cues: list[Cue], rows_: list[Row]) -> list[Cue]:
    return [c for c in cues if any(c.seen(r) for r in rows_)]


def layout_features(rows_: list[Row], post: Post | None) -> dict[str, bool]:
    """bubbles: blocks on both sides of the picture, several flush right; channel: two or more
    'name time' headers; post: memeaudit.post found a post's header and its stamp or counts."""
    left, right = bounds(rows_)
    sides = [side(r, left, right) for r in rows_]
    headers = sum(bool(CHANNEL_HEADER.match(r.text.strip())) for r in rows_)
    return {
        "bubbles": len(rows_) >= 4 and sides.count("right") >= 1 and sides.count("left") >= 2,
        "channel": headers >= 2,
        "post": post is not None,
    }


def _describe(cue: Cue, platform: str | None, rows_: list[Row]) -> str:
    """'“Type a message” (WhatsApp)': the text that matched, and whose cue it is."""
    shown = next((" ".join(r.text.split()) for r in rows_ if cue.seen(r)), cue.text)
    return f"“{shown}” ({platform})" if platform else f"“{shown}”"


def _credible(post: Post | None, rows_: list[Row]) -> Post | None:
    """The parsed post, unless its @handle is the end of an email address ('no-reply@secure')
    or a shell prompt's host ('dev@buildbox:~$')."""
    if post is None or not post.handle:
        return post
    bare = re.escape(post.handle.lstrip("@"))
    # ... or of one that wraps onto the next line at a hyphen ('<chambers@legal-' / 'consult.info>')
    inside = re.compile(rf"[\w.+'-]@{bare}(?:(?:[\w-]*\.[\w-]+)+|-$|:[~/])", re.IGNORECASE)
    return None if any(inside.search(r.text) for r in rows_) else post


def classify(rows_: list[Row], post: Post | None) -> Verdict:
    """The best-scoring kind that reaches its minimum, and its platform if one stands out."""
    data = rules()
    post = _credible(post, rows_)
    features = layout_features(rows_, post)
    best: tuple[float, str, str | None, list[str], float] | None = None
    for kind, spec in data["kinds"].items():
        own = _seen(spec["cues"], rows_)
        layout = {f: w for f, w in spec.get("layout", {}).items() if features.get(f)}
        scored: dict[str, tuple[int, list[Cue]]] = {}
        platforms = dict(spec["platforms"])
        if kind == "post" and post is not None:
            platforms.setdefault(post.platform, [])
        for platform, cues in platforms.items():
            hits = _seen(cues, rows_)
            score = sum(c.weight for c in hits)
            if kind == "post" and post is not None and post.platform == platform:
                score += POST_PLATFORM_WEIGHT
            if score:
                scored[platform] = (score, hits)
        ranked = sorted(scored.items(), key=lambda kv: -kv[1][0])
        top = ranked[0][1][0] if ranked else 0
        total = sum(c.weight for c in own) + sum(layout.values()) + top
        if total < spec["min"]:
            continue
        platform = _platform(kind, ranked, post, data)
        said = [f"layout: {f}" for f in layout] + [_describe(c, None, rows_) for c in own]
        if ranked:
            said += [_describe(c, ranked[0][0], rows_) for c in ranked[0][1][1]]
        margin = total - spec["min"]
        if best is None or margin > best[0]:
            best = (margin, kind, platform, said, total)
    if best is None:
        if post is not None:
            return Verdict("post", post.platform, 0.5, [f"layout: post ({post.platform})"])
        return Verdict("screenshot", None, 0.0, [])
    margin, kind, platform, said, _ = best
    return Verdict(kind, platform, round(min(0.95, 0.55 + 0.08 * margin), 2), said)


def _platform(
    kind: str,
    ranked: list[tuple[str, tuple[int, list[Cue]]]],
    post: Post | None,
    data: dict[str, Any],
) -> str | None:
    """The leading platform, if it reaches platform_min with a mark of its own, leads by `lead`,
    and no other platform's cue that it does not share is seen ('Active now' beside 'Text
    message' is two apps' chrome: no platform is named)."""
    if not ranked:
        return None
    name, (score, hits) = ranked[0]
    own_mark = any(c.weight >= 2 for c in hits) or (
        kind == "post" and post is not None and post.platform == name
    )
    runner_up = ranked[1][1][0] if len(ranked) > 1 else 0
    shared = {(c.how, c.text) for c in hits}
    weight = data["kinds"][kind].get("conflict_weight", 2)
    conflict = any(
        (c.how, c.text) not in shared and c.weight >= weight
        for _, (_, other) in ranked[1:]
        for c in other
    )
    if score >= data["platform_min"] and own_mark and score - runner_up >= data["lead"]:
        return None if conflict else name
    return None
