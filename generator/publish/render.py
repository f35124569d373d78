"""Render: Site -> every page (Jinja2 templates, see `templating`) and export file, as an in-memory mapping."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from markupsafe import Markup

from generator.core.kept import Kept
from generator.core.model import (
    ActorProfile,
    DateValue,
    PlanSizeValue,
    QuoteVariant,
    Site,
    SourceSummary,
    TimelineEntry,
)
from generator.core.text import shorten
from generator.core.types import Precision
from generator.publish import render_memo
from generator.publish.actor_rows import ActorChip, actor_tables
from generator.publish.exports.feeds import FEED_ENTRIES, absolute, entry_address
from generator.publish.exports.files import export_files
from generator.publish.labels import KIND_HEADINGS, latest_key
from generator.publish.network_view import Network, network_layout
from generator.publish.pagemeta import (
    Address,
    PageDates,
    actor_jsonld,
    actors_jsonld,
    entry_days,
    front_matter_lines,
    plan_jsonld,
    source_jsonld,
    timeline_jsonld,
    web_page_jsonld,
)
from generator.publish.templating import Renderer, safe_url
from generator.publish.timeline_pages import timeline_counts, timeline_pages
from generator.publish.urls import PAGES, actor_page, html_path, relative, source_page, sources_index_page


def reader_pages(site: Site) -> dict[str, str]:
    """The page types this site has: every one of `PAGES` but those that would have nothing for a reader
    (a plan tracker with no plan, an actors index with no actor, a comparison of one source)."""
    empty = {
        "plan": not site.provisions,
        "actors": not any(a.mentions for a in site.actors),
        "comparison": len(site.sources) < 2,
    }
    return {name: path for name, path in PAGES.items() if not empty.get(name, False)}


def _home_context(site: Site) -> dict:
    story_events = [e for e in site.timeline if e.kind != "background" and (e.date.date or e.date.after)]
    latest = sorted(story_events, key=lambda e: (latest_key(e.date), e.id), reverse=True)[:6]
    key_actors = sorted(
        (a for a in site.actors if a.mentions and a.kind != "place"),  # who acts, not where
        key=lambda a: (-sum(a.mentions.values()), a.name),
    )[:10]
    status_counts = Counter(p.status for p in site.provisions)
    counts = timeline_counts(site.timeline)
    key_days = [(k, DateValue(k.date, Precision.DAY)) for k in site.key_dates if k.sentences]  # told, or not shown
    return {
        "latest": latest, "key_actors": key_actors, "status_counts": sorted(status_counts.items()),
        "key_days": key_days, **counts,
    }  # fmt: skip


def _key_entries(site: Site) -> list[TimelineEntry]:
    """The timeline entries of the key dates: a day the corpus publishes much on may have none, and then the
    timeline has no key dates to show (nor a `#key-dates` anchor for the home page to link to)."""
    by_id = {e.id: e for e in site.timeline}
    return [by_id[k.entry] for k in site.key_dates if k.entry in by_id]


# Lists that would grow with the corpus are cut on the page (everything stays in data/*.json).
CAPS = {
    "citations": 5, "evidence": 10, "history": 12, "quotes": 20, "events": 30, "matrix_rows": 25, "labels": 15,
    "figures": 3, "sources": 30, "home_sources": 20, "feed": FEED_ENTRIES, "variants": 12, "variant_quotes": 6,
    "review": 50, "sizes": 20,
}  # fmt: skip
COLUMN_SOURCES = 8  # source columns in comparison tables
SOURCES_PER_PAGE = 200
SEARCH_SOURCES_UP_TO = 200  # larger corpora leave article pages out of the search index


def column_sources(site: Site) -> list[SourceSummary]:
    """The sources shown as table columns: all of them, or those that report most, in corpus order."""
    if len(site.sources) <= COLUMN_SOURCES:
        return site.sources
    reports = Counter(c.source for e in site.timeline for c in e.citations)
    reports.update(f.source for f in site.quotes)
    top = set(sorted(reports, key=lambda s: (-reports[s], s))[:COLUMN_SOURCES])
    if len(top) < COLUMN_SOURCES:
        top |= {s.article.id for s in site.sources[: COLUMN_SOURCES - len(top)]}
    return [s for s in site.sources if s.article.id in top][:COLUMN_SOURCES]


def _addresser(here: str, site_url: str | None) -> Address:
    """Site paths as URLs from page `here`: absolute when the site's address is known."""
    if site_url:
        return lambda target: absolute(target, site_url)
    return lambda target: (
        relative(target.split("#")[0], here) + ("#" + target.split("#", 1)[1] if "#" in target else "")
    )


