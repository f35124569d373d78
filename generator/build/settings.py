"""What both site builders read from mkdocs.yml and the environment: the `explainer` plugin's options, the
extraction's process count, and the date the sitemap's dates are set from."""

from __future__ import annotations

import calendar
import datetime as dt
import os
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from generator.core.errors import BuildError


class WatchMode(StrEnum):
    """How `mkdocs serve` hears of an edit: the kernel's file events where they arrive (`build.watcher`), or
    polling as MkDocs does."""

    AUTO = "auto"
    POLL = "poll"


class PluginOptions(BaseModel):
    """The `explainer` plugin's options in mkdocs.yml (MkDocs' plugin reads the same names and defaults)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    seeds: str = "seeds"
    story: str = "story.yml"
    templates: str = "templates"
    cache: str = ".cache/explainer"  # per-article extraction results; "" turns it off
    jobs: int = Field(default=0, ge=0, le=64)  # extraction processes; 0: one per core when there is enough to do
    watch: WatchMode = Field(default=WatchMode.AUTO, strict=False)  # as written in the configuration: a string


def jobs_setting(default: int) -> int:
    """EXPLAINER_JOBS when set (a whole number from 0 to 64), else the configured number."""
    value = os.environ.get("EXPLAINER_JOBS")
    if value is None:
        return default
    if not value.strip().isdigit() or not 0 <= int(value) <= 64:
        raise BuildError(f"EXPLAINER_JOBS={value!r}: give a whole number of processes from 0 (automatic) to 64")
    return int(value)


# The plugins whose handling of pages is known (this one, and Material's search): a page's render does not depend on
# the set of files through them, its theme output not on the context they see, and none rewrites pages once built
KNOWN_PLUGINS = frozenset({"explainer", "search", "material/search"})
PARALLEL_FROM = 50  # with automatic jobs, fewer pages to draw than this stay in one process
EXTRACT_FROM = 32_000  # ... and fewer characters of articles to extract than this (eight short articles): each worker
# loads the model, which a second core's parse of some 30,000 characters pays back (2 cores, cold builds: 6 articles,
# 22,000 characters, 0.25 s slower in two processes; 12 articles, 48,000, 0.65 s faster; 30, 114,000, 2 s faster)


def worker_count(jobs: int, work: int, enough: int = PARALLEL_FROM) -> int:
    """Processes to work in: `jobs` if given, else (0) one per usable core once there is `enough` to do (`work`:
    pages, or characters of articles to extract)."""
    if jobs > 0:
        return jobs
    if work < enough:
        return 1
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return max(1, len(cores))


def content_epoch(latest: str | None) -> str | None:
    """SOURCE_DATE_EPOCH for the builder: the sitemap's dates come from the news, not the build machine's clock
    (same input, same bytes); None when there is no date or it does not fit gzip's 32 bits."""
    epoch = calendar.timegm(dt.date.fromisoformat(latest).timetuple()) if latest else None
    return str(epoch) if epoch is not None and 0 <= epoch < 2**32 else None
