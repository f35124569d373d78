"""The build's worker pools: processes forked (spawned on Windows) to extract articles or render pages.

A server installs a SIGTERM handler that stops it as Ctrl-C does; a forked worker would inherit it and print a
traceback when its pool ends it. A worker here takes the default for SIGTERM (it ends quietly) and ignores
SIGINT (Ctrl-C reaches the whole process group: the main process stops the pool, and the workers with it)."""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import Any


def _start(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    gc.enable()  # forked from a server's rebuild, which runs with no collection (`build.collector`)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)


def worker_pool(jobs: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()) -> Pool:
    """`jobs` workers, each running `initializer(*initargs)` once it has set its signals."""
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    return context.Pool(jobs, initializer=_start, initargs=(initializer, initargs))
