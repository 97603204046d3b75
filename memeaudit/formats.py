"""Every output of one report, rendered in one place for analyze and batch: the requested formats
(Markdown, JSON, HTML with the picture) and the annotated image."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from PIL import Image

    from memeaudit.model import Report

Fmt = Literal["md", "json", "html"]
EXTENSION: dict[str, str] = {"md": ".md", "json": ".json", "html": ".html"}


@dataclass
class Rendered:
    texts: dict[str, str]  # format -> report text
    annotation: bytes | None = None  # the annotated image, as PNG


def render_outputs(
    report: Report,
    formats: tuple[str, ...] | list[str],
    template_dir: Path | None,
    picture: Image.Image | None = None,
    *,
    redact: bool = False,
    annotate: bool = False,
) -> Rendered:
    """The report in each format, and (with `annotate` and the picture) the annotated image. The
    picture, redacted first when the report is, goes into the HTML report and the annotation."""
    from memeaudit.report import render

    if picture is not None and redact and ("html" in formats or annotate):
        from memeaudit.blackout import redact_picture

        picture = redact_picture(picture, report)
    texts = {}
    for fmt in formats:
        if fmt == "json":
            texts[fmt] = report.to_json()
        elif fmt == "md":
            texts[fmt] = render(report, "md", template_dir)
        else:
            texts[fmt] = render(report, "html", template_dir, picture=picture)
    annotation = None
    if annotate and picture is not None:
        from memeaudit.annotate import annotate as draw

        buffer = io.BytesIO()
        draw(picture, report).save(buffer, format="PNG")
        annotation = buffer.getvalue()
    return Rendered(texts, annotation)
