"""Extraction cache: one file per article, keyed by the article, the story file and the generator's code.

The folder can be deleted at any time; a changed article, story file or generator simply misses.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import cache
from pathlib import Path
from typing import Any

from generator.config import Story
from generator.extract import Extraction
from generator.model import Article

PACKAGE = Path(__file__).resolve().parent


@cache
def code_fingerprint() -> str:
    """A hash of the generator's own source: a new version of the code never reads an old cache."""
    digest = hashlib.sha1()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def story_fingerprint(story: Story) -> str:
    return hashlib.sha1(story.model_dump_json().encode()).hexdigest()


class ExtractionCache:
    """Pickled extractions under `folder`, one per article key."""

    def __init__(self, folder: Path, story: Story) -> None:
        self.folder = folder
        self.prefix = code_fingerprint() + story_fingerprint(story)

    def key(self, article: Article) -> str:
        digest = hashlib.sha1(self.prefix.encode())
        digest.update(pickle.dumps(article, protocol=5))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, article: Article) -> Extraction | None:
        return read_pickle(self._path(self.key(article)))

    def put(self, article: Article, extraction: Extraction) -> None:
        write_pickle(self._path(self.key(article)), extraction)


def read_pickle(path: Path) -> Any:
    """A cached object, or None when the file is missing or unreadable (a miss, never an error)."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def write_pickle(path: Path, value: object) -> None:
    """Write through a temporary file, so a reader never sees half a file; a failure only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(value, handle, protocol=5)
        temporary.replace(path)
    except OSError:
        pass
