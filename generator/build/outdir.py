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

from generator.core.errors import BuildError

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


def check_target(out: Path, protected: dict[str, Path], inputs: list[Path], option: str = "--out") -> None:
    """Refuse an output folder that is not ours to replace, with one line saying why.

    `protected`: paths (by what they are) the output may neither be nor hold (the project, the cache);
    `inputs`: folders the output may not be in either (seeds, templates, docs).
    """
    where = out.resolve()
    if out.is_symlink():
        raise BuildError(f"{option} {out}: is a symbolic link; give the real folder ({where}) or a new one")
    if where.exists() and not where.is_dir():
        raise BuildError(f"{option} {out}: is a file, not a folder; give a folder for the output")
    for parent in where.parents:
        if parent.exists() and not parent.is_dir():
            raise BuildError(f"{option} {out}: {parent} is a file, not a folder; give a folder for the output")
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


def swap_into_place(staging: Path, out: Path) -> None:
    """Make the complete `staging` folder the output, then delete the previous one."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging)  # now the previous output
        return
    retired = out.parent / f".{out.name}.{RETIRED}-{os.getpid()}"
    os.rename(out, retired)  # two renames where no exchange exists: `remove_leftovers` repairs a kill between
    os.rename(staging, out)
    shutil.rmtree(retired)


def write_tree(files: dict[str, str], out: Path) -> None:
    """Write every file into a staging folder, then swap it into place: never a half-written output."""
    staging = staging_folder(out)
    try:
        for path, content in sorted(files.items()):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def lock_path(folder: Path) -> Path:
    return folder.parent / f".{folder.name}.lock"


@contextmanager
def build_lock(folders: list[Path], wait_message: object = None) -> Iterator[None]:
    """Hold a lock per folder (beside it) for a whole build; a second build waits until the first is done."""
    with ExitStack() as stack:
        for folder in sorted({f.resolve() for f in folders}):
            lock = lock_path(folder)
            lock.parent.mkdir(parents=True, exist_ok=True)
            handle = stack.enter_context(lock.open("a"))
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if callable(wait_message):
                    wait_message(f"another build is running on {folder}; waiting for it to finish")
                fcntl.flock(handle, fcntl.LOCK_EX)
            stack.callback(fcntl.flock, handle, fcntl.LOCK_UN)
        yield
