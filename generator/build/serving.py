"""What a server (`mkdocs serve`) sets up when it starts: the first two for the process, the last two undone when it
stops; and the site's address it builds the generator's pages with.

- MkDocs' warning on every dirty build is said once, as what the plugin does instead (`unchanged.DirtyNotice`).
- SIGTERM stops the server as Ctrl-C does, so MkDocs removes its temporary site folder and the page cache is saved.
- Each page's canonical address is worked out once per server. MkDocs makes every page again on each build, and
  `mkdocs serve` sets the site's address to the server's, so each page joins it with its own address (`urljoin`,
  then `urlsplit`): for the 7,200 pages of 1,000 articles that was 0.06 s of every rebuild. The result depends on
  the two addresses alone, so the first page with a pair asks MkDocs' own method and the others are given its
  answer. Each page's date (`get_build_date`: the build's date, from SOURCE_DATE_EPOCH, which the plugin sets) is
  worked out once per value of that variable the same way.

`mkdocs serve` sets the site's address to the server's own once the configuration is loaded (for the theme's
canonical links and sitemap). The generator's pages take the address the configuration gives
(`published_address`): theirs are the links of feeds and previews, meant for the published site. A site whose
configuration gives no address keeps none while served (`keep_no_address`): its pages, canonical links and
sitemap are then those `mkdocs build` makes, so a server given the stored site and the page cache makes none of
them again (at 1,000 articles a server came up in 110 s where the build took 12 s). One whose configuration gives
an address is served as MkDocs serves it: its theme output names the server, and is made again for each page
when the address changed since the page cache's last build.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
import warnings
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages
from mkdocs.structure.pages import Page

from generator.build.unchanged import BUILD_LOG, DirtyNotice

KNOWN_LIMIT = 200_000  # addresses kept at most (a site's pages, a few times over: then it starts again)
_KNOWN: dict[tuple[str | None, str], tuple[str | None, str | None]] = {}  # (site, page) -> (canonical, absolute)
_MKDOCS: Callable[[Page, str | None], None] = Page._set_canonical_url
_BUILD_DATE: Callable[[], str] = pages.get_build_date  # what a page is made with
_DATES: dict[str, str] = {}  # SOURCE_DATE_EPOCH -> the date MkDocs gives a page


def _stop_serving(signum: int, frame: object) -> None:
    """SIGTERM (a process manager, a container's stop): stop as Ctrl-C stops the server."""
    raise KeyboardInterrupt


def _set_canonical_url(page: Page, base: str | None) -> None:
    """MkDocs' `Page._set_canonical_url`, its answer kept for the pair of addresses."""
    key = (base, page.url)
    found = _KNOWN.get(key)
    if found is None:
        _MKDOCS(page, base)
        if len(_KNOWN) >= KNOWN_LIMIT:
            _KNOWN.clear()
        _KNOWN[key] = found = (page.canonical_url, page.abs_url)
    page.canonical_url, page.abs_url = found


def _get_build_date() -> str:
    """MkDocs' `get_build_date` as a page is made with it, its answer kept for each SOURCE_DATE_EPOCH (without one:
    today's date, asked each time)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return _BUILD_DATE()
    found = _DATES.get(epoch)
    if found is None:
        _DATES[epoch] = found = _BUILD_DATE()
    return found


def start(dirty: bool) -> None:
    """A server starts (`dirty`: `mkdocs serve --dirty`)."""
    if dirty and not any(isinstance(f, DirtyNotice) for f in BUILD_LOG.filters):
        BUILD_LOG.addFilter(DirtyNotice())
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop_serving)
    Page._set_canonical_url = _set_canonical_url  # type: ignore[method-assign, assignment]
    pages.get_build_date = _get_build_date


def stop() -> None:
    """The server stops: pages are MkDocs' own again."""
    Page._set_canonical_url = _MKDOCS  # type: ignore[method-assign, assignment]
    pages.get_build_date = _BUILD_DATE
    _KNOWN.clear()
    _DATES.clear()


def _configured(config: MkDocsConfig) -> str | None:
    """`site_url` as the configuration gives it (the file's, then any given to `load_config`), checked as MkDocs
    checks it (None when the file has no such key, as `mkdocs build` has it), whatever a server set it to since.
    MkDocs keeps what it was given in `user_configs`, which it marks as unused by itself (the pinned MkDocs has it;
    `tests/test_serving.py` checks)."""
    given = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        layers = config.user_configs
    for layer in layers:
        given = layer.get("site_url", given)
    value: str | None = MkDocsConfig.site_url.validate(given)
    return value


def published_address(config: MkDocsConfig) -> str | None:
    """The site's address as its configuration gives it (None: it gives none)."""
    return _configured(config) or None


def keep_no_address(config: MkDocsConfig) -> None:
    """A server's build (`on_config`): a site whose configuration gives no address is built with none, as `mkdocs
    build` builds it (its empty value or none at all, which the theme's cache key tells apart), not with the
    server's, which only names the server in canonical links, `og:url` and the sitemap (the server's mount path and
    reload script do not read it). Material's features that fetch the sitemap (`navigation.instant`) then work as
    they do on the built site without an address: not at all."""
    configured = _configured(config)
    if not configured:
        config.site_url = configured


def served(config: MkDocsConfig) -> bool:
    """Whether a build is a server's: `mkdocs serve --clean` announces itself as a build, but its site folder is
    MkDocs' own temporary one."""
    site = Path(config.site_dir)
    return site.name.startswith("mkdocs_") and site.parent == Path(tempfile.gettempdir())
