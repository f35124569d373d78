"""Which timeline entries go on which page: one page for a small story; month pages and background pages
for a large one, with an index page whose size does not grow with the number of articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from generator.core.kept import Kept
from generator.core.model import DateValue, TimelineEntry
from generator.publish.labels import date_label, latest_key
from generator.publish.timeline_view import group_by_month, month_key, month_label, timeline_strip
from generator.publish.urls import entry_url, relative

PER_PAGE = 100  # entries on one timeline page; more are split into month pages and background pages
BUSY = 25  # background dates of one month (or the rest of a year, or of a decade) that make a page of their own
LATEST_ON_INDEX = 30  # the newest story entries shown on the index page of a split timeline
BACKGROUND = "background"
UNCERTAIN = "uncertain"  # the page of the events with no date (`timeline_view.month_key`)


@dataclass
class TimelinePart:
    """One page of a split timeline: `part` of `parts` of a month (or of a group of background dates)."""

    key: str  # "2025-11", "2025-11-p2", "uncertain", "background-2009-04", "background-1990s-p3"
    group: str  # what a reader calls the whole it is part of: "November 2025", "Background dates, 2009"
    part: int
    parts: int
    entries: list[TimelineEntry]

    @property
    def path(self) -> str:
        return f"timeline/{self.key}.md"

    @property
    def title(self) -> str:
        return self.group if self.parts == 1 else f"{self.group} (part {self.part} of {self.parts})"

    @property
    def noun(self) -> str:
        """What the page lists: a month's dated events or background dates. A page states its own counts, not the
        story's, so one new event changes its month's page and the first page, not every page."""
        if self.key.startswith(BACKGROUND):
            return "background date"
        return "undated event" if self.key.startswith(UNCERTAIN) else "dated event"

    @property
    def sources(self) -> int:
        """The sources its entries cite."""
        return len({c.source for e in self.entries for c in e.citations})


def paginate(
    entries: list[TimelineEntry],
    per_page: int,
    group_of: Callable[[DateValue], str] = month_key,
    prefix: str = "",
    label_of: Callable[[str], str] = month_label,
    order: Callable[[str], tuple[str, str]] | None = None,
) -> list[TimelinePart]:
    """Date-ordered entries split into pages: one per group (a month by default), big groups cut in parts; the
    groups in the order their first entries come, or by `order` of their keys."""
    groups: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        groups.setdefault(group_of(entry.date), []).append(entry)
    pages = []
    for key in sorted(groups, key=order) if order else groups:
        items = groups[key]
        starts = range(0, len(items), per_page)
        for part, start in enumerate(starts, start=1):
            page_key = f"{prefix}{key}" if part == 1 else f"{prefix}{key}-p{part}"
            pages.append(TimelinePart(page_key, label_of(key), part, len(starts), items[start : start + per_page]))
    return pages


@dataclass(frozen=True)
class BackgroundGroups:
    """How background dates share pages: a month of many dates has a page of its own, then the rest of a year of
    many, then the rest of a decade of many; the rest go to their century's page. A new background date changes
    its own group's page (and its neighbours' pagers), not every page after it as pages cut by count would."""

    busy: frozenset[str]  # months ('2009-04'), years ('2009') and decades ('199') of many dates

    @classmethod
    def of(cls, background: list[TimelineEntry]) -> BackgroundGroups:
        months = Counter(month_key(e.date) for e in background)
        busy = {m for m, n in months.items() if len(m) == 7 and n >= BUSY}
        for width in (4, 3):  # the rest of each year, then of each decade
            rest: Counter[str] = Counter()
            for month, count in months.items():
                if month[:4].isdigit() and not _covered(month, busy, width):
                    rest[month[:width]] += count
            busy |= {prefix for prefix, n in rest.items() if n >= BUSY}
        return cls(frozenset(busy))

    def group(self, date: DateValue) -> str:
        """The group key: '2009-04', '2009', '1990s', '19xx', or 'uncertain'."""
        month = month_key(date)
        if not month[:4].isdigit():
            return month
        for width in (7, 4, 3):
            if len(month) >= width and month[:width] in self.busy:
                return month[:width] if width > 3 else f"{month[:3]}0s"
        return f"{month[:2]}xx"

    def label(self, key: str) -> str:
        """'Background dates, April 2009', '…, 2009, other dates' (when a month of it has a page), '…, 1990–1999'."""
        if not key[:2].isdigit() or len(key) == 7:  # 'uncertain', or a month
            return f"Background dates, {month_label(key) if key != UNCERTAIN else 'date uncertain'}"
        prefix = key if key.isdigit() else key[:3] if key.endswith("0s") else key[:2]  # a year, a decade, a century
        span = key if key.isdigit() else f"{prefix.ljust(4, '0')}–{prefix.ljust(4, '9')}"
        rest = ", other dates" if any(b != prefix and b.startswith(prefix) for b in self.busy) else ""
        return f"Background dates, {span}{rest}"

    @staticmethod
    def order(key: str) -> tuple[str, str]:
        """Groups by the first date they can hold ('19xx' from 1900, '1990s' from 1990); undated ones last."""
        if not key[:2].isdigit():
            return ("~", key)
        return (key[:2] + "00" if key.endswith("xx") else key[:4], key)


def _covered(month: str, busy: set[str], width: int) -> bool:
    """Whether a month's dates already have a page of a narrower group than `width` characters of it."""
    return any(month[:w] in busy for w in (7, 4, 3) if w > width and len(month) >= w)


