"""Exports for other tools: TimelineJS3 JSON, an iCalendar file and the Atom feed's entries.

Every export is derived from the same timeline the site shows, carries each entry's citations, and is
deterministic: stamps come from the content's own dates, never from the build machine's clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import uuid
from dataclasses import dataclass

from icalendar import Calendar, Event

from generator.core.kept import Kept
from generator.core.model import DateValue, Site, TimelineEntry
from generator.core.text import filled_json
from generator.publish.labels import date_label, latest_key
from generator.publish.urls import PAGES, citation_url, entry_url

FEED_ENTRIES = 50  # the newest entries a feed reader is shown


def absolute(path: str, site_url: str | None) -> str:
    """A site path as an address: absolute when the site's address is known, else relative to the site root."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def entry_address(entry: TimelineEntry, entry_page: dict[str, str]) -> str:
    """Site path of a timeline entry on the (month) page that shows it."""
    return entry_url(entry_page.get(entry.id, PAGES["timeline"]), entry.id)


def _parts(iso: str) -> dict[str, str]:
    names = ("year", "month", "day")
    return {name: str(int(part)) for name, part in zip(names, iso.split("-"), strict=False)}


def _citations_html(entry: TimelineEntry, titles: dict[str, str], site_url: str | None) -> str:
    items = "".join(
        f'<li><a href="{html.escape(absolute(citation_url(c.source, c.sentence), site_url))}">'
        f"{html.escape(titles.get(c.source, c.source))}</a>: “{html.escape(c.text)}”</li>"
        for c in entry.citations
    )
    return f"<ul>{items}</ul>"


def timelinejs(site: Site, entry_page: dict[str, str], site_url: str | None) -> str:
    """Knight Lab TimelineJS3 data, as JSON text: one slide per entry with a start date (uncertain windows as
    start–end). Each slide's text is kept by entry, so a server writes again only the slides that changed."""
    titles = {s.article.id: s.article.title for s in site.sources}
    slides = [
        _KEPT_SLIDES.call(
            entry.id, _slide, entry, tuple(titles.get(c.source, c.source) for c in entry.citations),
            entry_address(entry, entry_page), site_url,
        )
        for entry in site.timeline
    ]  # fmt: skip
    title = {"text": {"headline": html.escape(site.title), "text": html.escape(site.summary)}}
    frame = json.dumps({"title": title, "events": []}, ensure_ascii=False)
    text = filled_json(frame, (s for s in slides if s), ", ")
    assert text is not None  # (the frame ends with its events)
    return text + "\n"


def _slide(entry: TimelineEntry, titles: tuple[str, ...], address: str, site_url: str | None) -> str:
    """One entry's slide as JSON text ('' for an entry with no start: undated, or "before X" only); `titles`: of
    the source of each citation, `address`: the entry's place on the site."""
    value = entry.date
    start = value.date or value.after
    end = value.end or (value.before if value.precision == "approx" else None)
    if not start:
        return ""
    sources = dict(zip((c.source for c in entry.citations), titles, strict=True))
    slide: dict = {
        "unique_id": f"e-{entry.id}",
        "start_date": _parts(start),
        "display_date": date_label(value),
        "group": entry.kind,
        "text": {
            "headline": html.escape(entry.summary),
            "text": _citations_html(entry, sources, site_url)
            + f'<p><a href="{html.escape(absolute(address, site_url))}">On the explainer</a></p>',
        },
    }
    if end:
        slide["end_date"] = _parts(end)
    return json.dumps(slide, ensure_ascii=False)


_KEPT_SLIDES: Kept[str] = Kept("TimelineJS slides")  # by timeline entry


def stamp(story_date: str | None) -> dt.datetime:
    """The story's latest date (`PageDates.story`) as a UTC midnight: the 'last changed' of every feed."""
    return dt.datetime.fromisoformat(story_date or "2000-01-01").replace(tzinfo=dt.UTC)


def story_uuid(site: Site, name: str) -> str:
    """The UUID of one of the story's things (an entry, the feed): the same for the same story title and name."""
    return _uuid(f"explainer:{site.title}:{name}")


