"""While serving: what tells the server of an edit. The kernel's file events where every watched path has them,
MkDocs' polling elsewhere.

MkDocs' server polls each watched path every 0.5 s. It went back to polling in mkdocs#2477 because Docker
Desktop's and network mounts send no file events. An edit then waits a quarter of a second on average before it
is seen, and the polling threads read the status of every watched file twice a second, during builds too. On a
local Linux file system the kernel's events (inotify) arrive within milliseconds, so the server is given watchdog's
event observer there. It keeps polling:
- off Linux;
- when a watched path is on a file system that is not one of `LOCAL` (network, FUSE and virtual machines' shared
  folders send no events for changes made from the other side);
- when a watched folder holds a symbolic link (an edit of the file it points to is an event of another folder);
- when the kernel gives no more event watchers (its per-user limit);
- when the plugin's `watch:` option is `poll`.

A build reads the seeds, and reading is an event too: only events that change a file start a build. In the seeds
folder, only changes to the files a build reads do (`seed_name`), whichever way the server hears of them: an
editor's swap, lock and backup files change while one types.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    EventsLostEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import ObservedWatch
from watchdog.observers.polling import PollingObserver

from generator.build.settings import WatchMode
from generator.ingest.names import seed_name

log = logging.getLogger("mkdocs.plugins.explainer")

SETTLE = 0.02  # seconds a polling server waits after a change for more before it builds (MkDocs waits 0.1 s): a
# poll reports all it found at once, so a longer wait adds its own length to every edit's time and gathers nothing
EVENTS_SETTLE = 0.05  # with the kernel's events, one save (write, rename, close) is several: they come within this
LOCAL = frozenset({
    "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "jfs", "reiserfs", "bcachefs", "nilfs2", "tmpfs", "ramfs",
    "overlay",
})  # fmt: skip
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileAttribEvent, FileMovedEvent, FileClosedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent, EventsLostEvent,
]  # fmt: skip  (a touched file's new time is a change, as MkDocs' polling sees it; so are events the kernel lost)
MOUNTS = Path("/proc/self/mountinfo")


def _unescape(field: str) -> str:
    """A mount point as mountinfo writes it: space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def file_system(path: Path, mounts: str) -> str | None:
    """The type of the file system `path` (absolute, resolved) is on, read from the text of /proc/self/mountinfo:
    the deepest mount point above it, the last one mounted there (None: no mount point above it)."""
    depth, kind = -1, None
    for line in mounts.splitlines():
        fields = line.split(" ")
        if len(fields) < 10 or "-" not in fields[6:]:
            continue
        point = Path(_unescape(fields[4]))
        if (point == path or point in path.parents) and len(point.parts) >= depth:
            depth, kind = len(point.parts), fields[fields.index("-", 6) + 1]
    return kind


def _linked(path: Path, seeds: bool = False) -> bool:
    """Whether `path` is a symbolic link or a folder holding one, at any depth (`seeds`: the seeds folder, of which
    a build reads the files named as articles only, not its sub-folders)."""
    if path.is_symlink():
        return True
    folders = [path] if path.is_dir() else []
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if seeds and not seed_name(entry.name, sidecars=True):
                    continue
                if entry.is_symlink():
                    return True
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
    return False


def polling_reason(paths: Iterable[Path], mounts: str | None, seeds: Path | None = None) -> str | None:
    """Why the server must poll `paths` (None: the kernel's events will do); `mounts`: /proc/self/mountinfo."""
    if mounts is None:
        return "no file events here"
    for path in paths:
        kind = file_system(path.resolve(), mounts)
        if kind not in LOCAL:
            return f"{path} is on {kind or 'an unknown file system'}, which may send no file events"
        if _linked(path, seeds=path == seeds):
            return f"{path} holds a symbolic link, whose target's edits are not its events"
    return None


def _mounts() -> str | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return MOUNTS.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


