"""A server keeps its last build in memory; the cycle collector walks it only while the server waits for an edit,
and what the build left behind is still freed."""

from __future__ import annotations

import gc
import time
import weakref

import pytest

from generator.build import pipeline

pytestmark = pytest.mark.usefixtures("forget_rebuilds")


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_a_built_heap_is_set_aside_and_garbage_is_freed_while_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "IDLE_AFTER", 0.05)
    gc.collect()
    node = _Node()
    gone = weakref.ref(node)
    pipeline.collect_when_idle()
    assert gc.get_freeze_count() > 0  # the build's objects: out of the next build's collections
    del node
    gc.collect()
    assert gone() is not None  # frozen: a collection during a build does not walk it
    deadline = time.monotonic() + 5
    while gone() is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert gone() is None  # freed while the server waited
    pipeline.stop_collecting()
    assert gc.get_freeze_count() == 0
