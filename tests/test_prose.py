"""The prose linter (memeaudit.prose): each check fires on the faults issue L found and stays quiet
on the seed report; then every sample report and a set of fixture reports (the post cards of
tests/post_cards.py) through the whole pipeline, linted section by section."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pytest

from memeaudit.prose import lint, markdown_sections, sentences
from memeaudit.sections.paragraph import Paragraph, plural
from tests.conftest import SAMPLES

SEED = Path(__file__).resolve().parents[2] / "shared" / "golden" / "seed-report.txt"
FILLER = (
    "The screenshot shows a post on a dark background with an avatar at the top left. Its author "
    "writes in English, and the counts below the text are legible. Nothing else in the picture "
    "changes what the text says, and the file carries no metadata worth noting."
)

# (check, text that must fire it): the faults issue L #3 lists, and their near relations.
FAULTS = [
    ("plural", "The post has 1 replies and 12 reposts."),
    ("plural", "It was shared by 3 account only."),
    ("relative-date", "The post is dated 54m and names no author."),
    ("doubled-punctuation", "The chat opens: “Dear @airfrance,.”"),
    ("doubled-punctuation", "It reads “Never again.”."),
    ("empty-quote", "The caption reads “ … ”."),
    ("fragment-quote", "The last message is “…Me:.”"),
    ("fragment-quote", "The label reads “C”."),
    ("repeated-fact", "EXIF UserComment “Screenshot” and XMP exif:UserComment “Screenshot”."),
    ("repeated-fact", "It reports 24,000 accounts. Those 24,000 accounts were fake."),
    (
        "repeated-fact",
        "The post says the vote moves to Wednesday for mail voters. Officials said "
        "the vote moves to Wednesday for mail voters in every county.",
    ),
]
# Text each check must leave alone.
CLEAN = [
    "The post has 1 reply, 1 repost and 1.2K likes; 2 accounts shared it and 1 bus was shown.",
    "Mitigations include rate limiting (Tramèr et al., 2016; Ferrara et al., 2016), e.g., quotas.",
    "The caption reads “Wait... what?!” and the sign says “No entry”.",
    "It quotes “$1” and “1%” from the ad, and “FB” in the header.",
    "The last message, “call you tonight …”, is cut off; “Really?”, she asks.",
    "It cites over 24,000 fraudulent accounts and over 16 million exchanges.",
    "The post was published at 10:02 AM on Feb 23, 2026.",
]


@pytest.mark.parametrize(("check", "text"), FAULTS)
def test_each_fault_is_found(check: str, text: str) -> None:
    found = {p.check for p in lint({2: f"{text} {FILLER}"})}
    assert check in found


@pytest.mark.parametrize("text", CLEAN)
def test_careful_prose_passes(text: str) -> None:
    assert lint({2: f"{text} {FILLER}"}) == []


def test_no_text_then_the_images_text() -> None:
    sections = {1: "No text was found in the image.", 4: "The image's text makes no claim."}
    assert [(p.section, p.check) for p in lint(sections)] == [(4, "no-text")]
    assert lint({1: "No text was found in the image.", 4: "No claim was found."}) == []


def test_two_sections_quoting_the_same_sentence() -> None:
    quoted = (
        "“We have identified distillation attacks on our models by three labs in two countries.”"
    )
    check = "It names no source; only the original post or the labs' statements would verify it."
    sections = {1: f"The post begins: {quoted}", 4: f"Anthropic asserts: {quoted} {check}"}
    problems = [p for p in lint(sections) if p.check != "length"]
    assert [(p.section, p.check) for p in problems] == [(4, "repeated-fact")]
    alone = {1: f"The post begins: {quoted}", 4: check}
    assert [p.check for p in lint(alone)] == ["length", "length"]


def test_section_length_and_the_plain_nothing_found() -> None:
    short = {3: "The post appears on X, dated today."}
    long = {2: "word " * 151}
    assert [p.check for p in lint(short)] == ["length"]
    assert [p.check for p in lint(long)] == ["length"]
    assert lint({5: "No legal or ethical issue is evident in the image."}) == []


def test_sentences_do_not_split_inside_quotes() -> None:
    text = "It reads: “Stop. Look. Listen.” Then it ends. A third one."
    assert sentences(text) == ["It reads: “Stop. Look. Listen.”", "Then it ends.", "A third one."]


def test_the_seed_report_passes() -> None:
    if not SEED.is_file():
        pytest.skip(f"{SEED} is not here")
    text = SEED.read_text(encoding="utf-8")
    found = re.findall(r"^(\d)\. [^\n]*:\n(.*?)(?=\n\d\. |\Z)", text, re.M | re.S)
    sections = {int(n): " ".join(body.split()) for n, body in found}
    assert len(sections) == 5
    assert lint(sections) == []


def test_markdown_sections() -> None:
    text = "# r\n\n## 1. Description\n\nA cat.\nOn two lines.\n\n## 2. Security\n\nNone.\n\n---\n"
    assert markdown_sections(text) == {1: "A cat. On two lines.", 2: "None."}


def test_plural_helper() -> None:
    assert [plural(1, "reply"), plural(2, "reply"), plural(0, "box"), plural(3, "day")] == [
        "1 reply",
        "2 replies",
        "0 boxes",
        "3 days",
    ]
    assert plural(1200, "person", "people") == "1,200 people"


def test_a_budget_leaves_out_the_least_important_first() -> None:
    par = Paragraph(2)
    par.say("one two three four five.")  # priority 0: always said
    par.say("a b c.", priority=2)
    par.say("d e f g.", priority=1)
    par.say("h i.", priority=2)
    assert par.section(12).text == "one two three four five. a b c. d e f g."
    assert par.section(9).text == "one two three four five. d e f g."
    assert par.section(1).text == "one two three four five."
    assert par.section().text == "one two three four five. a b c. d e f g. h i."
    assert [e.sentence for e in par.section(9).evidence] == []


# ------------------------------------------------------------------ reports through the pipeline
# Faults in sections other helpers are rewriting this round (issue L #2: Description; issue K:
# Platforms; issue L #1: Claims), as measured on 2026-12-02 at 15:00 UTC: expected to fail until
# their writers change. A section that starts passing shows as XPASS; take it off the list.
# At 20:15 UTC every sample passes (samples/expected linted clean); the post cards were not
# re-measured and stay listed.
SHORT_1 = "description under 40 words (L #2, sections/description.py)"
SHORT_3 = "platforms under 40 words (sections/platforms.py)"
AGAIN_4 = (
    "claims quote at length the sentence section 1 quotes (sections/claims.py, description.py)"
)
SHORT_1_OF = ""
SHORT_3_OF = "x-light x-dim x-black x-timeline bluesky threads mastodon reddit"
AGAIN_4_OF = "x-light x-dim x-black bluesky threads mastodon reddit"
KNOWN = {
    **{(name, 1): SHORT_1 for name in SHORT_1_OF.split()},
    **{(name, 3): SHORT_3 for name in SHORT_3_OF.split()},
    **{(name, 4): AGAIN_4 for name in AGAIN_4_OF.split()},
}


@cache
def _sample(name: str) -> dict[int, str]:
    from memeaudit import analyze

    return {s.number: s.text for s in analyze(SAMPLES / f"{name}.png").sections}


@cache
def _card(name: str) -> dict[int, str]:
    from memeaudit import analyze
    from tests.post_cards import CARDS, render

    card = next(c for c in CARDS if c.name == name)
    out = io.BytesIO()
    render(card).save(out, "PNG")
    return {s.number: s.text for s in analyze(out.getvalue()).sections}


def _cases() -> list[object]:
    from tests.post_cards import CARDS

    out = []
    for kind, names in (
        ("sample", sorted(p.stem for p in SAMPLES.glob("*.png"))),
        ("card", [c.name for c in CARDS]),
    ):
        for name in names:
            for number in range(1, 6):
                known = KNOWN.get((name, number))
                marks = [pytest.mark.xfail(reason=known, strict=False)] if known else []
                out.append(pytest.param(kind, name, number, marks=marks, id=f"{name}-s{number}"))
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "name", "number"), _cases())
def test_report_prose(kind: str, name: str, number: int) -> None:
    sections = _sample(name) if kind == "sample" else _card(name)
    problems = [p for p in lint(sections) if p.section == number]
    assert problems == [], f"{sections[number]}\n" + "\n".join(map(str, problems))


def test_a_value_ending_in_its_own_stop_ends_the_sentence_once() -> None:
    from memeaudit.sections.paragraph import Paragraph

    par = Paragraph(1)
    par.say("The image is a screenshot of a chat with Marta K..")
    assert par.section().text == "The image is a screenshot of a chat with Marta K."
