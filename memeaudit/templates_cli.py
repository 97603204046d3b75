"""`memeaudit templates ...`: build a meme template bank, and ask one which template an image uses."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from memeaudit.options import help_text

templates_app = typer.Typer(
    help="Meme template banks: build one from blank templates, look an image up.",
    no_args_is_help=True,
)


def _bank(value: Path | None) -> Path | None:
    """--templates must name a usable bank: checked before any work (exit code of InputError)."""
    if value is not None:
        from memeaudit.vision.bank_file import get_bank

        get_bank(value)
    return value


TemplatesOption = Annotated[
    Path | None, typer.Option("--templates", help=help_text("templates"), callback=_bank)
]


def _say(text: str) -> None:
    from memeaudit.errors import printable

    typer.echo(printable(text), err=True)


@templates_app.command("build")
def build(
    folder: Annotated[
        Path,
        typer.Argument(
            help="memegen's templates/ layout (one folder per template with config.yml), or a "
            "folder of pictures (each a template named after its file; NAME.yml beside it may "
            "give name, source, gloss and text)."
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The bank file to write (.npz, names in .json).")
    ] = Path("templates.npz"),
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No line per template.")] = False,
) -> None:
    """Compute a template bank: embeddings, colour histograms and PDQ hashes, with names and
    links. The pictures themselves are not copied into it."""
    from memeaudit.errors import EngineMissing
    from memeaudit.vision import get_classifier
    from memeaudit.vision.template_bank import build_bank

    classifier = get_classifier()
    if classifier is None:
        raise EngineMissing("the image classifier is not installed", "pip install 'memeaudit[ml]'")
    if output.suffix != ".npz":
        output = output.with_name(output.name + ".npz")
    meta = build_bank(
        folder, output, classifier.features, classifier.version(), None if quiet else _say
    )
    size = output.stat().st_size + output.with_suffix(".json").stat().st_size
    _say(
        f"wrote {output} and {output.with_suffix('.json').name}: {len(meta['templates'])} "
        f"templates, {size / 1e6:.2f} MB"
    )


@templates_app.command("match")
def match(
    image: Annotated[Path, typer.Argument(help="An image file.")],
    templates: TemplatesOption = None,
) -> None:
    """Print the template an image is built on (JSON), or nothing when no template scores high
    enough."""
    from memeaudit.load import load_image
    from memeaudit.vision.layout import panels
    from memeaudit.vision.templates import find_template

    loaded = load_image(image)
    found = find_template(loaded, panels(loaded.bgr, None), templates)
    if found is not None:
        typer.echo(found.model_dump_json(indent=2))