@functools.lru_cache(maxsize=100_000)
def _uuid(name: str) -> str:
    """A name's UUID (version 5, in the URL namespace), kept for the process: a server asks for every entry's on
    each rebuild."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def _days(value: DateValue) -> tuple[dt.date, dt.date] | None:
    """First day and the day after the last, for a day or a range; other precisions are not calendar dates."""
    if value.precision == "day" and value.date and len(value.date) == 10:
        day = dt.date.fromisoformat(value.date)
        return day, day + dt.timedelta(days=1)
    if value.precision == "range" and value.date and value.end and len(value.date) == len(value.end) == 10:
        return dt.date.fromisoformat(value.date), dt.date.fromisoformat(value.end) + dt.timedelta(days=1)
    return None


def icalendar_file(site: Site, entry_page: dict[str, str], site_url: str | None, story_date: str | None) -> str:
    """All-day events for every entry dated to a day or a range; scheduled ones are marked tentative."""
    calendar = Calendar()
    calendar.add("prodid", "-//explainer-site generator//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", site.title)
    titles = {s.article.id: s.article.title for s in site.sources}
    when = stamp(story_date)
    events = [
        _KEPT_EVENTS.call(
            entry.id, _calendar_event, entry, story_uuid(site, entry.id), when,
            tuple(titles.get(c.source, c.source) for c in entry.citations),
            absolute(entry_address(entry, entry_page), site_url),
        )
        for entry in site.timeline
        if _days(entry.date)
    ]
    head, end, tail = calendar.to_ical().decode("utf-8").rpartition("END:VCALENDAR\r\n")
    return head + "".join(events) + end + tail  # as `to_ical` draws a calendar holding them


def _calendar_event(entry: TimelineEntry, uid: str, when: dt.datetime, titles: tuple[str, ...], url: str) -> str:
    """One entry as an all-day event (`titles`: of the source of each citation), as iCalendar text."""
    days = _days(entry.date)
    assert days is not None
    event = Event()
    event.add("uid", f"{uid}@explainer")
    event.add("dtstamp", when)
    event.add("dtstart", days[0])
    event.add("dtend", days[1])
    event.add("summary", entry.summary)
    cited = "\n".join(f"{title}: “{c.text}”" for title, c in zip(titles, entry.citations, strict=True))
    event.add("description", f"{date_label(entry.date)} ({entry.date.rule}).\n{cited}")
    event.add("url", url)
    event.add("categories", [entry.kind])
    event.add("status", "TENTATIVE" if entry.kind == "scheduled" else "CONFIRMED")
    return str(event.to_ical().decode("utf-8"))


_KEPT_EVENTS: Kept[str] = Kept("calendar events")  # by timeline entry


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    updated: str
    link: str
    summary: str
    content: str  # HTML: the citations, each linking to its sentence


def feed_entries(site: Site, entry_page: dict[str, str], site_url: str | None) -> list[FeedEntry]:
    """The newest timeline entries (by date, scheduled ones included) for the Atom feed."""
    titles = {s.article.id: s.article.title for s in site.sources}
    published = {s.article.id: s.published.date for s in site.sources if s.published and s.published.date}
    dated = [e for e in site.timeline if e.kind != "background" and e.date.sort_key != "9999"]
    newest = sorted(dated, key=lambda e: (latest_key(e.date), e.id), reverse=True)[:FEED_ENTRIES]
    entries = []
    for entry in newest:
        reported = sorted(published[c.source] for c in entry.citations if c.source in published)
        day = reported[-1] if reported else _first_day(latest_key(entry.date))
        entries.append(
            FeedEntry(
                id=f"urn:uuid:{story_uuid(site, entry.id)}",
                title=f"{date_label(entry.date)}: {entry.summary}",
                updated=f"{day}T00:00:00Z",
                link=absolute(entry_address(entry, entry_page), site_url),
                summary=entry.summary,
                content=f"<p>{html.escape(entry.summary)}</p>" + _citations_html(entry, titles, site_url),
            )
        )
    return entries


def _first_day(iso: str) -> str:
    return (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]
