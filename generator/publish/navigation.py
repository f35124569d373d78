"""The site's navigation as a build made it: mkdocs.yml's `nav:` without the page types it left out.

A page type with nothing for a reader is not generated (a story with no plan has no plan tracker, see
`render.reader_pages`), so its entry goes too: readers never see an empty page, and `--strict` never sees a
reference to a missing file. The editor's own entries are kept as written, so MkDocs still reports their mistakes.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from generator.publish.urls import PAGES

PAGE_TYPES = frozenset(PAGES.values())


def _target(item: Any) -> Any:
    """What a nav item points at: a path, a URL, or a list of children (a section)."""
    if isinstance(item, dict) and len(item) == 1:
        return next(iter(item.values()))
    return item


def prune_nav(nav: list[Any], generated: Collection[str]) -> list[Any]:
    """`nav` without the entries of generator pages that are not in `generated`; emptied sections go too."""
    kept: list[Any] = []
    for item in nav:
        target = _target(item)
        if isinstance(target, list):
            children = prune_nav(target, generated)
            if children:
                kept.append({next(iter(item)): children} if isinstance(item, dict) else children)
        elif not (isinstance(target, str) and target in PAGE_TYPES and target not in generated):
            kept.append(item)
    return kept
