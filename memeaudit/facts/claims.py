"""Claims: the sentences worth checking (facts/checkworthy.py says which, and why), each framed
with who asserts it, whom it concerns, its figures exactly as written, its hedges, and what would
verify it for this kind of image. Opinions are kept too, marked kind "opinion"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from memeaudit.facts.checkworthy import judge, names_in
from memeaudit.facts.claim_cues import Cues, load_cues
from memeaudit.facts.figures import figures
from memeaudit.facts.text import sentences
from memeaudit.knowledge.schema import LanguageFile
from memeaudit.model import Claim

# Kinds whose check starts with the people or organisations they name.
ABOUT_SOMEONE = (
    "accusation",
    "event",
    "reported-speech",
    "quote",
    "breaking",
    "promise",
    "warning",
)


def find_claims(
    text: str,
    author: str | None,
    language: LanguageFile,
    personal: Sequence[str] = (),
    known: frozenset[str] = frozenset(),
    caption: str = "",
    post: bool | None = None,
) -> list[Claim]:
    """The check-worthy sentences and opinions of `text` (a post's body, or the image's text),
    then those of `caption` (the picture's own text beside a post). `author` is the post's
    author ("Name (@handle)"); `personal` the personal data spans, which are never figures;
    `known` the knowledge base's names, lower-cased."""
    cues = load_cues()
    is_post = bool(author) if post is None else post
    found = []
    for source, in_caption in ((text, False), (caption, True)):
        for sentence in sentences(source or ""):
            claim = _claim(sentence, author, language, personal, known, cues, is_post)
            if claim is None or (in_caption and claim.kind == "opinion"):
                continue
            if in_caption:
                claim = claim.model_copy(update={"caption": True, "speaker": None})
            if all(c.text != claim.text for c in found):
                found.append(claim)
    return found


def _claim(
    sentence: str,
    author: str | None,
    language: LanguageFile,
    personal: Sequence[str],
    known: frozenset[str],
    cues: Cues,
    is_post: bool,
) -> Claim | None:
    masked = sentence
    for span in personal:
        masked = masked.replace(span, " " * len(span))
    found = figures(masked)
    verdict = judge(sentence, found, known, cues)
    if verdict.kind is None:
        return None
    if verdict.kind == "breaking" and (m := cues.search("breaking", "openers", sentence)):
        sentence = sentence[m.start() :].lstrip()  # drop a post header OCR ran into the text
    hedges = cues.found("hedges", "hedges", sentence)
    if verdict.kind == "opinion":
        return Claim(text=sentence, speaker=author, kind="opinion", hedges=hedges)
    source = _source(sentence, verdict.kind, verdict.cues, language, cues)
    concerns = [n for n in names_in(sentence, known) if not _same(n, source, author, cues)]
    if not concerns and verdict.kind == "accusation" and len(verdict.cues) > 1:
        concerns = [verdict.cues[1]]  # the doer the act was found with
    elif not concerns and verdict.kind in ABOUT_SOMEONE and verdict.kind != "event":
        office = cues.search("accusation", "targets", sentence)
        concerns = [office.group(0)] if office else []
    return Claim(
        text=sentence,
        speaker=source or author,
        figures=found,
        hedges=hedges,
        kind=verdict.kind,
        concerns=concerns,
        verify=_verify(sentence, verdict.kind, source, concerns, is_post, cues),
    )


def _same(name: str, source: str | None, author: str | None, cues: Cues) -> bool:
    """Whether a name is the claim's source, its author, or a cue word ("BREAKING")."""
    if cues.search("breaking", "openers", name) or cues.search("outlets", "outlets", name):
        return True
    low = name.lower()
    return any(low in other.lower() or other.lower() in low for other in (source, author) if other)


def _source(
    sentence: str, kind: str, said: tuple[str, ...], language: LanguageFile, cues: Cues
) -> str | None:
    """Who the sentence says said it: an outlet, 'according to X', 'police said'."""
    outlet = cues.search("outlets", "outlets", sentence)
    if outlet and (kind in ("reported-speech", "quote") or _cited(cues, sentence, outlet)):
        return outlet.group(0)
    if kind not in ("reported-speech", "quote"):
        return None
    for pattern in language.attributions:
        match = re.search(pattern, sentence)
        if match and match.group("speaker").lower() not in ("it", "he", "she", "they", "this"):
            return match.group("speaker")
    if kind == "quote" and said and said[0].endswith(" says"):
        return said[0][: -len(" says")]
    speaker = cues.search("reported-speech", "speakers", sentence)
    return speaker.group(0) if speaker else None


def _cited(cues: Cues, sentence: str, outlet: re.Match[str]) -> bool:
    """Whether the outlet is named as the source: "Politico reports", "a Politico report"."""
    near = sentence[max(0, outlet.start() - 12) : outlet.end() + 30]
    return cues.search("outlets", "reporting", near) is not None


def _verify(
    sentence: str,
    kind: str,
    source: str | None,
    concerns: list[str],
    is_post: bool,
    cues: Cues,
) -> list[str]:
    """What would verify the claim, most direct first (the section's wording names each)."""
    needs = ["original-post" if is_post else "original-source"]
    if source and cues.search("outlets", "outlets", source):
        needs.append("outlet-article")
    if kind == "health" or (kind == "causal" and cues.search("health", "terms", sentence)):
        needs.append("health-authority")
    if cues.search("verification", "elections", sentence):
        needs.append("election-authority")
    if kind == "promise":
        needs.append("official-channel")
    elif concerns and kind in ABOUT_SOMEONE:
        needs.append("organisation-statement")
    if kind == "statistic":
        needs.append("data-source")
    if kind == "media":
        needs.append("original-upload")
    return needs
