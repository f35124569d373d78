"""Rendered pages kept between builds, so a warm build does not parse again what it parsed last time.

MkDocs converts every page's Markdown to HTML on every build, and Material's search plugin parses every page's
HTML again to index it. For a page whose Markdown (and everything its HTML depends on: the Markdown extensions
and their settings, the URL style, the set of files its links may point to) is the same as last build, both
results are the same too: this cache keeps them, keyed by a hash of those inputs, as JSON data. A hit gives back
what the render gave (the HTML, the table of contents, the title, the anchors and the links to anchors that
MkDocs validates) and the search entries the index took from it; the built site is byte-identical to a build
without the cache. Entries not used by a build are dropped when it is saved.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

FILE_NAME = "pages.json"
VERSION = 1  # of the entries' layout


def fingerprint(config: MkDocsConfig, files: Files) -> str:
    """What every page's HTML depends on besides its own Markdown."""
    digest = hashlib.sha1(f"{VERSION}".encode())
    for name in ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material"):
        digest.update(f"{name}={importlib.metadata.version(name)}\0".encode())
    settings = [config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"], config["site_url"]]
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update("\0".join(sorted(f.src_uri for f in files)).encode())
    return digest.hexdigest()


def _write_json(out: TextIO, entries: dict[str, Any]) -> None:
    """`entries` as one JSON object, each entry through the C encoder (json.dump runs the pure-Python one, 5×
    slower) without the whole file as one string in memory (a third of a gigabyte at 1,000 articles, four bytes
    a character once one character needs them)."""
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    out.write("{")
    for number, (key, value) in enumerate(entries.items()):
        out.write(("," if number else "") + encoder.encode(key) + ":" + encoder.encode(value))
    out.write("}")


def _toc(links: list[AnchorLink]) -> list[dict[str, Any]]:
    return [{"level": a.level, "id": a.id, "name": a.title, "children": _toc(a.children)} for a in links]


@dataclass
class PageCache:
    """The rendered pages and search entries of the last build, and those of this one."""

    path: Path
    old: dict[str, Any] = field(default_factory=dict)
    new: dict[str, Any] = field(default_factory=dict)
    salt: str = ""
    hits: set[str] = field(default_factory=set)  # src_uri of pages served from the cache this build

    @classmethod
    def load(cls, folder: Path, previous: PageCache | None = None) -> PageCache:
        """The cache in `folder`; or, in a process that built before (`mkdocs serve`), what that build kept."""
        path = folder / FILE_NAME
        if previous is not None and previous.path == path:
            return cls(path, previous.new)
        try:  # a regular file only: a link or a pipe put there is a miss, never read
            old = json.loads(path.read_text(encoding="utf-8")) if path.is_file() and not path.is_symlink() else {}
        except (OSError, ValueError):
            old = {}
        return cls(path, old if isinstance(old, dict) else {})

    def _key(self, *parts: str) -> str:
        return hashlib.sha1("\0".join((self.salt, *parts)).encode()).hexdigest()

    def page_key(self, uri: str, markdown: str) -> str:
        return self._key("page", uri, markdown)

    def lookup(self, page: Page, markdown: str) -> bool:
        """Whether the page's render is cached; if so, the render is skipped (see `restore`)."""
        key = self.page_key(page.file.src_uri, markdown)
        entry = self.old.get(key)
        if entry is None:
            return False
        self.new[key] = entry
        self.hits.add(page.file.src_uri)
        page.meta["_page_cache_key"] = key
        return True

    def restore(self, page: Page, files: Files) -> str:
        """Give a cached page what its render gave; returns its HTML."""
        entry = self.new[page.meta.pop("_page_cache_key")]
        page.toc = get_toc(entry["toc"])
        page._title_from_render = entry["title"]
        page.present_anchor_ids = set(entry["anchors"])
        if entry["links"] is not None:
            page.links_to_anchors = {
                found: anchors for uri, anchors in entry["links"].items() if (found := files.get_file_from_path(uri))
            }
        return str(entry["html"])

    def store(self, page: Page, markdown: str, html: str) -> None:
        links = page.links_to_anchors
        self.new[self.page_key(page.file.src_uri, markdown)] = {
            "html": html,
            "toc": _toc(list(page.toc)),
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
        }

    def searched(self, index_entry: Callable[[Page], None], entries: list[Any]) -> Callable[[Page], None]:
        """The search index's `add_entry_from_context`, answering a page seen before from the cache."""

        def add(page: Page) -> None:
            toc = json.dumps(_toc(list(page.toc)), sort_keys=True)
            meta = json.dumps({k: page.meta.get(k) for k in ("search", "tags")}, sort_keys=True, default=str)
            key = self._key("search", page.url, page.content or "", toc, meta, str(page.title))
            cached = self.old.get(key)
            if cached is None:
                before = len(entries)
                index_entry(page)
                cached = entries[before:]
            else:
                entries.extend(cached)
            self.new[key] = cached

        return add

    def save(self) -> None:
        """Write this build's entries (atomically: a killed build leaves the last cache whole)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".pages-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                _write_json(out, self.new)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
