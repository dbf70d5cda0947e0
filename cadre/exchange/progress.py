"""How far a long import has got, phase by phase, for the progress bar.

    progress = Progress(callback)          # callback(done, total, step, unit)
    progress.phase("Bước 2/3: kiểm tra từng dòng", total=138_000, unit="dòng")
    progress.advance()                     # one unit done
    progress.update(52_000)                # or: this many done

Each phase counts its own units: bytes of the sheets for reading the file
(no unit: only the share is meaningful), rows of the file for the checks,
rows written (records and their history) for the commit. The callback is
called when a phase starts, about every half percent of it, and when it ends,
so counting every row costs next to nothing. Without a callback nothing is
reported.
"""
from __future__ import annotations

from typing import Callable

REPORTS_PER_PHASE = 200

ProgressCallback = Callable[[int, int, str, str], None]


class Progress:
    def __init__(self, callback: ProgressCallback | None = None):
        self._callback = callback
        self.step = ""
        self.unit = ""
        self.done = 0
        self.total = 0
        self._next = 0
        self._every = 1

    @property
    def enabled(self) -> bool:
        return self._callback is not None

    def phase(self, step: str, total: int, unit: str = "") -> None:
        """Start a phase of `total` units, reported at once."""
        self.step, self.unit, self.total, self.done = step, unit, max(0, total), 0
        self._every = max(1, self.total // REPORTS_PER_PHASE)
        self._report()

    def advance(self, count: int = 1) -> None:
        self.update(self.done + count)

    def update(self, done: int) -> None:
        self.done = min(done, self.total)
        if self.done >= self._next:
            self._report()

    def finish(self) -> None:
        """The current phase is complete (its count may have been an estimate)."""
        self.update(self.total)

    def _report(self) -> None:
        # The end of a phase is reported once, whatever the step size.
        self._next = self.total + 1 if self.done >= self.total else min(self.done + self._every, self.total)
        if self._callback is not None:
            self._callback(self.done, self.total, self.step, self.unit)
