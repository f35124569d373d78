"""Render: Site -> Markdown pages (Jinja2 templates) and JSON data files, as an in-memory mapping.

Untrusted article text is escaped wherever it lands: HTML blocks by Jinja's autoescape, Markdown
text by the `md` filter, which also neutralises Markdown and extension syntax.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import string
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from generator.export import export_data
from generator.model import ActorProfile, DateValue, Site, TimelineEntry
from generator.network_view import network_svg
from generator.timeline_view import group_by_month, paginate, timeline_strip

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


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _fmt(iso: str, with_year: bool = True) -> str:
    if len(iso) == 4:
        return iso
    if len(iso) == 7:
        return dt.date.fromisoformat(iso + "-01").strftime("%b %Y")
    day = _day(iso)
    return f"{day.day} {day.strftime('%b')}" + (f" {day.year}" if with_year else "")


def date_label(value: DateValue) -> str:
    """A date as a reader should see it, uncertainty included: '23 Nov 2025', 'between 23 and 27 Nov 2025'."""
    if value.precision == "range" and value.date and value.end:
        start, end = _day(value.date), _day(value.end)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day} {end.strftime('%b %Y')}"
        return f"{_fmt(value.date, start.year != end.year)} – {_fmt(value.end)}"
    if value.precision == "approx":
        if value.after and value.before:
            if len(value.after) == len(value.before) == 10 and value.after[:7] == value.before[:7]:
                a, b = _day(value.after), _day(value.before)
                return f"between {a.day} and {b.day} {b.strftime('%b %Y')}"
            return f"between {_fmt(value.after)} and {_fmt(value.before)}"
        if value.after:
            return f"after {_fmt(value.after)}"
        if value.before:
            return f"before {_fmt(value.before)}"
        return "date uncertain"
    if value.date:
        return _fmt(value.date)
    return "undated"


def date_note(value: DateValue) -> str:
    """What the date was read from, for hover text."""
    return f"“{value.expression}” — {value.rule}" if value.expression else value.rule


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

    def page(self, template: str, path: str, **context: object) -> str:
        def link(target: str, anchor: str = "") -> str:
            """Relative URL from this page to another page (use_directory_urls is off)."""
            relative = posixpath.relpath(target, posixpath.dirname(path) or ".")
            url = relative[: -len(".md")] + ".html" if relative.endswith(".md") else relative
            return url + (f"#{anchor}" if anchor else "")

        def md_link(target: str, anchor: str = "") -> str:
            """Relative link to a page's Markdown source, which MkDocs resolves and validates."""
            relative = posixpath.relpath(target, posixpath.dirname(path) or ".")
            return relative + (f"#{anchor}" if anchor else "")

        return self.env.get_template(template).render(link=link, md_link=md_link, pages=PAGES, **context)


def _home_context(site: Site) -> dict:
    story_events = [e for e in site.timeline if e.kind != "background" and (e.date.date or e.date.after)]
    latest = sorted(story_events, key=lambda e: (e.date.sort_key, e.id), reverse=True)[:6]
    key_actors = sorted((a for a in site.actors if a.mentions), key=lambda a: (-sum(a.mentions.values()), a.name))[:10]
    status_counts = Counter(p.status for p in site.provisions)
    return {"latest": latest, "key_actors": key_actors, "status_counts": sorted(status_counts.items())}


def _short(title: str, limit: int = 32) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


TIMELINE_PER_PAGE = 150  # story entries on one timeline page; more are split into month pages


