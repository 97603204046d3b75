"""Section 1's sentence on the meme template a picture is built on (memeaudit.vision.templates),
worded by knowledge/wording/templates.yaml."""

from __future__ import annotations

from memeaudit.knowledge.wording import Words
from memeaudit.model import Evidence, TemplateMatch
from memeaudit.vision.templates import KEYPOINT_VIEW

SURE = 0.05  # a score this far over the bank's threshold is said without doubt


def built_on(match: TemplateMatch, words: Words) -> list[tuple[str, Evidence]]:
    """The sentence naming the template (and the bank's gloss, if it has one), with evidence."""
    evidence = Evidence(
        kind="rule",
        rule=f"template:{match.bank}:{match.key}",
        text=f"score {match.score:.3f}, threshold {match.threshold:.3f}, view {match.view}",
        bbox=match.region,
    )
    # Keypoints that map onto the template's by one shift and scale (a picture pasted over part
    # of it kept its embedding below the threshold) are firmer evidence than a score near it.
    sure = match.score >= match.threshold + SURE or match.view.startswith(KEYPOINT_VIEW)
    key = "built-on" if sure else "likely-built-on"
    if match.source:
        said = [(words(key, name=match.name, source=match.source), evidence)]
    else:
        said = [(words(f"{key}-unsourced", name=match.name), evidence)]
    if match.gloss:
        said.append((words("gloss", gloss=match.gloss), evidence))
    return said
