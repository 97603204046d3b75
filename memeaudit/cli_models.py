"""`memeaudit models pull`: the command over vision/pull.py, the one explicit download. It stays
out of the vision package, whose import (numpy, the networks: about 0.8 s) the CLI's start-up
does not pay."""

from __future__ import annotations

from typing import Annotated

import typer

from memeaudit.cli_print import say

models_app = typer.Typer(help="Optional models users download themselves.", no_args_is_help=True)


@models_app.command("pull")
def models_pull(
    name: Annotated[
        str,
        typer.Argument(help="A Hugging Face model id, e.g. Salesforce/blip-image-captioning-base."),
    ],
) -> None:
    """Download a captioning model into the Hugging Face cache (the only command that uses the network)."""
    from memeaudit.vision.pull import pull

    say(f"downloaded {name} to {pull(name)}", err=False)