@dataclass
class _Build:
    """What every page of one build shares: the renderer, the site, the template context and page dates."""

    renderer: Renderer
    site: Site
    site_url: str | None
    common: dict[str, object]
    dates: PageDates
    entry_urls: dict[str, str]

    def head(self, description: str, jsonld: dict) -> str:
        """Front-matter lines of a page dated by the story's latest event."""
        return front_matter_lines(description, self.dates.story, jsonld)

    def page(self, template: str, path: str, head: str, **context: object) -> str:
        return self.renderer.page(template, path, head, **self.common, **context)

    def again(self, template: str, path: str, head: str, **context: object) -> str | None:
        """`page` when it would give the page back unchanged, found without building its context; else None."""
        return self.renderer.again(template, path, head, context, self.common)


def render_site(
    site: Site, templates_dir: Path, site_url: str | None = None, dates: PageDates | None = None, keep: bool = False
) -> dict[str, str]:
    """Every generated file of the site: pages, data, feeds and exports, keyed by docs-relative path.

    `dates`: each page's last change (computed here unless the caller already has them). `keep`: the process
    builds again (`mkdocs serve`), so a page whose reads are as last build is given back (see `render_memo`).
    """
    memo = render_memo.start(templates_dir, site_url, keep)
    renderer = Renderer(templates_dir, reader_pages(site), memo)
    dates = dates or PageDates.of(site)
    timeline_contexts, entry_page = timeline_pages(site.timeline, PAGES["timeline"], len(site.sources))
    common = _common(site, entry_page)
    build = _Build(renderer, site, site_url, memo.recorded(common) if memo else common, dates,
                   {e.id: entry_address(e, entry_page) for e in site.timeline})  # fmt: skip
    files = {PAGES["home"]: _home_page(build)}
    files.update(_timeline_pages(build, timeline_contexts))
    files.update(_section_pages(build))
    files.update(_actor_pages(build))
    files.update(_source_pages(build))
    files.update(export_files(site, renderer.env, entry_page, site_url, dates.story))
    render_memo.finish(memo)
    return files


def _common(site: Site, entry_page: dict[str, str]) -> dict[str, object]:
    """The context every template gets."""
    key_days = dict.fromkeys(e.date.date for e in _key_entries(site))
    return {
        "site": site,
        "actor_chips": {a.name: _KEPT_CHIPS.call(a.name, ActorChip, a.name, a.kind, a.slug) for a in site.actors
                        if a.mentions},  # the last build's objects while equal: the memo finds them unchanged at once
        "titles": {s.article.id: s.article.title for s in site.sources},
        "source_labels": {s.article.id: s.article.meta.outlet or shorten(s.article.title, 32) for s in site.sources},
        "entries_by_id": {e.id: e for e in site.timeline},
        "actor_path": lambda actor: actor_page(actor.slug),
        "source_path": source_page,
        "caps": CAPS,
        "column_sources": column_sources(site),
        "exclude_sources_from_search": len(site.sources) > SEARCH_SOURCES_UP_TO,
        "entry_page": entry_page,
        # The key dates the timeline has an entry of, as a mapping: a page's render memo records which days the page
        # asked about, so a change of the key dates renders again only the pages showing an entry of a changed day.
        "key_day_set": key_days,
        "has_key_days": bool(key_days),  # whether there are any: a page that asks reads none of the days
    }


def _home_page(build: _Build) -> str:
    site, path = build.site, PAGES["home"]
    jsonld = web_page_jsonld(site.title, site.summary, "WebSite")
    return build.page("home.md.j2", path, build.head(site.summary, jsonld), **_home_context(site))


