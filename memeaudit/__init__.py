"""memeaudit: read memes and post screenshots like a careful analyst.

The Python API is the same pipeline the CLI runs::

    import memeaudit
    report = memeaudit.analyze("samples/distillation-meme.png")
    print(memeaudit.render(report, "md"))  # or "html"; report.to_json() for JSON
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from memeaudit.version import __version__

if TYPE_CHECKING:
    from memeaudit.errors import MemeauditError
    from memeaudit.model import Report
    from memeaudit.pipeline import analyze
    from memeaudit.report import render

__all__ = ["MemeauditError", "Report", "__version__", "analyze", "render"]


def __getattr__(name: str) -> Any:
    """Import the heavy parts on first use, so `--help` and `--version` stay fast."""
    if name == "analyze":
        from memeaudit.pipeline import analyze

        return analyze
    if name == "Report":
        from memeaudit.model import Report

        return Report
    if name == "render":
        from memeaudit.report import render

        return render
    if name == "MemeauditError":
        from memeaudit.errors import MemeauditError

        return MemeauditError
    raise AttributeError(name)
