"""The README documents every option, command and exit code (a docs test, as datasette has)."""

from __future__ import annotations

from typing import Any

import typer

from memeaudit.cli import app
from memeaudit.errors import ExitCode
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: Any, prefix: str = "") -> dict[str, Any]:
    """Every command and sub-command of a (typer's own) click group, by its full name."""
    found = {}
    for name, command in group.commands.items():
        found[prefix + name] = command
        if hasattr(command, "commands"):
            found.update(_commands(command, f"{prefix}{name} "))
    return found


def test_every_command_is_in_the_readme() -> None:
    root = typer.main.get_command(app)
    for name in _commands(root):
        assert f"memeaudit {name}" in README, f"`memeaudit {name}` is not documented"


def test_every_analyze_option_is_in_the_readme() -> None:
    root = typer.main.get_command(app)
    for param in root.commands["analyze"].params:
        if param.param_type_name == "option":
            longest = max(param.opts, key=len)
            assert longest.split("/")[0] in README, f"{longest} is not documented"


def test_every_exit_code_is_in_the_readme() -> None:
    for code in ExitCode:
        assert f"| {int(code)} |" in README, (
            f"exit code {int(code)} ({code.name}) is not documented"
        )


def test_every_batch_and_digest_option_is_in_the_readme() -> None:
    root = typer.main.get_command(app)
    for command in ("batch", "digest"):
        for param in root.commands[command].params:
            if param.param_type_name == "option":
                longest = max(param.opts, key=len)
                assert longest.split("/")[0] in README, f"{command} {longest} is not documented"
