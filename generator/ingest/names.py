"""Which files of the seeds folder a build reads (light to import: the stored site's key lists them too)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SIDECAR_SUFFIXES = (".yml", ".yaml")  # an article's metadata, in a file of its name beside it


def seed_name(name: str, sidecars: bool = False) -> bool:
    """Whether a file of the seeds folder with this name is an article a build reads (`sidecars`: or an article's
    metadata file). A hidden name is not, as MkDocs leaves the dot files of docs/ out: editors keep their lock,
    swap and backup files so ('.#article.txt', '.article.txt.swp'), and Emacs' lock is a link to nothing."""
    suffixes = ARTICLE_SUFFIXES + SIDECAR_SUFFIXES if sidecars else ARTICLE_SUFFIXES
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in suffixes  # Path(name).suffix, faster


@dataclass(frozen=True)
class SeedFile:
    """A file of the seeds folder a build reads, as one listing of the folder tells it (no look-up of its own but
    for a link, which is followed)."""

    name: str
    folder: bool  # a folder, or a link to one
    regular: bool  # a regular file, or a link to one
    link: bool


def seed_files(folder: Path, sidecars: bool = False) -> list[SeedFile]:
    """The files of `folder` a build reads (`seed_name`; `sidecars`: with the articles' metadata files), by name.
    A link that cannot be followed (to nothing, to itself) is neither a folder nor a regular file, as `Path.is_dir`
    and `Path.is_file` have it."""
    with os.scandir(folder) as listing:
        found = [
            SeedFile(entry.name, _is(entry.is_dir), _is(entry.is_file), entry.is_symlink())
            for entry in listing
            if seed_name(entry.name, sidecars)
        ]
    return sorted(found, key=lambda file: file.name)


def _is(test: Callable[[], bool]) -> bool:
    try:
        return test()
    except OSError:  # a link to itself, or through a file
        return False
