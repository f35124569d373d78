"""Render: Site -> Markdown pages (Jinja2 templates) and JSON data files, as an in-memory mapping.

Untrusted article text is escaped wherever it lands: HTML blocks by Jinja's autoescape, Markdown
text by the `md` filter, which also neutralises Markdown and extension syntax.
"""

from __future__ import annotations

import html
import json
import posixpath
import string
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from generator.core.model import ActorProfile, PlanSizeValue, QuoteVariant, Site, SourceSummary, TimelineEntry
from generator.publish.exports.data import export_data
from generator.publish.exports.feeds import (
    FEED_ENTRIES,
    absolute,
    entry_address,
    feed_entries,
    icalendar_file,
    stamp,
    timelinejs,
)
from generator.publish.exports.schema import schema_files
from generator.publish.exports.tables import csv_files
from generator.publish.labels import date_label, date_note
from generator.publish.network_view import network_svg
from generator.publish.pagemeta import (
    Address,
    PageDates,
    actor_jsonld,
    actors_jsonld,
    front_matter_lines,
    plan_jsonld,
    source_jsonld,
    timeline_jsonld,
    web_page_jsonld,
)
from generator.publish.timeline_pages import timeline_pages

MD_PUNCTUATION = set(string.punctuation) - {"&", "<", ">", '"', "'"}
PAGES = {
    "home": "index.md",
    "timeline": "timeline.md",
    "plan": "plan.md",
    "actors": "actors/index.md",
    "sources": "sources/index.md",
    "comparison": "comparison.md",
    "about": "about.md",
}


def md(text: object) -> Markup:
    """Escape text for Markdown: HTML-escape, then backslash every Markdown punctuation mark."""
    out = []
    for char in str(text):
        if char in MD_PUNCTUATION:
            out.append("\\" + char)
        else:
            out.append(html.escape(char, quote=True))
    return Markup(" ".join("".join(out).split()))


def meta_title(text: object) -> Markup:
    """A page title for front matter: HTML-escaped (the theme prints titles as HTML), then YAML-quoted."""
    return Markup(json.dumps(html.escape(" ".join(str(text).split())), ensure_ascii=False))


def safe_url(url: str | None) -> str | None:
    """Only http(s) addresses from metadata become links."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


class Renderer:
    """Jinja2 environment plus the link helpers every template uses."""

    def __init__(self, templates_dir: Path) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            md=md, meta_title=meta_title, date_label=date_label, date_note=date_note, safe_url=safe_url
        )

    def page(self, template: str, path: str, head: str = "", **context: object) -> str:
        """Render one page; `head` is extra front-matter lines (description, lastmod, JSON-LD)."""

        def link(target: str, anchor: str = "") -> str:
            """Relative URL from this page to another page (use_directory_urls is off)."""
            relative = posixpath.relpath(target, posixpath.dirname(path) or ".")
            url = relative[: -len(".md")] + ".html" if relative.endswith(".md") else relative
            return url + (f"#{anchor}" if anchor else "")

        def md_link(target: str, anchor: str = "") -> str:
            """Relative link to a page's Markdown source, which MkDocs resolves and validates."""
            relative = posixpath.relpath(target, posixpath.dirname(path) or ".")
            return relative + (f"#{anchor}" if anchor else "")

        text = self.env.get_template(template).render(link=link, md_link=md_link, pages=PAGES, **context)
        if not head:
            return text
        return "---\n" + head + text[4:] if text.startswith("---\n") else f"---\n{head}---\n\n{text}"


def _home_context(site: Site) -> dict:
    story_events = [e for e in site.timeline if e.kind != "background" and (e.date.date or e.date.after)]
    latest = sorted(story_events, key=lambda e: (e.date.sort_key, e.id), reverse=True)[:6]
    key_actors = sorted((a for a in site.actors if a.mentions), key=lambda a: (-sum(a.mentions.values()), a.name))[:10]
    status_counts = Counter(p.status for p in site.provisions)
    return {"latest": latest, "key_actors": key_actors, "status_counts": sorted(status_counts.items())}


def _short(title: str, limit: int = 32) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


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


def sources_page_path(number: int) -> str:
    return PAGES["sources"] if number == 1 else f"sources/page-{number}.md"


def actor_path(actor: ActorProfile) -> str:
    return f"actors/{actor.slug}.md"


def source_path(source_id: str) -> str:
    return f"sources/{source_id}.md"


def _addresser(here: str, site_url: str | None) -> Address:
    """Site paths as URLs from page `here`: absolute when the site's address is known."""
    if site_url:
        return lambda target: absolute(target, site_url)
    return lambda target: (
        posixpath.relpath(target.split("#")[0], posixpath.dirname(here) or ".")
        + ("#" + target.split("#", 1)[1] if "#" in target else "")
    )


def _html(path: str) -> str:
    return path.removesuffix(".md") + ".html"


