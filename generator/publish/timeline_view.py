"""The timeline page's view of the entries: groups by month and day, and the overview strip (inline SVG)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.core.model import DateValue, TimelineEntry
from generator.publish.labels import date_note

STRIP_WIDTH = 960
LANE_HEIGHT = 20
MARGIN = 36
MAX_MARKS = 200  # more entries than this are drawn as a count per day
MAX_LANES = 12  # and so are entries that would need more rows than this (many on the same days)


@dataclass
class DayGroup:
    """The entries a reader sees under one date label; the label is printed once, above them."""

    label: str
    heading: str  # the label, or "" when the month's heading already says it ("Date uncertain", "2025")
    entries: list[TimelineEntry] = field(default_factory=list)

    @property
    def note(self) -> str:
        """What the entries' dates were read from, for the heading's hover text."""
        return "; ".join(dict.fromkeys(date_note(e.date) for e in self.entries))

    @property
    def uncertain(self) -> bool:
        return any(e.date.precision in ("approx", "undated") for e in self.entries)


@dataclass
class MonthGroup:
    key: str  # "2025-11", or "uncertain"
    label: str
    days: list[DayGroup] = field(default_factory=list)


def month_key(value: DateValue) -> str:
    anchor = value.date or value.after or value.before
    return anchor[:7] if anchor and len(anchor) >= 7 else anchor or "uncertain"


def month_label(key: str) -> str:
    if key == "uncertain":
        return "Date uncertain"
    if len(key) == 4:
        return key
    return dt.date.fromisoformat(key + "-01").strftime("%B %Y")


def group_by_month(entries: list[TimelineEntry], label_of, headed: bool = True) -> list[MonthGroup]:  # type: ignore[no-untyped-def]
    """Entries (already in date order) grouped by month, then by the date label a reader sees.

    `headed`: the page prints each month's label, so a day label that repeats it is not printed again.
    """
    months: list[MonthGroup] = []
    for entry in entries:
        key = month_key(entry.date)
        if not months or months[-1].key != key:
            months.append(MonthGroup(key, month_label(key)))
        month = months[-1]
        label = label_of(entry.date)
        if not month.days or month.days[-1].label != label:
            whole_month = entry.date.precision == "month" and (entry.date.date or "")[:7] == key  # 'Jul 2025'
            repeats_month = headed and (label.casefold() == month.label.casefold() or whole_month)
            month.days.append(DayGroup(label, "" if repeats_month else label))
        month.days[-1].entries.append(entry)
    dated = [m for m in months if m.key != "uncertain"]
    return dated + [m for m in months if m.key == "uncertain"]


def _span(value: DateValue) -> tuple[dt.date, dt.date] | None:
    """The days an entry may fall on, for drawing; None when it cannot be placed."""

    def day(iso: str | None, end: bool = False) -> dt.date | None:
        if not iso:
            return None
        if len(iso) == 10:
            return dt.date.fromisoformat(iso)
        if len(iso) == 7:
            first = dt.date.fromisoformat(iso + "-01")
            if not end:
                return first
            following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return following - dt.timedelta(days=1)
        return None

    if value.precision in ("day", "range"):
        start, stop = day(value.date), day(value.end or value.date, end=True)
    elif value.precision == "approx":
        start, stop = day(value.after), day(value.before, end=True)
        start, stop = start or stop, stop or start
    else:
        return None
    return (start, stop) if start and stop else None


def _placed(entries: list[TimelineEntry]) -> list[tuple[TimelineEntry, tuple[dt.date, dt.date]]]:
    return [(e, span) for e in entries if e.kind != "background" and (span := _span(e.date))]


@dataclass(frozen=True)
class Mark:
    """One entry on the strip: a dot for a day, a bar for a range or window."""

    href: str
    title: str
    kind: str  # CSS classes: the entry's kind and its date's precision
    x1: float
    x2: float
    y: int

    @property
    def dot(self) -> bool:
        return self.x2 - self.x1 < 1


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Bar:
    """One day of the per-day histogram: as tall as the entries that start that day."""

    href: str
    title: str
    x: float
    h: float


@dataclass
class Strip:
    """The overview strip's geometry (`templates/partials/svg.j2` draws it), or a per-day histogram's."""

    per_day: bool = False
    summary: str = ""
    height: int = 0
    axis_y: int = 0  # the axis line's height (the histogram's base line)
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    first_label: str = ""
    last_label: str = ""
    width: int = STRIP_WIDTH
    margin: int = MARGIN

    @property
    def shown(self) -> bool:
        return bool(self.marks or self.bars)


def timeline_strip(  # type: ignore[no-untyped-def]
    entries: list[TimelineEntry], label_of, href_of=lambda entry: f"#e-{entry.id}"
) -> Strip:
    """The overview of the story's dated entries: a dot per day, a bar per range, a dashed bar per window."""
    placed = _placed(entries)
    if not placed:
        return Strip()
    if len(placed) > MAX_MARKS:
        return _histogram(placed, href_of)
    first = min(s[0] for _e, s in placed)
    last = max(s[1] for _e, s in placed)
    days = max(1, (last - first).days)
    scale = (STRIP_WIDTH - 2 * MARGIN) / days

    def x(day: dt.date) -> float:
        return round(MARGIN + (day - first).days * scale, 1)

    lanes: list[float] = []
    marks: list[Mark] = []
    for entry, (start, stop) in sorted(placed, key=lambda p: (p[1][0], p[1][1], p[0].id)):
        x1, x2 = x(start), x(stop)
        lane = next((i for i, end in enumerate(lanes) if end + 8 < x1), len(lanes))
        if lane == len(lanes):
            if lane == MAX_LANES:  # lanes only grow: this strip is a histogram, found without the quadratic rest
                return _histogram(placed, href_of)
            lanes.append(x2)
        lanes[lane] = max(x2, x1)
        title = f"{label_of(entry.date)}: {entry.summary}"
        kind = f"strip-{entry.kind} strip-{entry.date.precision}"
        marks.append(Mark(href_of(entry), title, kind, x1, x2, 18 + lane * LANE_HEIGHT))
    height = 18 + len(lanes) * LANE_HEIGHT + 30
    ticks = [Tick(x(day), label) for day, label in _ticks(first, last)]
    summary = f"Overview of {len(placed)} dated events from {first:%-d %b %Y} to {last:%-d %b %Y}"
    return Strip(False, summary, height, height - 20, marks, ticks)


