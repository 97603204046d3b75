"""Section 1, Description: what the image is, what the picture shows, the gist of its text and
its language, in that order (issue L #2). The words are knowledge/wording/description.yaml; the
opening sentence's pieces are sections/image_kind.py, the text's gist sections/gist.py."""

from __future__ import annotations

from functools import cache

from memeaudit.facts.text import join_names, quote
from memeaudit.kinds.chat import ME
from memeaudit.kinds.rows import rows
from memeaudit.knowledge.loader import parse
from memeaudit.knowledge.wording import Words
from memeaudit.model import (
    ChatMessage,
    Evidence,
    Facts,
    Line,
    OcrResult,
    Post,
    Screen,
    Section,
    Vision,
)
from memeaudit.ocr.language import iso639_1, language_name
from memeaudit.paths import PACKAGE
from memeaudit.sections.claims import quoted_claims
from memeaudit.sections.excerpt import BRIEF_WORDS, DANGLING, QUOTE_WORDS, bare, count, excerpt
from memeaudit.sections.gist import first_sentences, paragraphs
from memeaudit.sections.image_kind import (
    chat_summary,
    code_details,
    email_details,
    noun_for,
    one_to_one,
    poster_layout,
    review_details,
    structure,
    terminal_details,
)
from memeaudit.sections.media import card_link, card_says, carries
from memeaudit.sections.opening import caption as meme_caption
from memeaudit.sections.opening import (
    object_evidence,
    objects_phrase,
    opening,
    pictured,
)
from memeaudit.sections.paragraph import Paragraph, ocr, plural, post_field, rule
from memeaudit.sections.template import built_on

MAX_WORDS = 150  # the section's budget; the least important sentences go first
MIN_WORDS = 40  # a shorter Description says what the image does not tell about its source
GIST_LIMIT = 40  # words of the text quoted at most
NOT_PROSE_ROWS = 4  # rows quoted of a text that holds no sentence
LETTERS_SHARE = 0.6  # ... if letters are at least this share of their characters
NOUNS = {"replies": "reply", "reposts": "repost", "likes": "like", "views": "view"}
HEDGES = frozenset({"over", "more", "nearly", "almost", "about", "around", "up", "at", "some"})


def _language(w: Words, ocr_result: OcrResult, covered: frozenset[str] | None) -> list[str]:
    """Where the text is not in English: its language, and, where no loaded topic has triggers
    in it (`covered`, ISO 639-1 codes), that the analysis of the text is limited."""
    code = ocr_result.language.language
    if code is None or code == "eng":
        return []
    name = language_name(code)
    said = [w("language", language=name)]
    if covered is not None and iso639_1(code) not in covered:
        said.append(w("language-limited", language=name))
    return said


@cache
def packaged_words() -> Words:
    """The packaged description wording, for callers that pass none (a run passes the
    knowledge base's, which a user's --rules may reword)."""
    text = (PACKAGE / "knowledge" / "wording" / "description.yaml").read_text("utf-8")
    return Words("description", parse(text, "memeaudit/knowledge/wording/description.yaml").phrases)


def _quoted(text: str) -> str:
    """“text.”: a quotation that closes its sentence, with one full stop and no dangling comma."""
    shown = excerpt(text).rstrip(" ,;:")
    if shown.split()[-1].lower() in DANGLING:  # 'reach me at': the text goes on, elsewhere
        shown += " …"
    body = quote(shown, GIST_LIMIT)
    return body if body[-2] in ".!?…" else body[:-1] + ".”"


def _gist(
    w: Words,
    text: str,
    reads: str,
    begins: str,
    *,
    greeting: bool = False,
    claimed: frozenset[str] = frozenset(),
    **fields: str,
) -> list[tuple[str, Evidence]]:
    """The first clean sentences of `text`, quoted as read, in a few words: the gist, not the
    text; fewer still when section 4 quotes the sentence as a claim (`claimed`), so that the
    report never quotes one long run twice. Nothing if the text has no clean sentence."""
    gist, whole = first_sentences(text, greeting)
    if not gist:
        return []
    two = " ".join(gist[:2])
    first = gist[0] if count(two) > QUOTE_WORDS else two
    brief = any(first in c or c in first for c in claimed)
    shown = excerpt(first, limit=BRIEF_WORDS if brief else QUOTE_WORDS)
    whole = whole and shown == " ".join(gist)
    return [(w(reads if whole else begins, quote=_quoted(shown), **fields), ocr(bare(shown)))]