def render_site(site: Site, templates_dir: Path, site_url: str | None = None) -> dict[str, str]:
    """Every generated file of the site: pages, data, feeds and exports, keyed by docs-relative path."""
    renderer = Renderer(templates_dir)
    actors_by_name = {a.name: a for a in site.actors if a.mentions}
    titles = {s.article.id: s.article.title for s in site.sources}
    entries_by_id: dict[str, TimelineEntry] = {e.id: e for e in site.timeline}
    common = {
        "site": site,
        "actors_by_name": actors_by_name,
        "titles": titles,
        "source_labels": {s.article.id: s.article.meta.outlet or _short(s.article.title) for s in site.sources},
        "entries_by_id": entries_by_id,
        "actor_path": actor_path,
        "source_path": source_path,
        "caps": CAPS,
        "column_sources": column_sources(site),
        "exclude_sources_from_search": len(site.sources) > SEARCH_SOURCES_UP_TO,
    }
    timeline_contexts, entry_page = timeline_pages(site.timeline, PAGES["timeline"])
    common["entry_page"] = entry_page
    entry_urls = {e.id: entry_address(e, entry_page) for e in site.timeline}
    dates = PageDates.of(site)
    latest = dates.story

    def head(description: str, jsonld: dict, lastmod: str | None = latest) -> str:
        return front_matter_lines(description, lastmod, jsonld)

    files: dict[str, str] = {}
    path = PAGES["home"]
    files[path] = renderer.page(
        "home.md.j2", path, head(site.summary, web_page_jsonld(site.title, site.summary, "WebSite")),
        **common, **_home_context(site),
    )  # fmt: skip
    for path, context in timeline_contexts.items():
        entries = context["entries"]
        description = f"{context['title']}: dated events of {site.title}, each citing the sentences that report it."
        jsonld = timeline_jsonld(context["title"], entries, entry_urls, titles, _addresser(path, site_url))
        lastmod = dates.for_entries(entries)
        files[path] = renderer.page("timeline.md.j2", path, head(description, jsonld, lastmod), **common, **context)
    for name, description in DESCRIPTIONS.items():
        path = PAGES[name]
        if name == "plan":
            jsonld = plan_jsonld(site.plan_title or "Plan", site.provisions)
        elif name == "actors":
            urls = {a: _html(actor_path(x)) for a, x in actors_by_name.items()}
            jsonld = actors_jsonld(list(actors_by_name.values()), urls, _addresser(path, site_url))
        else:
            jsonld = web_page_jsonld(name.capitalize(), description.format(title=site.title))
        extra: dict = {}
        if name == "comparison":
            extra = {"figure_dates": site.sentence_dates, "variants_ranked": _ranked_variants(site)}
        elif name == "plan":
            extra = {"plan_sizes_shown": _most_reported_sizes(site)}
        files[path] = renderer.page(
            f"{name}.md.j2", path, head(description.format(title=site.title), jsonld), **common, **extra
        )
    for actor in actors_by_name.values():
        path = actor_path(actor)

        def url_of(name: str, here: str = path) -> str | None:
            other = actors_by_name.get(name)
            return (
                posixpath.relpath(actor_path(other), posixpath.dirname(here)).replace(".md", ".html") if other else None
            )

        network = Markup(network_svg(actor.name, actor.co_actors, url_of))
        description = f"{actor.name}{', ' + actor.role if actor.role else ''}: what they said and where they appear."
        lastmod = dates.for_entries([entries_by_id[i] for i in actor.events if i in entries_by_id])
        files[path] = renderer.page(
            "actor.md.j2", path, head(description, actor_jsonld(actor), lastmod),
            actor=actor, network=network, **common,
        )  # fmt: skip
    pages_of_sources = [site.sources[i : i + SOURCES_PER_PAGE] for i in range(0, len(site.sources), SOURCES_PER_PAGE)]
    for number, chunk in enumerate(pages_of_sources or [[]], start=1):
        path = sources_page_path(number)
        description = f"The {len(site.sources)} source articles of {site.title}, with what was read from each."
        files[path] = renderer.page(
            "sources.md.j2", path, head(description, web_page_jsonld("Sources", description)),
            chunk=chunk, page_number=number, page_count=max(1, len(pages_of_sources)),
            sources_page_path=sources_page_path, **common,
        )  # fmt: skip
    for source in site.sources:
        path = source_path(source.article.id)
        outlet = source.article.meta.outlet or "Unknown outlet"
        description = f"{outlet}: {source.article.title}"
        jsonld = source_jsonld(source, safe_url(source.article.meta.url))
        files[path] = renderer.page(
            "source.md.j2", path, head(description, jsonld, dates.for_source(source)),
            source=source, **common,
        )  # fmt: skip
    files.update(export_files(site, renderer, entry_page, site_url))
    return files


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


def export_files(site: Site, renderer: Renderer, entry_page: dict[str, str], site_url: str | None) -> dict[str, str]:
    """Data for other tools: JSON with its schema, CSV, TimelineJS, iCalendar and the Atom feed."""
    files = export_data(site)
    files.update(schema_files())
    files.update(csv_files(site))
    files["data/timelinejs.json"] = json.dumps(timelinejs(site, entry_page, site_url), ensure_ascii=False) + "\n"
    files["data/timeline.ics"] = icalendar_file(site, entry_page, site_url)
    files["feed.xml"] = renderer.env.get_template("feed.xml.j2").render(
        site=site,
        entries=feed_entries(site, entry_page, site_url),
        feed_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"explainer:{site.title}:feed")),
        updated=stamp(site).strftime("%Y-%m-%dT%H:%M:%SZ"),
        address=lambda target: absolute(target, site_url),
    )
    return files


def exports(site: Site, templates_dir: Path, site_url: str | None = None) -> dict[str, str]:
    """The export files alone (what `python -m generator export` writes)."""
    _contexts, entry_page = timeline_pages(site.timeline, PAGES["timeline"])
    return export_files(site, Renderer(templates_dir), entry_page, site_url)
