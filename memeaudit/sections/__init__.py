"""The section writers: facts and knowledge in, the report's sections out, one module per section
(description, security, platforms, claims, legal) over a shared paragraph builder. Their
sentences are data, in knowledge/wording/."""

from __future__ import annotations

from memeaudit.knowledge.loader import Knowledge
from memeaudit.model import Facts, ImageMetadata, OcrResult, Post, Screen, Section, Vision
from memeaudit.sections.claims import claims
from memeaudit.sections.description import describe
from memeaudit.sections.legal import legal
from memeaudit.sections.platforms import platforms
from memeaudit.sections.security import security


def write_sections(
    kb: Knowledge,
    facts: Facts,
    post: Post | None,
    meta: ImageMetadata | None = None,
    screen: Screen | None = None,
) -> list[Section]:
    """Sections 2 to 5; `meta` (the file's metadata, if it was read) adds to section 2, `screen`
    (the kind of screenshot, its platform and typed fields) to sections 3 and 4."""
    return [
        security(kb, facts, post, meta),
        platforms(kb, facts, post, screen),
        claims(kb, facts, post, screen=screen),
        legal(kb, facts),
    ]


def describe_image(
    kb: Knowledge,
    text: OcrResult,
    post: Post | None,
    seen: Vision,
    facts: Facts,
    screen: Screen | None = None,
) -> Section:
    """Section 1, with the knowledge base's wording and the languages its topics cover."""
    covered = frozenset(code for topic in kb.topics.values() for code in topic.languages)
    return describe(
        text,
        post,
        seen,
        facts,
        covered,
        kb.words("templates"),
        screen=screen,
        words=kb.words("description"),
        media_words=kb.words("media"),
    )