MAX_TICKS = 12  # labels on the strip's axis: about 80 of its 960 units each, so that none covers the next
DAY_STEPS = (1, 2, 7, 14)  # days between two labels of a strip of 120 days at most, from its first day
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000)  # months between two labels


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """The axis labels from `first` to `last`, at most `MAX_TICKS`, each once: every day, second day, week or
    fortnight of a span of 120 days at most from its first day; else the first day of every month, quarter, year,
    decade …"""
    days = (last - first).days
    if days <= 120:
        step = next(n for n in DAY_STEPS if days // n < MAX_TICKS)
        return [(day, f"{day:%-d %b}") for day in (first + dt.timedelta(days=n) for n in range(0, days + 1, step))]
    start, end = first.year * 12 + first.month - 1 + (first.day > 1), last.year * 12 + last.month - 1
    months = next((m for m in MONTH_STEPS if (end - start) // m < MAX_TICKS), MONTH_STEPS[-1])
    firsts = [dt.date(n // 12, n % 12 + 1, 1) for n in range(start + (-start) % months, end + 1, months)]
    return [(day, f"{day.year}" if months >= 12 else f"{day:%b %Y}") for day in firsts]


def _histogram(placed: list[tuple[TimelineEntry, tuple[dt.date, dt.date]]], href_of) -> Strip:  # type: ignore[no-untyped-def]
    """Many entries: one bar per day, as tall as the number of entries that start that day."""
    per_day: dict[dt.date, list[TimelineEntry]] = {}
    for entry, (start, _stop) in placed:
        per_day.setdefault(start, []).append(entry)
    first, last = min(per_day), max(per_day)
    scale = (STRIP_WIDTH - 2 * MARGIN) / max(1, (last - first).days)
    tallest = max(len(v) for v in per_day.values())
    bars = [
        Bar(href_of(items[0]), f"{day:%-d %b %Y}: {len(items)} events", round(MARGIN + (day - first).days * scale, 1),
            round(4 + 96 * len(items) / tallest, 1))
        for day, items in sorted(per_day.items())
    ]  # fmt: skip
    summary = f"Events per day from {first:%-d %b %Y} to {last:%-d %b %Y}"
    return Strip(True, summary, 140, 110, bars=bars, first_label=f"{first:%-d %b %Y}", last_label=f"{last:%-d %b %Y}")
