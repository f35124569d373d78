"""One path, one page: a file of the docs folder and a file the generator writes may not share a path.

Both builders publish the docs folder's files beside the generated pages; a hand-written `docs/about.md` and
the generated `about.md` would be one page, and one of them silently lost. Both builders ask `check_docs`
first and refuse with one line naming both files.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from functools import lru_cache

from generator.core.errors import BuildError
from generator.publish.urls import PAGES, html_path

PAGE_NAMES = {path: f"the {name} page" for name, path in PAGES.items()}


@lru_cache(maxsize=1 << 16)  # a server asks again for every generated page on each rebuild
def published(path: str) -> str:
    """Where a docs-folder file lands in the site: a page at its `.html` address (`README.md` is its folder's
    index, as MkDocs and Zensical read it), any other file at its own path."""
    folder, name = posixpath.split(path)
    if name.lower() == "readme.md":
        path = posixpath.join(folder, "index.md")
    return html_path(path)


def check_docs(docs_files: Iterable[str], generated: Iterable[str], docs: str) -> None:
    """Refuse a docs-folder file (a path relative to the folder `docs`) that a generated file would replace."""
    by_address = {published(path): path for path in generated}
    clashes = [(own, by_address[published(own)]) for own in sorted(docs_files) if published(own) in by_address]
    if not clashes:
        return
    own, theirs = clashes[0]
    name = PAGE_NAMES.get(theirs)
    if own == theirs:
        target = f"{theirs} ({name})" if name else theirs
    else:
        target = f"{published(own)} (from {theirs}{f', {name}' if name else ''})"
    path = posixpath.join(docs, own)
    others = [posixpath.join(docs, other) for other, _ in clashes[1:]]
    more = f" (and {len(others)} more: {', '.join(others[:3])}{', …' if len(others) > 3 else ''})" if others else ""
    raise BuildError(f"{path}: the generator also writes {target}; rename or remove {path}{more}")
