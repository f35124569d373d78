"""TIMEX3 readings as the timeline's dates: calendar units, weekdays and years by tense, stated days.

'last week', 'two weeks ago', 'earlier this month', 'the third quarter', 'last fall' become dates (a day or a
month) or, for a week, quarter or season, an uncertain window (`after`/`before`) that the timeline shows as
such. Durations, sets and references ('now') are not events and are not taken.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from generator.core.model import DateMention, DateValue
from generator.core.types import DateRole, DateRule, Precision
from generator.extract.timex.cues import SPAN_BEFORE
from generator.extract.timex.output import precision, window
from generator.extract.timex.tagger import Timex, tag

DESCRIBED_SEASON = re.compile(
    r"\b(?:a|an|the|every|each)\s+(?!(?:last|this|next|coming|past|early|late|mid)\b)(?:\w+\s+){1,3}$", re.I
)
RULES = {"relative-unit", "ago", "season", "fall", "quarter", "half", "year-quarter"}


def calendar_mentions(sentence_id: str, text: str, tagged: list[Timex], taken: list[DateMention]) -> list[DateMention]:
    """Calendar-unit dates of one sentence (`tagged`: the tagger's expressions in it) that no mention in `taken`
    overlaps."""
    found = []
    for item in tagged:
        overlaps = any(m.start < item.end and item.start < m.end for m in taken)
        if item.type != "DATE" or item.rule not in RULES or overlaps:
            continue
        if item.rule == "season" and DESCRIBED_SEASON.search(text[: item.start]):
            continue  # 'the worst summer of my life', 'a single good summer': a kind of season, not a date
        if SPAN_BEFORE.search(text[: item.start]) or _lasting(text, tagged, item):
            continue  # 'going nowhere since the spring': the start of a duration, not when anything happened
        value = calendar_value(item.value, item.text, f"{item.rule} (TIMEX3 {item.value}), from the published date")
        if value.date or value.after:
            found.append(DateMention(sentence_id, item.start, item.end, value, DateRole.WHEN))
    return found


WINDOW_RULES = frozenset({"season", "fall", "quarter", "half", "year-quarter"})


def _lasting(text: str, tagged: list[Timex], item: Timex) -> bool:
    """'For twenty days this autumn': a season that says over what time something lasted, not when it happened
    ('struck for 48 hours two months ago' is dated)."""
    return item.rule in WINDOW_RULES and any(
        t.type == "DURATION" and not text[t.end : item.start].strip() and SPAN_BEFORE.search(text[: t.start])
        for t in tagged
    )


# The tagger's rules that name a day of the calendar by its month and day (with or without its year)
DAY_RULES = frozenset({"weekday-date", "full-date", "day-month-year", "iso-date", "us-date", "numeric-dmy",
                       "month-day", "day-month"})  # fmt: skip
NO_DOCUMENT_DATE = dt.date(2000, 1, 1)  # where only a stated year counts, the document's date does not matter


def stated_days(text: str) -> list[Timex]:
    """The days of the calendar `text` states ('March 3', '3 March 2025', '25.11.2025'), as the tagger reads them;
    a year-less one takes an arbitrary year."""
    return [t for t in tag(text, NO_DOCUMENT_DATE) if t.rule in DAY_RULES]


def with_timex(mentions: list[DateMention], tagged: list[Timex]) -> list[DateMention]:
    """`mentions` with the TIMEX3 value of the tagger's date or time expression each one is read from."""
    out = []
    for mention in mentions:
        timex = next((t for t in tagged if t.start < mention.end and mention.start < t.end and t.type != "SET"), None)
        out.append(replace(mention, timex=timex.value) if timex and timex.type in ("DATE", "TIME") else mention)
    return out


def calendar_value(timex: str, expression: str, rule: str) -> DateValue:
    """A TIMEX3 calendar value as the timeline's DateValue: a day, month or year, else a window of days."""
    kind = precision(timex)
    if kind == "day":
        return DateValue(timex, Precision.DAY, expression=expression, rule=rule)
    if kind == "month":
        return DateValue(timex, Precision.MONTH, expression=expression, rule=rule)
    if kind == "year":
        return DateValue(timex, Precision.YEAR, expression=expression, rule=rule)
    after, before = window(timex)
    return DateValue(None, Precision.APPROX, after=after, before=before, expression=expression, rule=rule)


# The event finder's reading of a weekday with no forward-looking cue near it; the tagger reads the tense of the
# clause. Its narrative readings ('on the Saturday': the nearest to the previous date), 'Thursday of next week' and
# the weekdays it found a cue for stay: they use what the tagger does not see.
TAGGER_READS = (DateRule.WEEKDAY_BEFORE,)
YEAR_INFERRED = DateRule.YEAR_INFERRED  # the finder gave a year-less date the published year
DAY_VALUE = re.compile(r"\d{4}-\d\d(?:-\d\d)?")


def tagger_days(tagged: list[Timex], dct: dt.date, mentions: list[DateMention]) -> list[DateMention]:
    """`mentions` with the TIMEX3 tagger's reading where it reads the tense of the clause and the finder did not:
    a weekday ahead ('said on Monday the cabinet would meet on Thursday': the coming one), and the year of a
    year-less date across the new year ('met on December 30', published on 5 January: the year before)."""
    wanted = [m for m in mentions if m.value.rule in TAGGER_READS or m.value.rule.endswith(YEAR_INFERRED)]
    if not wanted:
        return mentions
    readings = [t for t in tagged if t.type in ("DATE", "TIME") and DAY_VALUE.match(t.value)]
    out = []
    for mention in mentions:
        timex = next((t for t in readings if t.start < mention.end and mention.start < t.end), None)
        if timex is not None and mention in wanted:
            mention = _reread(mention, timex.value, timex.rule, dct)
        out.append(mention)
    return out


def _reread(mention: DateMention, timex: str, rule: str, dct: dt.date) -> DateMention:
    value = mention.value
    if value.rule in TAGGER_READS and timex[:10] > dct.isoformat():
        return replace(mention, value=replace(value, date=timex[:10], rule=f"{rule} (TIMEX3 {timex[:10]})"))
    if not value.rule.endswith(YEAR_INFERRED) or not value.date or value.date[4:7] != timex[4:7]:
        return mention  # another reading of the month: the finder's stands
    shift = int(timex[:4]) - int(value.date[:4])
    if shift not in (-1, 1) or value.date[4:10] != (timex[4:10] if len(timex) >= 10 else value.date[4:10]):
        return mention

    def moved(day: str | None) -> str | None:
        return f"{int(day[:4]) + shift:04d}{day[4:]}" if day else None

    rule_text = f"{value.rule.removesuffix(YEAR_INFERRED)}, year read from the tense (TIMEX3 {timex[:10]})"
    return replace(mention, value=replace(value, date=moved(value.date), end=moved(value.end), rule=rule_text))