def _exchange(
    w: Words, messages: list[ChatMessage], contact: str | None
) -> list[tuple[str, Evidence]]:
    """The first message that holds a sentence, and the first answer to it from another
    speaker that holds one, each as read (a status line or a title read as a bubble is passed
    over). The title's contact, named once already, is 'the contact' here."""
    for i, first in enumerate(messages):
        speaker = _speaker(w, first, True, contact)
        said = _gist(w, first.text, "chat-first", "chat-first", speaker=speaker)
        if not said:
            continue
        for answer in messages[i + 1 :]:
            if answer.speaker == first.speaker:
                continue
            speaker = _speaker(w, answer, True, contact)
            if reply := _gist(w, answer.text, "chat-answer", "chat-answer", speaker=speaker):
                return said + reply
        return said
    return []


def _speaker(w: Words, message: ChatMessage, capital: bool, contact: str | None = None) -> str:
    if contact is not None and message.speaker == contact:
        return w("contact-first") if capital else w("contact")
    if message.speaker is None:  # no name over the bubble: someone other than the owner
        return w("someone-first") if capital else w("someone")
    if message.speaker == ME:
        return w("owner-first") if capital else w("owner")
    return message.speaker


def _poster(w: Words, ocr_result: OcrResult) -> list[tuple[str, Evidence]]:
    """A poster's headline (its tallest rows) and the smaller print under it, each as read."""
    laid = [r for r in rows(ocr_result.lines) if r.text.strip()]
    if not laid:
        return []
    tallest = max(r.height for r in laid)
    head = [r.text for r in laid if r.height >= 0.75 * tallest]
    rest = [r.text for r in laid if r.height < 0.75 * tallest]
    headline = excerpt(" ".join(head))
    said = [(w("poster-headline", quote=quote(headline.rstrip(" ,;:"))), ocr(bare(headline)))]
    if rest:
        gist, _ = first_sentences(" ".join(rest))
        if gist:
            details = excerpt(" ".join(gist))
            said.append((w("poster-details", quote=_quoted(details)), ocr(bare(details))))
    return said


def _text_gist(
    w: Words,
    ocr_result: OcrResult,
    post: Post | None,
    screen: Screen | None,
    caption: list[str],
    claimed: frozenset[str] = frozenset(),
    kind: str | None = None,
) -> list[tuple[str, Evidence]]:
    """What the text says, by `kind` (the screen's, unless the layout read it as a poster): the
    post's body, the caption, the first message, the mail's body, the review; else the image's
    text without its interface chrome."""
    said = (
        _gist(w, " ".join(caption), "caption-reads", "caption-begins", claimed=claimed)
        if caption
        else []
    )
    if caption and kind != "chat":
        return said
    if post is not None and post.body:
        noun = noun_for(w, post.platform)
        return _gist(w, post.body, "post-reads", "post-begins", noun=noun, claimed=claimed)
    if kind == "chat" and screen is not None and screen.chat and screen.chat.messages:
        return said + _exchange(w, screen.chat.messages, one_to_one(screen.chat))
    if kind == "email" and screen is not None and screen.email and screen.email.body:
        return _gist(
            w, screen.email.body, "email-reads", "email-begins", greeting=True, claimed=claimed
        )
    if kind == "review" and screen is not None and screen.review and screen.review.body:
        return _gist(w, screen.review.body, "review-reads", "review-begins", claimed=claimed)
    texts = [r.text for r in rows(ocr_result.lines)]
    if kind == "code":
        return code_details(w, texts)
    if kind == "terminal":
        return terminal_details(w, texts)
    if kind == "poster":
        return _poster(w, ocr_result)
    lines = [ln for ln in ocr_result.lines if ln.text not in caption]
    said = _gist(
        w,
        paragraphs(lines),
        "text-reads",
        "text-begins",
        greeting=kind == "document",
        claimed=claimed,
    )
    return said or _not_prose(w, lines)


def _not_prose(w: Words, lines: list[Line]) -> list[tuple[str, Evidence]]:
    """Text that holds no sentence but reads as writing (code, markup, a list): its first rows,
    as read, so that the Description does not pass over it. Rows that are mostly not letters
    (a picture's scraps read as text) are never quoted."""
    kept = [row.text.strip() for row in rows(lines) if row.text.strip()][:NOT_PROSE_ROWS]
    said = " ".join(kept)
    solid = said.replace(" ", "")
    if not solid or sum(c.isalpha() for c in solid) < LETTERS_SHARE * len(solid):
        return []
    shown = excerpt(said)
    return [(w("text-not-prose", quote=_quoted(shown)), ocr(bare(shown)))]