def timeline_pages(site: Site) -> tuple[dict[str, dict], dict[str, str]]:
    """Timeline page contexts by path, and the page each entry is on."""
    story = [e for e in site.timeline if e.kind != "background"]
    background = [e for e in site.timeline if e.kind == "background"]
    base = {"story": story, "background": background[: 3 * TIMELINE_PER_PAGE]}
    if len(story) <= TIMELINE_PER_PAGE:
        counts = Counter(a for e in story for a in e.actors)
        page = {
            **base,
            "title": "Timeline",
            "story_months": group_by_month(story, date_label),
            "background_months": group_by_month(base["background"], date_label),
            "strip": Markup(timeline_strip(story, date_label)),
            "filter_actors": sorted(counts, key=lambda a: (-counts[a], a)),
            "directory": [],
            "is_part": False,
        }
        return {PAGES["timeline"]: page}, {e.id: PAGES["timeline"] for e in site.timeline}
    parts = paginate(story, TIMELINE_PER_PAGE)
    entry_page = {e.id: PAGES["timeline"] for e in background}
    contexts: dict[str, dict] = {}
    for key, title, entries in parts:
        path = f"timeline/{key}.md"
        entry_page.update({e.id: path for e in entries})
        counts = Counter(a for e in entries for a in e.actors)
        contexts[path] = {
            **base,
            "title": f"Timeline: {title}",
            "story_months": group_by_month(entries, date_label),
            "background_months": [],
            "strip": Markup(timeline_strip(entries, date_label)),
            "filter_actors": sorted(counts, key=lambda a: (-counts[a], a)),
            "directory": [],
            "is_part": True,
        }
    latest = sorted(story, key=lambda e: (e.date.sort_key, e.id))[-30:]
    index_path = PAGES["timeline"]
    counts = Counter(a for e in latest for a in e.actors)
    contexts[index_path] = {
        **base,
        "title": "Timeline",
        "story_months": group_by_month(latest, date_label),
        "background_months": group_by_month(base["background"], date_label),
        "strip": Markup(timeline_strip(story, date_label, lambda e: _relative(index_path, entry_page[e.id], e.id))),
        "filter_actors": sorted(counts, key=lambda a: (-counts[a], a)),
        "directory": [(title, len(entries), f"timeline/{key}.md") for key, title, entries in parts],
        "is_part": False,
    }
    return contexts, entry_page


def _relative(here: str, target: str, entry_id: str) -> str:
    relative = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return relative.removesuffix(".md") + f".html#e-{entry_id}"


# Lists that would grow with the corpus are cut on the page (everything stays in data/*.json).
CAPS = {
    "citations": 5, "evidence": 10, "history": 12, "quotes": 20, "events": 30, "matrix_rows": 25, "labels": 15,
    "figures": 3, "sources": 30, "home_sources": 20,
}  # fmt: skip
COLUMN_SOURCES = 8  # source columns in comparison tables
SOURCES_PER_PAGE = 200
SEARCH_SOURCES_UP_TO = 200  # larger corpora leave article pages out of the search index


def column_sources(site: Site) -> list:  # type: ignore[type-arg]
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


def render_site(site: Site, templates_dir: Path) -> dict[str, str]:
    """Every generated file of the site: Markdown pages and data/ JSON, keyed by docs-relative path."""
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
    timeline_contexts, entry_page = timeline_pages(site)
    common["entry_page"] = entry_page
    files: dict[str, str] = {}
    files[PAGES["home"]] = renderer.page("home.md.j2", PAGES["home"], **common, **_home_context(site))
    for path, context in timeline_contexts.items():
        files[path] = renderer.page("timeline.md.j2", path, **common, **context)
    files[PAGES["comparison"]] = renderer.page(
        "comparison.md.j2", PAGES["comparison"], figure_dates=site.sentence_dates, **common
    )
    for name in ("plan", "about"):
        files[PAGES[name]] = renderer.page(f"{name}.md.j2", PAGES[name], **common)
    files[PAGES["actors"]] = renderer.page("actors.md.j2", PAGES["actors"], **common)
    for actor in (a for a in site.actors if a.mentions):
        path = actor_path(actor)

        def url_of(name: str, here: str = path) -> str | None:
            other = actors_by_name.get(name)
            return (
                posixpath.relpath(actor_path(other), posixpath.dirname(here)).replace(".md", ".html") if other else None
            )

        network = Markup(network_svg(actor.name, actor.co_actors, url_of))
        files[path] = renderer.page("actor.md.j2", path, actor=actor, network=network, **common)
    pages_of_sources = [site.sources[i : i + SOURCES_PER_PAGE] for i in range(0, len(site.sources), SOURCES_PER_PAGE)]
    for number, chunk in enumerate(pages_of_sources or [[]], start=1):
        path = sources_page_path(number)
        files[path] = renderer.page(
            "sources.md.j2", path, chunk=chunk, page_number=number, page_count=max(1, len(pages_of_sources)),
            sources_page_path=sources_page_path, **common,
        )  # fmt: skip
    for source in site.sources:
        path = source_path(source.article.id)
        files[path] = renderer.page("source.md.j2", path, source=source, **common)
    files.update(export_data(site))
    return files
