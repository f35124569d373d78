"""Every address on the site, in one place: page paths, their HTML addresses, and citation links.

Pages are written as Markdown sources (`sources/x.md`); MkDocs publishes each as `.html` (directory URLs
are off). A citation is the cited sentence's anchor on its article's page.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

PAGES = {
    "home": "index.md",
    "timeline": "timeline.md",
    "plan": "plan.md",
    "actors": "actors/index.md",
    "sources": "sources/index.md",
    "comparison": "comparison.md",
    "about": "about.md",
}


def html_path(page: str) -> str:
    """The published address of a page source: `sources/x.md` -> `sources/x.html`."""
    return page.removesuffix(".md") + ".html" if page.endswith(".md") else page


def source_page(source: str) -> str:
    """The Markdown source of an article's page."""
    return f"sources/{source}.md"


def sources_index_page(number: int) -> str:
    """The n-th page (from 1) of the list of sources."""
    return PAGES["sources"] if number == 1 else f"sources/page-{number}.md"


def actor_page(slug: str) -> str:
    return f"actors/{slug}.md"


def citation_url(source: str, sentence: str) -> str:
    """Site-relative address of a cited sentence on its article's page."""
    return f"{html_path(source_page(source))}#{sentence}"


def entry_url(page: str, entry_id: str) -> str:
    """Site-relative address of a timeline entry on the timeline page it is on."""
    return f"{html_path(page)}#e-{entry_id}"


def relative(target: str, from_page: str) -> str:
    """`target` (a site path) as seen from the page `from_page` (a Markdown source path)."""
    return _relative(target, posixpath.dirname(from_page) or ".")


@lru_cache(maxsize=1 << 16)  # pages of a few folders link to the same targets over and over; relpath is slow
def _relative(target: str, folder: str) -> str:
    return posixpath.relpath(target, folder)