def _timeline_pages(build: _Build, contexts: dict[str, dict]) -> dict[str, str]:
    site, files = build.site, {}
    titles = cast(dict[str, str], build.common["titles"])  # the last build's very mapping while equal (`recorded`)
    key_entries = _key_entries(site)
    for path, context in contexts.items():
        if context.get("directory"):  # a timeline split into month pages: its first page lists the key dates
            context = {**context, "key_entries": key_entries}
        entries = tuple(context["entries"])
        urls = tuple(build.entry_urls[e.id] for e in entries)
        page = (path, context["title"], site.title, build.site_url)
        head = _KEPT_TIMELINE_HEADS.call(path, _timeline_head, page, entries, urls, titles, build.dates)
        files[path] = build.page("timeline.md.j2", path, head, **context)
    return files


def _timeline_head(
    page: tuple[str, str, str, str | None], entries: tuple[TimelineEntry, ...], urls: tuple[str, ...],
    titles: dict[str, str], dates: PageDates,
) -> str:
    """A timeline page's front matter (`page`: its path, title, the site's title and address; `urls`: each entry's
    address): a page an edit leaves as it was keeps its head, its JSON-LD not drawn again."""
    path, title, site_title, site_url = page
    description = f"{title}: dated events of {site_title}, each citing the sentences that report it."
    entry_urls = {entry.id: url for entry, url in zip(entries, urls, strict=True)}
    jsonld = timeline_jsonld(title, list(entries), entry_urls, titles, _addresser(path, site_url))
    return front_matter_lines(description, dates.for_entries(list(entries)), jsonld)


_KEPT_TIMELINE_HEADS: Kept[str] = Kept("timeline page heads")  # by page
_KEPT_CHIPS: Kept[ActorChip] = Kept("actor chips")  # by actor


def _section_pages(build: _Build) -> dict[str, str]:
    """The plan tracker, actors index, comparison and About pages."""
    site, files = build.site, {}
    actors = [a for a in site.actors if a.mentions]
    for name, description in DESCRIPTIONS.items():
        if name not in build.renderer.pages:
            continue
        path = PAGES[name]
        if name == "plan":
            jsonld = plan_jsonld(site.plan_title or "Plan", site.provisions)
        elif name == "actors":
            urls = {a.name: html_path(actor_page(a.slug)) for a in actors}
            jsonld = actors_jsonld(actors, urls, _addresser(path, build.site_url))
        else:
            jsonld = web_page_jsonld(name.capitalize(), description.format(title=site.title))
        extra: dict = {}
        if name == "comparison":
            extra = _comparison_context(site)
        elif name == "plan":
            extra = {"plan_sizes_shown": _most_reported_sizes(site)}
        elif name == "actors":
            # the tables, not the profiles (a page records only the names it reads: a project's templates from
            # before the tables still find the kinds and the profiles)
            kinds = list(KIND_HEADINGS.items())
            extra = {"actor_tables": actor_tables(actors), "actor_kinds": kinds, "actors": site.actors}
        head = build.head(description.format(title=site.title), jsonld)
        files[path] = build.page(f"{name}.md.j2", path, head, **extra)
    return files


def _actor_pages(build: _Build) -> dict[str, str]:
    """One page per actor with a page. In a server's rebuild, an actor page made of the same profile, co-actors'
    chips, days of its timeline entries and page dates as last build has the same head and picture (the memo's, so
    drawn by the same templates): when nothing else it read changed either, it is given back at once (most of 6,000
    actor pages at 1,000 articles, after one edit)."""
    files, memo = {}, build.renderer.memo
    chips = cast(dict[str, ActorChip], build.common["actor_chips"])  # of every actor with a page, kept while equal
    days_of = {e.id: tuple(entry_days([e])) for e in build.site.timeline}
    for actor in (a for a in build.site.actors if a.mentions):
        path = actor_page(actor.slug)
        others = tuple(chips.get(name) for name, _count in actor.co_actors)  # what the picture links to
        days = tuple(day for i in actor.events for day in days_of.get(i, ()))
        inputs = (actor, others, days, build.dates)
        part = memo.old_parts.get(path) if memo is not None else None
        text = None
        if isinstance(part, _ActorPage) and part.inputs == inputs:
            text = build.again("actor.md.j2", path, part.head, actor=actor, network=part.network)
        else:
            head, layout = _actor_parts(path, *inputs)
            network = build.renderer.partial("svg.j2", "network", layout) if layout else NO_NETWORK
            part = _ActorPage(inputs, head, network)
        files[path] = text or build.page("actor.md.j2", path, part.head, actor=actor, network=part.network)
        if memo is not None:
            memo.parts[path] = part
    return files


