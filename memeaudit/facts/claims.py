"""Claims: sentences that assert something, with who asserts it, figures as written and hedges."""

from __future__ import annotations

import re
from collections.abc import Sequence

from memeaudit.facts.figures import figures
from memeaudit.facts.text import phrase_pattern, sentences
from memeaudit.knowledge.schema import LanguageFile
from memeaudit.model import Claim


def find_claims(
    text: str, author: str | None, language: LanguageFile, personal: Sequence[str] = ()
) -> list[Claim]:
    """Sentences with a counted figure or an assertion verb; questions are not claims.

    Personal data (a phone number's digits) is not a figure, so it is blanked first."""
    claims = []
    for sentence in sentences(text):
        if sentence.endswith("?") or len(sentence.split()) < 4:
            continue
        masked = sentence
        for span in personal:
            masked = masked.replace(span, " ")
        found = [f for f in figures(masked) if f.unit is not None]
        asserts = any(phrase_pattern(v).search(sentence) for v in language.assertion_verbs)
        if not found and not asserts:
            continue
        hedges = [h for h in language.hedges if phrase_pattern(h).search(sentence)]
        claims.append(
            Claim(
                text=sentence,
                speaker=_speaker(sentence, language) or author,
                figures=found,
                hedges=hedges,
            )
        )
    return claims


def _speaker(sentence: str, language: LanguageFile) -> str | None:
    for pattern in language.attributions:
        match = re.search(pattern, sentence)
        if match:
            return match.group("speaker")
    return None
