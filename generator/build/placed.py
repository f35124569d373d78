"""Theme outputs put in a new site by hard link: a build that is not a server's neither reads nor writes again a page
whose output the page cache holds as a file.

A warm build of 1,000 articles gives back 7,300 pages (225 MB), each byte for byte a file of the page cache; reading
them and writing them out again was a fifth of its time. The site's page is instead a second name of the cache's
file, made in the build's own new folder (`outdir.staging_folder`), where nothing writes over it.

A file is placed only while it is the one this module last saw under its key: its size and modification time are
kept in `placed.json` with a digest of its text. One changed since, in place (through the site's name, by a tool
that rewrites pages), does not match; its text is then read as any entry and given back only when its digest is
the one kept, else it is a miss and drawn again. An output written, or read and given back, is noted; one the index
does not know (a cache older than the index) is taken as it reads, as before. A server's builds write into folders
of MkDocs' own, over earlier pages: they place nothing, check what they read, and write again an output they hold
whose file is not the one noted. What this does not guard against: a plugin that rewrites the site's pages at some
other moment (`may_place` excludes those that read pages' output or act once the site is built), and a page of the
last site rewritten in place while a build places its file (the next build finds the change and draws it again).
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from pydantic import TypeAdapter

from generator.build.cache import checksum, read_entry, write_bytes, write_entry
from generator.build.outdir import UMASK
from generator.build.settings import KNOWN_PLUGINS

INDEX = "placed.json"
SITE_MODE = 0o666 & ~UMASK  # the mode MkDocs' own writing gives a page
Seen = tuple[int, int, str]  # a theme output's file: its size, modification time (ns) and the SHA-1 of its text
SCHEMA: TypeAdapter[dict[str, Seen]] = TypeAdapter(dict[str, Seen])
SKIPPED = "Page skipped: '"  # MkDocs' line for a page whose output is empty, as a placed page's is to MkDocs


def store(item: tuple[str, str, Any, bool], schema: TypeAdapter[Any]) -> str | None:
    """Write a page-cache entry to its file (`PageCache.save`: key, path, entry, whether to write it; `schema`: the
    entries' JSON, a theme output being its text); a theme output written gives its digest (None: not written,
    another kind, blank, or a lone surrogate, which MkDocs writes as a character reference)."""
    _key, path, entry, write = item
    if not write or (isinstance(entry, str) and (not entry or entry.isspace())):
        return None
    try:
        data = entry.encode("utf-8") if isinstance(entry, str) else schema.dump_json(entry)
    except Exception:
        return None
    write_bytes(Path(path), data)
    return checksum(data) if isinstance(entry, str) else None


def may_place(config: MkDocsConfig, site: Path, cache: Path) -> bool:
    """Whether a build may place the cache's files in its site: a new folder of its own (`site`) on the cache's file
    system, no other plugin reading a page's output (to MkDocs, a placed page's output is empty), and none that may
    rewrite the site's pages once built (which would rewrite the cache's files)."""
    origins, events = config.plugins._event_origins, config.plugins.events
    if any(origins.get(handler) != "explainer" for handler in events["post_page"]) or any(
        origins.get(handler) not in KNOWN_PLUGINS for handler in events["post_build"]
    ):
        return False
    try:
        return os.stat(site).st_dev == os.stat(cache).st_dev
    except OSError:
        return False


@dataclass
class Placed:
    """The page cache's theme outputs as last seen, and the pages this build placed in its site."""

    index: Path
    seen: dict[str, Seen] = field(default_factory=dict)  # as the last build left them
    now: dict[str, Seen] = field(default_factory=dict)  # those this build used, checked or written
    linking: bool = False  # this build places files (see `start`)
    uris: set[str] = field(default_factory=set)  # the pages placed this build
    folders: set[str] = field(default_factory=set)  # the site's folders made so far

    @classmethod
    def load(cls, folder: Path) -> Placed:
        index = folder / INDEX
        _QUIET.placed = set()  # (a build that failed in this process left its pages' names)
        return cls(index, read_entry(index, SCHEMA) or {})

    def start(self) -> None:
        """This build places files: MkDocs' line for each page it then writes nothing of is left out."""
        self.linking = True
        _QUIET.placed = self.uris
        logger = logging.getLogger("mkdocs.commands.build")
        if _QUIET not in logger.filters:
            logger.addFilter(_QUIET)

    def ready(self, key: str, path: str) -> bool:
        """Whether the file at `path` may be placed: it is the output last seen under `key`."""
        known = self.seen.get(key)
        if not self.linking or known is None:
            return False
        try:
            info = os.stat(path, follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or (info.st_size, info.st_mtime_ns) != known[:2]:
                return False
            if stat.S_IMODE(info.st_mode) != SITE_MODE:  # the cache writes its files private; a page is not
                os.chmod(path, SITE_MODE)
        except OSError:
            return False
        self.now[key] = known
        return True

    def put(self, path: str, target: str, uri: str) -> bool:
        """Place the file at `path` as the site's `target`; False where this system cannot (another file system)."""
        folder = os.path.dirname(target)
        try:
            if folder not in self.folders:
                os.makedirs(folder, exist_ok=True)
                self.folders.add(folder)
            try:
                os.link(path, target)
            except FileExistsError:  # (no two pages share a file; were one written there, it is replaced)
                os.unlink(target)
                os.link(path, target)
        except OSError:
            return False
        self.uris.add(uri)
        return True

    def check(self, key: str, data: bytes) -> str | None:
        """The digest of an output read under `key`, or None if it is not the text last noted there (a miss)."""
        known, sha = self.seen.get(key), checksum(data)
        return None if known is not None and known[2] != sha else sha

    def same(self, key: str, path: str) -> bool:
        """Whether the file at `path` is the output noted under `key` (this build or the last), as its size and time
        say; a server saving an output it holds in memory writes it again where not."""
        known = self.now.get(key) or self.seen.get(key)
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            return False
        if known is None or (info.st_size, info.st_mtime_ns) != known[:2]:
            return False
        self.now[key] = known
        return True

    def wrote(self, key: str, path: str, sha: str) -> None:
        """The output under `key` (of digest `sha`) is in its file at `path`."""
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            return
        self.now[key] = (info.st_size, info.st_mtime_ns, sha)

    def save(self) -> None:
        """Keep what this build saw, if it differs from what the last one left."""
        self.linking = False
        _QUIET.placed = set()
        if self.now != self.seen:
            write_entry(self.index, SCHEMA, self.now)
            self.seen = dict(self.now)


class _Quiet(logging.Filter):
    """MkDocs' 'Page skipped' line left out for the pages placed by link (their output is empty to MkDocs)."""

    def __init__(self) -> None:
        super().__init__()
        self.placed: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.msg
        if not self.placed or not isinstance(message, str) or not message.startswith(SKIPPED):
            return True
        return message[len(SKIPPED) :].rsplit("'", 1)[0] not in self.placed  # (an address may hold a quote)


_QUIET = _Quiet()
