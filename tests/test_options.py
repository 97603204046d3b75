"""One options builder: analyze and batch declare the shared options once, with the defaults and
help texts of options.py (as fastapi-cli tests its flag mapping)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from memeaudit.cli import app
from memeaudit.options import DEFAULTS, MAX_PIXELS, Options, help_text, options

SHARED = ("ocr", "lang", "caption_model", "detect", "semantic", "rules", "template_dir")
SHARED += ("max_pixels", "max_bytes", "redact", "templates")


def test_no_flags_give_the_default_options() -> None:
    assert options() == Options() == DEFAULTS
    assert DEFAULTS.max_pixels == MAX_PIXELS == 80_000_000


def test_flags_map_to_options_field_by_field(tmp_path: Path) -> None:
    flags = {
        "ocr": "tesseract",
        "lang": "eng+deu",
        "caption_model": "./blip",
        "detect": False,
        "semantic": False,
        "rules": [tmp_path / "a.yaml", tmp_path / "b"],
        "template_dir": tmp_path,
        "max_pixels": 1000,
        "max_bytes": 2000,
        "redact": True,
    }
    assert options(**flags) == Options(**{**flags, "rules": (tmp_path / "a.yaml", tmp_path / "b")})
    assert options(rules=None).rules == ()


def test_an_unknown_flag_is_refused() -> None:
    with pytest.raises(ValueError):
        options(colour="red")


@pytest.mark.parametrize("command", ["analyze", "batch"])
def test_analyze_and_batch_share_defaults_and_help_with_the_options(command: str) -> None:
    click_command = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    params = {p.name: p for p in click_command.params}
    for name in SHARED:
        default = params[name].default
        expected = getattr(DEFAULTS, name)
        assert (default or ()) == expected if name == "rules" else default == expected, name
        if name != "template_dir":
            assert params[name].help == help_text(name), name
