"""A server keeps its last build in memory; the cycle collector runs only while the server waits for an edit, walks
what the last build made (the rest is set aside), and what the builds left behind is still freed."""

from __future__ import annotations

import gc
import sys
import time
import weakref

import pytest

from generator.build import collector

pytestmark = pytest.mark.usefixtures("forget_rebuilds", "fewer_builds")


@pytest.fixture
def fewer_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's schedule of whole-heap walks, in fewer builds (each build of a test arms timer threads)."""
    for name, builds in (("SWEEP_EVERY", 5), ("OVERDUE_AFTER", 10), ("RUSHED_AFTER", 20)):
        monkeypatch.setattr(collector, name, builds)


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that is idle a moment after each build, and never rests long."""
    monkeypatch.setattr(collector, "IDLE_AFTER", 0.02)
    monkeypatch.setattr(collector, "WHOLE_AFTER", 0.02)
    monkeypatch.setattr(collector, "RESTED_AFTER", 60.0)
    collector.stop_collecting()
    gc.collect()


def _idle(since: int) -> None:
    """Wait (5 s at most) for the server's idle collection after `since` collections."""
    deadline = time.monotonic() + 5
    while collector._IDLE.sweeps <= since and time.monotonic() < deadline:
        time.sleep(0.01)
    assert collector._IDLE.sweeps > since, "no collection while idle"


def _build_ends() -> int:
    """A server's build ends; the collections made so far."""
    before = collector._IDLE.sweeps
    collector.collect_when_idle()
    return before


@pytest.mark.usefixtures("quick")
def test_what_a_build_leaves_behind_is_freed_while_idle_and_the_rest_set_aside() -> None:
    collector.pause_collecting()
    assert gc.isenabled()  # a server's first build collects as any build does
    left = _Node()
    gone = weakref.ref(left)
    kept = _Node()
    del left
    since = _build_ends()
    assert not gc.isenabled()  # from now on only the server's idle collections run
    _idle(since)
    assert gone() is None and gc.get_freeze_count() > 0  # freed while idle; what is left is set aside
    old = weakref.ref(kept)
    del kept  # a cycle among what was set aside: the whole heap's sweep frees it, not the idle one
    collector.pause_collecting()
    _idle(_build_ends())
    assert old() is not None
    collector.stop_collecting()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.collect()
    assert old() is None


def _cycle_set_aside_through(builds: int) -> weakref.ref[_Node]:
    """A cycle set aside by the first build's idle collection, then left behind; builds up to `builds` (excluded)
    collect while idle, each after its end, without freeing it."""
    node = _Node()
    gone = weakref.ref(node)
    _idle(_build_ends())
    del node
    for _build in range(2, builds):
        collector.pause_collecting()
        _idle(_build_ends())
        assert gone() is not None
    return gone


@pytest.mark.usefixtures("quick")
def test_the_whole_heap_is_walked_while_idle_every_few_builds() -> None:
    gone = _cycle_set_aside_through(collector.SWEEP_EVERY)
    collector.pause_collecting()
    _idle(_build_ends() + 1)  # the SWEEP_EVERY-th build: what it made, then the whole heap
    assert gone() is None


@pytest.mark.usefixtures("quick")
def test_a_walk_of_the_whole_heap_waits_for_a_longer_pause_than_an_edit_and_a_look(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector, "WHOLE_AFTER", 0.5)
    node = _Node()
    gone = weakref.ref(node)
    _idle(_build_ends())
    del node
    for _build in range(2, collector.SWEEP_EVERY + 1):
        collector.pause_collecting()
        since = _build_ends()
        if _build < collector.SWEEP_EVERY:
            _idle(since)
    _idle(since)  # a moment after the build, what it made is collected; the whole walk is due, not yet made
    time.sleep(0.1)
    assert collector._IDLE.sweeps == since + 1 and gone() is not None
    collector.pause_collecting()  # an edit saved meanwhile: no walk runs into its build
    time.sleep(0.5)
    assert collector._IDLE.sweeps == since + 1
    _idle(_build_ends() + 1)  # after the next build, what it made, then (the pause long enough) the whole heap
    assert gone() is None


