"""Progress of a long build on the terminal ("pages 120/2000"), and silence everywhere else.

Shown only when stderr is a terminal, CI is not set, and the work has already taken a
moment, so that short builds, pipes, logs and CI stay quiet. Progress goes to stderr only and
never into the site, which stays byte-reproducible.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

DELAY = 0.5  # seconds before the first progress line: a quick build shows none


def wanted(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("CI") and not os.environ.get("PLAYBOOK_QUIET")


class Progress:
    def __init__(
        self,
        total: int,
        label: str = "pages",
        stream: TextIO | None = None,
        enabled: bool | None = None,
        delay: float = DELAY,
    ):
        self.stream = stream or sys.stderr
        self.total = total
        self.label = label
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.delay = delay
        self.started = time.monotonic()
        self.done = 0
        self.shown = False
        self._last = -1

    def step(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled or self.total <= 0:
            return
        if not self.shown and time.monotonic() - self.started < self.delay:
            return
        percent = min(100, self.done * 100 // self.total)
        if percent == self._last and self.done < self.total:
            return
        self._last = percent
        self.shown = True
        self.stream.write(f"\r{self.label} {self.done}/{self.total} ({percent} %)")
        self.stream.flush()

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False
