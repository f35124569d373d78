"""The words of temporal expressions in news English, and the arithmetic of TIMEX3 values.

A TIMEX3 value is a date (`2013-03-22`), a month (`2013-03`), an ISO week (`2013-W12`), a year, a
quarter (`2013-Q1`), a season (`2013-SU`), a decade (`199`), a time (`2013-03-22T14:30`), a duration
(`P3D`, `PT48H`, `PXY` for an unspecified number), or a reference (`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`).
"""

from __future__ import annotations

import datetime as dt
import re

from generator.core.words import COUNT_WORDS, DAY, MONTH, MONTHS, ONES, TENS, WEEKDAY, WEEKDAYS, YEAR

__all__ = ["DAY", "MONTH", "MONTHS", "WEEKDAY", "WEEKDAYS", "YEAR"]  # the calendar words of core/words.py

NUMBER_WORDS: dict[str, int | str] = {
    "a": 1, "an": 1, **ONES, **TENS, "hundred": 100, "a few": "X", "few": "X", "several": "X", "many": "X",
    "some": "X", "a couple of": 2, "couple of": 2,
}  # fmt: skip
NUMBER = rf"(?:\d+(?:\.\d+)?|{COUNT_WORDS}|a couple of|couple of|a few|few|several|many|a|an|hundred)"
# unit word -> (TIMEX3 letter, whether it is a time unit written after 'T')
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False), "weekend": ("WE", False),
}  # fmt: skip
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centurie)s?"
ADJ_UNIT = r"(?:second|minute|hour|day|week|month|year|decade)"
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SET_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y",
    "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W", "biannually": "P6M",
}  # fmt: skip


def number(text: str) -> int | str:
    """A count written in digits or words ('three', 'twenty-five', 'several' -> 'X')."""
    text = text.lower().replace("-", " ").strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return "X"
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    tens, _, ones = text.partition(" ")
    high, low = NUMBER_WORDS.get(tens), NUMBER_WORDS.get(ones)
    return high + low if isinstance(high, int) and isinstance(low, int) else "X"


def unit_of(word: str) -> tuple[str, bool, int]:
    """(TIMEX3 letter, time unit?, multiplier) of a unit word, singular or plural."""
    word = word.lower().rstrip("s").replace("centurie", "century")
    letter, timed = UNITS.get(word, ("D", False))
    return letter, timed, 2 if word == "fortnight" else 1


def duration(count: int | str, unit: str) -> str:
    """A TIMEX3 duration: (3, 'days') -> 'P3D', (48, 'hours') -> 'PT48H', ('X', 'years') -> 'PXY'."""
    letter, timed, times = unit_of(unit)
    amount = count * times if isinstance(count, int) else count
    if letter == "Q":
        return f"P{amount * 3}M" if isinstance(amount, int) else "PXM"
    if letter == "DE":
        return f"P{amount * 10}Y" if isinstance(amount, int) else "PXDE"
    if letter == "CE":
        return f"P{amount * 100}Y" if isinstance(amount, int) else "PXCE"
    return f"P{'T' if timed else ''}{amount}{letter}"


def week(day: dt.date) -> str:
    year, number_, _ = day.isocalendar()
    return f"{year}-W{number_:02d}"


def quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def shift_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def point(anchor: dt.date, count: int | str, unit: str, sign: int) -> str:
    """The calendar value `count` units before (sign -1) or after (+1) the anchor, at the unit's granularity;
    an unknown one ('XXXX') when it falls outside the years 1–9999."""
    try:
        value = _point(anchor, count, unit, sign)
    except (OverflowError, ValueError):
        return "XXXX"
    return value if re.match(r"\d{4}(?:-|$)", value) else "XXXX"


def _point(anchor: dt.date, count: int | str, unit: str, sign: int) -> str:
    letter, timed, times = unit_of(unit)
    if not isinstance(count, int) or timed:
        return anchor.isoformat() if timed else {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX"}.get(letter, "XXXX-XX-XX")
    n = count * times * sign
    if letter == "D":
        return (anchor + dt.timedelta(days=n)).isoformat()
    if letter == "W":
        return week(anchor + dt.timedelta(weeks=n))
    if letter == "M":
        year, month = shift_months(anchor, n)
        return f"{year:04d}-{month:02d}"
    if letter == "Q":
        year, month = shift_months(anchor, 3 * n)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if letter == "DE":
        return str(anchor.year + 10 * n)
    return str(anchor.year + n)


def this_unit(anchor: dt.date, unit: str, offset: int = 0) -> str:
    """The calendar unit containing the anchor, or `offset` units away ('last week', 'next month')."""
    letter, _timed, _times = unit_of(unit)
    if letter == "WE":
        return week(anchor + dt.timedelta(weeks=offset)) + "-WE"
    return point(anchor, abs(offset), unit, -1 if offset < 0 else 1) if offset else point(anchor, 0, unit, 1)


def iso(day: dt.date) -> str:
    return day.isoformat()


def make_date(year: int | None, month: int, day: int) -> dt.date | None:
    """A calendar date, or None when the year is unknown or the day does not exist."""
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(token: str) -> int:
    return MONTHS[token.strip(".").lower()[:3]]


def day_number(token: str) -> int:
    return int(re.match(r"\d+", token).group(0))  # type: ignore[union-attr]
