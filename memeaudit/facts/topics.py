"""Topics recognised from trigger phrases and patterns in the rule packs.

English phrases match with their last word inflected ("SIM swap": "SIM-swapped", "SIM swapping");
a topic's phrases and patterns in another language (`languages.<code>`) match where the text is in
that language, without inflection but regardless of accents ("reembolso" reads "reembolsó")."""

from __future__ import annotations

import re
import unicodedata

from memeaudit.facts.text import rule_regex, trigger_search
from memeaudit.knowledge.schema import Topic
from memeaudit.model import TopicHit


def fold_accents(text: str) -> tuple[str, list[int]]:
    """The text without combining marks, and for each of its characters the index of the
    character it came from (so that a match can quote the text as written)."""
    out, where = [], []
    for i, ch in enumerate(text):
        for part in unicodedata.normalize("NFKD", ch):
            if not unicodedata.combining(part):
                out.append(part)
                where.append(i)
    return "".join(out), where


def _foreign(phrases: list[str], regexes: list[str], text: str) -> tuple[list[str], str]:
    folded, where = fold_accents(text)

    def quoted(m: re.Match[str]) -> str:
        return text[where[m.start()] : where[m.end() - 1] + 1]

    found = [
        quoted(m)
        for p in phrases
        if (m := trigger_search(fold_accents(p)[0], folded, inflect=False))
    ]
    if found:
        return found, "keyword"
    found = [quoted(m) for r in regexes if (m := rule_regex(r).search(text))]
    return found, "regex"


WRAP = re.compile(r"(?<![.!?:;\n])\n(?!\n)")  # a line break inside a sentence: OCR's wrapping


def _search(pattern: str, text: str) -> re.Match[str] | None:
    """A trigger pattern in the text as OCR laid it out, or with the lines of each sentence
    joined, so that a pattern's context ('… (?=.*trading)') reaches a wrapped sentence's end."""
    regex = rule_regex(pattern)
    return regex.search(text) or regex.search(WRAP.sub(" ", text))


def match_topic(topic: Topic, text: str, lang: str | None = None) -> TopicHit | None:
    """English triggers (any text), then, where the text is in language `lang` (ISO 639-1) and
    the topic has triggers in it, those."""
    triggers = topic.triggers
    context = not triggers.context_any or any(trigger_search(w, text) for w in triggers.context_any)
    matched: list[str] = []
    how = "keyword"
    if context:
        matched = [m.group(0) for p in triggers.phrases if (m := trigger_search(p, text))]
        if not matched:
            matched = [m.group(0) for r in triggers.regex if (m := _search(r, text))]
            how = "regex"
    if not matched and lang and lang != "en" and (other := topic.languages.get(lang)):
        matched, how = _foreign(other.phrases, other.regex, text)
    if not matched:
        return None
    # Inflection lets "deepfake" and "deepfakes" both match one word: quote each span once.
    matched = list(dict.fromkeys(matched))
    return TopicHit(id=topic.id, title=topic.title, matched=matched, how=how)


def find_topics(topics: list[Topic], text: str, lang: str | None = None) -> list[TopicHit]:
    return [hit for topic in topics if (hit := match_topic(topic, text, lang))]
