"""`memeaudit analyze`: one report per image (or per frame), printed or written beside each
other, with the annotated picture if asked. The pipeline does the work; this parses and prints."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from memeaudit.cli_options import shared_options
from memeaudit.cli_print import error, log_verbosely, say
from memeaudit.errors import ExitCode, MemeauditError
from memeaudit.formats import EXTENSION, Fmt
from memeaudit.options import DEFAULTS, Options


def _targets(images: list[str], output: Path | None, fmt: Fmt) -> list[Path | None]:
    """Where each report goes: stdout (None), the file -o names, or a file in the -o folder."""
    from memeaudit.write import short_name

    if output is None:
        return [None] * len(images)
    folder = len(images) > 1 or output.is_dir() or str(output).endswith(("/", "\\"))
    if not folder:
        return [output]
    taken: set[str] = set()
    targets: list[Path | None] = []
    for i, image in enumerate(images):
        stem = "stdin" if image == "-" else Path(image).stem or "image"
        name = short_name(stem, EXTENSION[fmt])  # a 250-byte image name still gets its report
        if name in taken:
            name = short_name(f"{stem}-{i + 1}", EXTENSION[fmt])
        taken.add(name)
        targets.append(output / name)
    return targets


@shared_options
def analyze(
    images: Annotated[
        list[str], typer.Argument(help="Image files; '-' reads one image from stdin.")
    ],
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="Report format.")] = "md",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="A file, or a folder when there are several images."),
    ] = None,
    opts: Options = DEFAULTS,  # stands for the shared flags: see shared_options
    all_frames: Annotated[
        bool,
        typer.Option(
            "--all-frames", help="Analyse every frame of an animation, not just the first."
        ),
    ] = False,
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="Also write a PNG of the image with what was found drawn on it (a folder when "
            "there are several images).",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("-v", help="Log each stage; show the traceback of a bug.")
    ] = False,
) -> None:
    """Analyse images and print or write their five-section reports."""
    if verbose:
        log_verbosely(True)
    from memeaudit.formats import render_outputs
    from memeaudit.inputfile import read_stdin
    from memeaudit.load import load_image
    from memeaudit.pipeline import analyze_image
    from memeaudit.write import write_atomic

    max_bytes = opts.max_bytes
    sources = [read_stdin(max_bytes) if image == "-" else image for image in images]
    jobs = [(i, 0) for i in range(len(images))]
    if all_frames:
        jobs = _frames(images, sources, max_bytes)
    names = [images[i] if not frame else _frame_name(images[i], frame) for i, frame in jobs]
    targets = _targets(names, output, fmt)
    failed = 0
    for done, ((i, frame), target) in enumerate(zip(jobs, targets, strict=True)):
        if len(jobs) > 1 and sys.stderr.isatty():
            say(f"[{done + 1}/{len(jobs)}] {names[done]}")
        try:
            image = load_image(
                sources[i], max_pixels=opts.max_pixels, frame=frame, max_bytes=max_bytes
            )
            report = analyze_image(image, opts)
            out = render_outputs(
                report,
                [fmt],
                opts.template_dir,
                image.rgb,
                redact=opts.redact,
                annotate=bool(annotate),
            )
            text = out.texts[fmt]
            if annotate is not None and out.annotation is not None:
                target_png = _annotation_target(annotate, names[done], len(jobs))
                write_atomic(target_png, out.annotation, "the annotation")
                say(f"wrote {target_png}")
        except MemeauditError as err:
            if len(jobs) == 1:
                raise
            failed += 1
            error(err)
            continue
        if target is None:
            sys.stdout.write(text if len(jobs) == 1 else text + "\n")
            continue
        try:
            write_atomic(target, text)
        except MemeauditError as err:  # one output that cannot be written stops no other
            if len(jobs) == 1:
                raise
            failed += 1
            error(err)
            continue
        say(f"wrote {target}")
    if failed:
        raise typer.Exit(ExitCode.some_failed)


def _annotation_target(annotate: Path, name: str, count: int) -> Path:
    """--annotate names a PNG file for one image, a folder for several."""
    if count == 1 and not annotate.is_dir() and not str(annotate).endswith(("/", "\\")):
        return annotate
    from memeaudit.write import short_name

    stem = "stdin" if name == "-" else Path(name).stem or "image"
    return annotate / short_name(stem, ".annotated.png")


def _frame_name(image: str, frame: int) -> str:
    path = Path("stdin" if image == "-" else image)
    return str(path.with_name(f"{path.stem}-frame{frame + 1}{path.suffix}"))


def _frames(images: list[str], sources: list[str | bytes], max_bytes: int) -> list[tuple[int, int]]:
    """(image index, frame) for every frame of every image; unreadable files keep frame 0, so
    they fail with their own message."""
    from memeaudit.load import frame_count, read_bytes

    jobs = []
    for i, source in enumerate(sources):
        try:
            count = frame_count(read_bytes(source, max_bytes)[1])
        except MemeauditError:
            count = 1
        jobs += [(i, frame) for frame in range(max(count, 1))]
    return jobs
