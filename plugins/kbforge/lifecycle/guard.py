"""SIGTERM and SIGINT during a build: stop what the build started (child builds,
indexers), remove its temporary folders, then end as the signal asks."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Callable

log = logging.getLogger("mkdocs.plugins.kbforge.lifecycle")
SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Guard:
    def __init__(self):
        self.cleanups: list[Callable[[], None]] = []
        self.previous: dict[int, object] = {}

    def add(self, cleanup: Callable[[], None]) -> None:
        self.cleanups.append(cleanup)

    def remove(self, cleanup: Callable[[], None]) -> None:
        if cleanup in self.cleanups:
            self.cleanups.remove(cleanup)

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # signals reach the main thread only; a build in a thread (tests) has none
        for number in SIGNALS:
            if signal.getsignal(number) is not signal.SIG_IGN:  # nohup and friends: leave it ignored
                self.previous[number] = signal.signal(number, self._handle)

    def uninstall(self) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)
        self.previous = {}

    def run_cleanups(self) -> None:
        cleanups, self.cleanups = self.cleanups, []
        for cleanup in reversed(cleanups):
            try:
                cleanup()
            except Exception as exc:  # keep cleaning up
                log.debug("cleanup failed: %s", exc)

    def _handle(self, number, frame) -> None:
        self.run_cleanups()
        previous = self.previous.get(number, signal.SIG_DFL)
        self.uninstall()
        if callable(previous):
            previous(number, frame)  # Python's SIGINT handler raises KeyboardInterrupt
        else:
            signal.signal(number, signal.SIG_DFL)
            signal.raise_signal(number)
