"""Days the text names by what happened on them: a holiday it gave a date ('on Thanksgiving'), and an event it
named with its date ('the July 5 sinking', later 'the morning after the sinking')."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from generator.core.model import DateMention, DateValue
from generator.core.types import DateRole, Precision
from generator.extract.timex.vocab import iso

# 'On the afternoon of the sinking', 'the morning after the walkout', 'the day before the vote'
PART_OF_EVENT_DAY = re.compile(
    r"\b(?:on\s+)?the\s+(?:(?:early|late)\s+)?(?P<part>morning|afternoon|evening|night|day)\s+(?P<rel>of|after|before)"
    r"\s+the\s+(?P<noun>[a-z][a-z-]{3,})\b",
    re.I,
)
SHIFT = {"of": 0, "after": 1, "before": -1}


def _free(taken: list[DateMention], start: int) -> bool:
    return not any(m.start <= start < m.end for m in taken)


def holiday_mentions(
    sentence_id: str, text: str, holidays: dict[str, DateValue], taken: list[DateMention]
) -> list[DateMention]:
    """Bare mentions of a holiday the text named earlier with its date ('on Thanksgiving')."""
    found = []
    for name, value in holidays.items():
        short = re.escape(name.split()[0])
        for match in re.finditer(rf"\b{short}(?:\s+Day)?\b", text):
            if _free(taken, match.start()):
                holiday = replace(
                    value, expression=match.group(0), rule=f"holiday named earlier with its date ({name})"
                )
                found.append(DateMention(sentence_id, match.start(), match.end(), holiday, DateRole.WHEN))
    return found


def event_day_mentions(
    sentence_id: str, text: str, events: dict[str, DateValue], taken: list[DateMention]
) -> list[DateMention]:
    """'the morning after the sinking', where the text named 'the July 5 sinking' before: that day, shifted."""
    found = []
    for match in PART_OF_EVENT_DAY.finditer(text):
        value = events.get(match.group("noun").lower())
        if value is None or not value.date or value.precision != "day" or not _free(taken, match.start()):
            continue
        day = dt.date.fromisoformat(value.date) + dt.timedelta(days=SHIFT[match.group("rel").lower()])
        rule = f"{match.group('rel').lower()} the {match.group('noun').lower()}, named earlier with its date"
        resolved = DateValue(iso(day), Precision.DAY, expression=match.group(0).strip(), rule=rule)
        found.append(DateMention(sentence_id, match.start(), match.end(), resolved, DateRole.WHEN))
    return found
