"""`mkdocs serve --dirty`: a rebuild leaves the pages it would write byte for byte as they are, and only those.

MkDocs' dirty builds skip a page whose source file is older than its output: generated pages have no source file, so
MkDocs builds them all (its loop over thousands of actor pages, render, theme, search, write, is most of a rebuild
after one edited article), while a docs-folder page left as it was is skipped even when the navigation it shows
changed. A server knows what it wrote last time, and decides for every page instead: one whose Markdown is
unchanged, outside the navigation (a page in it lends its title to every other page), in a site whose setting
(configuration, theme, navigation) is unchanged and, for a page whose Markdown may link to files, whose set of files
is unchanged, and whose output is still in the site folder, is marked unmodified and MkDocs passes it by; every
other page is built. What MkDocs would have taken from a page passed by is given back: its front matter (the
sitemap's dates), its anchors (which links into it are checked against) and its search entries, in their place in
the index, so the index is the one a full build writes. Files the last build wrote and this one does not make are
removed."""

from __future__ import annotations

import contextlib
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE, get_data

from generator.build.page_cache import links_by_path, links_in, may_link
from generator.build.search_helper import SearchHelper
from generator.build.search_json import SearchJson
from generator.build.theme_cache import NAV_META

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
class PageWritten:
    """What a server's last build wrote of one page, and what MkDocs took from it."""

    content: str | None  # its Markdown, front matter included
    place: str  # the file written in the site folder
    entries: list[Any]  # its search entries
    anchors: set[str]  # the anchors it has (links into it are checked against them)
    links: dict[str, dict[str, str]] | None  # its links to anchors, by the linked page (MkDocs checks them)
    meta: dict[str, Any]  # its front matter


@dataclass
class Written:
    """What a server's last build wrote, in which setting."""

    setting: str  # "" after a failed build: no page is passed by
    listing: str = ""  # the set of files (a page that `may_link` is passed by only while it is the same)
    places: set[str] = field(default_factory=set)  # every file written from a page or a generated file
    pages: dict[str, PageWritten] = field(default_factory=dict)


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


def _content(file: File) -> str | None:
    try:
        return file.content_string
    except (OSError, ValueError):  # MkDocs' own reading says what is wrong with it
        return None


def _pages(files: Files) -> Iterable[File]:
    return files.documentation_pages(inclusion=InclusionLevel.is_in_serve)  # what MkDocs' loop builds when serving


class _Present:
    """Which files are in the site folder, from one listing of each folder asked about (a status read of each of
    7,000 pages cost a rebuild 0.05 s)."""

    def __init__(self) -> None:
        self.folders: dict[str, set[str]] = {}

    def __contains__(self, place: str) -> bool:
        """Whether `place` is a file (or a link to one) of its folder as first listed in this build."""
        folder, name = os.path.split(place)
        found = self.folders.get(folder)
        if found is None:
            try:
                with os.scandir(folder) as entries:
                    found = {entry.name for entry in entries if entry.is_file()}
            except OSError:
                found = set()
            self.folders[folder] = found
        return name in found


def _nav_shown_changed(last: Written, nav: list[Page]) -> bool:
    """Whether a page of the navigation changed what the navigation shows of its front matter (`NAV_META`), read
    from its Markdown as MkDocs reads it: the pages are not read yet when a rebuild decides what it passes by, and
    every page shows the navigation. Only pages whose Markdown changed are read again."""
    for page in nav:
        kept, content = last.pages.get(page.file.src_uri), _content(page.file)
        if kept is not None and content is not None and kept.content == content:
            continue
        if kept is None or content is None:
            return True
        if not any(key in _front(text) for text in (content, kept.content or "") for key in NAV_META):
            continue  # named in neither front matter (a long one is not parsed on every edit of the page)
        meta = get_data(content)[1]
        if any(meta.get(key) != kept.meta.get(key) for key in NAV_META):
            return True
    return False


def _front(markdown: str) -> str:
    """The front matter of a page's Markdown as MkDocs finds it: a YAML block, else the lines before the first blank
    line (MultiMarkdown's meta-data)."""
    found = YAML_RE.match(markdown)
    return found.group(1) if found else markdown.split("\n\n", 1)[0]


