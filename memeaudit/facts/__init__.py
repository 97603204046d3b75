"""The facts stage: pure functions from OCR, post fields and vision to entities, claims,
personal data and topics."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from memeaudit.facts.claim_cues import load_cues
from memeaudit.facts.claims import find_claims
from memeaudit.facts.entities import find_entities
from memeaudit.facts.impersonation import by_handle, by_sender
from memeaudit.facts.links import find_links, suspicious
from memeaudit.facts.pii import find_personal_data
from memeaudit.facts.semantic import SentenceEmbedder, semantic_topics
from memeaudit.facts.terms import find_terms
from memeaudit.facts.text import is_prose, sentences, trigger_search, without_gutter
from memeaudit.facts.topics import find_topics
from memeaudit.facts.typed import by_kind
from memeaudit.kinds.chrome import phrases
from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import (
    Code,
    Facts,
    Impersonation,
    Link,
    OcrResult,
    Post,
    Screen,
    TopicHit,
    Vision,
)
from memeaudit.ocr.language import iso639_1


def warm_ups() -> Iterator[Callable[[], object]]:
    """Steps that compile the patterns the claim finder searches with (its cue lists, compiled
    once per process: about 0.2 s in one thread at the first image), for the look-ahead thread
    (memeaudit.ahead) to take while OCR reads. The topics' patterns were compiled when the
    knowledge was loaded."""
    cues = load_cues()
    for name, file in cues.files.items():
        yield lambda n=name, f=file: [cues.pattern(n, c) for c in f.cues]


def topics_in(
    kb: Knowledge,
    text: str,
    parts: list[str],
    embedder: SentenceEmbedder | None,
    lang: str | None = None,
) -> list[TopicHit]:
    """Keyword triggers over the whole text (and the topics' triggers in its language `lang`,
    ISO 639-1), then, with an embedder and text that is not in another language, similarity over
    its sentences for the topics the keywords left silent. Short fragments (labels, UI chrome,
    strings of names) never fire on similarity alone."""
    topics = list(kb.topics.values())
    hits = find_topics(topics, text, lang)
    if embedder is not None and lang in (None, "en"):
        found = frozenset(h.id for h in hits)
        names = kb.names()
        prose = [p for p in parts if is_prose(p, names)]
        hits += semantic_topics(embedder, topics, prose, found, tuple(kb.benign))
    return hits


def text_sources(ocr: OcrResult, post: Post | None, vision: Vision) -> list[tuple[str, str]]:
    """(source, text) pairs: who posted, what the post says, labels, and the rest of the text."""
    sources: list[tuple[str, str]] = []
    if post is not None:
        author = " ".join(filter(None, [post.display_name, post.handle]))
        sources.append(("post-author", author))
        if post.body:
            sources.append(("post-body", post.body))
    labels = [o.tag for o in vision.objects if o.tag] + vision.untied_labels
    if labels:
        sources.append(("label", "\n".join(labels)))
    shown = {text for _, text in sources}
    rest = [ln.text for ln in ocr.lines if not any(ln.text in s for s in shown)]
    if rest:
        sources.append(("ocr", "\n".join(rest)))
    return sources


def _discussed(
    kb: Knowledge, text: str, topics: list[TopicHit], exposed: bool
) -> tuple[list[TopicHit], list[TopicHit]]:
    """(topics the image shows, topics its text only discusses). A topic is discussed where the
    text has a discussion cue (a talk, a course: language.yaml) and every topic found was found
    by keyword on words of its own title ('ransomware'); a topic a link raised, personal data or
    an impersonation keeps them all shown."""
    assert kb.language is not None
    cue = next((c for c in kb.language.discussion if trigger_search(c, text)), None)
    if cue is None or exposed or not topics:
        return topics, []
    named = all(
        hit.how == "keyword"
        and all(m.lower() in kb.topics[hit.id].title.lower() for m in hit.matched)
        for hit in topics
    )
    if not named:
        return topics, []
    return [], [hit.model_copy(update={"matched": [*hit.matched, cue]}) for hit in topics]


def _typed_text(screen: Screen | None) -> str:
    """What people wrote in a chat, an email or a review, without the app around it: each
    message, the subject and the body, the title and the body, a paragraph each."""
    if screen is None:
        return ""
    if screen.chat is not None and screen.kind == "chat":
        parts = [m.text for m in screen.chat.messages]
    elif screen.email is not None and screen.kind == "email":
        parts = [screen.email.subject or "", screen.email.body or ""]
    elif screen.review is not None and screen.kind == "review":
        parts = [screen.review.title or "", screen.review.body or ""]
    else:
        return ""
    return "\n\n".join(p for p in parts if p.strip())


def _without_chrome(text: str, screen: Screen | None) -> str:
    """A post's text where memeaudit.post found no post: its counts, buttons and status bar
    left out (kinds/chrome.yaml), so that '318 likes' is no claim. Any other text as it is."""
    if screen is None or screen.kind != "post":
        return text
    chrome = phrases("post")
    return "\n".join(ln for ln in text.split("\n") if not chrome.match(ln))


def extract(
    kb: Knowledge,
    ocr: OcrResult,
    post: Post | None,
    vision: Vision,
    embedder: SentenceEmbedder | None = None,
    codes: list[Code] | None = None,
    screen: Screen | None = None,
) -> Facts:
    """Entities, claims, personal data and topics. Topics come from keyword triggers, then, where
    an embedder is given, from similarity to each topic's examples for the topics still silent.
    Last, the facts are read by the kind of screenshot `screen` says it is (facts.typed)."""
    assert kb.language is not None
    sources = text_sources(ocr, post, vision)
    author = None
    if post is not None and (post.display_name or post.handle):
        name, handle = post.display_name, post.handle
        author = f"{name} ({handle})" if name and handle else name or handle
    text = without_gutter(ocr.text) if screen is not None and screen.kind == "code" else ocr.text
    claim_text = (
        post.body if post and post.body else _typed_text(screen) or _without_chrome(text, screen)
    )
    personal = find_personal_data(text)
    lang = iso639_1(ocr.language.language)
    topics = topics_in(kb, text, sentences(claim_text or ""), embedder, lang)
    raised = kb.topic_for("personal-data")  # the topic personal data in the text raises
    if personal and raised is not None and all(t.id != raised.id for t in topics):
        spans = [f"{p.kind}: {p.text}" for p in personal]
        topics.append(TopicHit(id=raised.id, title=raised.title, matched=spans, how="regex"))
    links = find_links(kb, text, codes or [])
    impersonations = by_handle(kb, post.display_name, post.handle) if post is not None else []
    if screen is not None and screen.email is not None:  # a sender's name, someone else's domain
        impersonations += by_sender(kb, screen.email.from_name, screen.email.from_address)
    topics += raised_by_links(kb, topics, links, impersonations)
    topics, discussed = _discussed(kb, text, topics, bool(personal or impersonations))
    found = Facts(
        entities=find_entities(kb, sources, post),
        claims=find_claims(
            claim_text or "",
            author,
            kb.language,
            [p.text for p in personal],
            kb.names(),
            caption=_without_chrome(dict(sources).get("ocr", ""), screen) if post else "",
            post=post is not None,
        ),
        personal_data=personal,
        topics=topics,
        discussed=discussed,
        links=links,
        impersonations=impersonations,
        terms=find_terms(claim_text or ""),
    )
    return by_kind(kb, found, screen)  # an email's envelope, a chat's speakers (facts.typed)


def raised_by_links(
    kb: Knowledge, topics: list[TopicHit], links: list[Link], impersonations: list[Impersonation]
) -> list[TopicHit]:
    """The topics that deceptive links (role: suspicious-link) and a display name on someone
    else's account (role: impersonation) raise, where the text did not already."""
    raised = []
    have = {t.id for t in topics}
    lures = [
        f"{link.url}: {s.kind}" + (f" ({s.detail})" if s.detail else "")
        for link in suspicious(links)
        for s in link.signals
    ]
    claims = [f"{i.shown} on {i.account}" for i in impersonations]
    for role, matched in (("suspicious-link", lures), ("impersonation", claims)):
        topic = kb.topic_for(role)
        if matched and topic is not None and topic.id not in have:
            raised.append(TopicHit(id=topic.id, title=topic.title, matched=matched, how="link"))
            have.add(topic.id)
    return raised
