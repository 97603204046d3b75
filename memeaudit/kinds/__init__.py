"""What kind of screenshot an image is, from which service, and its typed fields.

`read_screen(ocr, post)` gives a Screen: the kind (post, chat, email, review, code, terminal,
poster, document, or screenshot when unsure), the platform, named only from its layout cues
(cues.yaml; a parsed post's handle shape) and never from a stray letter (a kiss "x"), the cues
that decided it, and the fields of a chat, an email or a review. `settle_post` keeps the parsed
post only where the screen is a post, under the platform the screen names.

- classify.py: the cue engine; rows.py: OCR lines regrouped into rows, left/right/centre;
- chat.py, email.py, review.py: the parsers; chrome.yaml: the apps' own text they leave out;
- when.py: dates and ages as the apps draw them.
"""

from __future__ import annotations

from memeaudit.kinds.chat import parse_chat
from memeaudit.kinds.classify import Verdict, classify
from memeaudit.kinds.email import parse_email
from memeaudit.kinds.review import parse_review
from memeaudit.kinds.rows import rows
from memeaudit.model import OcrResult, Post, Screen


def read_screen(ocr: OcrResult, post: Post | None) -> Screen:
    """The screen's kind, platform and typed fields, from the OCR rows and the parsed post."""
    laid_out = rows(ocr.lines)
    verdict: Verdict = classify(laid_out, post)
    screen = Screen(
        kind=verdict.kind,  # type: ignore[arg-type]
        platform=verdict.platform,
        confidence=verdict.confidence,
        cues=verdict.cues,
    )
    if verdict.kind == "chat":
        screen.chat, screen.caption = parse_chat(laid_out)
    elif verdict.kind == "email":
        screen.email = parse_email(laid_out)
    elif verdict.kind == "review":
        screen.review = parse_review(laid_out, verdict.platform)
    return screen


def settle_post(post: Post | None, screen: Screen) -> Post | None:
    """The post, where the screen is one (an @name in a chat is no post), on the screen's
    platform when the layout names another than the handle's shape suggested."""
    if post is None or screen.kind != "post":
        return None
    if screen.platform and screen.platform != post.platform:
        return post.model_copy(update={"platform": screen.platform})
    return post


__all__ = ["read_screen", "settle_post"]
