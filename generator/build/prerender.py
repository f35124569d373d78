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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import jinja2
from mkdocs.commands.build import _populate_page, get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE, get_data

from generator.build.forked import worker_pool
from generator.build.page_cache import ON_DISK, PageCache
from generator.build.settings import KNOWN_PLUGINS, worker_count
from generator.build.theme_cache import CACHED

T = TypeVar("T")
CHUNK = 16  # pages per task: large enough that a task's answer outweighs its sending

_STATE: Any = None  # what the workers of `_in_workers` read: set while they are made


def body(source: str) -> str:
    """A generated page's Markdown as MkDocs reads it. Front matter is cut off, not parsed: a generated page's is a
    mapping (were it not, the key is another page's: a render done once more, no more). Text without it, or with
    line ends MkDocs changes, is read as MkDocs reads it."""
    found = YAML_RE.match(source) if "\r" not in source else None
    return source[found.end() :].lstrip("\n") if found else get_data(source)[0]


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


def _in_workers(state: tuple[Any, ...], task: Callable[[list[str]], T], uris: list[str], jobs: int) -> Iterator[T]:
    """`task`'s answer for each chunk of `uris`, from `jobs` forked processes that read `state` as `_STATE`."""
    global _STATE
    _STATE = state
    try:
        with worker_pool(jobs) as pool:
            yield from pool.imap(task, [uris[i : i + CHUNK] for i in range(0, len(uris), CHUNK)])
    finally:
        _STATE = None


def prerender(cache: PageCache, config: MkDocsConfig, files: Files, uris: list[str], jobs: int) -> int:
    """Render `uris` in `jobs` forked processes into the cache's entries; returns the pages rendered."""
    if jobs < 2 or sys.platform == "win32" or not uris:
        return 0
    rendered = 0
    for entries, count in _in_workers((config, files, cache), _render, uris, jobs):
        cache.made_elsewhere(entries)
        rendered += count
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


def theme_safe(config: MkDocsConfig) -> bool:
    """Whether each page's theme output may be drawn apart from the others: no plugin but these reads a page's
    context or changes the theme's templates (another may change the context, or keep what it saw of earlier pages,
    which a worker's pages would not all be)."""
    origins = config.plugins._event_origins
    events = (*config.plugins.events["page_context"], *config.plugins.events["env"])
    return all(origins.get(m) in KNOWN_PLUGINS for m in events)


def draw_apart(cache: PageCache, outputs: dict[str, tuple[str, str | None]], config: MkDocsConfig, files: Files,
               nav: Any, env: jinja2.Environment, jobs: int) -> None:  # fmt: skip
    """Draw the theme output of each page `outputs` plans to draw (its stored output None) over every core first: the
    output joins the cache as made this build, and MkDocs' loop gives it back (`theme_cache.plan`)."""
    todo = sorted(uri for uri, (_key, stored) in outputs.items() if stored is None)
    for uri, output in prerender_theme(config, files, nav, env, todo, worker_count(jobs, len(todo))).items():
        key = outputs[uri][0]
        file = files.get_file_from_path(uri)
        if file is None or file.page is None or not output or output.isspace():
            continue
        cache.made_elsewhere({key: output})
        outputs[uri] = (key, output)
        file.page.meta["template"] = CACHED


def prerender_theme(config: MkDocsConfig, files: Files, nav: Any, env: jinja2.Environment, uris: list[str],
                    jobs: int) -> dict[str, str]:  # fmt: skip
    """The theme's output of each page of `uris` (those the page cache lacks), drawn in `jobs` forked processes as
    MkDocs' loop draws it; a page whose drawing fails or logs a warning is left to that loop."""
    if jobs < 2 or sys.platform == "win32" or not uris or not theme_safe(config):
        return {}
    drawn: dict[str, str] = {}
    for outputs in _in_workers((config, files, nav, env), _draw, uris, jobs):
        drawn.update(outputs)
    return drawn


def _draw(uris: list[str]) -> dict[str, str]:
    """In a worker: each page's theme output, as `mkdocs.commands.build._build_page` draws it before it is written."""
    config, files, nav, env = _STATE
    drawn: dict[str, str] = {}
    with _quiet() as warnings:
        for uri in uris:
            file = files.get_file_from_path(uri)
            page = file.page if file is not None else None
            if page is None:
                continue
            config._current_page, page.active, warnings.seen = page, True, False
            try:
                context = get_context(nav, files, config, page)
                template = env.get_template(page.meta.get("template", "main.html"))
                context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
                output = template.render(context)
            except Exception:  # MkDocs' loop draws it again and reports it
                continue
            finally:
                page.active = False
            if not warnings.seen:
                drawn[uri] = output
    return drawn