def pass_by(last: Written | None, setting: str, pages: list[File], nav: list[Page], listing: str) -> set[str]:
    """Mark the pages whose output stays as it is (see the module's docstring) and every other page modified (the
    docs folder's too: MkDocs' own check, by modification time, would pass by a page whose navigation changed);
    returns the paths of those passed by. A navigation with a page titled by its own heading passes none by: the
    title is read with the page. A page whose Markdown may link to files is passed by only while the set of files
    (`listing`) is the same: a page added or removed elsewhere rebuilds no other page."""
    in_nav = {page.file.src_uri for page in nav}
    whole = (
        last is not None and bool(setting) and last.setting == setting and all(p.title for p in nav)
        and not _nav_shown_changed(last, nav)
    )  # fmt: skip
    listed = last is not None and last.listing == listing
    unchanged, present = set(), _Present()
    for file in pages:
        uri, place = file.src_uri, file.abs_dest_path
        kept = last.pages.get(uri) if last is not None and whole and uri not in in_nav else None
        content = _content(file) if kept is not None else None
        same = (
            kept is not None and kept.place == place and kept.content == content
            and (listed or not may_link(content)) and place in present
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
    listing: str = ""  # this build's set of files (`page_cache.fingerprint`)
    pages: list[File] = field(default_factory=list)  # this build's pages, in MkDocs' order (`mark`)
    search: SearchJson = field(default_factory=SearchJson)  # the index's JSON, joined from its entries' kept texts
    helper: SearchHelper = field(default_factory=SearchHelper)  # parses the pages a dirty rebuild writes

    def mark(self, setting: str, files: Files, nav: list[Page], listing: str) -> None:
        """Before MkDocs reads the pages: mark those a dirty rebuild passes by (`listing`: the set of files)."""
        self.indexed, self.replay, self.index, self.last_built = {}, deque(), None, None
        self.helper.begin()
        self.pages = list(_pages(files))
        self.passed = pass_by(self.written, setting, self.pages, nav, listing) if self.dirty else set()
        self.listing = listing

    def plan(self, files: Files, index: list[Any] | None, known: Callable[[Page], bool] | None = None) -> None:
        """After MkDocs read the pages: each page passed by gets back what MkDocs took from it (front matter,
        anchors, links to anchors) and its search entries a place in the index; the pages it writes whose search
        entries are not `known` (the page cache's) go to the helper to parse."""
        last = self.written
        if not self.passed or last is None:
            return
        built: list[str] = []
        writes: list[Page] = []
        for file in self.pages:
            page, uri = file.page, file.src_uri
            if page is not None and uri in self.passed:
                kept = last.pages[uri]
                page.markdown, page.meta = "", dict(kept.meta)  # its title, its date in the sitemap
                page.present_anchor_ids = set(kept.anchors)
                if kept.links is not None:
                    page.links_to_anchors = links_in(kept.links, files)
                self.replay.append((uri, kept.entries))
            else:
                built.append(uri)
                self.replay.append((uri, []))
                if index is not None and page is not None and (known is None or not known(page)):
                    writes.append(page)
        self.index = index
        self.last_built = built[-1] if built else None
        self.helper.submit(writes)  # (none without a search index: no entries would be taken back)
        if self.last_built is None:
            self.rest()

    def searching(self, index: Any) -> None:
        """Material's search `index` of this build: a dirty rebuild takes the entries of the pages it handed to the
        helper from it (`search_helper`), and writes the index's JSON from the entries' kept texts."""
        if self.dirty:
            self.search.install(index)
            if self.helper.start():  # (with the first build: it is ready for the first rebuild)
                self.helper.install(index)

    def stop(self) -> None:
        self.helper.stop()

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
        last, done = self.written, Written(setting, self.listing)
        done.places = {f.abs_dest_path for f in files if f.src_uri in generated or f.is_documentation_page()}
        for file in self.pages:
            uri, page = file.src_uri, file.page
            if page is not None and uri not in self.passed and page.content is not None:
                done.pages[uri] = PageWritten(
                    generated[uri] if uri in generated else _content(file), file.abs_dest_path,
                    self.indexed.get(uri, []), set(page.present_anchor_ids or ()),
                    links_by_path(page.links_to_anchors), dict(page.meta),
                )  # fmt: skip
            elif last is not None and uri in self.passed:
                done.pages[uri] = last.pages[uri]
        if self.dirty and last is not None:
            for place in sorted(last.places - done.places):
                with contextlib.suppress(OSError):
                    os.remove(place)
        self.written, self.passed, self.indexed, self.replay, self.index = done, set(), {}, deque(), None
        self.pages = []

    def forget(self, files: Files | None, generated: dict[str, str]) -> None:
        """A build that failed: the next one builds every page, and removes what this one or the last one wrote
        that it does not make."""
        places = self.written.places if self.written is not None else set()
        if files is not None:
            places |= {f.abs_dest_path for f in files if f.src_uri in generated or f.is_documentation_page()}
        self.written, self.passed, self.indexed, self.replay = Written("", places=places), set(), {}, deque()
        self.index, self.pages = None, []
