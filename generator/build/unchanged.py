"""`mkdocs serve --dirty`: a rebuild leaves the pages it would write byte for byte as they are, and only those.

MkDocs' dirty builds skip a page whose source file is older than its output: generated pages have no source file,
so MkDocs builds them all (its loop over thousands of actor pages, render, theme, search, write, is most of a
rebuild after one edited article), while a docs-folder page left as it was is skipped even when the navigation it
shows changed. A server knows what it wrote last time, and decides for every page instead: one whose Markdown is
unchanged, outside the navigation (a page in it lends its title to every other page), in a site whose setting
(configuration, theme, navigation, set of files) is unchanged, and whose output is still in the site folder, is
marked unmodified and MkDocs passes it by; every other page is built. What MkDocs would have taken from a page
passed by is given back: its front matter (the sitemap's dates), its anchors (which links into it are checked
against) and its search entries, in their place in the index, so the index is the one a full build writes. Files
the last build wrote and this one does not make are removed."""

from __future__ import annotations

import contextlib
import logging
import os
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.files import File, Files, InclusionLevel

BUILD_LOG = logging.getLogger("mkdocs.commands.build")


class DirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that the navigation and links may be wrong (and `strict` fails on it):
    this plugin decides every page, so the warning is said once, as what the server does instead."""

    said = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.getMessage().startswith("A 'dirty' build is being performed"):
            return True
        if not DirtyNotice.said:
            DirtyNotice.said = True
            logging.getLogger("mkdocs.plugins.explainer").info(
                "explainer: a dirty rebuild builds the pages whose content or setting changed and leaves the others "
                "as they are: the site is the one a full build writes"
            )
        return False


@dataclass
class Written:
    """What a server's last build wrote: every generated file's and page's content and place, every page's front
    matter, search entries and anchors, and the setting they were built in."""

    setting: str
    contents: dict[str, str] = field(default_factory=dict)  # src_uri -> a page's Markdown (with its front matter)
    places: dict[str, str] = field(default_factory=dict)  # src_uri -> the file written in the site folder
    entries: dict[str, list[Any]] = field(default_factory=dict)  # src_uri -> the page's search entries
    anchors: dict[str, set[str]] = field(default_factory=dict)  # src_uri -> the anchors the page has
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # src_uri -> the page's front matter


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


def _content(file: File) -> str | None:
    try:
        return file.content_string
    except (OSError, ValueError):  # MkDocs' own reading says what is wrong with it
        return None


def pass_by(last: Written | None, setting: str, files: Files, nav: Iterable[str]) -> set[str]:
    """Mark the pages whose output stays as it is (see the module's docstring) and every other page modified (the
    docs folder's too: MkDocs' own check, by modification time, would pass by a page whose navigation changed);
    returns the paths of those passed by."""
    in_nav, unchanged = set(nav), set()
    for file in files.documentation_pages():
        uri, place = file.src_uri, file.abs_dest_path
        same = (
            last is not None and last.setting == setting and uri not in in_nav and uri in last.entries
            and last.places.get(uri) == place and _content(file) == last.contents.get(uri) and os.path.isfile(place)
        )  # fmt: skip
        file.is_modified = _unmodified if same else _modified  # type: ignore[method-assign]
        if same:
            unchanged.add(uri)
    return unchanged


@dataclass
class Server:
    """A server's builds: what the last one wrote, and in this one the pages passed by and their search entries
    replayed in MkDocs' order."""

    dirty: bool = False
    written: Written | None = None
    passed: set[str] = field(default_factory=set)
    indexed: dict[str, list[Any]] = field(default_factory=dict)  # src_uri -> the search entries this build made
    replay: deque[tuple[str, list[Any]]] = field(default_factory=deque)  # (page, entries given back), in build order
    index: list[Any] | None = None  # the search index's entries
    last_built: str | None = None

    def mark(self, setting: str, files: Files, nav: Iterable[str]) -> None:
        """Before MkDocs reads the pages: mark those a dirty rebuild passes by."""
        self.indexed, self.replay, self.index, self.last_built = {}, deque(), None, None
        self.passed = pass_by(self.written, setting, files, nav) if self.dirty else set()

    def plan(self, files: Files, index: list[Any] | None) -> bool:
        """After MkDocs read the pages: each page it passed by (these, and pages of the docs folder its own dirty
        check passed by) gets its front matter and anchors back, and its search entries a place in the index.
        Whether the index will be whole (the search plugin need not merge in the last build's)."""
        last = self.written
        if not self.dirty or last is None:
            return False
        built: list[str] = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            page, uri = file.page, file.src_uri
            if page is not None and page.content is None and uri in last.entries:
                page.markdown, page.meta = "", dict(last.meta.get(uri, {}))  # its title, its date in the sitemap
                page.present_anchor_ids = set(last.anchors.get(uri, ()))
                self.replay.append((uri, last.entries[uri]))
            else:
                built.append(file.src_uri)
                self.replay.append((file.src_uri, []))
        self.index = index
        self.last_built = built[-1] if built else None
        if self.last_built is None:
            self.rest()
        return index is not None

    def before(self, uri: str) -> None:
        """`uri` is built next: the entries of the pages passed by before it go into the index first."""
        while self.replay and self.index is not None:
            page, entries = self.replay.popleft()
            if page == uri:
                return
            self.index.extend(entries)

    def after(self, uri: str) -> None:
        if uri == self.last_built:
            self.rest()

    def rest(self) -> None:
        self.before("")

    def finish(self, setting: str, generated: dict[str, str], files: Files) -> None:
        """After the build: remember what it wrote; a dirty build removes what the last one wrote and it did not."""
        done = Written(setting)
        for file in files:
            if file.src_uri in generated:
                done.places[file.src_uri] = file.abs_dest_path
        last = self.written
        for file in files.documentation_pages():
            uri, page = file.src_uri, file.page
            done.places[uri] = file.abs_dest_path
            content = generated[uri] if uri in generated else _content(file)
            if content is not None:
                done.contents[uri] = content
            if page is not None and page.content is not None:
                done.entries[uri] = self.indexed.get(uri, [])
                done.anchors[uri], done.meta[uri] = set(page.present_anchor_ids or ()), dict(page.meta)
            elif last is not None and uri in last.entries:
                done.entries[uri], done.anchors[uri] = last.entries[uri], last.anchors.get(uri, set())
                done.meta[uri] = last.meta.get(uri, {})
        if self.dirty and last is not None:
            for uri, place in last.places.items():
                if uri not in done.places:
                    with contextlib.suppress(OSError):
                        os.remove(place)
        self.written, self.passed, self.indexed, self.replay, self.index = done, set(), {}, deque(), None

    def forget(self) -> None:
        """A build that failed: the next one builds every page."""
        self.written, self.passed, self.indexed, self.replay, self.index = None, set(), {}, deque(), None
