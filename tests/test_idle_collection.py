"""A server keeps its last build in memory; the cycle collector walks it only while the server waits for an edit,
and what the build left behind is still freed."""

from __future__ import annotations

import gc
import time
import weakref

import pytest

from generator.build import collector

pytestmark = pytest.mark.usefixtures("forget_rebuilds")


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_a_built_heap_is_set_aside_and_garbage_is_freed_while_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collector, "IDLE_AFTER", 0.05)
    gc.collect()
    node = _Node()
    gone = weakref.ref(node)
    collector.collect_when_idle()
    assert gc.get_freeze_count() > 0  # the build's objects: out of the next build's collections
    del node
    gc.collect()
    assert gone() is not None  # frozen: a collection during a build does not walk it
    deadline = time.monotonic() + 5
    while gone() is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert gone() is None  # freed while the server waited
    collector.stop_collecting()
    assert gc.get_freeze_count() == 0


def test_a_build_that_starts_holds_back_the_collection_waiting_for_the_server_to_be_idle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector, "IDLE_AFTER", 0.05)
    gc.collect()
    collector.collect_when_idle()
    node = _Node()
    gone = weakref.ref(node)
    del node
    collector.pause_collecting()  # the next edit arrived: its build starts now
    time.sleep(0.3)
    assert gone() is not None  # no collection walked the heap during the build
    collector.stop_collecting()
    gc.collect()
    assert gone() is None and gc.get_freeze_count() == 0


def test_edits_saved_without_a_pause_still_get_their_garbage_freed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collector, "IDLE_AFTER", 60.0)  # the server is never idle
    collector.stop_collecting()
    node = _Node()
    gone = weakref.ref(node)
    collector.collect_when_idle()  # the first build: its objects set aside
    del node
    for _build in range(collector.SWEEP_EVERY - 2):
        collector.pause_collecting()
        collector.collect_when_idle()
        assert gone() is not None
    collector.pause_collecting()
    collector.collect_when_idle()  # the SWEEP_EVERY-th build in a row collects before it is shown
    assert gone() is None
