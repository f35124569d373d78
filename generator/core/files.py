"""Reading a user's file: a regular file only, and never more than a limit.

Every file an editor gives (articles, sidecars, the story file, the file `add` takes) is read through
`read_limited`. A path that names a device (`/dev/zero` never ends), a named pipe (opening it waits for a
writer) or a folder is refused before it is opened; a file is read up to its limit plus one byte, so a file
that grows while it is read is refused too. `/dev/null` reads as an empty file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.core.errors import IngestError

RECENT_NS = 3_000_000_000  # a file changed this recently may change again unseen: coarser than any file system's
# time stamps (FAT: 2 s), so a second write within their resolution does not leave a long-lived process's record of
# the file's status as it was

def settled_status(info: os.stat_result, now: int, recent: int = RECENT_NS) -> tuple[int, ...] | None:
    """A file's status as a long-lived process compares it from one build to the next (device, inode, size, times,
    mode: its change time moves on every write), or None when it changed less than `recent` nanoseconds before
    `now`: a second write within the file system's time resolution would leave it as it was."""
    if now - max(info.st_mtime_ns, info.st_ctime_ns) < recent:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_mode)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def megabytes(size: int, limit: int) -> str:
    """A size over `limit` in MB, with the fewest decimals that tell it from the limit ('5.3', not '5')."""
    shown_limit = f"{limit / 1e6:g}"
    for decimals in range(7):
        shown = f"{size / 1e6:.{decimals}f}"
        if float(shown) > float(shown_limit):
            return shown
    return f"{size / 1e6:.6f}"


def too_large(size: int, limit: int, label: str, advice: str) -> IngestError:
    """The error for a file over its limit: `seeds/a.txt: 5.3 MB is over the 5 MB limit; split it`."""
    return IngestError(f"{label}: {megabytes(size, limit)} MB is over the {limit / 1e6:g} MB limit; {advice}")


def _is_null_device(info: os.stat_result) -> bool:
    try:
        return os.path.samestat(info, os.stat(os.devnull))
    except OSError:
        return False


def _kind(info: os.stat_result) -> str | None:
    """What a path names when it is not a regular file ('a named pipe (FIFO)'), else None."""
    if stat.S_ISREG(info.st_mode):
        return None
    return next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")


def file_status(path: Path, label: str, advice: str) -> os.stat_result | None:
    """The path's status after following links: None for /dev/null (an empty file); refuses anything else
    that is not a regular file, and a path that does not exist or cannot be looked up."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            raise IngestError(f"{label}: a symbolic link to {target}, which does not exist; {advice}") from None
        raise IngestError(f"{label}: no such file; {advice}") from None
    except OSError as exc:
        raise IngestError(f"{label}: cannot be read ({exc.strerror}); {advice}") from None
    if _is_null_device(info):
        return None
    kind = _kind(info)
    if kind is not None:
        link = f"a symbolic link to {path.resolve()}, " if path.is_symlink() else ""
        raise IngestError(f"{label}: {link}{kind}, not a regular file; {advice}")
    return info


def read_limited(path: Path, limit: int, label: str, *, not_a_file: str, too_big: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or an IngestError of one line naming `label`.

    `not_a_file` and `too_big` say what to do when the path is no regular file or the file is too large.
    Nothing is opened before the path is known to be a regular file (or /dev/null, read as empty).
    """
    if file_status(path, label, not_a_file) is None:
        return b""
    try:
        # O_NONBLOCK: should a named pipe replace the file after the check, opening it does not wait
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise IngestError(f"{label}: cannot be read ({exc.strerror}); {not_a_file}") from None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        kind = _kind(info)
        if kind is not None:
            raise IngestError(f"{label}: {kind}, not a regular file; {not_a_file}")
        if info.st_size > limit:
            raise too_large(info.st_size, limit, label, too_big)
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise IngestError(f"{label}: cannot be read ({exc.strerror}); {not_a_file}") from None
    if len(data) > limit:  # it grew since it was looked up
        raise too_large(max(len(data), info.st_size), limit, label, too_big)
    return data
