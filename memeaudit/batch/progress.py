"""A progress bar on stderr (files done of total, files/s, time left, failures), silent when
stderr is not a terminal, so logs stay clean."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress


class Progress:
    def __init__(self, total: int, enabled: bool = True) -> None:
        self.failed = 0
        self._bar: RichProgress | None = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("[bold]memeaudit batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                TextColumn("[red]{task.fields[failed]} failed"),
                console=Console(stderr=True),
                transient=False,
                auto_refresh=False,  # redrawn on each file: no thread, so workers can fork
            )
            self._task = self._bar.add_task("batch", total=total, failed=0, rate="")

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, failed: bool = False) -> None:
        self.failed += failed
        if self._bar is None:
            return
        task = self._bar.tasks[0]
        speed = task.speed
        rate = f"{speed:.2f} files/s" if speed else "- files/s"
        self._bar.update(self._task, advance=1, failed=self.failed, rate=rate, refresh=True)
