"""Per-page metadata for the page head: description, last change (for the sitemap) and schema.org JSON-LD.

Everything is read off the data: `lastmod` is the latest date the page's content names, never the clock.
Values reach the page through its front matter as YAML double-quoted scalars; JSON-LD has `<`, `>` and `&`
written as \\u escapes, so article text can never close the `<script>` element that carries it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice

from generator.core.model import ActorProfile, DateValue, ProvisionStatus, Site, SourceSummary, TimelineEntry
from generator.publish.urls import citation_url

CONTEXT = "https://schema.org"
ACTOR_TYPES = {
    "person": "Person",
    "country": "Country",
    "organisation": "Organization",
    "group": "Organization",
    "place": "Place",
}
JSONLD_ITEMS = 100  # list items in one page's JSON-LD; the page itself may list more


def _latest(values: Sequence[str | None]) -> str | None:
    days = [v for v in values if v and len(v) == 10]
    return max(days) if days else None


def entry_days(entries: list[TimelineEntry]) -> list[str | None]:
    """Days the entries happened on; scheduled ones lie ahead, so they say nothing of when a page changed."""
    return [d for e in entries if e.kind != "scheduled" for d in (e.date.date, e.date.end)]


Address = Callable[[str], str]  # a site path ("sources/x.html#s-…") -> its URL as seen from the current page


def _event(entry: TimelineEntry, url: str, titles: dict[str, str], address: Address) -> dict | None:
    value: DateValue = entry.date
    if not value.date:
        return None  # an Event needs a start date; uncertain ones stay on the page, labelled as such
    event = {
        "@type": "Event",
        "name": entry.summary,
        "startDate": value.date,
        "url": url,
        "subjectOf": [
            {
                "@type": "NewsArticle",
                "headline": titles.get(c.source, c.source),
                "url": address(citation_url(c.source, c.sentence)),
            }
            for c in entry.citations[:5]
        ],
    }
    if value.end:
        event["endDate"] = value.end
    if entry.kind == "scheduled":
        event["eventStatus"] = "https://schema.org/EventScheduled"
    return event


def timeline_jsonld(
    title: str, entries: list[TimelineEntry], entry_urls: dict[str, str], titles: dict[str, str], address: Address
) -> dict:
    """An ItemList of the page's dated entries as schema.org Events, each with the articles that report it."""
    drawn = (_event(x, address(entry_urls[x.id]), titles, address) for x in entries)
    return _item_list(title, list(islice((e for e in drawn if e), JSONLD_ITEMS)))  # the first ones, drawn alone


def _item_list(name: str, items: list[dict]) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": name,
        "numberOfItems": len(items),
        "itemListElement": [
            {"@type": "ListItem", "position": i, "item": item} for i, item in enumerate(items, start=1)
        ],
    }


def plan_jsonld(title: str, provisions: list[ProvisionStatus]) -> dict:
    items = [
        {"@type": "CreativeWork", "name": p.title, "identifier": p.id, "creativeWorkStatus": p.status}
        for p in provisions[:JSONLD_ITEMS]
    ]
    return _item_list(title, items)


def actor_entity(actor: ActorProfile, address: str | None = None) -> dict:
    entity: dict = {"@type": ACTOR_TYPES.get(actor.kind, "Thing"), "name": actor.name}
    if actor.aliases:
        entity["alternateName"] = actor.aliases
    if actor.role:
        entity["description"] = actor.role
        if actor.kind == "person":
            entity["jobTitle"] = actor.role
    if actor.affiliation and actor.kind == "person":
        entity["affiliation"] = {"@type": "Organization", "name": actor.affiliation}
    if address:
        entity["url"] = address
    return entity


def actor_jsonld(actor: ActorProfile) -> dict:
    return {"@context": CONTEXT, **actor_entity(actor)}


def actors_jsonld(actors: list[ActorProfile], actor_urls: dict[str, str], address: Address) -> dict:
    return _item_list("Actors", [actor_entity(a, address(actor_urls[a.name])) for a in actors[:JSONLD_ITEMS]])


def source_jsonld(source: SourceSummary, original_url: str | None) -> dict:
    article = source.article
    data: dict = {"@context": CONTEXT, "@type": "NewsArticle", "headline": article.title, "wordCount": article.words}
    if source.published and source.published.date and len(source.published.date) == 10:
        data["datePublished"] = source.published.date
    if article.meta.outlet:
        data["publisher"] = {"@type": "Organization", "name": article.meta.outlet}
    if original_url:
        data["url"] = original_url
    # No articleSection: the category label scraped before a title is the site's section ("CELEBRITY"),
    # not a subject the article can be filed under.
    return data


def web_page_jsonld(name: str, description: str, kind: str = "WebPage") -> dict:
    return {"@context": CONTEXT, "@type": kind, "name": name, "description": description}


def front_matter_lines(description: str, lastmod: str | None, jsonld: dict) -> str:
    """YAML lines for the page's front matter (double-quoted scalars, so any text is safe)."""
    script = json.dumps(jsonld, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    script = script.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = html.escape(" ".join(description.split()))  # the theme prints it into an attribute as it is
    lines = [f"description: {json.dumps(text, ensure_ascii=False)}"]
    if lastmod:
        lines.append(f"lastmod: {json.dumps(lastmod)}")
    lines.append(f"jsonld: {json.dumps(script, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _capped(day: str | None, cap: str | None) -> str | None:
    return min(day, cap) if day and cap else day


@dataclass(frozen=True)
class PageDates:
    """When each page last changed, read off the data: the corpus is scanned once, not once per page.

    No page is dated after the latest publication date known: a misread year must not date a page ahead.
    """

    reported: str | None  # the latest publication date of any source
    story: str | None  # the latest date of the story as a whole

    @classmethod
    def of(cls, site: Site) -> PageDates:
        reported = _latest([s.published.date for s in site.sources if s.published])
        return cls(reported, _capped(_latest([reported, *entry_days(site.timeline)]), reported))

    def for_entries(self, entries: list[TimelineEntry]) -> str | None:
        return self.for_days(entry_days(entries))

    def for_days(self, days: Sequence[str | None]) -> str | None:
        """The last change of a page showing events of these days (`entry_days`)."""
        return _capped(_latest(days), self.reported) or self.story

    def for_source(self, source: SourceSummary) -> str | None:
        published = source.published.date if source.published else None
        return _capped(_latest([published]), self.reported) or self.story