def _actors_by_count(entries: list[TimelineEntry]) -> list[str]:
    counts = Counter(a for e in entries for a in e.actors)
    return sorted(counts, key=lambda a: (-counts[a], a))


def _page(title: str, story: list[TimelineEntry], background: list[TimelineEntry], **extra: object) -> dict:
    """The context of one timeline page; `story` and `background` are the entries it shows."""
    context = {
        "title": title,
        "story_months": group_by_month(story, date_label),
        "background_months": group_by_month(background, date_label, headed=False),  # printed without month labels
        "strip": timeline_strip(story, date_label),
        "filter_actors": _actors_by_count(story + background),
        "entries": story or background,  # what the page's structured data lists: its story, else its background
        "directory": [],
        **dict.fromkeys(("story_count", "undated_count", "background_count", "source_count")),  # the first page's
        "part": None,
        "previous": None,
        "next": None,
    }
    return context | extra


@dataclass(frozen=True)
class Neighbour:
    """A page the pager links to: its title and place, not its entries (a month page is as it was while only
    the month beside it gains an event)."""

    title: str
    path: str


def _neighbour(sequence: list[TimelinePart], index: int) -> Neighbour | None:
    return Neighbour(sequence[index].title, sequence[index].path) if 0 <= index < len(sequence) else None


def _link(here: str, target: str, entry_id: str) -> str:
    return entry_url(relative(target, here), entry_id)


def _directory(parts: list[TimelinePart]) -> list[tuple[str, int, str, int]]:
    """One line per month (or group of background dates): its name, entries, first page and number of pages."""
    lines: list[tuple[str, int, str, int]] = []
    for part in parts:
        if part.part == 1:
            lines.append((part.group, 0, part.path, part.parts))
        group, count, path, pages = lines[-1]
        lines[-1] = (group, count + len(part.entries), path, pages)
    return lines


def timeline_counts(timeline: list[TimelineEntry]) -> dict[str, int]:
    """The counts the home page and the timeline's first page state: the story's dated events, its events with no
    date, and the background dates."""
    background = sum(1 for e in timeline if e.kind == BACKGROUND)
    undated = sum(1 for e in timeline if e.kind != BACKGROUND and not (e.date.date or e.date.after or e.date.before))
    return {
        "story_count": len(timeline) - background - undated,
        "undated_count": undated,
        "background_count": background,
    }


def _part_page(part: TimelinePart, story: bool, previous: Neighbour | None, following: Neighbour | None) -> dict:
    """The context of one page of a split timeline: of the story's entries (`story`), else of background dates."""
    shown = (part.entries, []) if story else ([], part.entries)
    return _page(f"Timeline: {part.title}", *shown, part=part, previous=previous, next=following)


_KEPT_CONTEXTS: Kept[dict] = Kept("timeline page contexts")  # by page: a month another month's edit leaves as it was


def timeline_pages(
    timeline: list[TimelineEntry], index_path: str, source_count: int
) -> tuple[dict[str, dict], dict[str, str]]:
    """Timeline page contexts by path, and the page each entry is on. The story's counts (and `source_count`, its
    sources) are the first page's alone: a month page states its own, so it stays as it was when another month
    gains an event."""
    story = [e for e in timeline if e.kind != BACKGROUND]
    background = [e for e in timeline if e.kind == BACKGROUND]
    totals: dict[str, object] = {**timeline_counts(timeline), "source_count": source_count}
    if len(story) <= PER_PAGE and len(background) <= PER_PAGE:
        return {index_path: _page("Timeline", story, background, **totals)}, {e.id: index_path for e in timeline}
    story_parts = paginate(story, PER_PAGE)
    groups = BackgroundGroups.of(background)
    background_parts = paginate(background, PER_PAGE, groups.group, f"{BACKGROUND}-", groups.label, groups.order)
    entry_page = {e.id: part.path for part in story_parts + background_parts for e in part.entries}
    contexts: dict[str, dict] = {}
    for sequence in (story_parts, background_parts):
        for i, part in enumerate(sequence):
            pager = (_neighbour(sequence, i - 1), _neighbour(sequence, i + 1))
            contexts[part.path] = _KEPT_CONTEXTS.call(part.path, _part_page, part, sequence is story_parts, *pager)
    dated = [e for e in story if e.date.date or e.date.after or e.date.before]
    latest = sorted(dated, key=lambda e: (latest_key(e.date), e.id))[-LATEST_ON_INDEX:]
    index = _page("Timeline", latest, [], **totals, directory=_directory(story_parts + background_parts))
    index["strip"] = timeline_strip(story, date_label, lambda e: _link(index_path, entry_page[e.id], e.id))
    contexts[index_path] = index
    return contexts, entry_page
