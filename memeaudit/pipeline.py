"""One image, top to bottom: load -> OCR -> post fields -> vision -> facts -> rules -> report."""

from __future__ import annotations

import logging
import time
from functools import cache
from pathlib import Path
from typing import Any

from memeaudit import facts, kinds, ocr, post, vision
from memeaudit.ahead import looking_ahead
from memeaudit.facts.semantic import get_embedder
from memeaudit.knowledge.loader import Knowledge, load_knowledge
from memeaudit.load import LoadedImage, load_image
from memeaudit.locate import locate
from memeaudit.model import Report
from memeaudit.options import Options
from memeaudit.sections import describe_image, write_sections
from memeaudit.version import __version__
from memeaudit.vision.codes import read_codes

log = logging.getLogger("memeaudit")


@cache
def knowledge(extra: tuple[Path, ...] = ()) -> Knowledge:
    """The knowledge base and rule packs, loaded once per process for each set of extra files."""
    return load_knowledge(extra)


def load_engines(opts: Options) -> None:
    """Build every engine and knowledge base these options use (each caches itself for the life
    of the process), so that a batch worker pays its start-up before its first image. A missing
    engine is left to fail on the first image, where it becomes that image's error row."""
    from memeaudit.vision import get_captioner, get_classifier, get_detector

    steps = [lambda: knowledge(tuple(opts.rules)), get_classifier]
    steps += [
        lambda name=name: ocr.get_engine(name, opts.lang) for name in ocr.engines_for(opts.ocr)
    ]
    if opts.detect:
        steps.append(get_detector)
    if opts.semantic:
        steps.append(get_embedder)
    if opts.caption_model:
        steps.append(lambda: get_captioner(opts.caption_model))
    for step in steps:
        try:
            step()
        except Exception as err:
            log.debug("engine not loaded ahead: %s", err)


def analyze(source: str | Path | bytes, *, frame: int = 0, **options: Any) -> Report:
    """Analyse one image (a path or its bytes) and return the report. Options: see Options;
    `frame` picks a frame of an animation (0, the first, by default)."""
    opts = Options(**options)
    loaded = load_image(source, max_pixels=opts.max_pixels, frame=frame, max_bytes=opts.max_bytes)
    return analyze_image(loaded, opts)


def analyze_image(image: LoadedImage, opts: Options) -> Report:
    """The stages, in order, on an image already loaded."""
    kb = knowledge(tuple(opts.rules))
    start = time.perf_counter()
    # On another core, while OCR reads: the vision of pixels alone, and the patterns to compile.
    with looking_ahead(image, opts, facts.warm_ups()) as looks:
        text, engines = ocr.read_text(image, opts, kb.names())
    log.info(
        "%s: OCR read %d lines (%.2f s)",
        image.info.path,
        len(text.lines),
        time.perf_counter() - start,
    )
    fields = post.parse_post(text, image.bgr[:, :, ::-1])  # RGB: the badge is a colour
    screen = kinds.read_screen(text, fields)  # post, chat, email, review, ...: typed fields
    fields = kinds.settle_post(fields, screen)  # an @name in a chat is no post
    seen, vision_engines = vision.see(image, text, fields, opts, looks)
    log.info(
        "%s: post %s, %d objects",
        image.info.path,
        fields.platform if fields else "none",
        len(seen.objects),
    )
    embedder = get_embedder() if opts.semantic else None
    codes = read_codes(image)
    found = facts.extract(kb, text, fields, seen, embedder, codes, screen)
    if embedder is not None:
        vision_engines[embedder.name] = embedder.version()
    metadata = image.info.metadata
    sections = [
        describe_image(kb, text, fields, seen, found, screen),
        *write_sections(kb, found, fields, metadata, screen),
    ]
    sections = locate(sections, text.lines, fields)  # where each piece of evidence is
    log.info(
        "%s: topics %s (%.2f s in all)",
        image.info.path,
        [t.id for t in found.topics] or "none",
        time.perf_counter() - start,
    )
    warnings = [note] if (note := ocr.language_note(text)) else []
    if image.info.frames > 1:
        warnings.append(
            f"The file is an animation of {image.info.frames} frames; this report reads frame "
            f"{image.info.frame + 1} only (memeaudit analyze --all-frames reads every frame)."
        )
    warnings += [*image.notes, *(metadata.notes if metadata is not None else [])]
    report = Report(
        memeaudit_version=__version__,
        image=image.info,
        ocr=text,
        post=fields,
        objects=seen.objects,
        caption=seen.caption,
        caption_set_aside=seen.caption_set_aside,
        scene=seen.scene,
        screen=screen,
        template=seen.template,
        media=seen.media,
        codes=codes,
        facts=found,
        sections=sections,
        engines={**engines, **vision_engines},
        warnings=warnings,
    )
    if not opts.redact:
        return report
    from memeaudit.redact import redact  # imported only when asked for

    return redact(report, kb.public_accounts())
