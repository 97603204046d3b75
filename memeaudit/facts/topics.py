"""Topics recognised from trigger phrases and patterns in the rule packs."""

from __future__ import annotations

import re

from memeaudit.facts.text import phrase_pattern
from memeaudit.knowledge.schema import Topic
from memeaudit.model import TopicHit


def match_topic(topic: Topic, text: str) -> TopicHit | None:
    triggers = topic.triggers
    if triggers.context_any and not any(
        phrase_pattern(w).search(text) for w in triggers.context_any
    ):
        return None
    matched = [m.group(0) for p in triggers.phrases if (m := phrase_pattern(p).search(text))]
    how = "keyword"
    if not matched:
        matched = [m.group(0) for r in triggers.regex if (m := re.search(r, text, re.IGNORECASE))]
        how = "regex"
    if not matched:
        return None
    return TopicHit(id=topic.id, title=topic.title, matched=matched, how=how)


def find_topics(topics: list[Topic], text: str) -> list[TopicHit]:
    return [hit for topic in topics if (hit := match_topic(topic, text))]