class _SeedsOnly(FileSystemEventHandler):
    """MkDocs' handler of the seeds folder, told only of the files a build reads there (`seed_name`): an editor's
    swap, lock and backup files change while one types, and each change would start a whole rebuild."""

    def __init__(self, handler: FileSystemEventHandler, folder: Path) -> None:
        super().__init__()
        self.handler, self.folder = handler, folder

    def dispatch(self, event: FileSystemEvent) -> None:
        if isinstance(event, EventsLostEvent) or any(self._read(p) for p in (event.src_path, event.dest_path) if p):
            self.handler.dispatch(event)

    def _read(self, path: str | bytes) -> bool:
        found = Path(os.fsdecode(path))
        return found.parent == self.folder and seed_name(found.name, sidecars=True)


class _Watching:
    """What the server's observer does besides watchdog's own: the seeds folder's handler hears only of articles
    (`_SeedsOnly`); with the kernel's events (`events`), only of changes; and a second start is none (MkDocs
    starts the observer when it serves, after `watch` started it)."""

    seeds: Path | None = None
    events = False

    def schedule(
        self, event_handler: FileSystemEventHandler, path: str | Path, *, recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None, follow_symlink: bool = False,
    ) -> ObservedWatch:
        if self.seeds is not None and Path(os.path.abspath(path)) == self.seeds:
            event_handler = _SeedsOnly(event_handler, self.seeds)
        if self.events:
            event_filter = event_filter or CHANGES
        return super().schedule(  # type: ignore[misc]
            event_handler, path, recursive=recursive, event_filter=event_filter, follow_symlink=follow_symlink
        )

    def start(self) -> None:
        if not self.is_alive():  # type: ignore[attr-defined]
            super().start()  # type: ignore[misc]


class _Polling(_Watching, PollingObserver):
    pass


def _event_observer(seeds: Path | None) -> Any:
    from watchdog.observers.inotify import InotifyObserver  # Linux only: imported once it is known to be Linux

    class Events(_Watching, InotifyObserver):
        events = True

    observer = Events()
    observer.seeds = seeds
    return observer


def watch(
    server: Any, paths: Iterable[Path], mode: str, later: Iterable[Path] = (), seeds: Path | None = None
) -> None:
    """Have `server` (MkDocs' LiveReloadServer) watch `paths` (those that exist) besides its own, with the kernel's
    file events when every watched path has them (`mode` auto), else by polling as MkDocs does; `later`: the
    paths MkDocs watches after its plugins (mkdocs.yml's `watch:`), which must have them too; `seeds`: the folder
    of which only the articles' files start a build."""
    for path in paths:
        if path.exists():
            server.watch(str(path))
    watched: dict[str, int] = dict(getattr(server, "_watched_paths", {}))
    if not watched:
        return
    folder = Path(os.path.abspath(seeds)) if seeds is not None else None
    checked = [*map(Path, watched), *(path for path in later if path.exists())]
    chosen = "the plugin's watch: option is poll" if mode == WatchMode.POLL else None
    poll = chosen or polling_reason(checked, _mounts(), folder)
    polling = _Polling(timeout=server.observer.timeout)  # at MkDocs' interval
    polling.seeds = folder
    if poll is None:
        events = _event_observer(folder)
        try:
            _move(server, watched, events)
            events.start()
            server.build_delay = min(server.build_delay, EVENTS_SETTLE)
            return
        except OSError as exc:  # the kernel's limit of event watchers: the server polls
            events.stop()
            server._watched_paths.clear()
            server._watch_refs.clear()
            log.info("explainer: warning: the server polls for changes (no file events: %s)", exc.strerror or exc)
    else:
        log.debug("explainer: the server polls for changes: %s", poll)
    _move(server, watched, polling)
    server.build_delay = min(server.build_delay, SETTLE)


def _move(server: Any, watched: dict[str, int], observer: Any) -> None:
    """Every watch of `server` (`watched`: path -> count) moved to `observer` (the kernel may refuse: OSError)."""
    for path in watched:
        for _ in range(server._watched_paths.get(path, 0)):
            server.unwatch(path)
    server.observer = observer
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
