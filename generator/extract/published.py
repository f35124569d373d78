"""When an article was published, and which year its year-less dates belong to."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from generator.core.model import DateValue, DroppedLine
from generator.core.types import Precision
from generator.core.words import DATELINE, YEAR
from generator.extract.timex.bridge import stated_days
from generator.extract.timex.vocab import day_number, iso, make_date, month_number

# What comes before a time stamp's date, which the tagger reads: 'Updated November 25, 2025', 'Published: 3 December
# 2025', '10:31 GMT 25.11.2025'
STAMP_CUE = re.compile(
    r"\b(?:Updated|Published|Posted|Last updated)[:\s]+(?:on\s+)?"
    r"|\b\d{1,2}:\d{2}\s*(?:GMT|UTC|CET|CEST|EET|EEST|MSK|ET|EST|EDT|BST)?,?\s+"
)
STAMP_REACH = 40  # characters after the cue in which its date starts


def year_resolver(
    explicit_years: list[tuple[int, int]], published: dt.date | None, fallback: int | None
) -> Callable[[int], int | None]:
    """Year for a year-less date: the published year, else the article's latest explicit year, else the story's.

    The latest rather than the nearest year: news articles name earlier years for background ("February 24,
    2022"), while their year-less dates speak of the reporting period.
    """
    if published is not None:
        return lambda position: published.year
    if explicit_years:
        latest = max(year for _position, year in explicit_years)
        return lambda position: latest
    return lambda position: fallback


def infer_published(raw_text: str, year_for: Callable[[int], int | None]) -> DateValue | None:
    """Read a published date off the text: a time stamp ('Updated November 25, 2025'), then a dateline."""
    head = raw_text[:3000]
    for cue in STAMP_CUE.finditer(head):
        rest = head[cue.end() : cue.end() + STAMP_REACH]
        stamp = next((t for t in stated_days(rest) if t.start == 0 and re.search(YEAR, t.text)), None)
        if stamp is not None:
            expression = head[cue.start() : cue.end() + stamp.end]
            return DateValue(stamp.value[:10], Precision.DAY, expression=expression, rule="time stamp in the text")
    for line in head.split("\n")[:8]:
        match = DATELINE.match(line.strip())
        if match and match.group("mon"):
            groups = match.groupdict()
            year = int(groups["y"]) if groups.get("y") else year_for(0)
            day = make_date(year, month_number(groups["mon"]), day_number(groups["d"]))
            if day:
                return DateValue(iso(day), Precision.DAY, expression=match.group(0).strip(), rule="dateline")
    return None


def filing_date(dropped: tuple[DroppedLine, ...], published: dt.date | None) -> dt.date | None:
    """The day a dateline set aside at ingest says the report was filed ('LISBON, March 3 (Wire) -'), when it
    is on or before the published date: what the report's own 'on Monday' and 'yesterday' are read against."""
    line = next((d for d in dropped if d.reason.startswith("dateline")), None)
    match = DATELINE.match(line.text) if line else None
    if published is None or match is None or not match.group("mon"):
        return None
    year = int(match.group("y")) if match.group("y") else published.year
    day = make_date(year, month_number(match.group("mon")), day_number(match.group("d")))
    if day is not None and day > published and not match.group("y"):
        day = make_date(year - 1, day.month, day.day)
    return day if day is not None and day <= published else None
