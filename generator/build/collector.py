"""Python's cycle collector in a build: paused while large, long-lived results are built up, and in a server
(`mkdocs serve`) kept out of its builds altogether; and in a server's build, the interpreter held longer by the build
before a watcher thread may take it."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
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


IDLE_AFTER = 1.0  # seconds after a server's build when its collector frees what that build left behind
WHOLE_AFTER = 5.0  # ... when it walks the whole heap, once due: that holds the interpreter 1.5-2.5 s at 1,000
# articles, so it waits for a longer pause than saving and looking at the page (an edit saved sooner puts it off)
RESTED_AFTER = 30.0  # seconds with no build after which it walks the whole heap
SWEEP_EVERY = 20  # builds after which the collection while idle walks the whole heap, not only the latest build's:
# a build leaves about 30 objects in cycles among what was set aside (7,500 at 1,000 articles, a set per page of the
# page cache, before the search index's hooks were taken off it: `search_json.release`), so walks can be rare
OVERDUE_AFTER = 2 * SWEEP_EVERY  # builds since the heap was last walked whole after which it is walked after a pause
# of `IDLE_AFTER`, not `WHOLE_AFTER`: the page is shown first, and the walk runs while the edit is read (walking it at
# the build's end had shown every tenth of a run of quick edits 1.5-2 s later at 1,000 articles)
RUSHED_AFTER = 4 * SWEEP_EVERY  # ... after which a build walks it at its end (edits with no idle second between)
BUILD_SWITCH = 0.05  # seconds a server's build runs before another thread may take the interpreter (Python: 0.005)


class _Idle:
    """A server's cycle collector, kept out of its builds (see `collect_when_idle`)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # held through a collection: a build or a stop waits for its end
        self.turn = 0  # each build, pause and stop starts a new turn; a timer of an older turn does nothing
        self.timers: list[threading.Timer] = []
        self.unswept = 0  # builds (and resting collections) since the whole heap was last walked
        self.sweeps = 0  # collections made, for whoever waits for one
        self.built = False  # the server has built: it runs no collection of its own (see `collect_when_idle`)
        self.switch: float | None = None  # the thread switch interval before this build (see `_building`)

    def collect(self, turn: int, whole: bool, rested: bool = False) -> None:
        with self.lock:
            if turn == self.turn:
                if rested and not whole:
                    self.unswept += 1
                self.sweep(whole or (rested and self.unswept >= SWEEP_EVERY))
                if rested:  # no build for a while: what serving pages leaves behind is freed from time to time
                    self.arm(turn, RESTED_AFTER, False, True)

    def sweep(self, whole: bool) -> None:
        _sweep(whole)
        self.sweeps += 1
        if whole:
            self.unswept = 0

    def arm(self, turn: int, delay: float, whole: bool, rested: bool) -> None:
        self.timers = [t for t in self.timers if t.is_alive() and t is not threading.current_thread()]
        timer = threading.Timer(delay, self.collect, (turn, whole, rested))
        timer.daemon = True
        timer.start()
        self.timers.append(timer)

    def next_turn(self) -> int:
        self.turn += 1
        for timer in self.timers:
            timer.cancel()
        self.timers = []
        return self.turn


def _sweep(whole: bool) -> None:
    """Free what the builds let go of (`free_when_idle`), collect what is not set aside (the objects made since the
    last sweep), or the whole heap; then set aside what is left."""
    _LATER.clear()
    if whole:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


_IDLE = _Idle()
_LATER: list[object] = []  # what a server's builds let go of, held until it is idle (`free_when_idle`)


def free_when_idle(items: list[object]) -> None:
    """Hold what a server's build lets go of until the server's next collection (`collect_when_idle`, while it
    waits for an edit, or at a rushed build's end), so freeing it costs the build nothing. What an earlier build
    let go of and no idle moment freed is freed now: a server edited without a pause holds one build's worth."""
    _LATER[:] = items


def _building(now: bool) -> None:
    """A server's build starts (`now`) or has ended. MkDocs' watcher polls each watched folder in a thread of its
    own every 0.5 s, a file status at a time; at Python's interval each status it reads takes the interpreter from
    the build, which cost a rebuild of 1,000 articles about 0.3 s (10%). The build keeps it longer; the watcher's
    poll waits that much, which the server's response to the next edit does not notice. (A server that hears of
    edits from the kernel's file events has no polling thread: `watcher`; the longer hold costs it nothing.)"""
    if now and _IDLE.switch is None:
        _IDLE.switch = sys.getswitchinterval()
        sys.setswitchinterval(max(_IDLE.switch, BUILD_SWITCH))
    elif not now and _IDLE.switch is not None:
        sys.setswitchinterval(_IDLE.switch)
        _IDLE.switch = None


