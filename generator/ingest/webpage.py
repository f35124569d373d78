"""Saved web pages: the article read out of a page's HTML, its metadata, and what the page held besides.

The body is trafilatura's (precision first, comments left out); each paragraph keeps the line of the HTML it
starts on, found among the page's visible blocks (`readers.html_lines`). The visible blocks the extractor left
out are the page's furniture: they are listed as set aside, never silently lost. The title, outlet and canonical
address come from the page's metadata. The publication date comes from what the page states for it (its JSON-LD
`datePublished`, a publication-time meta tag, a `<time>` marked as the publication time), then from htmldate's
reading of the page's markup without guessing from its text; each reading says where it came from, and a page
that states no date has none.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.ingest.readers import RawLine, html_lines

# meta tags that state when an article was first published (name or property, lower case)
PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished", "publishdate",
    "pubdate", "publish-date", "published-date", "date", "dc.date", "dc.date.issued", "dcterms.date",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "article.published",
)  # fmt: skip
ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "liveblogposting", "report",
                 "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle", "webpage"}  # fmt: skip
ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
SET_ASIDE = "left out by the article extractor (page furniture)"
SURE = 40  # characters from which a paragraph found in a block is placed where that block stands
MAX_JSON_LD = 2_000  # objects read from one page's JSON-LD
WINDOW = 400  # visible blocks searched ahead for a paragraph's line: linear in the page


@dataclass(frozen=True)
class WebPage:
    """What a saved page says: its article's paragraphs, metadata, and the visible text left out."""

    lines: list[RawLine]
    set_aside: list[RawLine] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_basis: str | None = None  # where the date was read, e.g. "the page's JSON-LD datePublished"
    warnings: list[str] = field(default_factory=list)


def read_html(text: str, label: str, url: str | None = None) -> WebPage:
    """The article of one page: trafilatura's body, with each paragraph's line; the page's metadata and date."""
    import lxml.html  # here, not at the top: a build of text seeds never loads the page readers
    from lxml.etree import ParserError

    blocks, html_title, warnings = html_lines(text, label)
    try:
        tree = lxml.html.fromstring(text.encode("utf-8")) if text.strip() else None
    except (ParserError, ValueError):
        tree = None
    document = _extract(text, url)
    body = [" ".join(p.split()) for p in (document.text or "").split("\n")] if document else []
    body = [p for p in body if p]
    if not body:  # nothing the extractor calls an article: every visible block is read, as before
        warnings.append(f"{label}: no article body found by the extractor; every visible block of text is read")
        lines, aside = blocks, list[RawLine]()
    else:
        lines, aside = _placed(body, blocks)
    published, basis = published_date(tree) if tree is not None else (None, None)
    return WebPage(
        lines=lines,
        set_aside=aside,
        title=_text(document.title if document else None) or html_title,
        outlet=_text(document.sitename if document else None),
        url=_text(document.url if document else None) or url,
        published=published,
        published_basis=basis,
        warnings=warnings,
    )


def _extract(text: str, url: str | None) -> Any:
    import trafilatura
    from lxml.etree import ParserError

    try:
        return trafilatura.bare_extraction(
            text, url=url, favor_precision=True, include_comments=False, with_metadata=True
        )
    except (ValueError, TypeError, ParserError):  # a page lxml cannot make a tree of
        return None


def _text(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _placed(body: list[str], blocks: list[RawLine]) -> tuple[list[RawLine], list[RawLine]]:
    """The body's paragraphs in the page's own order, each with the line of the visible block it starts in (a
    heading keeps its level), and the visible blocks no paragraph holds."""
    placed: list[tuple[int, int, RawLine]] = []
    at = 0
    for order, paragraph in enumerate(body):
        found = _find(paragraph, blocks, at)
        if found is None:
            number = placed[-1][2].line if placed else 1
            placed.append((placed[-1][0] if placed else 0, order, RawLine(paragraph, number)))
            continue
        block = blocks[found]
        raw = RawLine(paragraph, block.line, block.heading if block.text == paragraph else 0)
        if len(paragraph) < SURE and block.text != paragraph and placed:  # a few words may stand anywhere
            placed.append((placed[-1][0], order, raw))
            continue
        placed.append((found, order, raw))
        at = found
    lines = [raw for _i, _order, raw in sorted(placed, key=lambda p: (p[0], p[1]))]
    return lines, _left_out(placed, blocks)


def _left_out(placed: list[tuple[int, int, RawLine]], blocks: list[RawLine]) -> list[RawLine]:
    """The visible blocks no paragraph holds: neither one a paragraph starts in nor one inside the paragraph
    that starts in the block before it (each block is compared with one paragraph: linear in the page)."""
    starts: dict[int, list[str]] = {}
    for index, _order, raw in placed:
        starts.setdefault(index, []).append(raw.text)
    left: list[RawLine] = []
    current = ""
    for index, block in enumerate(blocks):
        if index in starts:
            current = "\n".join(starts[index])
        elif block.text not in current:
            left.append(block)
    return left


def _find(paragraph: str, blocks: list[RawLine], at: int) -> int | None:
    """The visible block a paragraph starts in: looked for ahead of the last one found, then (on a page of
    ordinary size) anywhere, since an extractor may give paragraphs out of the page's order."""
    head = paragraph[:60]

    def holds(i: int) -> bool:
        text = blocks[i].text
        return head in text or (len(text) >= SURE and text in paragraph)

    found = next((i for i in range(at, min(len(blocks), at + WINDOW)) if holds(i)), None)
    if found is None and len(blocks) <= WINDOW * 10:
        found = next((i for i in range(len(blocks)) if holds(i)), None)
    return found


def published_date(tree: Any) -> tuple[dt.date | None, str | None]:
    """The date the page states it was published, and where it says so; (None, None) when it states none."""
    from htmldate import find_date

    for value, basis in _stated_dates(tree):
        day = _day(value)
        if day:
            return day, basis
    try:  # bounds fixed, not today's date: the same page reads the same on any day
        found = find_date(tree, extensive_search=False, original_date=True, min_date="1990-01-01",
                          max_date="2100-12-31")  # fmt: skip
    except (ValueError, TypeError, RecursionError):
        found = None
    day = _day(found) if found else None
    return (day, "the page's markup, read by htmldate") if day else (None, None)


def _stated_dates(tree: Any) -> Iterator[tuple[str, str]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        for item in _json_ld_items(script.text_content()):
            kind = item.get("@type")
            kinds = {k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}
            value = item.get("datePublished")
            if isinstance(value, str) and (kinds & ARTICLE_TYPES or not kinds):
                yield value, "the page's JSON-LD datePublished"
    for meta in tree.xpath("//meta[@content]"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if name in PUBLISHED_META:
            yield meta.get("content", ""), f"the page's meta tag {name}"
    for element in tree.xpath('//time[@datetime][@itemprop="datePublished" or @pubdate]'):
        yield element.get("datetime", ""), "the page's <time> element marked as the publication time"


def _json_ld_items(text: str) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD script, its @graph's too, in order (at most MAX_JSON_LD of them)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than a parser goes
        return
    queue, seen = deque([data]), 0
    while queue and seen < MAX_JSON_LD:
        seen += 1
        item = queue.popleft()
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                queue.extend(graph)


def _day(value: str) -> dt.date | None:
    match = ISO_DAY.match(value or "")
    if not match:
        return None
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return day if 1990 <= day.year <= 2100 else None
