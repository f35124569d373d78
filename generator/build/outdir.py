"""Output folders: which may be replaced, how a new one takes the old one's place, and who may build.

- Only a folder this generator made (it holds MARKER), an empty one, or one MkDocs built may be
  replaced; never the project, a folder that holds it, or the seeds, docs or templates.
- A new output is written beside the old one and swapped in with one atomic exchange (Linux
  `renameat2(RENAME_EXCHANGE)`), so at any moment the folder holds the old complete output or the
  new complete one; leftovers of an interrupted build are removed by the next.
- One build at a time per output folder (and per cache): the second waits for the first.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from generator.core.errors import BuildError, one_line

MARKER = ".explainer-output"
MARKER_TEXT = "Made by the explainer generator: the next build replaces this folder whole.\n"
# What a site MkDocs built, or pages this generator wrote, hold: folders made before the marker existed.
EARLIER_OUTPUT_SIGNS = (
    ("sitemap.xml", "search/search_index.json", "404.html"),
    ("index.md", "timeline.md", "data/sources.json"),
)
STAGING, RETIRED = "building", "old"
UMASK = os.umask(0o022)
os.umask(UMASK)


NAME_MAX = 255  # bytes in one file name on Linux's file systems
STAGING_SUFFIX = len(".") + len(f".{STAGING}-") + 8  # ".NAME.building-" and mkdtemp's eight characters


def linked_part(path: Path, project: Path) -> Path | None:
    """The first symbolic link on `path`'s way from the project folder (or `path` itself, outside the project).

    A link there would send a build's writes, and its deletions, to wherever it points; a link above the
    project (a home folder on another disk) is the user's business and is followed as usual.
    """
    where = Path(os.path.abspath(path))
    root = Path(os.path.abspath(project))
    if not where.is_relative_to(root):
        return where if where.is_symlink() else None
    step = root
    for part in where.relative_to(root).parts:
        step = step / part
        if step.is_symlink():
            return step
    return None


def check_path(path: Path, project: Path, option: str, what: str) -> None:
    """One refusal rule for every folder a build writes (output, cache, Zensical's work folder): no symbolic
    link on the way to it, no file where a folder must be, and a name short enough for the build's own files."""
    link = linked_part(path, project)
    if link is not None:
        target = os.readlink(link)
        raise BuildError(
            f"{option} {path}: {link.name} is a symbolic link (to {target}); a build would write {what} there. "
            "Remove the link or give a real folder"
        )
    for part in [path, *path.parents]:  # as the user wrote it: a relative path names its parts relatively
        if part.exists() and not part.is_dir():
            where = "it is a file" if part == path else f"{part} is a file"
            raise BuildError(f"{option} {path}: {where}, not a folder; give a folder for {what}")
    size = len(os.fsencode(Path(os.path.abspath(path)).name))
    if size + STAGING_SUFFIX > NAME_MAX:
        raise BuildError(
            f"{option} {one_line(str(path), 60)}: a folder name of {size} bytes is too long; give one of at most "
            f"{NAME_MAX - STAGING_SUFFIX} (the build writes beside it under a longer name)"
        )


def check_target(
    out: Path, protected: dict[str, Path], inputs: list[Path], option: str = "--out", project: Path | None = None
) -> None:
    """Refuse an output folder that is not ours to replace, with one line saying why.

    `protected`: paths (by what they are) the output may neither be nor hold (the project, the cache);
    `inputs`: folders the output may not be in either (seeds, templates, docs); `project`: the folder links
    are looked for from (the working folder when not given).
    """
    check_path(out, project or Path.cwd(), option, "the output")
    where = out.resolve()
    for what, path in protected.items():
        held = path.resolve()
        if where == held or held.is_relative_to(where):
            raise BuildError(
                f"{option} {out}: replacing it would delete {what}; give a folder of its own, "
                "such as 'generated' or 'site'"
            )
    for path in inputs:
        held = path.resolve()
        if where.is_relative_to(held) or held.is_relative_to(where):
            raise BuildError(f"{option} {out}: overlaps {path}, which the build reads; give a folder of its own")
    if where.is_dir():
        hidden = sorted(p.name for p in where.iterdir() if p.name.startswith(".") and p.name != MARKER)
        if hidden:
            raise BuildError(
                f"{option} {out}: holds {', '.join(hidden[:3])}, which a build would delete (it replaces the "
                "folder whole); move them out or build into another folder"
            )
        if not replaceable(where):
            raise BuildError(
                f"{option} {out}: a folder with files this generator did not make; give an empty or new folder "
                f"(or remove it yourself)"
            )


def replaceable(folder: Path) -> bool:
    """A folder whose contents a build may throw away: empty, ours, or output made before the marker existed
    (a MkDocs site with its search index, or the generator's pages with their data)."""
    if (folder / MARKER).is_file() or not any(folder.iterdir()):
        return True
    return any(all((folder / sign).is_file() for sign in signs) for signs in EARLIER_OUTPUT_SIGNS)


def staging_folder(out: Path) -> Path:
    """A new, empty folder beside `out`, on the same file system, for the next output."""
    out.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.{STAGING}-", dir=out.parent))
    folder.chmod(0o777 & ~UMASK)  # mkdtemp makes it private; the output is an ordinary folder
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return folder


def _leftovers(out: Path) -> list[Path]:
    if not out.parent.is_dir():
        return []
    prefixes = (f".{out.name}.{STAGING}-", f".{out.name}.{RETIRED}-")
    return sorted(p for p in out.parent.iterdir() if p.name.startswith(prefixes) and p.is_dir())


def remove_leftovers(out: Path) -> None:
    """Remove what an interrupted build left beside `out` (call with the output's lock held)."""
    for folder in _leftovers(out):
        if folder.name.startswith(f".{out.name}.{RETIRED}-") and not out.exists():
            os.rename(folder, out)  # killed between the two renames of the fallback swap: the old output is back
            continue
        shutil.rmtree(folder, ignore_errors=True)


_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
_renameat2 = getattr(_libc, "renameat2", None)
AT_FDCWD, RENAME_EXCHANGE = -100, 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot (then the caller falls back)."""
    if _renameat2 is None:
        return False
    result = _renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def _delete(folder: Path) -> str | None:
    """Delete a folder; the first reason it could not be deleted whole, or None when it is gone."""
    reasons: list[str] = []

    def failed(_function: object, path: str, info: tuple[type, BaseException, object]) -> None:
        reasons.append(f"{getattr(info[1], 'strerror', None) or info[1]}: {path}")

    shutil.rmtree(folder, onerror=failed)
    return (reasons[0] if reasons else "it is still there") if folder.exists() else None


def swap_into_place(staging: Path, out: Path) -> str | None:
    """Make the complete `staging` folder the output, then delete the previous one.

    Raises OSError, with the previous output in place, when the new one cannot be put there. Returns a note
    when the new output is in place but the previous one could not be deleted: where it was left, and why.
    """
    if not out.exists():
        os.rename(staging, out)
        return None
    if _exchange(staging, out):
        previous = staging  # the exchange put the previous output where the new one was built
    else:
        previous = out.parent / f".{out.name}.{RETIRED}-{os.getpid()}"
        os.rename(out, previous)  # two renames where no exchange exists: `remove_leftovers` repairs a kill between
        try:
            os.rename(staging, out)
        except OSError:
            os.rename(previous, out)
            raise
    reason = _delete(previous)
    if reason is None:
        return None
    return (
        f"{out}: the new output is in place, but the previous one could not be deleted ({reason}); it was left "
        f"in {previous}: delete it yourself (the next build tries again)"
    )


def write_tree(files: dict[str, str], out: Path) -> str | None:
    """Write every file into a staging folder, then swap it into place: never a half-written output.

    Returns `swap_into_place`'s note, if any."""
    staging = staging_folder(out)
    try:
        for path, content in sorted(files.items()):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        return swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def check_plugin_folders(option: str, project: Path, cache: str, templates: str, seeds: str, story: str | None) -> None:
    """The plugin's folders, each relative to the project, as the command line checks its options: one line for what
    is wrong (`option`: where the options are; `story`: None for the default, which may be missing)."""
    if cache:
        check_path(Path(os.path.abspath(project / cache)), project, f"{option} cache:", "the cache")
    if not (project / templates).resolve().is_dir():
        raise BuildError(f"{option} templates: {templates}: no such folder of page templates")
    found = (project / seeds).resolve()
    if found.exists() and not found.is_dir():
        raise BuildError(f"{option} seeds: {seeds}: is a file, not a folder of articles")
    if story is not None and not os.path.lexists(project / story):
        raise BuildError(f"{option} story: {story}: no such file (leave it out to build without one)")


def lock_path(folder: Path) -> Path:
    return folder.parent / f".{folder.name}.lock"


@contextmanager
def build_lock(folders: list[Path], wait_message: object = None) -> Iterator[None]:
    """Hold a lock per folder (beside it) for a whole build; a second build waits until the first is done."""
    with ExitStack() as stack:
        for folder in sorted({f.resolve() for f in folders}):
            lock = lock_path(folder)
            try:
                lock.parent.mkdir(parents=True, exist_ok=True)
                handle = stack.enter_context(lock.open("a"))
            except OSError as exc:
                raise BuildError(
                    f"{lock}: cannot take the build's lock ({exc.strerror}); the folder must be writable by you "
                    "(a lock file of another user's build can be deleted when no build runs)"
                ) from None
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if callable(wait_message):
                    wait_message(f"another build is running on {folder}; waiting for it to finish")
                fcntl.flock(handle, fcntl.LOCK_EX)
            stack.callback(fcntl.flock, handle, fcntl.LOCK_UN)
        yield