def describe(
    ocr_result: OcrResult,
    post: Post | None,
    vision: Vision,
    facts: Facts,
    covered: frozenset[str] | None = None,
    template_words: Words | None = None,
    *,
    media_words: Words | None = None,
    screen: Screen | None = None,
    words: Words | None = None,
) -> Section:
    """Section 1, in order: what the image is (kind, platform, author, date, structure), what the
    picture shows (objects, template, labels, a model's caption), the gist of the text, its
    language. `covered`: the languages (ISO 639-1) the loaded topics have triggers in; `screen`:
    the kind of screenshot (memeaudit.kinds); `words`: the description wording."""
    w = words or packaged_words()
    par = Paragraph(1)
    objects, scene = vision.objects, vision.scene
    scene_evidence = (
        rule("vision.scene", f"{scene.kind}; classes: {scene.classes}")
        if scene
        else rule("vision.scene")
    )
    evidence = [scene_evidence]
    if screen is not None:
        evidence.append(rule("kinds", f"{screen.kind}/{screen.platform}: {'; '.join(screen.cues)}"))
    if post is not None:
        evidence += [post_field("platform", post.platform), post_field("handle", post.handle or "")]
    kind = screen.kind if screen is not None else ("post" if post is not None else None)
    caption = meme_caption(ocr_result, vision, screen, kind)
    unsure = kind in (None, "screenshot") and post is None and not caption
    if unsure and poster_layout(ocr_result.lines):  # a headline over smaller print, no app
        kind = "poster"
        par.say(w("poster-layout"), *evidence, rule("describe.poster-layout"))
    if kind != "poster" or (screen is not None and screen.kind == "poster"):
        for said, ev in opening(w, screen, post, vision, kind, caption):
            par.say(said, *evidence, *ev)
    if not objects and kind in (None, "screenshot") and post is None and pictured(scene):
        par.say(w("no-objects"), rule("describe.no-objects"), priority=3)
    if post is not None:
        for said, ev in structure(w, post):
            par.say(said, ev, priority=1)
        if post.link_card is not None and media_words is not None:  # issue K's link checks
            link = card_link(post.link_card, facts.links)
            for said, evs in card_says(post.link_card, link, media_words):
                par.say(said, *evs, priority=1)
    if screen is not None:
        for said, ev in [
            *chat_summary(w, screen),
            *email_details(w, screen),
            *review_details(w, screen),
        ]:
            par.say(said, ev, priority=1)
    if objects and (kind not in (None, "screenshot") or post is not None):
        par.say(
            w("picture-shows", objects=objects_phrase(objects)),
            *object_evidence(objects),
            priority=2,
        )
    if vision.media is not None and media_words is not None:
        for said, evs in carries(vision.media, media_words, objects_phrase):
            par.say(said, *evs, priority=2)
    if vision.template is not None and template_words is not None:
        for said, ev in built_on(vision.template, template_words):
            par.say(said, ev, priority=2)
    if vision.untied_labels:
        untied = vision.untied_labels
        par.say(w("labels", labels=join_names(untied)), *(ocr(t) for t in untied), priority=2)
    if vision.caption is not None:
        model = vision.caption
        par.say(
            w("model-caption", engine=model.engine, caption=quote(model.text)),
            Evidence(kind="caption", text=model.text),
            priority=3,
        )
    if ocr_result.text.strip():
        quoted = ""
        claimed = frozenset(c.text for c in quoted_claims(facts.claims))
        for said, ev in _text_gist(w, ocr_result, post, screen, caption, claimed, kind):
            par.say(said, ev)
            quoted += " " + (ev.text or "")
        for said in _language(w, ocr_result, covered):
            par.say(said, rule("describe.language", ocr_result.language.language or ""))
        shown = post.body if post is not None and post.body else paragraphs(ocr_result.lines)
        cited = [
            f
            for claim in facts.claims
            for f in claim.figures
            if f.unit not in (None, "date") and f.text in shown and f.text not in quoted
        ]
        if cited and kind in (None, "post", "screenshot", "poster", "document"):
            figures = join_names([_figure(f.text, f.unit) for f in cited])
            par.say(
                w("cites", figures=figures),
                *(ocr(f.text, "facts.figures") for f in cited),
                priority=3,
            )
        if post is not None and any(v is not None for v in post.counts.model_dump().values()):
            shown = [
                plural(v, NOUNS[k]) for k, v in post.counts.model_dump().items() if v is not None
            ]
            par.say(
                w("counts", counts=join_names(shown)),
                post_field("counts", ", ".join(shown)),
                priority=4,
            )
    else:
        par.say(w("no-text"), rule("describe.no-text"))
    named = post is not None or (screen is not None and screen.platform is not None)
    if not named and sum(len(s.text.split()) for s in par.sentences) < MIN_WORDS:
        par.say(w("no-source"), rule("describe.no-source"))  # what the image does not tell
    return par.section(budget=MAX_WORDS)


def _figure(text: str, unit: str | None) -> str:
    """'over 24,000 fraudulent accounts': a capital hedge lowered mid-sentence."""
    shown = f"{text} {unit}" if unit not in ("percent", "ratio", "money", None) else text
    first, _, rest = shown.partition(" ")
    if rest and first[:1].isupper() and first[1:].islower() and first.lower() in HEDGES:
        return f"{first.lower()} {rest}"
    return shown
