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

A build reads the seeds, and reading is an event too: only events that change a file start a build.
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


def _linked(path: Path) -> bool:
    """Whether `path` is a symbolic link or a folder holding one, at any depth."""
    if path.is_symlink():
        return True
    folders = [path] if path.is_dir() else []
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    return True
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
    return False


def polling_reason(paths: Iterable[Path], mounts: str | None) -> str | None:
    """Why the server must poll `paths` (None: the kernel's events will do); `mounts`: /proc/self/mountinfo."""
    if mounts is None:
        return "no file events here"
    for path in paths:
        kind = file_system(path.resolve(), mounts)
        if kind not in LOCAL:
            return f"{path} is on {kind or 'an unknown file system'}, which may send no file events"
        if _linked(path):
            return f"{path} holds a symbolic link, whose target's edits are not its events"
    return None


def _mounts() -> str | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return MOUNTS.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _event_observer() -> Any:
    from watchdog.observers.inotify import InotifyObserver  # Linux only: imported once it is known to be Linux

    class Observer(InotifyObserver):
        """watchdog's inotify observer, hearing of changes only, and started once (MkDocs starts it again)."""

        def schedule(
            self, event_handler: FileSystemEventHandler, path: str | Path, *, recursive: bool = False,
            event_filter: list[type[FileSystemEvent]] | None = None, follow_symlink: bool = False,
        ) -> ObservedWatch:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES)

        def start(self) -> None:
            if not self.is_alive():
                super().start()

    return Observer()


def watch(server: Any, paths: Iterable[Path], mode: str, later: Iterable[Path] = ()) -> None:
    """Have `server` (MkDocs' LiveReloadServer) watch `paths` (those that exist) besides its own, with the kernel's
    file events when every watched path has them (`mode` "auto"), else by MkDocs' polling; `later`: the paths
    MkDocs watches after its plugins (mkdocs.yml's `watch:`), which must have them too."""
    for path in paths:
        if path.exists():
            server.watch(str(path))
    watched: dict[str, int] = dict(getattr(server, "_watched_paths", {}))
    checked = [*map(Path, watched), *(path for path in later if path.exists())]
    reason = "the plugin's watch: option is poll" if mode == "poll" else polling_reason(checked, _mounts())
    if reason is None and watched and _swap(server, watched, _event_observer()):
        server.build_delay = min(server.build_delay, EVENTS_SETTLE)
        return
    server.build_delay = min(server.build_delay, SETTLE)
    if reason:
        log.debug("explainer: the server polls for changes: %s", reason)


def _swap(server: Any, watched: dict[str, int], observer: Any) -> bool:
    """Move every watch of `server` to `observer` and start it; on a refusal, back to the observer it had."""
    polling = server.observer
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer
    try:
        _watch_all(server, watched)
        observer.start()
    except OSError as exc:  # the kernel's limit of event watchers: the server polls as MkDocs has it
        observer.stop()
        server._watched_paths.clear()
        server._watch_refs.clear()
        server.observer = polling
        _watch_all(server, watched)
        log.info("explainer: warning: the server polls for changes (no file events: %s)", exc.strerror or exc)
        return False
    return True


def _watch_all(server: Any, watched: dict[str, int]) -> None:
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
