"""A progress bar for long runs on a terminal; silent in CI and when output is not a terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

MIN_ITEMS = 50  # a bar for a handful of articles is noise


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """Yield a function to call once per item done."""
    quiet = total < MIN_ITEMS or not sys.stderr.isatty() or os.environ.get("CI")
    if quiet:
        yield lambda: None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
