"""Generated pages' front matter, parsed once and then read as data.

MkDocs parses each page's YAML front matter on every build; a warm build of 7,000 generated pages spent 0.9 s in it,
a tenth of the build. The mapping MkDocs read from a generated page's front matter is kept here as JSON, under a
hash of the front matter's text; while that text is the same, the next build has MkDocs read the page's file
without it (a blank first line, so MkDocs finds front matter of no kind) and gives the page the same mapping as its
meta before any other plugin reads the page (`ExplainerPlugin._on_page_markdown_meta`); the file is whole again from
then on. The page's Markdown and meta are what MkDocs' own reading gives. It is done only while no other plugin gives
pages their source or reads their Markdown as early (`alone`).

Only what reads back equal, of the same types, is kept: a mapping of text keys to text, numbers, booleans, nulls,
lists and such mappings (YAML's dates and other types are parsed again every build). An empty mapping is not kept
either: MkDocs gives one for front matter it could not read, and leaves that front matter in the page.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.plugins import PluginCollection
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE
from pydantic import TypeAdapter

from generator.build.cache import read_entry, write_entry

NAME = "front-matter.json"
KNOWN: TypeAdapter[dict[str, str]] = TypeAdapter(dict[str, str])  # hash of the front matter -> its mapping, as JSON


def _plain(value: Any) -> bool:
    """Whether a value reads back from JSON as itself, of the same types."""
    if value is None or type(value) in (str, bool, int):
        return True
    if type(value) is float:
        return value == value and value not in (float("inf"), float("-inf"))
    if type(value) is list:
        return all(_plain(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    return False


def _read(kept: str | None) -> dict[str, Any] | None:
    """A kept mapping, a new one each time (a page's meta is its own to change); None for one that is not."""
    try:
        meta = json.loads(kept) if kept is not None else None
        return meta if isinstance(meta, dict) and meta and _plain(meta) else None
    except (ValueError, RecursionError):  # an altered file: parsed again, as a missing one is
        return None


def alone(plugins: PluginCollection, own: object) -> bool:
    """Whether no other plugin gives a page its source, or reads its Markdown as early as the plugin `own` gives it
    its meta (MkDocs' highest recommended priority, 100)."""
    others = [m for m in plugins.events["page_read_source"] if getattr(m, "__self__", None) is not own]
    early = [m for m in plugins.events["page_markdown"]
             if getattr(m, "__self__", None) is not own and getattr(m, "mkdocs_priority", 0) >= 100]  # fmt: skip
    return not others and not early


@dataclass
class FrontMatter:
    """The front matter mappings of earlier builds, those this build used, and the pages waiting for theirs."""

    path: Path
    known: dict[str, str] = field(default_factory=dict)
    used: dict[str, str] = field(default_factory=dict)
    waiting: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # src_uri -> its text and meta
    learning: dict[str, str] = field(default_factory=dict)  # src_uri -> the hash of the front matter MkDocs parses
    unsaved: bool = False  # whether `known` differs from what the file holds

    @classmethod
    def load(cls, folder: Path, previous: FrontMatter | None = None) -> FrontMatter:
        """The mappings kept in `folder`; in a process that built before (`mkdocs serve`), those of its last build."""
        path = folder / NAME
        if previous is not None and previous.path == path:
            return cls(path, previous.known, unsaved=previous.unsaved)
        return cls(path, read_entry(path, KNOWN) or {})

    def strip(self, page: Page) -> None:
        """Have MkDocs read the page's file without its front matter, when its mapping is known (and learn it, when
        not)."""
        text = page.file.content_string
        found = YAML_RE.match(text) if "\r" not in text else None  # (MkDocs would change a line end after none)
        if found is None:
            return
        key = hashlib.sha1(found.group(1).encode()).hexdigest()
        meta = _read(self.known.get(key))
        if meta is None:
            self.learning[page.file.src_uri] = key
            return
        self.used[key] = self.known[key]
        self.waiting[page.file.src_uri] = (text, meta)
        page.file.content_string = "\n" + text[found.end() :].lstrip("\n")

    def give(self, page: Page) -> None:
        """Give the page its meta and its file its whole text, if it waits for them; learn the meta MkDocs parsed,
        if it is plain data."""
        uri = page.file.src_uri
        waiting = self.waiting.pop(uri, None)
        if waiting is not None:
            page.file.content_string, page.meta = waiting
            return
        key = self.learning.pop(uri, None)
        if key is not None and isinstance(page.meta, dict) and page.meta and _plain(page.meta):
            self.used[key] = json.dumps(page.meta)

    def finish(self, prune: bool) -> bool:
        """The build is over: the mappings it used are among those the next build starts from (`prune`: the only
        ones; a server's rebuild may read a few pages only). Whether they are not what the file holds."""
        self.waiting.clear()
        self.learning.clear()
        used = self.used if prune else {**self.known, **self.used}
        if used != self.known:
            self.known, self.unsaved = used, True
        self.used = {}
        return self.unsaved

    def write(self) -> None:
        """Write the mappings of the last build, when the file does not hold them."""
        if self.unsaved:
            write_entry(self.path, KNOWN, self.known)
            self.unsaved = False
