"""The options that analyze and batch share, declared once: their typer types (help texts from
options.py, defaults from DEFAULTS) and `shared_options`, which adds them to a command and hands
it the one Options they make."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, get_type_hints

import typer

from memeaudit.options import DEFAULTS, help_text, options
from memeaudit.templates_cli import TemplatesOption

OcrOption = Annotated[
    Literal["auto", "tesseract", "ppocr"], typer.Option("--ocr", help=help_text("ocr"))
]
LangOption = Annotated[str, typer.Option("--lang", help=help_text("lang"))]
CaptionOption = Annotated[
    str | None, typer.Option("--caption-model", help=help_text("caption_model"))
]
DetectOption = Annotated[bool, typer.Option("--detect/--no-detect", help=help_text("detect"))]
SemanticOption = Annotated[
    bool, typer.Option("--semantic/--no-semantic", help=help_text("semantic"))
]
RulesOption = Annotated[list[Path] | None, typer.Option("--rules", help=help_text("rules"))]
MaxPixelsOption = Annotated[int, typer.Option("--max-pixels", min=1, help=help_text("max_pixels"))]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", min=1, help=help_text("max_bytes"))]
RedactOption = Annotated[bool, typer.Option("--redact", help=help_text("redact"))]


def _template_folder(value: Path | None) -> Path | None:
    """--template-dir must name a folder: checked before any work, exit 6 otherwise."""
    if value is None:
        return None
    from memeaudit.report import template_folder

    return template_folder(value)


TemplateDirOption = Annotated[
    Path | None,
    typer.Option(
        "--template-dir",
        help="Folder of templates overriding the packaged ones.",
        callback=_template_folder,
    ),
]

# The shared flags in the order --help lists them: (name, typer type, default).
SHARED: tuple[tuple[str, Any, object], ...] = (
    ("ocr", OcrOption, DEFAULTS.ocr),
    ("lang", LangOption, DEFAULTS.lang),
    ("caption_model", CaptionOption, DEFAULTS.caption_model),
    ("detect", DetectOption, DEFAULTS.detect),
    ("semantic", SemanticOption, DEFAULTS.semantic),
    ("rules", RulesOption, None),
    ("template_dir", TemplateDirOption, None),
    ("templates", TemplatesOption, DEFAULTS.templates),
    ("max_pixels", MaxPixelsOption, DEFAULTS.max_pixels),
    ("max_bytes", MaxBytesOption, DEFAULTS.max_bytes),
    ("redact", RedactOption, DEFAULTS.redact),
)


def shared_options(command: Callable[..., None]) -> Callable[..., None]:
    """The command with the shared flags in place of its `opts: Options` parameter (where that
    parameter stands is where --help lists them); it is called with options(**those flags)."""
    hints = get_type_hints(command, include_extras=True)
    params: list[inspect.Parameter] = []
    for param in inspect.signature(command).parameters.values():
        if param.name != "opts":
            params.append(param.replace(annotation=hints[param.name]))
            continue
        params += [inspect.Parameter(n, param.kind, default=d, annotation=t) for n, t, d in SHARED]

    @functools.wraps(command)
    def with_options(**flags: Any) -> None:
        shared = {name: flags.pop(name) for name, _, _ in SHARED}
        command(opts=options(**shared), **flags)

    # typer reads the parameters from the signature and their types from the annotations.
    with_options.__signature__ = inspect.Signature(params, return_annotation=None)  # type: ignore[attr-defined]
    with_options.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
    del with_options.__wrapped__  # the signature above, not the command's, is the one to read
    return with_options