@pytest.mark.usefixtures("quick")
def test_an_overdue_walk_of_the_whole_heap_runs_a_moment_after_the_build_not_in_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Quick edits, never a long pause: the whole heap is walked once it is overdue, after the build is shown."""
    monkeypatch.setattr(collector, "WHOLE_AFTER", 60.0)  # never so long a pause
    gone = _cycle_set_aside_through(collector.OVERDUE_AFTER)
    monkeypatch.setattr(collector, "IDLE_AFTER", 0.5)  # time to look before the walk
    collector.pause_collecting()
    since = _build_ends()  # the OVERDUE_AFTER-th build: its end walks nothing
    assert collector._IDLE.sweeps == since and gone() is not None
    _idle(since)  # a moment later, the whole heap
    assert gone() is None


def test_a_build_that_starts_holds_back_the_collection_waiting_for_the_server_to_be_idle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector, "IDLE_AFTER", 0.3)
    gc.collect()
    collector.collect_when_idle()
    node = _Node()
    gone = weakref.ref(node)
    del node
    collector.pause_collecting()  # the next edit arrived: its build starts now
    time.sleep(0.6)
    assert gone() is not None and not gc.isenabled()  # no collection walked the heap during the build
    collector.stop_collecting()
    gc.collect()
    assert gone() is None and gc.get_freeze_count() == 0


def test_edits_saved_without_a_pause_still_get_their_garbage_freed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collector, "IDLE_AFTER", 60.0)  # the server is never idle
    collector.stop_collecting()
    node = _Node()
    gone = weakref.ref(node)
    collector.collect_when_idle()  # the first build
    del node
    for _build in range(collector.RUSHED_AFTER - 2):
        collector.pause_collecting()
        collector.collect_when_idle()
        assert gone() is not None
    collector.pause_collecting()
    collector.collect_when_idle()  # the RUSHED_AFTER-th build in a row collects before it is shown
    assert gone() is None


@pytest.mark.usefixtures("quick")
def test_a_failed_rebuild_is_collected_while_idle_and_a_stopped_server_collects_again() -> None:
    collector.collect_when_idle()
    collector.pause_collecting()
    left = _Node()
    gone = weakref.ref(left)
    del left
    with collector.collector_paused():  # a stage's own pause inside a rebuild leaves the collector off
        pass
    assert not gc.isenabled()
    since = collector._IDLE.sweeps
    collector.resume_collecting()  # the rebuild failed
    _idle(since)
    assert gone() is None and not gc.isenabled()
    collector.stop_collecting()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_resting_server_collects_again_and_walks_the_whole_heap_every_few_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector, "IDLE_AFTER", 60.0)
    monkeypatch.setattr(collector, "RESTED_AFTER", 0.02)
    collector.stop_collecting()
    node = _Node()
    gone = weakref.ref(node)
    _idle(_build_ends())  # rested: the whole heap, then a collection every RESTED_AFTER
    del node  # set aside, then left behind: the whole heap's next walk frees it
    since = collector._IDLE.sweeps
    _idle(since + collector.SWEEP_EVERY)
    assert gone() is None and len(collector._IDLE.timers) <= 2  # finished timers are let go
    collector.stop_collecting()


def test_a_servers_build_holds_the_interpreter_longer_against_the_watchers_threads_until_it_ends() -> None:
    usual = sys.getswitchinterval()
    collector.pause_collecting()  # a server's build starts
    assert sys.getswitchinterval() == pytest.approx(max(usual, collector.BUILD_SWITCH)) and usual < 0.05
    collector.pause_collecting()  # (a second start keeps the interval it found first)
    collector.collect_when_idle()  # ... and ends
    assert sys.getswitchinterval() == pytest.approx(usual)
    collector.pause_collecting()
    collector.resume_collecting()  # a failed build
    assert sys.getswitchinterval() == pytest.approx(usual)
    collector.pause_collecting()
    collector.stop_collecting()  # the server stops mid-build (Ctrl-C)
    assert sys.getswitchinterval() == pytest.approx(usual)
    collector.in_background()  # a warm-up while the server answers pages: the interval stays Python's
    collector.pause_collecting()
    assert sys.getswitchinterval() == pytest.approx(usual)
    collector.collect_when_idle()
    collector.pause_collecting()  # the next build holds it longer again
    assert sys.getswitchinterval() == pytest.approx(max(usual, collector.BUILD_SWITCH))
    collector.stop_collecting()


def test_a_task_set_for_the_end_of_a_build_runs_once_when_it_ends_and_not_after_a_stop() -> None:
    ran: list[int] = []
    collector.after_build(lambda: ran.append(1))
    collector.after_build(lambda: ran.append(2))  # in place of the first
    assert not ran
    collector.collect_when_idle()
    collector.collect_when_idle()
    assert ran == [2]
    collector.after_build(lambda: ran.append(3))
    collector.stop_collecting()
    collector.collect_when_idle()
    assert ran == [2]
    collector.stop_collecting()


class _Record:
    """A record with no cycle: freed the moment its last reference goes."""


@pytest.mark.usefixtures("quick")
def test_what_a_build_lets_go_of_is_freed_while_idle_not_in_the_build() -> None:
    collector.pause_collecting()
    record = _Record()
    gone = weakref.ref(record)
    collector.free_when_idle([{"results": record}])
    del record
    assert gone() is not None  # held through the build
    _idle(_build_ends())
    assert gone() is None
    earlier, later = _Record(), _Record()
    first, second = weakref.ref(earlier), weakref.ref(later)
    collector.free_when_idle([earlier])
    del earlier
    collector.pause_collecting()  # the next edit, saved with no idle moment between
    collector.free_when_idle([later])
    del later
    assert first() is None and second() is not None  # one build's worth held, not every build's since
    collector.stop_collecting()  # a stopped server frees it at once
    assert second() is None
