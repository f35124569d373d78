"""The build's worker pools: processes forked (spawned on Windows) to extract articles or render pages.

A server installs a SIGTERM handler that stops it as Ctrl-C does; a forked worker would inherit it and print a
traceback when its pool ends it. A worker here takes the default for SIGTERM (it ends quietly) and ignores
SIGINT (Ctrl-C reaches the whole process group: the main process stops the pool, and the workers with it).
Both signals are blocked while the pool forks: a worker ended before it has set them (its pool's work was done by
the other workers) holds the signal until it has, then ends quietly; a signal sent to the main process meanwhile
reaches it once the pool is made."""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import Any

HELD = {signal.SIGTERM, signal.SIGINT}  # blocked from the fork until a worker has set its own


def _start(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    gc.freeze()  # what it inherited is left out of its collections: they walk what it makes, not the parent's heap
    gc.enable()  # forked from a server's rebuild, which runs with no collection (`build.collector`)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)
    if initializer is not None:
        initializer(*initargs)


def worker_pool(jobs: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()) -> Pool:
    """`jobs` workers, each running `initializer(*initargs)` once it has set its signals."""
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    if not hasattr(signal, "pthread_sigmask"):  # Windows: spawned workers inherit no handler
        return context.Pool(jobs, initializer=_start, initargs=(initializer, initargs))
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        return context.Pool(jobs, initializer=_start, initargs=(initializer, initargs))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