def collect_when_idle() -> None:
    """A server's build is done. A moment later, while the server waits for the next edit, one collection walks
    what the build made (what earlier builds made is set aside, frozen) and frees what it left behind, then sets
    the rest aside; so no collection walks the whole heap (1.5–2.5 s at 1,000 articles, holding the interpreter)
    just when the next edit is saved. The whole heap is walked every `SWEEP_EVERY` builds (after a pause of
    `WHOLE_AFTER` seconds, not `IDLE_AFTER`; after `OVERDUE_AFTER` builds, `IDLE_AFTER`), or once the server has
    rested `RESTED_AFTER` seconds, for cycles left among what was set aside; a server that goes on resting
    collects again every `RESTED_AFTER` seconds. No collection runs otherwise: not between builds, and not in
    the next build, whose young objects cost 0.3–0.4 s of collections at 1,000 articles (a library may turn the
    collector on while it loads, as spaCy's loading of its model does, until this build's end). Edits saved with
    no idle second between them still get the whole heap walked every `RUSHED_AFTER` builds."""
    _building(False)
    with _IDLE.lock:
        gc.disable()  # from now on the server collects only here and while idle
        _IDLE.built = True
        turn = _IDLE.next_turn()
        _IDLE.unswept += 1
        if _IDLE.unswept >= RUSHED_AFTER:
            _IDLE.sweep(True)
        else:
            overdue = _IDLE.unswept >= OVERDUE_AFTER
            _IDLE.arm(turn, IDLE_AFTER, overdue, False)  # what this build made (a build after garbage left
            if SWEEP_EVERY <= _IDLE.unswept < OVERDUE_AFTER:  # uncollected runs slower: 4.7 s against 3.0 s at
                _IDLE.arm(turn, WHOLE_AFTER, True, False)  # 1,000 articles, its memory new), or all when overdue
            _IDLE.arm(turn, RESTED_AFTER, True, True)
    while _NEXT:
        _NEXT.pop()()


_NEXT: list[Callable[[], None]] = []  # what a server does once its build has ended (`after_build`)


def after_build(task: Callable[[], None]) -> None:
    """Have `task` run once the server's current build has ended (`collect_when_idle`), in place of any task set
    before it."""
    _NEXT[:] = [task]


def in_background() -> None:
    """A build in a thread of its own while the server answers pages (`warmup`): it does not hold the interpreter
    longer than Python's interval (`_building` leaves the interval as it is until the build's end)."""
    if _IDLE.switch is None:
        _IDLE.switch = sys.getswitchinterval()


def pause_collecting() -> None:
    """A server's build starts: a collection waiting for the server to be idle waits for the next one (once the
    server has built, it runs no collection of its own: see `collect_when_idle`), and the build holds the
    interpreter longer against the watcher's threads (`_building`) until it ends."""
    _building(True)
    with _IDLE.lock:
        _IDLE.next_turn()


def resume_collecting() -> None:
    """A server's rebuild failed: what it left behind is collected while the server waits, as after a build (unless
    the build's end already saw to it: a strict build's warnings fail it after it ended)."""
    _building(False)
    if _IDLE.built and not _IDLE.timers:
        collect_when_idle()


def stop_collecting() -> None:
    """The server stops: its heap is the collector's again."""
    _building(False)
    _NEXT.clear()
    with _IDLE.lock:
        _LATER.clear()
        _IDLE.next_turn()
        _IDLE.unswept = 0
        if _IDLE.built:  # (a process that only built is left as it was)
            gc.unfreeze()
            gc.enable()
        _IDLE.built = False


_PAGE_LOOP: list[bool] = []  # whether the collector ran when a build's loop over its pages paused it


def pause_for_pages() -> None:
    """A build (not a server's) whose pages all come from the page cache: its loop over them makes few objects in
    cycles, and the collector's walks of the whole heap cost it 0.3-0.5 s at 1,000 articles (7,300 pages). Paused
    until the build ends (`resume_after_pages`)."""
    if not _PAGE_LOOP:
        _PAGE_LOOP.append(gc.isenabled())
        gc.disable()


def resume_after_pages() -> None:
    if _PAGE_LOOP and _PAGE_LOOP.pop():
        gc.enable()
