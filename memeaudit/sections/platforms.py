"""Section 3, Platforms and Models: the platform whose layout the screenshot has, and the AI
products, companies and platforms the text names. A platform is named from the layout (a parsed
post, or the screen's own cues: memeaudit.kinds) or from an explicit mention in the text, never
from a stray letter; when the kind of screenshot is unsure, no layout is claimed. The sentences
are knowledge/wording/platforms.yaml."""

from __future__ import annotations

import re

from memeaudit.facts.text import join_names
from memeaudit.kinds.classify import rules as screen_rules
from memeaudit.knowledge.loader import Knowledge
from memeaudit.knowledge.wording import Words
from memeaudit.model import Entity, Facts, Post, Screen, Section, Sentence
from memeaudit.sections.image_kind import an
from memeaudit.sections.paragraph import Paragraph, article, nothing, one_stop, post_field, rule

SOURCES = ("label", "post-body", "ocr")  # where names were read, in the order they are told


def _named(w: Words, entities: list[Entity]) -> list[str]:
    """'ChatGPT (OpenAI)' for products, the bare name for organisations; one per name."""
    names: dict[str, str] = {}
    products = {e.name for e in entities if e.kind == "product"}
    for e in entities:
        if e.kind == "product":
            names.setdefault(
                e.name,
                e.name
                if e.provider in (None, e.name)
                else w("product", product=e.name, provider=e.provider),
            )
        elif e.kind == "organization" and e.name not in products:
            names.setdefault(e.name, e.name)
    return list(names.values())


def _names_another(kb: Knowledge, owner: str, platform: str) -> bool:
    """An owner's name that holds another platform's name ('Telegram Messenger Inc.' and
    Messenger, 'Google' and Google's reviews): said, it would read as naming that platform too.
    The platforms are the knowledge base's and those the screen stage names (memeaudit.kinds)."""
    words = set(re.findall(r"\w+", owner.lower())) - set(re.findall(r"\w+", platform.lower()))
    known = [n for p in kb.platforms if p.name != platform for n in (p.name, *p.aliases)]
    known += [n for kind in screen_rules()["kinds"].values() for n in kind.get("platforms", {})]
    names = {w for n in known if n != platform for w in re.findall(r"\w+", n.lower())}
    return bool(words & {w for w in names if len(w) > 2 and "." not in w})


def _layout(w: Words, kb: Knowledge, post: Post) -> str:
    info = next((p for p in kb.platforms if p.name == post.platform), None)
    cues = [w("cue-handle")]
    cues += [w("cue-timestamp")] if post.timestamp_raw else []
    if any(v is not None for v in post.counts.model_dump().values()):
        cues.append(w("cue-counts"))
    fields = {"article": article(post.platform), "platform": post.platform}
    if info and info.formerly:
        return w("layout-formerly", **fields, formerly=info.formerly, cues=join_names(cues))
    return w("layout", **fields, cues=join_names(cues))


def _screen_layout(w: Words, screen: Screen) -> str | None:
    """'The screenshot has the layout of a WhatsApp chat, with “Type a message” and “online” on
    screen.': the texts of the platform's own cues that were seen."""
    if screen.platform is None or screen.kind not in ("chat", "review", "post", "email"):
        return None
    tail = f" ({screen.platform})"
    seen = [c[: -len(tail)] for c in screen.cues if c.endswith(tail)]
    what = w(f"what-{screen.kind}")
    fields = {"article": an(screen.platform), "platform": screen.platform, "what": what}
    if not seen:
        return w("layout-screen-plain", **fields)
    return w("layout-screen", **fields, cues=join_names(seen))


def platforms(
    kb: Knowledge, facts: Facts, post: Post | None, screen: Screen | None = None
) -> Section:
    w = kb.words("platforms")
    par = Paragraph(3)
    shown = None  # the platform whose layout the screenshot has, and what it shows there
    if post is not None:
        par.say(_layout(w, kb, post), post_field("platform", post.platform, "post.layout"))
        shown = (post.platform, w("what-post"))
    elif screen is not None and (said := _screen_layout(w, screen)):
        par.say(said, rule("kinds.layout", "; ".join(screen.cues)))
        shown = (screen.platform or "", w(f"what-{screen.kind}"))
    for source in SOURCES:
        entities = [
            e
            for e in facts.entities
            if e.source == source and e.kind in ("product", "organization")
        ]
        if named := _named(w, entities):
            par.say(
                w(f"names-{source}", names=join_names(named)),
                *(rule(f"kb:{e.kind}:{e.name}", e.matched) for e in entities),
            )
    mentioned = {e.name: e for e in facts.entities if e.kind == "platform" and e.source != "layout"}
    mentioned.pop(post.platform if post else "", None)
    mentioned.pop(screen.platform if screen and screen.platform else "", None)
    if mentioned:
        named = [
            n if e.matched.lower() == n.lower() else w("platform-as", platform=n, matched=e.matched)
            for n, e in sorted(mentioned.items())
        ]
        key = "also-names-platforms" if par.sentences else "names-platforms"
        par.say(
            w(key, count=len(named), names=join_names(named)),
            *(rule(f"kb:platform:{n}", e.matched) for n, e in sorted(mentioned.items())),
        )
    for org in [
        e for e in facts.entities if e.source == "post-author" and e.kind == "organization"
    ]:
        made = sorted(
            {e.name for e in facts.entities if e.kind == "product" and e.provider == org.name}
        )
        if made:
            par.say(
                w("author-provides", author=org.name, products=join_names(made)),
                rule(f"kb:organization:{org.name}", org.matched),
            )
    if shown is not None:
        info = next((p for p in kb.platforms if p.name == shown[0]), None)
        if info is not None and info.owner and not _names_another(kb, info.owner, info.name):
            par.say(
                one_stop(w("owner", platform=info.name, owner=info.owner)),
                rule(f"kb:platform:{info.name}"),
            )
        par.say(
            w("layout-caveat", platform=shown[0], what=shown[1]), rule("platforms.layout-caveat")
        )
    if not par.sentences:
        return nothing(3, w("nothing-found"))
    if shown is None:  # names, but no layout: say so first
        par.sentences.insert(
            0, Sentence(text=w("no-layout"), evidence=[rule("platforms.no-layout")])
        )
        par.priorities.insert(0, 0)
    return par.section()
