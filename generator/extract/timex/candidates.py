"""The event finder's expressions, read off the TIMEX3 tagger's: each tagger expression that can date an event
becomes a `Found` of one `Family`, with the parts the finder resolves it from (month, day, year, weekday, …).

What the tagger has no rule for stays here as a pattern of its own: day ranges ('November 29-30', 'between
November 23 and 27', '29-30 November') and a holiday given its date ('Thanksgiving Day—November 27').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from generator.core.words import DAY, MONTH, YEAR
from generator.extract.timex.tagger import RULES, Timex
from generator.extract.timex.vocab import number


class Family(StrEnum):
    """What kind of date the finder reads an expression as (and the first words of its rule)."""

    ISO = "iso-date"
    NUMERIC = "numeric-dmy"
    HOLIDAY = "holiday-date"
    RANGE = "month-day-range"
    RANGE_MONTHS = "month-day-month-day"
    RANGE_DAY_FIRST = "day-range-month"
    MONTH_DAY_YEAR = "month-day-year"
    DAY_MONTH_YEAR = "day-month-year"
    MONTH_DAY = "month-day"
    DAY_MONTH = "day-month"
    MONTH_YEAR = "month-year"
    MONTH = "month-alone"
    WEEKDAY = "weekday"
    RELATIVE_DAY = "relative-day"
    SHIFTED = "shifted"
    SPAN = "relative-span"
    CLOCK_LEAD = "clock-lead"
    YEAR = "year"


@dataclass(frozen=True)
class Found:
    """One expression as the finder reads it: where it is, and its parts by name (as a regex match has them)."""

    family: Family
    begin: int
    finish: int
    text: str
    parts: dict[str, str | None] = field(default_factory=dict)

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, name: str | int = 0) -> str | None:
        return self.text if name == 0 else self.parts.get(str(name))

    def groupdict(self) -> dict[str, Any]:  # as a regex match's
        return dict(self.parts)


TAGGER = {name: pattern for name, pattern, _handler in RULES}
DASH = r"\s*[-–—]\s*"
RANGE_SEP = r"(?:\s*[-–—]\s*|\s+(?:to|through|until|and)\s+)"
HOLIDAY = (
    r"(?P<holiday>(?:[A-Z][a-z]+(?:['’]s)?\s+){1,3}(?:Day|Eve)|Thanksgiving|Christmas|Easter|Hanukkah|Ramadan"
    r"|Diwali|Passover|Eid(?:\s+al-[A-Z][a-z]+)?)"
)
OWN_PATTERNS: list[tuple[Family, re.Pattern[str]]] = [  # what TIMEX3 has no rule for; first wins a tie
    (Family.HOLIDAY, re.compile(
        rf"\b{HOLIDAY}\s*(?:[—–-]|,|\(|\s+on|\s+falls\s+on|\s+is)\s*(?P<mon>{MONTH})\s+(?P<d>{DAY})\b\)?"
        rf"(?:,?\s+(?P<y>{YEAR})\b)?")),
    (Family.RANGE, re.compile(
        rf"\b(?:(?P<between>[Bb]etween|[Ff]rom)\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY}){RANGE_SEP}(?P<d2>{DAY})\b"
        rf"(?![,.]?\d)(?:,?\s+(?P<y>{YEAR})\b)?")),
    (Family.RANGE_MONTHS, re.compile(
        rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY}){RANGE_SEP}(?P<mon2>{MONTH})\s+(?P<d2>{DAY})\b(?:,?\s+(?P<y>{YEAR})\b)?")),
    (Family.RANGE_DAY_FIRST,
     re.compile(rf"\b(?P<d>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR})\b)?")),
]  # fmt: skip

# The tagger's rules whose expressions keep their parts as they are
AS_IS = {
    "iso-date": Family.ISO, "us-date": Family.ISO, "numeric-dmy": Family.NUMERIC, "full-date": Family.MONTH_DAY_YEAR,
    "day-month-year": Family.DAY_MONTH_YEAR, "month-day": Family.MONTH_DAY, "day-month": Family.DAY_MONTH,
    "month-year": Family.MONTH_YEAR, "weekday": Family.WEEKDAY, "year": Family.YEAR,
}  # fmt: skip
MONTH_LEAD = re.compile(  # 'in November', 'since March', 'mid-June': a month alone that dates something
    r"(?:\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Tt]his|[Ll]ast|[Nn]ext|[Ee]nd\s+of|[Ss]tart\s+of"
    r"|[Bb]eginning\s+of)\s+|[Mm]id-\s*)$"
)
SPANS = re.compile(  # the spans before the published date the finder reads ('the past week', 'in recent days')
    r"\b(?:the\s+(?:past|last)\s+(?:week|few\s+days|month)|last\s+(?:week|month|year)"
    r"|earlier\s+this\s+(?:week|month|year)|this\s+(?:week|month|year)|(?:in\s+)?recent\s+(?:days|weeks))\b",
    re.I,
)
SPAN_LEAD = re.compile(r"\b(?:over|in)\s+$", re.I)
CLOCK_LEAD = re.compile(r"(?:(?:Shortly|Just|Soon)\s+)?(?:At|After|Before|By|Around|About)\s+(?:around\s+|about\s+)?",
                        re.I)  # fmt: skip  # 'At 8:40 p.m. the ferry left': the narrative's day goes on
EVENT_AFTER = re.compile(r"\s+the\s+[a-z]", re.I)
IN_YEAR = re.compile(rf"\s+in\s+(?P<y>{YEAR})\b")  # 'on the same day in 2024'
SHIFT_UNITS = ("minute", "hour", "day", "week")
DAY_WORDS = {"today": "today", "tonight": "today", "yesterday": "yest", "tomorrow": "tomorrow"}


def candidates(text: str, found: list[Timex]) -> list[Found]:
    """The finder's expressions in `text`, from the tagger's (`found`) and its own patterns: where they overlap,
    the longer wins, then its own; in text order."""
    own = [Found(family, m.start(), m.end(), m.group(0), m.groupdict())
           for family, pattern in OWN_PATTERNS for m in pattern.finditer(text)]  # fmt: skip
    read = [f for f in (_from_timex(text, t) for t in found) if f is not None]
    ranked = sorted(enumerate(own + read), key=lambda c: (c[1].begin - c[1].finish, c[0], c[1].begin))
    chosen: list[Found] = []
    for _priority, item in ranked:
        if not any(item.begin < c.finish and c.begin < item.finish for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda c: c.begin)


def _parts(text: str, timex: Timex) -> dict[str, str | None]:
    match = TAGGER[timex.rule].match(text, timex.start)
    return match.groupdict() if match and match.end() == timex.end else {}


def _from_timex(text: str, timex: Timex) -> Found | None:
    """The tagger's expression as the finder reads it, or None where the finder takes no date from it."""
    parts = _parts(text, timex)
    rule, begin, finish = timex.rule, timex.start, timex.end
    if rule in AS_IS:
        return Found(AS_IS[rule], begin, finish, timex.text, parts)
    if rule == "weekday-date":
        return Found(Family.MONTH_DAY_YEAR if parts.get("y") else Family.MONTH_DAY, begin, finish, timex.text, parts)
    if rule in ("month", "may", "rel-may"):  # the lead word is part of the expression ('in November')
        lead = None if parts.get("part") or parts.get("rel") else MONTH_LEAD.search(text[:begin])
        if lead:
            begin = lead.start()
        elif not (parts.get("part") or parts.get("rel")):
            return None
        return Found(Family.MONTH, begin, finish, text[begin:finish], parts)
    if rule in ("day-word", "last-night", "this-part", "anchored-day", "that-unit"):
        return _relative_day(text, timex, parts)
    if rule == "ago":
        count = number(parts.get("n") or "")
        unit = (parts.get("unit") or "").lower().rstrip("s")
        if (parts.get("dir") or "").lower() not in ("later", "earlier") or not isinstance(count, int):
            return None
        return Found(Family.SHIFTED, begin, finish, timex.text, parts) if unit in SHIFT_UNITS else None
    if rule in ("relative-unit", "span", "recent-units"):
        span = SPANS.search(timex.text)
        if span is None:
            return None
        lead = SPAN_LEAD.search(text[: begin + span.start()])  # 'Over the past week', 'in recent days'
        begin, finish = lead.start() if lead else begin + span.start(), begin + span.end()
        return Found(Family.SPAN, begin, finish, text[begin:finish], {"span": text[begin:finish]})
    if rule in ("clock", "clock-24h") and CLOCK_LEAD.fullmatch(text[:begin]):
        return Found(Family.CLOCK_LEAD, 0, finish, text[:finish], {})
    return None


def _relative_day(text: str, timex: Timex, parts: dict[str, str | None]) -> Found | None:
    """'yesterday', 'last night', 'this morning', 'the next day', 'the day before', 'that (same) day'."""
    rule = timex.rule
    if rule == "day-word":
        key = DAY_WORDS[(parts.get("dw") or "today").lower()]
    elif rule == "last-night":
        key = "yest"
    elif rule == "this-part":
        key = "today"
    elif rule == "that-unit":
        if (parts.get("unit") or "").lower() != "day":
            return None
        key = "same"
    elif parts.get("same"):
        key = "same"
    elif (parts.get("rel") or "").lower() in ("next", "following") or (parts.get("dir") or "").lower() == "after":
        key = "next"
    else:
        key = "prev"
    if parts.get("dir") and EVENT_AFTER.match(text, timex.end):
        return None  # 'the day after the sinking': a day named by its event (extract/named_days.py), not the text's
    finish, year = timex.end, None
    in_year = IN_YEAR.match(text, finish) if key == "same" else None
    if in_year:
        finish, year = in_year.end(), in_year.group("y")
    return Found(Family.RELATIVE_DAY, timex.start, finish, text[timex.start : finish], {key: timex.text, "y": year})
