"""Section 1's sentences on a picture embedded in a post (memeaudit.vision.media), worded by
knowledge/wording/media.yaml: its kind, its objects and its own text, apart from the post's."""

from __future__ import annotations

from collections.abc import Callable

from memeaudit.facts.text import end_with_quote, sentences
from memeaudit.knowledge.wording import Words
from memeaudit.model import DetectedObject, Evidence, Media


def carries(
    media: Media, words: Words, objects_phrase: Callable[[list[DetectedObject]], str]
) -> list[tuple[str, list[Evidence]]]:
    """'The embedded picture is a photo showing nine persons.' and the first sentence of the
    text inside it."""
    picture = words(f"picture-{media.kind}")
    where = Evidence(kind="rule", rule="vision.media", text=media.kind, bbox=media.bbox)
    seen = [
        Evidence(kind="object", text=f"{o.label} {o.conf:.2f}", bbox=o.bbox) for o in media.objects
    ]
    if media.objects:
        said = words("media-objects", picture=picture, objects=objects_phrase(media.objects))
    else:
        said = words("media", picture=picture)
    out = [(said, [where, *seen])]
    if media.text:
        first = sentences(media.text)[0]
        out.append(
            (
                end_with_quote(words("media-text"), first),
                [Evidence(kind="ocr", rule="vision.media", text=first, bbox=media.bbox)],
            )
        )
    return out
