"""Exports read back with the tools their users have: JSON Schema, csv, TimelineJS's format, icalendar, feedparser."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest

from generator.core.model import Citation, DateValue, Site, TimelineEntry
from generator.core.types import EventKind, Precision
from generator.publish.exports.tables import _cell
from generator.publish.labels import latest_key
from generator.publish.pagemeta import JSONLD_ITEMS, timeline_jsonld
from generator.publish.render import render_site
from tests.conftest import ROOT, build_project

GENEVA = "met in Geneva"
SITE_URL = "https://example.org/explainer/"


@pytest.fixture(scope="module")
def files(site: Site) -> dict[str, str]:
    return render_site(site, ROOT / "templates", SITE_URL)


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' site built as the Pages workflow builds it: with its public address."""
    out = tmp_path_factory.mktemp("published")
    result = build_project(ROOT, out, site_url=SITE_URL)
    assert result.returncode == 0, result.stderr
    return out


def _geneva(site: Site) -> str:
    """The id of the timeline entry for the Geneva talks (found by its cited sentence, not by its id)."""
    ids = [e.id for e in site.timeline if any(GENEVA in c.text for c in e.citations) and e.date.date == "2025-11-23"]
    assert len(ids) == 1
    return ids[0]


@pytest.mark.parametrize("name", ["timeline", "actors", "plan", "sources", "comparison"])
def test_every_data_file_follows_its_published_schema(files: dict[str, str], name: str) -> None:
    schema = json.loads(files[f"data/schema/{name}.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(files[f"data/{name}.json"])
    jsonschema.Draft202012Validator(schema).validate(document)
    key = next(k for k in document if k != "version" and isinstance(document[k], list))
    if document[key]:  # and the schema can fail: an item without its required fields is refused
        broken = {**document, key: [{"unexpected": True}]}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def test_timeline_csv_has_the_geneva_talks_with_their_sentence(files: dict[str, str], site: Site) -> None:
    rows = list(csv.DictReader(io.StringIO(files["data/timeline.csv"])))
    assert len(rows) == len(site.timeline)
    row = next(r for r in rows if r["id"] == _geneva(site))
    assert (row["date"], row["precision"], row["shown_as"]) == ("2025-11-23", "day", "23 Nov 2025")
    assert GENEVA in row["first_sentence"] and row["first_sentence_url"].startswith(
        "sources/000_a5c0679ffe64ab60.html#s-"
    )
    uncertain = [r for r in rows if r["precision"] == "approx"]
    assert uncertain and all(r["date"] == "" for r in uncertain)  # never an invented day
    assert any(r["after"] == "2025-11-23" and r["shown_as"].startswith(("after", "between")) for r in uncertain)


def test_other_csv_files_list_actors_provisions_and_figures(files: dict[str, str]) -> None:
    actors = {r["name"]: r for r in csv.DictReader(io.StringIO(files["data/actors.csv"]))}
    assert actors["Sergey Ryabkov"]["kind"] == "person" and int(actors["Sergey Ryabkov"]["quotes"]) >= 1
    provisions = list(csv.DictReader(io.StringIO(files["data/provisions.csv"])))
    assert len(provisions) == 32 and all(p["status"] for p in provisions)
    figures = list(csv.DictReader(io.StringIO(files["data/figures.csv"])))
    assert any(f["unit"] == "drones" and f["sentence_url"].startswith("sources/") for f in figures)


def test_csv_cells_cannot_run_as_spreadsheet_formulas() -> None:
    assert _cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _cell("@SUM(A1)") == "'@SUM(A1)" and _cell("+1") == "'+1" and _cell("Geneva") == "Geneva"
    assert _cell(None) == "" and _cell(3) == "3"


def test_timelinejs_has_one_slide_per_dated_entry(files: dict[str, str], site: Site) -> None:
    data = json.loads(files["data/timelinejs.json"])
    assert data["title"]["text"]["headline"] == html.escape(site.title)
    slides = {s["unique_id"]: s for s in data["events"]}
    geneva = slides[f"e-{_geneva(site)}"]
    assert geneva["start_date"] == {"year": "2025", "month": "11", "day": "23"} and "end_date" not in geneva
    assert GENEVA in geneva["text"]["text"] and "sources/000_a5c0679ffe64ab60.html#s-" in geneva["text"]["text"]
    for slide in data["events"]:  # every slide has what TimelineJS requires, and no raw markup from articles
        assert slide["start_date"]["year"].isdigit() and slide["text"]["headline"]
        assert "<" not in slide["text"]["headline"]
    window = next(s for s in data["events"] if s["display_date"].startswith("between"))
    assert "end_date" in window  # an uncertain window is drawn as the window, labelled in words
    text = files["data/timelinejs.json"]  # joined from each slide's kept text: as the whole dumped at once
    assert text == json.dumps(data, ensure_ascii=False) + "\n" and len(data["events"]) > 1


def test_icalendar_file_parses_back_with_the_geneva_talks(files: dict[str, str], site: Site) -> None:
    calendar = icalendar.Calendar.from_ical(files["data/timeline.ics"])
    events = list(calendar.walk("VEVENT"))
    expected = [e for e in site.timeline if e.date.precision in ("day", "range")]
    assert len(events) == len(expected) and events
    geneva = next(e for e in events if GENEVA in str(e.get("description")))
    assert geneva.decoded("dtstart") == dt.date(2025, 11, 23) and geneva.decoded("dtend") == dt.date(2025, 11, 24)
    assert str(geneva.get("url")).startswith(SITE_URL + "timeline.html#e-")
    scheduled = [e for e in events if "scheduled" in str(e.get("categories").to_ical())]
    assert scheduled and all(str(e.get("status")) == "TENTATIVE" for e in scheduled)
    assert len({str(e.get("uid")) for e in events}) == len(events)
    stamps = {e.decoded("dtstamp") for e in events}  # from the content's latest date, never the clock
    assert stamps == {dt.datetime(2025, 11, 30, tzinfo=dt.UTC)}


def test_atom_feed_parses_and_lists_the_newest_entries_first(files: dict[str, str], site: Site) -> None:
    feed = feedparser.parse(files["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title.startswith(site.title) and feed.feed.link == SITE_URL + "timeline.html"
    entries = feed.entries
    assert entries and len({e.id for e in entries}) == len(entries)
    assert all(e.id.startswith("urn:uuid:") and e.link.startswith(SITE_URL) for e in entries)
    assert entries[0].title.startswith("29–30 Nov 2025: A massive overnight assault")  # the latest date leads
    by_id = {e.id: e for e in site.timeline}
    keys = [latest_key(by_id[e.link.split("#e-")[1]].date) for e in entries]
    assert keys == sorted(keys, reverse=True)  # by the first day each may be: 'Nov 2025' never leads
    geneva = next(e for e in entries if e.link.endswith(_geneva(site)))
    assert geneva.title.startswith("23 Nov 2025") and GENEVA in geneva.content[0].value


def _jsonld(page: Path) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert len(found) == 1, page
    assert "<" not in found[0]
    return json.loads(found[0])


def test_every_page_head_carries_valid_json_ld(published_site: Path, site: Site) -> None:
    source = _jsonld(published_site / "sources" / "000_a5c0679ffe64ab60.html")
    assert source["@context"] == "https://schema.org" and source["@type"] == "NewsArticle"
    assert source["headline"] == site.sources[0].article.title and source["wordCount"] > 100
    timeline = _jsonld(published_site / "timeline.html")
    assert timeline["@type"] == "ItemList"
    events = [item["item"] for item in timeline["itemListElement"]]
    assert all(e["@type"] == "Event" and e["name"] and e["startDate"] for e in events)
    geneva = next(e for e in events if e["startDate"] == "2025-11-23")
    assert geneva["subjectOf"][0]["url"].startswith(SITE_URL + "sources/000_a5c0679ffe64ab60.html#s-")
    person = _jsonld(published_site / "actors" / "sergey-ryabkov.html")
    assert person["@type"] == "Person" and person["name"] == "Sergey Ryabkov" and person["jobTitle"]
    assert _jsonld(published_site / "actors" / "russia.html")["@type"] == "Country"
    plan = _jsonld(published_site / "plan.html")
    assert plan["@type"] == "ItemList" and plan["numberOfItems"] == 32
    assert {"name", "creativeWorkStatus"} <= set(plan["itemListElement"][0]["item"])
    assert _jsonld(published_site / "index.html")["@type"] == "WebSite"


def test_a_long_timeline_page_lists_its_first_dated_entries_in_its_json_ld() -> None:
    # an Event needs a start date: undated entries are left out and not counted; a page of 150 dated entries
    # lists the first JSONLD_ITEMS of them, in order
    def entry(i: int, day: str | None) -> TimelineEntry:
        when = DateValue(day, Precision.DAY if day else Precision.UNDATED)
        return TimelineEntry(f"e{i}", when, EventKind.EVENT, f"Event {i}", [], [Citation("a", f"s{i}", "It.")])

    entries = [entry(0, None), *(entry(i, f"2025-11-{1 + i % 28:02d}") for i in range(1, 151))]
    listed = timeline_jsonld("T", entries, {e.id: f"timeline.html#{e.id}" for e in entries}, {}, lambda p: p)
    names = [item["item"]["name"] for item in listed["itemListElement"]]
    assert listed["numberOfItems"] == JSONLD_ITEMS == len(names)
    assert names == [f"Event {i}" for i in range(1, JSONLD_ITEMS + 1)]


def test_sitemap_dates_come_from_the_data(published_site: Path) -> None:
    sitemap = (published_site / "sitemap.xml").read_text(encoding="utf-8")
    dates = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates[SITE_URL + "timeline.html"] == "2025-11-30"  # the latest event on the page ends on 30 Nov
    assert dates[SITE_URL + "actors/donald-trump.html"] == "2025-11-19"
    assert all(re.fullmatch(r"2025-\d\d-\d\d", d) for d in dates.values())


def test_pages_have_social_preview_metadata(published_site: Path) -> None:
    page = (published_site / "actors" / "sergey-ryabkov.html").read_text(encoding="utf-8")
    meta = dict(re.findall(r'<meta property="(og:[a-z:]+)" content="([^"]*)"', page))
    assert meta["og:title"] == "Sergey Ryabkov" and "what they said" in meta["og:description"]
    assert meta["og:image"] == SITE_URL + "assets/social.png" and (published_site / "assets" / "social.png").exists()
    assert meta["og:url"] == SITE_URL + "actors/sergey-ryabkov.html"
    assert 'type="application/atom+xml"' in page


def test_a_file_written_from_its_items_is_the_json_of_the_whole_record() -> None:
    """Long lists are joined from their items' JSON; a nested key named as one of them (a source whose only kind
    of fact is 'framing') is not taken for it."""
    from generator.publish.exports import models as out
    from generator.publish.exports.data import _json, _listed

    framing = out.Framing(source="a", tone=0.5, label="positive", words=[], about={"X": ["calm"]})
    whole = out.ComparisonFile(
        version=1, figures=[], quote_variants=[], only_in={"a": {"framing": [], "figures": []}}, shared={},
        naming=[], framing=[framing, framing],
    )  # fmt: skip
    empty = whole.model_copy(update={"framing": []})
    joined = _listed(empty, {"figures": [], "quote_variants": [], "framing": [_json(framing)] * 2})
    assert joined == _json(whole) + "\n"
    assert json.loads(joined)["only_in"] == {"a": {"framing": [], "figures": []}}
    odd = whole.model_copy(update={"shared": {"\0framing\0": ["\0figures\0"]}})  # a text that holds a marker
    joined = _listed(odd.model_copy(update={"framing": []}), {"figures": [], "framing": [_json(framing)] * 2})
    assert joined == _json(odd) + "\n"
