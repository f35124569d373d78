"""The timeline page's view of the entries: groups by month and day, and the overview strip (inline SVG)."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

from generator.core.model import DateValue, TimelineEntry

STRIP_WIDTH = 960
LANE_HEIGHT = 20
MARGIN = 36
MAX_MARKS = 200  # more entries than this are drawn as a count per day
MAX_LANES = 12  # and so are entries that would need more rows than this (many on the same days)


@dataclass
class DayGroup:
    label: str
    entries: list[TimelineEntry] = field(default_factory=list)


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
    if key == "background":
        return "Background dates"
    if len(key) == 4:
        return key
    return dt.date.fromisoformat(key + "-01").strftime("%B %Y")


def group_by_month(entries: list[TimelineEntry], label_of) -> list[MonthGroup]:  # type: ignore[no-untyped-def]
    """Entries (already in date order) grouped by month, then by the date label a reader sees."""
    months: list[MonthGroup] = []
    for entry in entries:
        key = month_key(entry.date)
        if not months or months[-1].key != key:
            months.append(MonthGroup(key, month_label(key)))
        month = months[-1]
        label = label_of(entry.date)
        if not month.days or month.days[-1].label != label:
            month.days.append(DayGroup(label))
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


@dataclass
class Strip:
    """The overview strip's SVG, and whether it counts entries per day instead of drawing one mark each."""

    svg: str = ""
    per_day: bool = False


def timeline_strip(  # type: ignore[no-untyped-def]
    entries: list[TimelineEntry], label_of, href_of=lambda entry: f"#e-{entry.id}"
) -> Strip:
    """An SVG overview of the story's dated entries: a dot per day, a bar per range, a dashed bar per window."""
    placed = _placed(entries)
    if not placed:
        return Strip()
    if len(placed) > MAX_MARKS:
        return Strip(_histogram(placed, href_of), per_day=True)
    first = min(s[0] for _e, s in placed)
    last = max(s[1] for _e, s in placed)
    days = max(1, (last - first).days)
    scale = (STRIP_WIDTH - 2 * MARGIN) / days

    def x(day: dt.date) -> float:
        return round(MARGIN + (day - first).days * scale, 1)

    lanes: list[float] = []
    marks: list[str] = []
    for entry, (start, stop) in sorted(placed, key=lambda p: (p[1][0], p[1][1], p[0].id)):
        x1, x2 = x(start), x(stop)
        lane = next((i for i, end in enumerate(lanes) if end + 8 < x1), len(lanes))
        if lane == len(lanes):
            lanes.append(x2)
        lanes[lane] = max(x2, x1)
        y = 18 + lane * LANE_HEIGHT
        title = html.escape(f"{label_of(entry.date)}: {entry.summary}")
        kind = f"strip-{entry.kind} strip-{entry.date.precision}"
        if x2 - x1 < 1:
            shape = f'<circle cx="{x1}" cy="{y}" r="7" class="{kind}"/>'
        else:
            shape = f'<rect x="{x1 - 6}" y="{y - 6}" width="{x2 - x1 + 12}" height="12" rx="6" class="{kind}"/>'
        marks.append(f'<a href="{html.escape(href_of(entry))}"><title>{title}</title>{shape}</a>')
    if len(lanes) > MAX_LANES:
        return Strip(_histogram(placed, href_of), per_day=True)
    height = 18 + len(lanes) * LANE_HEIGHT + 30
    axis_y = height - 20
    ticks = []
    step = 1 if days <= 16 else 7 if days <= 120 else 30
    tick = first
    while tick <= last:
        label = tick.strftime("%-d %b") if step < 30 else tick.strftime("%b %Y")
        ticks.append(
            f'<line x1="{x(tick)}" y1="{axis_y - 4}" x2="{x(tick)}" y2="{axis_y + 2}" class="strip-tick"/>'
            f'<text x="{x(tick)}" y="{axis_y + 20}" class="strip-label">{label}</text>'
        )
        tick += dt.timedelta(days=step)
    summary = f"Overview of {len(placed)} dated events from {first:%-d %b %Y} to {last:%-d %b %Y}"
    return Strip(
        f'<svg class="strip" viewBox="0 0 {STRIP_WIDTH} {height}" role="group" aria-label="{summary}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<line x1="{MARGIN}" y1="{axis_y - 4}" x2="{STRIP_WIDTH - MARGIN}" y2="{axis_y - 4}" class="strip-axis"/>'
        + "".join(ticks)
        + "".join(marks)
        + "</svg>"
    )


def _histogram(placed: list[tuple[TimelineEntry, tuple[dt.date, dt.date]]], href_of) -> str:  # type: ignore[no-untyped-def]
    """Many entries: one bar per day, as tall as the number of entries that start that day."""
    per_day: dict[dt.date, list[TimelineEntry]] = {}
    for entry, (start, _stop) in placed:
        per_day.setdefault(start, []).append(entry)
    first, last = min(per_day), max(per_day)
    days = max(1, (last - first).days)
    scale = (STRIP_WIDTH - 2 * MARGIN) / days
    tallest = max(len(v) for v in per_day.values())
    height, base = 140, 110
    bars = []
    for day, items in sorted(per_day.items()):
        x = round(MARGIN + (day - first).days * scale, 1)
        h = round(4 + 96 * len(items) / tallest, 1)
        title = html.escape(f"{day:%-d %b %Y}: {len(items)} events")
        bars.append(
            f'<a href="{html.escape(href_of(items[0]))}"><title>{title}</title>'
            f'<rect x="{x - 2}" y="{base - h}" width="4" height="{h}" class="strip-event"/></a>'
        )
    labels = (
        f'<text x="{MARGIN}" y="{base + 20}" class="strip-label">{first:%-d %b %Y}</text>'
        f'<text x="{STRIP_WIDTH - MARGIN}" y="{base + 20}" class="strip-label">{last:%-d %b %Y}</text>'
    )
    summary = f"Events per day from {first:%-d %b %Y} to {last:%-d %b %Y}"
    return (
        f'<svg class="strip" viewBox="0 0 {STRIP_WIDTH} {height}" role="group" aria-label="{summary}" '
        f'xmlns="http://www.w3.org/2000/svg"><line x1="{MARGIN}" y1="{base}" x2="{STRIP_WIDTH - MARGIN}" '
        f'y2="{base}" class="strip-axis"/>' + "".join(bars) + labels + "</svg>"
    )
