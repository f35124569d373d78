"""The export files: JSON with its schema, CSV, TimelineJS, iCalendar and the Atom feed."""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.core.model import Site
from generator.publish.exports.data import export_data
from generator.publish.exports.feeds import absolute, feed_entries, icalendar_file, stamp, story_uuid, timelinejs
from generator.publish.exports.schema import schema_files
from generator.publish.exports.tables import csv_files
from generator.publish.pagemeta import PageDates
from generator.publish.templating import Renderer
from generator.publish.timeline_pages import timeline_pages
from generator.publish.urls import PAGES


def export_files(
    site: Site, env: jinja2.Environment, entry_page: dict[str, str], site_url: str | None, story_date: str | None
) -> dict[str, str]:
    """Data for other tools, keyed by docs-relative path.

    `entry_page`: the timeline page of each entry; `story_date`: the story's latest date (`PageDates.story`).
    """
    files = export_data(site)
    files.update(schema_files())
    files.update(csv_files(site))
    files["data/timelinejs.json"] = timelinejs(site, entry_page, site_url)
    files["data/timeline.ics"] = icalendar_file(site, entry_page, site_url, story_date)
    files["feed.xml"] = env.get_template("feed.xml.j2").render(
        site=site,
        entries=feed_entries(site, entry_page, site_url),
        feed_id=story_uuid(site, "feed"),
        updated=stamp(story_date).strftime("%Y-%m-%dT%H:%M:%SZ"),
        address=lambda target: absolute(target, site_url),
    )
    return files


def exports(site: Site, templates_dir: Path, site_url: str | None = None) -> dict[str, str]:
    """The export files alone (what `python -m generator export` writes)."""
    _contexts, entry_page = timeline_pages(site.timeline, PAGES["timeline"], len(site.sources))
    return export_files(site, Renderer(templates_dir).env, entry_page, site_url, PageDates.of(site).story)