@dataclass(frozen=True)
class _ActorPage:
    """What an actor page is made of besides what every page reads: its inputs (profile, co-actors' chips, the
    days of its timeline entries, page dates), and the head and picture drawn from them."""

    inputs: tuple[ActorProfile, tuple[ActorChip | None, ...], tuple[str | None, ...], PageDates]
    head: str
    network: Markup


def _actor_parts(
    path: str, actor: ActorProfile, others: tuple[ActorChip | None, ...], days: tuple[str | None, ...],
    dates: PageDates,
) -> tuple[str, Network | None]:
    """An actor page's front matter, and the picture of whom it is named with (`others`: each co-actor's chip,
    None for one without a page), linking to their pages."""
    urls = {o.name: html_path(relative(actor_page(o.slug), path)) for o in others if o is not None}
    layout = network_layout(actor.name, actor.co_actors, urls.get)
    description = f"{actor.name}{', ' + actor.role if actor.role else ''}: what they said and where they appear."
    return front_matter_lines(description, dates.for_days(days), actor_jsonld(actor)), layout


NO_NETWORK = Markup("")  # one object for every page without the picture, so a rebuild compares it at once


def _source_pages(build: _Build) -> dict[str, str]:
    """The list of sources (in pages of SOURCES_PER_PAGE) and one page per article."""
    site, files = build.site, {}
    chunks = [site.sources[i : i + SOURCES_PER_PAGE] for i in range(0, len(site.sources), SOURCES_PER_PAGE)]
    for number, chunk in enumerate(chunks or [[]], start=1):
        path = sources_index_page(number)
        description = f"The {len(site.sources)} source articles of {site.title}, with what was read from each."
        files[path] = build.page(
            "sources.md.j2", path, build.head(description, web_page_jsonld("Sources", description)),
            chunk=chunk, page_number=number, page_count=max(1, len(chunks)), sources_page_path=sources_index_page,
            source_count=len(site.sources),
        )  # fmt: skip
    for source in site.sources:
        path = source_page(source.article.id)
        head = _KEPT_SOURCE_HEADS.call(path, _source_head, source, build.dates.for_source(source))
        files[path] = build.page("source.md.j2", path, head, source=source)
    return files


def _source_head(source: SourceSummary, lastmod: str | None) -> str:
    """A source page's front matter (`lastmod`: the page's date)."""
    description = f"{source.article.meta.outlet or 'Unknown outlet'}: {source.article.title}"
    return front_matter_lines(description, lastmod, source_jsonld(source, safe_url(source.article.meta.url)))


_KEPT_SOURCE_HEADS: Kept[str] = Kept("source page heads")  # by page


def _comparison_context(site: Site) -> dict[str, object]:
    """What the comparison page shows beyond the site: each source's framing, each event's first citations."""
    first_cited: dict[str, dict[str, str]] = {}
    for entry in site.comparison.events:
        cited = first_cited.setdefault(entry.id, {})
        for citation in entry.citations:
            cited.setdefault(citation.source, citation.sentence)
    return {
        "figure_dates": site.sentence_dates,
        "variants_ranked": _ranked_variants(site),
        "framing_by_source": {f.source: f for f in site.comparison.framing},
        "first_cited": first_cited,
    }


def _most_reported_sizes(site: Site) -> list[PlanSizeValue]:
    """The plan sizes reported by the most sources, kept in their date order."""
    reporters = {id(v): len({c.source for c in v.citations}) for v in site.plan_size}
    top = sorted(site.plan_size, key=lambda v: -reporters[id(v)])[: CAPS["sizes"]]
    keep = {id(v) for v in top}
    return [v for v in site.plan_size if id(v) in keep]


def _ranked_variants(site: Site) -> list[QuoteVariant]:
    """Statements quoted in several wordings, those quoted by the most sources first."""
    variants = site.comparison.quote_variants
    return sorted(variants, key=lambda v: (-len({q.source for q in v.quotes}), v.speaker or ""))


DESCRIPTIONS = {
    "plan": "Each provision of the plan in {title}: its status over time and who accepts or rejects it, cited.",
    "actors": "The people, countries and groups of {title}: who they are, what they said, where they appear.",
    "comparison": "How the sources of {title} differ: what each reports alone, figures, wordings and framing.",
    "about": "How this explainer of {title} is made from its source articles, and how to reuse its data.",
}
