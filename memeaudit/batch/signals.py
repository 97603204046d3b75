"""SIGINT (Ctrl-C) and SIGTERM during a batch: stop the work, then finish the run's records.

While the batch works, the first signal raises Stop in the main thread, wherever it is (waiting
for workers, reading a file, or analysing in this process with -j 1). Stop is a BaseException,
so the per-image `except Exception` never turns it into an error row. From then on, and once
the work is over, a signal is only noted: the index and run.json are always written whole, and
the run ends with exit code 130 (SIGINT) or 143 (SIGTERM) after them."""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stop(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class Signals:
    """Installs the handlers on entry (main thread only: elsewhere Python cannot), restores the
    previous ones on exit. `signum` is the first signal received, or None."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.armed = True
        self._saved: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is None:
            self.signum = signum
        if self.armed:
            self.armed = False
            raise Stop(signum)

    def disarm(self) -> None:
        """From now on a signal is noted, not raised."""
        self.armed = False

    @property
    def name(self) -> str | None:
        return signal.Signals(self.signum).name if self.signum is not None else None

    def __enter__(self) -> Signals:
        if threading.current_thread() is threading.main_thread():
            for signum in SIGNALS:
                self._saved[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for signum, handler in self._saved.items():
            signal.signal(signum, handler)
