"""memeaudit: read memes and post screenshots like a careful analyst.

The Python API is the same pipeline the CLI runs::

    import memeaudit
    report = memeaudit.analyze("samples/distillation-meme.png")
    print(report.to_markdown())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from memeaudit.errors import MemeauditError
    from memeaudit.model import Report
    from memeaudit.pipeline import analyze

__all__ = ["MemeauditError", "Report", "__version__", "analyze"]


def __getattr__(name: str) -> Any:
    """Import the heavy parts on first use, so `--help` and `--version` stay fast."""
    if name == "analyze":
        from memeaudit.pipeline import analyze

        return analyze
    if name == "Report":
        from memeaudit.model import Report

        return Report
    if name == "MemeauditError":
        from memeaudit.errors import MemeauditError

        return MemeauditError
    raise AttributeError(name)
