"""A long timeline is split into month pages and background pages; its index page stays the same size."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from itertools import pairwise
from pathlib import Path

import pytest

from generator.core.model import DateValue, Site, TimelineEntry
from generator.core.types import Precision
from generator.publish import timeline_pages as pages
from generator.publish.labels import date_label
from generator.publish.render import render_site
from generator.publish.templating import Renderer
from generator.publish.timeline_view import MAX_LANES, timeline_strip

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.fixture
def two_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "PER_PAGE", 2)


def _copies(timeline: list[TimelineEntry], times: int) -> list[TimelineEntry]:
    """The timeline as if `times` times as many articles had reported it, in date order."""
    copies = [dataclasses.replace(e, id=f"{e.id}-{n}") for e in timeline for n in range(times)]
    story = [e for e in copies if e.kind != "background"]
    return story + [e for e in copies if e.kind == "background"]


def _november(site: Site) -> int:
    """Entries dated in November 2025, exactly or within a window of it (the month page's entries)."""
    return sum(
        1 for e in site.timeline if (e.date.date or e.date.after or "").startswith("2025-11") and e.kind != "background"
    )


def _target(here: str, href: str) -> str:
    """The generated .md file a relative .html link from `here` points at."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(here), href.partition("#")[0]))
    return path.removesuffix(".html") + ".md"


def test_a_short_timeline_is_one_page(site: Site) -> None:
    contexts, entry_page = pages.timeline_pages(site.timeline, "timeline.md", len(site.sources))
    assert list(contexts) == ["timeline.md"]
    assert set(entry_page.values()) == {"timeline.md"}
    page = contexts["timeline.md"]
    shown = [e for month in page["story_months"] + page["background_months"] for d in month.days for e in d.entries]
    assert sorted(e.id for e in shown) == sorted(e.id for e in site.timeline)


@pytest.mark.usefixtures("two_per_page")
def test_every_entry_is_on_the_page_its_links_point_to(site: Site) -> None:
    files = render_site(site, TEMPLATES)
    _contexts, entry_page = pages.timeline_pages(site.timeline, "timeline.md", len(site.sources))
    assert "timeline/2025-11-p2.md" in files and "timeline/background-20xx.md" in files
    for entry in site.timeline:
        page = entry_page[entry.id]
        assert page != "timeline.md"
        assert f'id="e-{entry.id}"' in files[page], (entry.summary, page)
    background = [e for e in site.timeline if e.kind == "background"]
    century = {"timeline/background-20xx.md", "timeline/background-20xx-p2.md"}
    assert {entry_page[e.id] for e in background} == century  # few background dates: their century's pages
    assert "The 2004 Orange Revolution" in files["timeline/background-20xx.md"]


@pytest.mark.usefixtures("two_per_page")
def test_month_pages_link_to_their_neighbours_and_to_the_index(site: Site) -> None:
    files = render_site(site, TEMPLATES)
    first, second = files["timeline/2025-11.md"], files["timeline/2025-11-p2.md"]
    parts = -(-_november(site) // 2)  # two entries per page
    assert parts >= 3 and f"November 2025 (part 1 of {parts})" in first and f"part 2 of {parts}" in second
    assert re.search(rf'<a rel="next" href="2025-11-p2.html">November 2025 \(part 2 of {parts}\) →</a>', first)
    assert re.search(rf'<a rel="prev" href="2025-11.html">← November 2025 \(part 1 of {parts}\)</a>', second)
    assert f"timeline/2025-11-p{parts}.md" in files and f"timeline/2025-11-p{parts + 1}.md" not in files
    for path, text in files.items():
        if not path.startswith("timeline"):
            continue
        for href in re.findall(r'<nav class="tl-pager".*?</nav>', text, re.S):
            for link in re.findall(r'href="([^"]+)"', href):
                assert _target(path, link) in files, (path, link)
        for link in re.findall(r'href="([^"#]*timeline[^"#]*\.html)#(e-[^"]+)"', text):
            assert f'id="{link[1]}"' in files[_target(path, link[0])], (path, link)


@pytest.mark.usefixtures("two_per_page")
def test_the_index_lists_months_not_pages_and_shows_the_latest_dated_events(site: Site) -> None:
    files = render_site(site, TEMPLATES)
    index = files["timeline.md"]
    directory = re.search(r'<ul class="timeline-directory">(.*?)</ul>', index, re.S)
    assert directory
    lines = re.findall(r"<li>(.*?)</li>", directory.group(1))
    november = _november(site)
    assert [re.sub(r"<[^>]+>", "", line) for line in lines] == [
        f"November 2025 ({november} entries on {-(-november // 2)} pages)",
        "Date uncertain (1 entry)",
        "Background dates, 2000–2099 (3 entries on 2 pages)",
    ]
    latest = index.split("## Latest events", 1)[1]
    assert "<time>23 Nov 2025</time>" in latest and "<time>29–30 Nov 2025</time>" in latest
    assert "<time>date uncertain</time>" not in latest and "tl-background" not in latest


@pytest.mark.usefixtures("two_per_page")
def test_a_split_timelines_index_lists_the_key_dates_the_home_page_links_to(site: Site) -> None:
    files = render_site(site, TEMPLATES)
    index = files["timeline.md"]
    assert "## Key dates { #key-dates }" in index
    key = index.split("## Key dates", 1)[1].split("## By month", 1)[0]
    assert [f'id="e-{k.entry}"' in key for k in site.key_dates] == [True] * len(site.key_dates)
    assert "(timeline.md#key-dates)" in files["index.md"]


@pytest.mark.parametrize("split", [True, False])
def test_key_dates_with_no_timeline_entry_get_no_link_to_a_key_dates_view(
    site: Site, split: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Days scored for the coverage published on them need not have an entry: then the home page lists them but
    offers no 'These dates on the timeline' (its #key-dates anchor would be missing, a strict build's failure)."""
    if split:
        monkeypatch.setattr(pages, "PER_PAGE", 2)
    unlinked = dataclasses.replace(site, key_dates=[dataclasses.replace(k, entry=None) for k in site.key_dates])
    files = render_site(unlinked, TEMPLATES)
    assert 'class="key-dates"' in files["index.md"]  # the dates themselves are still the story's key dates
    assert "#key-dates" not in files["index.md"] and 'id="key-dates"' not in files["timeline.md"]
    assert "## Key dates" not in files["timeline.md"] and 'data-key="1"' not in "".join(files.values())
    linked = render_site(site, TEMPLATES)
    assert "(timeline.md#key-dates)" in linked["index.md"]
    assert ("## Key dates { #key-dates }" if split else 'id="key-dates"') in linked["timeline.md"]


@pytest.mark.usefixtures("two_per_page")
def test_the_index_does_not_grow_with_the_corpus(site: Site) -> None:
    sizes = []
    for times in (10, 100, 1000):
        contexts, entry_page = pages.timeline_pages(_copies(site.timeline, times), "timeline.md", len(site.sources))
        index = contexts["timeline.md"]
        assert len(index["entries"]) <= pages.LATEST_ON_INDEX
        assert len(entry_page) == len(site.timeline) * times
        sizes.append((len(index["directory"]), len(index["entries"])))
    # a line per month of the story and per group of background dates: ten of each date share their century's
    # page, a hundred make a page of their year (or month), and then the index stays the size it is
    assert sizes == [(3, pages.LATEST_ON_INDEX), (5, pages.LATEST_ON_INDEX), (5, pages.LATEST_ON_INDEX)]


def test_the_overview_strip_stays_short_when_many_entries_share_days(site: Site) -> None:
    geneva = [e for e in site.timeline if e.date.date == "2025-11-23"]
    few, many = (timeline_strip(_copies(geneva, n), date_label) for n in (3, 40))
    draw = Renderer(TEMPLATES)
    few_svg, many_svg = (draw.partial("svg.j2", "strip", strip) for strip in (few, many))
    assert not few.per_day and few_svg.count("<circle") == 3 * len(geneva)
    assert many.per_day and "<circle" not in many_svg and "23 Nov 2025: 40 events" in many_svg
    height = re.search(r'viewBox="0 0 \d+ (\d+)"', many_svg)
    assert height and int(height.group(1)) <= 200
    assert "\n" not in few_svg and "\n" not in many_svg  # one line of HTML each


def test_the_strip_keeps_twelve_lanes_and_turns_to_days_at_thirteen(site: Site) -> None:
    """Entries of one day each take a lane of their own: up to MAX_LANES of them are drawn as marks."""
    one = [e for e in site.timeline if e.date.date == "2025-11-23"][:1]
    at_most, past = (timeline_strip(_copies(one, n), date_label) for n in (MAX_LANES, MAX_LANES + 1))
    assert not at_most.per_day and len({m.y for m in at_most.marks}) == MAX_LANES
    assert past.per_day and not past.marks and len(past.bars) == 1


@pytest.mark.parametrize(
    ("days", "labels"),
    [
        (("2025-11-01", "2026-02-28"), ["1 Nov", "15 Nov", "29 Nov", "13 Dec", "27 Dec", "10 Jan", "24 Jan", "7 Feb",
                                        "21 Feb"]),
        (("2025-11-21", "2026-04-02"), ["Dec 2025", "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026"]),
        (("1911-04-12", "1987-05-01", "2026-04-28"), [str(year) for year in range(1920, 2030, 10)]),
    ],
    ids=["fortnights", "months", "a century"],
)
def test_the_strip_labels_a_long_span_by_months_or_years_each_once(
    site: Site, days: tuple[str, ...], labels: list[str]
) -> None:
    """A story whose events span years (a background year read as the story's) has a label per decade, not one per
    30 days drawn over each other; a span of months, one per month; of four months, one per fortnight."""
    entry = next(e for e in site.timeline if e.kind != "background")
    entries = [dataclasses.replace(entry, id=f"e{n}", date=DateValue(day, Precision.DAY)) for n, day in enumerate(days)]
    strip = timeline_strip(entries, date_label)
    assert [t.label for t in strip.ticks] == labels
    xs = [t.x for t in strip.ticks]
    assert xs == sorted(xs) and all(b - a >= 60 for a, b in pairwise(xs))  # none covers the next
    svg = Renderer(TEMPLATES).partial("svg.j2", "strip", strip)
    assert svg.count('class="strip-label"') == len(labels)


@pytest.mark.usefixtures("two_per_page")
def test_a_month_page_states_its_own_counts_and_the_first_page_the_storys(site: Site) -> None:
    """A month page reads nothing of the story as a whole: an event added to another month leaves it as it was
    (a server renders it again only when its own entries or its neighbours' titles change)."""
    files = render_site(site, TEMPLATES)
    month = files["timeline/2025-11.md"]
    lede = month.split('<p class="lede">', 1)[1].split("</p>", 1)[0]
    sources = len({c.source for e in pages.paginate([e for e in site.timeline if e.kind != "background"], 2)[0]
                   .entries for c in e.citations})  # fmt: skip
    assert lede.startswith(f"This page: 2 dated events, from {sources} source")
    assert '<a href="../timeline.html">the timeline' in lede and "of the story" not in lede
    index = files["timeline.md"].split('<p class="lede">', 1)[1]
    assert index.startswith(f"{pages.timeline_counts(site.timeline)['story_count']} dated events of the story")
    contexts, _entry_page = pages.timeline_pages(site.timeline, "timeline.md", len(site.sources))
    grown, _entry_page = pages.timeline_pages(_copies(site.timeline, 2), "timeline.md", len(site.sources) + 1)
    background = [path for path in contexts if path.startswith("timeline/background")][-1]
    assert contexts[background]["story_count"] is None and contexts["timeline.md"]["source_count"] == len(site.sources)
    assert contexts["timeline/2025-11.md"]["next"] == pages.Neighbour("November 2025 (part 2 of 6)",
                                                                      "timeline/2025-11-p2.md")  # fmt: skip
    assert grown["timeline/background-20xx.md"]["source_count"] is None


@pytest.mark.usefixtures("two_per_page")
def test_a_new_background_date_changes_its_own_page_not_the_pages_after_it(site: Site) -> None:
    """Background pages are a month of many dates, the rest of a year of many, or a decade: one more date (a
    server's rebuild after an edit) changes the page it joins, where pages cut by count would all shift."""
    background = [e for e in site.timeline if e.kind == "background"]
    dates = _copies(background, 30)  # 30 of each date: each month or year of them is a page's worth
    before, _entry_page = pages.timeline_pages(dates, "timeline.md", len(site.sources))
    titles = sorted({c["part"].group for path, c in before.items() if c["part"]})
    assert titles == ["Background dates, 2004", "Background dates, 2014", "Background dates, February 2022"]
    added = dataclasses.replace(background[0], id="one-more")  # one more report of 2004: it goes first
    after, entry_page = pages.timeline_pages([added, *dates], "timeline.md", len(site.sources))
    assert entry_page["one-more"] == "timeline/background-2004.md"
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    neighbour = "timeline/background-2014.md"  # its pager names the page before it: 2004's last part
    assert "timeline.md" in changed and neighbour in changed
    assert all(p.startswith("timeline/background-2004") for p in changed - {"timeline.md", neighbour})
    others = {p for p in before if p.startswith(("timeline/background-2014-", "timeline/background-2022"))}
    assert len(others) == 2 * 15 - 1 and not others & changed  # 30 dates, two to a page


def test_background_groups_keep_their_order_and_say_what_has_a_page_of_its_own(site: Site) -> None:
    """A group's place comes from its key alone (a century from its first year), so a new date in a leftover
    group moves no page; a group whose month has a page of its own says it holds the other dates."""
    base = next(e for e in site.timeline if e.kind == "background")

    def at(day: str, count: int, tag: str) -> list[TimelineEntry]:
        value = DateValue(day, Precision.DAY if len(day) == 10 else Precision.YEAR)
        return [dataclasses.replace(base, id=f"{tag}-{i}", date=value) for i in range(count)]

    def parts(background: list[TimelineEntry]) -> list[pages.TimelinePart]:
        groups = pages.BackgroundGroups.of(background)
        return pages.paginate(background, 100, groups.group, "background-", groups.label, groups.order)

    before = parts([*at("1998", 1, "a"), *at("2004-03-10", 30, "b"), *at("2010", 1, "c")])
    assert [(p.key, p.group) for p in before] == [
        ("background-19xx", "Background dates, 1900–1999"),
        ("background-20xx", "Background dates, 2000–2099, other dates"),
        ("background-2004-03", "Background dates, March 2004"),
    ]
    after = parts([*at("1998", 1, "a"), *at("2001", 1, "d"), *at("2004-03-10", 30, "b"), *at("2010", 1, "c")])
    assert [p.key for p in after] == [p.key for p in before]
    assert [p.key for p, q in zip(before, after, strict=True) if p != q] == ["background-20xx"]
    busy = parts([*at("1995", 30, "e"), *at("1996-06-01", 30, "f")])
    assert [p.group for p in busy] == ["Background dates, 1995", "Background dates, June 1996"]


def test_each_kind_of_timeline_page_names_what_it_lists(site: Site) -> None:
    part = pages.paginate(site.timeline, 100)[0]
    named = {key: dataclasses.replace(part, key=key).noun for key in ("2025-11", "uncertain", "background-20xx-p2")}
    assert named == {"2025-11": "dated event", "uncertain": "undated event", "background-20xx-p2": "background date"}
