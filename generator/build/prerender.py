"""Generated pages rendered over every core before MkDocs asks for them.

MkDocs renders pages one after the other: on a cold build each generated page's Markdown is converted and its
HTML parsed again for the search index in one process, while the other cores wait. Before that loop starts,
the pages the page cache does not hold are rendered here in forked workers, each running MkDocs' own
`_populate_page` (every plugin's events included) and the search index's parse through the page cache; their
entries join the cache, so MkDocs' loop then finds every page rendered. The output is the page cache's:
byte-identical to a build without it. A page whose render logs a warning or fails is left to MkDocs' loop,
which says it again in the build's own log (and `--strict` counts it there).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE

from generator.build.forked import worker_pool
from generator.build.page_cache import ON_DISK, PageCache

CHUNK = 16  # pages per task: large enough that a task's answer outweighs its sending

_STATE: tuple[MkDocsConfig, Files, PageCache] | None = None


def body(source: str) -> str:
    """A generated page's Markdown as MkDocs reads it, without its front matter, which is not parsed here: a
    generated page's is a mapping (were it not, the key is another page's: a render done once more, no more)."""
    found = YAML_RE.match(source)
    return source[found.end() :].lstrip("\n") if found else source


def missing(cache: PageCache, files: Files, uris: list[str]) -> list[str]:
    """The pages among `uris` whose render the cache does not hold (as their own Markdown reads them)."""
    found: list[str] = []
    for uri in uris:
        file = files.get_file_from_path(uri)
        if file is None or not file.is_documentation_page():
            continue
        if not cache.has(cache.page_key(uri, body(file.content_string))):
            found.append(uri)
    return found


def prerender(cache: PageCache, config: MkDocsConfig, files: Files, uris: list[str], jobs: int) -> int:
    """Render `uris` in `jobs` forked processes into the cache's entries; returns the pages rendered."""
    global _STATE
    if jobs < 2 or sys.platform == "win32" or not uris:
        return 0
    _STATE = (config, files, cache)
    chunks = [uris[i : i + CHUNK] for i in range(0, len(uris), CHUNK)]
    rendered = 0
    try:
        with worker_pool(jobs) as pool:
            for entries, count in pool.imap(_render, chunks):
                cache.memory.update(entries)
                cache.made.update(entries)
                rendered += count
    finally:
        _STATE = None
    return rendered


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


@contextmanager
def _quiet() -> Iterator[_Warnings]:
    """MkDocs' log held back in a worker: what a render says is said by MkDocs' own loop instead."""
    logger = logging.getLogger("mkdocs")
    handler, kept = _Warnings(), logger.handlers[:]
    logger.handlers = [handler]
    try:
        yield handler
    finally:
        logger.handlers = kept


def _render(uris: list[str]) -> tuple[dict[str, Any], int]:
    """In a worker: each page rendered and indexed as MkDocs would, its cache entries returned."""
    assert _STATE is not None
    config, files, cache = _STATE
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    found: dict[str, Any] = {}
    count = 0
    with _quiet() as warnings:
        for uri in uris:
            file = files.get_file_from_path(uri)
            if file is None:
                continue
            cache.used, cache.made, warnings.seen = {}, set(), False
            try:
                page = file.page or Page(None, file, config)
                _populate_page(page, config, files)
                if index is not None:
                    cache.searched(index.add_entry_from_context, index.entries)(page)
            except Exception:  # MkDocs' loop renders it again and reports it
                continue
            if not warnings.seen:
                found.update((k, v) for k, v in cache.used.items() if v is not ON_DISK)  # what it made
                count += 1
    return found, count
