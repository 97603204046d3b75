"""Each failure has its own error class and the exit code the README documents for it."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from memeaudit import errors
from memeaudit.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "benign-meme.png"

# The README's exit-code table, class by class.
DOCUMENTED = {
    errors.InputError: 3,
    errors.EngineMissing: 4,
    errors.PackageMissing: 4,
    errors.EngineFailed: 5,
    errors.DownloadFailed: 5,
    errors.RulesError: 6,
    errors.TemplateError: 6,
    errors.OutputError: 7,
}


@pytest.mark.parametrize("cls", list(DOCUMENTED), ids=lambda cls: cls.__name__)
def test_each_class_carries_its_documented_exit_code(cls: type[errors.MemeauditError]) -> None:
    assert int(cls("x").exit_code) == DOCUMENTED[cls]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| {DOCUMENTED[cls]} |" in readme


def test_an_interrupted_batch_exits_as_a_shell_reports_its_signal() -> None:
    assert errors.Interrupted("stopped", terminated=False).exit_code == 130
    assert errors.Interrupted("stopped", terminated=True).exit_code == 143


def test_only_a_bug_exits_10() -> None:
    assert errors.MemeauditError("x").exit_code == ExitCode.internal == 10


def test_no_code_raises_the_base_class() -> None:
    """The base class's exit code is that of a bug: every failure raises a subclass."""
    raised = []
    for path in sorted((ROOT / "memeaudit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                if isinstance(func, ast.Name) and func.id == "MemeauditError":
                    raised.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert raised == []


def _without(
    module: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """memeaudit ARGS in a fresh interpreter in which `module` cannot be imported, as when the
    optional package is not installed."""
    code = (
        f"import sys; sys.modules[{module!r}] = None; sys.argv = ['memeaudit', *sys.argv[1:]]; "
        "from memeaudit.cli import run; run()"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_a_dask_batch_without_dask_distributed_exits_4(tmp_path: Path) -> None:
    run = _without("distributed", "batch", str(SAMPLE), "-o", str(tmp_path), "--executor", "dask")
    assert run.returncode == 4, run.stderr
    assert run.stderr.strip().splitlines() == [
        "memeaudit: error: the dask executor needs dask distributed (pip install 'memeaudit[dask]')"
    ]


def test_models_pull_without_the_hub_client_exits_4() -> None:
    run = _without("huggingface_hub", "models", "pull", "someone/some-model")
    assert run.returncode == 4, run.stderr
    assert "pip install 'memeaudit[caption]'" in run.stderr


def test_a_download_that_fails_exits_5(tmp_path: Path) -> None:
    # Offline, with an empty cache: the hub client refuses without touching the network.
    env = {"HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path)}
    run = _without("no-such-module", "models", "pull", "someone/some-model", env=env)
    assert run.returncode == 5, run.stderr
    assert run.stderr.startswith("memeaudit: error: could not download someone/some-model: ")
    assert len(run.stderr.strip().splitlines()) == 1
