"""Entities: AI products, organisations, platforms and handles, matched through the knowledge base."""

from __future__ import annotations

import re

from memeaudit.facts.text import phrase_search
from memeaudit.knowledge.loader import Knowledge
from memeaudit.knowledge.schema import Named
from memeaudit.model import Entity, Post

HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{1,30})\b")
Source = str  # one of Entity.source


def _matches(entry: Named, text: str) -> str | None:
    """The first spelling of an entry found in text, honouring its case rules. A name of one
    letter (X) is never a mention: a kiss "x", "X marks the spot" and "drwxr-xr-x" are not."""
    forms = [(entry.name, entry.case_sensitive)] if len(entry.name) > 1 else []
    forms += [(alias, False) for alias in entry.aliases]
    forms += [(alias, True) for alias in entry.case_sensitive_aliases]
    for form, exact in forms:
        found = phrase_search(form, text, exact)
        if found:
            return found.group(0)
    return None


def has_ai_context(kb: Knowledge, text: str) -> bool:
    words = kb.language.ai_context if kb.language else []
    if any(phrase_search(w, text, w.isupper()) for w in words):
        return True
    plain = [p for p in kb.products if not p.needs_ai_context]
    return any(_matches(entry, text) for entry in [*plain, *kb.organizations])


def find_entities(
    kb: Knowledge, sources: list[tuple[Source, str]], post: Post | None
) -> list[Entity]:
    """Entities per source, in knowledge-base order; one row per (name, kind, source)."""
    everything = "\n".join(text for _, text in sources)
    ai_context = has_ai_context(kb, everything)
    found: list[Entity] = []
    if post is not None:
        found.append(
            Entity(name=post.platform, kind="platform", matched=post.platform, source="layout")
        )
    by_handle = {h.lower(): org for org in kb.organizations for h in org.handles}
    for source, text in sources:
        for product in kb.products:
            if product.needs_ai_context and not ai_context:
                continue
            if matched := _matches(product, text):
                found.append(
                    Entity(
                        name=product.name,
                        kind="product",
                        provider=product.provider,
                        matched=matched,
                        source=source,
                    )
                )
        for org in kb.organizations:
            if matched := _matches(org, text):
                found.append(
                    Entity(name=org.name, kind="organization", matched=matched, source=source)
                )
        for platform in kb.platforms:
            if matched := _matches(platform, text):
                found.append(
                    Entity(name=platform.name, kind="platform", matched=matched, source=source)
                )
        for handle in HANDLE.findall(text):
            found.append(
                Entity(name="@" + handle, kind="handle", matched="@" + handle, source=source)
            )
            if org := by_handle.get(handle.lower()):
                found.append(
                    Entity(name=org.name, kind="organization", matched="@" + handle, source=source)
                )
    unique: dict[tuple[str, str, str], Entity] = {}
    for entity in found:
        unique.setdefault((entity.name, entity.kind, entity.source), entity)
    return list(unique.values())
