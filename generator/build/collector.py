"""Python's cycle collector in a build: paused while large, long-lived results are built up, and in a server
(`mkdocs serve`) kept out of its builds altogether."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a large, long-lived result is built up.

    Each full collection walks every object alive, so with thousands of articles in memory the collector's
    cost grows with the square of the corpus; these stages create few reference cycles to collect.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


IDLE_AFTER = 1.0  # seconds after a server's build when its collector may walk the whole heap
SWEEP_EVERY = 5  # builds in a row with no pause between them after which one collects before it is shown


class _Idle:
    """A server's cycle collector, kept out of its builds (see `collect_when_idle`)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # held through a collection: a build or a stop waits for its end
        self.turn = 0  # each build, pause and stop starts a new turn; a timer of an older turn does nothing
        self.timer: threading.Timer | None = None
        self.unswept = 0  # builds since the last collection

    def collect(self, turn: int) -> None:
        with self.lock:
            if turn == self.turn:
                _sweep()
                self.unswept = 0

    def next_turn(self) -> int:
        self.turn += 1
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        return self.turn


def _sweep() -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()


_IDLE = _Idle()


def collect_when_idle() -> None:
    """A server's build is done: what it keeps for the next build is set aside from the cycle collector (frozen),
    so no collection of the next build walks the whole heap (up to 2 s at 1,000 articles); a moment later, while
    the server waits for the next edit, one full collection frees what the build left behind. Edits saved faster
    than that still get a collection every `SWEEP_EVERY` builds."""
    with _IDLE.lock:
        turn = _IDLE.next_turn()
        _IDLE.unswept += 1
        if _IDLE.unswept >= SWEEP_EVERY:
            _sweep()
            _IDLE.unswept = 0
            return
        gc.freeze()
        _IDLE.timer = threading.Timer(IDLE_AFTER, _IDLE.collect, (turn,))
        _IDLE.timer.daemon = True
        _IDLE.timer.start()


def pause_collecting() -> None:
    """A server's build starts: a collection waiting for the server to be idle waits for the next one."""
    with _IDLE.lock:
        _IDLE.next_turn()


def stop_collecting() -> None:
    """The server stops: its heap is the collector's again."""
    with _IDLE.lock:
        _IDLE.next_turn()
        _IDLE.unswept = 0
        gc.unfreeze()
