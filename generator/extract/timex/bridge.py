"""What the timeline takes from the TIMEX3 tagger beside the event-date finder: calendar units it cannot read.

'last week', 'two weeks ago', 'earlier this month', 'the third quarter', 'last fall' become dates (a day or a
month) or, for a week, quarter or season, an uncertain window (`after`/`before`) that the timeline shows as
such. Durations, sets and references ('now') are not events and are not taken.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.core.datepatterns import SPAN_BEFORE
from generator.core.model import DateMention, DateValue
from generator.core.types import DateRole, Precision
from generator.extract.timex.output import precision, window
from generator.extract.timex.tagger import tag

DESCRIBED_SEASON = re.compile(
    r"\b(?:a|an|the|every|each)\s+(?!(?:last|this|next|coming|past|early|late|mid)\b)(?:\w+\s+){1,3}$", re.I
)
RULES = {"relative-unit", "ago", "season", "fall", "quarter", "half", "year-quarter"}
# Every phrase those rules read has one of these words: a sentence without any is not tagged at all.
CUES = re.compile(r"week|month|year|quarter|ago\b|earlier|later|from now|hence|spring|summer|fall|autumn|winter"
                  r"|half", re.I)  # fmt: skip


def calendar_mentions(sentence_id: str, text: str, dct: dt.date, taken: list[DateMention]) -> list[DateMention]:
    """Calendar-unit dates of one sentence that no mention in `taken` overlaps."""
    if not CUES.search(text):  # the event finder calls this for every sentence: skip the tagger where it is idle
        return []
    found = []
    for item in tag(text, dct):
        overlaps = any(m.start < item.end and item.start < m.end for m in taken)
        if item.type != "DATE" or item.rule not in RULES or overlaps:
            continue
        if item.rule == "season" and DESCRIBED_SEASON.search(text[: item.start]):
            continue  # 'the worst summer of my life', 'a single good summer': a kind of season, not a date
        if SPAN_BEFORE.search(text[: item.start]):
            continue  # 'going nowhere since the spring': the start of a duration, not when anything happened
        value = calendar_value(item.value, item.text, f"{item.rule} (TIMEX3 {item.value}), from the published date")
        if value.date or value.after:
            found.append(DateMention(sentence_id, item.start, item.end, value, DateRole.WHEN))
    return found


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
