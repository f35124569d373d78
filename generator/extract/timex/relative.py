"""Rules for expressions read against the document's date: days, weekdays, calendar units, 'ago', references,
durations, sets and clock times."""

from __future__ import annotations

import datetime as dt
import re

from generator.extract.timex.rules import ANCHOR, QUAL_MODS, TENSE_REACH, Context, Reading, _mod
from generator.extract.timex.vocab import (
    ORDINALS,
    PARTS_OF_DAY,
    SET_ADVERBS,
    WEEKDAYS,
    duration,
    number,
    point,
    quarter,
    this_unit,
    unit_of,
    week,
)

DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
PRESENT = {"now", "currently", "current", "nowadays", "at present", "presently", "at the moment", "these days",
           "this time", "the moment", "right now", "just now"}  # fmt: skip
PAST = {"recently", "recent", "lately", "the past", "in the past", "formerly", "once", "previously", "earlier"}
FUTURE = {"the future", "future", "soon", "in the future", "shortly", "someday", "eventually", "later"}


def day_word(match: re.Match[str], ctx: Context) -> Reading:
    word = match["dw"].lower()
    day = ctx.dct + dt.timedelta(days=DAY_WORDS[word])
    part = (match["pod"] or "").lower() or ("night" if word == "tonight" else "")
    return Reading("TIME" if part else "DATE", day.isoformat() + (f"T{PARTS_OF_DAY[part]}" if part else ""))


def last_night(match: re.Match[str], ctx: Context) -> Reading:
    part = match["pod"].lower()
    return Reading("TIME", (ctx.dct - dt.timedelta(days=1)).isoformat() + f"T{PARTS_OF_DAY[part]}")


def this_part(match: re.Match[str], ctx: Context) -> Reading:
    return Reading("TIME", ctx.dct.isoformat() + f"T{PARTS_OF_DAY[match['pod'].lower()]}")


def weekday(match: re.Match[str], ctx: Context) -> Reading:
    target = WEEKDAYS.index(match["wd"].lower())
    rel = (match["rel"] or "").lower()
    delta = (target - ctx.dct.weekday()) % 7  # days ahead to the next one (0: the document's own day)
    if match.groupdict().get("nextweek"):  # 'Thursday of next week': that day of the week after the document's
        delta = 7 - ctx.dct.weekday() + target
    elif rel in ("next", "coming") or (not rel and ctx.tense == "future") or (rel == "this" and ctx.tense == "future"):
        delta = delta or 7
    elif rel == "last" or ctx.tense != "future":  # news reports the past: no cue reads as past
        delta = delta - 7 if delta else (-7 if rel == "last" else 0)
    day = (ctx.dct + dt.timedelta(days=delta)).isoformat()
    part = (match["pod"] or "").lower() if "pod" in match.re.groupindex else ""
    return Reading("DATE", day + (f"T{PARTS_OF_DAY[part]}" if part else ""), _mod(match))


def relative_unit(match: re.Match[str], ctx: Context) -> Reading:
    """'last week', 'this month', 'next year', 'the coming weeks', 'earlier this year'."""
    rel = (match["rel"] or "").lower()
    unit = match["unit"].lower().replace("period", "quarter")
    offset = -1 if rel in ("last", "previous", "past") else 1 if rel in ("next", "coming", "following") else 0
    if unit == "quarter" and rel in ("", "last", "latest", "recent", "most recent", "previous"):
        return Reading("DATE", point(ctx.dct, 1, "quarter", -1))  # the quarter just reported on
    if unit == "quarter":
        current = f"{ctx.dct.year}-Q{quarter(ctx.dct)}"
        return Reading("DATE", point(ctx.dct, offset, "quarter", 1) if offset else current)
    return Reading("DATE", this_unit(ctx.dct, unit, offset), _mod(match))


QUARTER_WORD = re.compile(r"\b(first|second|third|fourth)[- ]quarter|\bquarter", re.I)


def ago(match: re.Match[str], ctx: Context) -> Reading:
    """'three weeks ago', 'a year earlier', 'two days later': a point at the unit's granularity.

    In a sentence about a quarter's results, 'a year ago' is that quarter a year before.
    """
    count = number(match["n"])
    sign = 1 if match["dir"].lower() in ("later", "after", "from now", "hence") else -1
    if count == "X":
        return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if count == 1 and sign < 0 and match["unit"].lower().startswith("year") and ctx.quarter:
        return Reading("DATE", _year_before_quarter(ctx))
    return Reading("DATE", point(ctx.dct, count, match["unit"], sign), QUAL_MODS.get((match["qual"] or "").lower(), ""))


def year_ago_adjective(match: re.Match[str], ctx: Context) -> Reading:
    """'year-earlier', 'the year-ago quarter': the same period a year before."""
    if (match["period"] and "quarter" in match["period"].lower()) or ctx.quarter:
        return Reading("DATE", _year_before_quarter(ctx))
    return Reading("DATE", str(ctx.dct.year - 1))


def _year_before_quarter(ctx: Context) -> str:
    """The quarter a year before the one the passage reports on (the last one before the document's date)."""
    number = ctx.quarter or quarter(ctx.dct) - 1 or 4
    year = ctx.dct.year - (1 if number >= quarter(ctx.dct) else 0)
    return f"{year - 1}-Q{number}"


def reference_past(match: re.Match[str], ctx: Context) -> Reading:
    return Reading("DATE", "PAST_REF")


def year_quarter(match: re.Match[str], ctx: Context) -> Reading:
    offset = {"last": -1, "next": 1}.get(match["rel"].lower(), 0)
    return Reading("DATE", f"{ctx.dct.year + offset}-Q{ORDINALS[match['ord'].lower()]}")


def anchored_day(match: re.Match[str], ctx: Context) -> Reading:
    """'the next day', 'that same day', 'the day before': a day counted from the text's last full date."""
    if match["same"]:
        shift = 0
    elif (match["rel"] or "").lower() in ("next", "following") or (match["dir"] or "").lower() == "after":
        shift = 1
    else:
        shift = -1
    return Reading("DATE", f"{ANCHOR}{shift:+d}")


def that_unit(match: re.Match[str], ctx: Context) -> Reading:
    """'that day', 'later that year': the unit of the document's date (the text's own anchor is not known here)."""
    return Reading("DATE", this_unit(ctx.dct, match["unit"].lower()))


def year_end(match: re.Match[str], ctx: Context) -> Reading:
    return Reading("DATE", str(ctx.dct.year), "END")


HOLIDAYS = {"thanksgiving": None, "christmas": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1),
            "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4)}  # fmt: skip


def holiday(match: re.Match[str], ctx: Context) -> Reading:
    name = match["name"].lower().replace("’", "'").replace("thanksgiving day", "thanksgiving")
    rel = (match["rel"] or "").lower()
    if rel:
        year = ctx.dct.year + {"last": -1, "next": 1}.get(rel, 0)
        day = _holiday_day(name, year)
        return Reading("DATE", day.isoformat() if day else str(year))
    days = [d for d in (_holiday_day(name, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)) if d]
    if not days:
        return Reading("DATE", str(ctx.dct.year))
    nearest = min(days, key=lambda d: abs((d - ctx.dct).days))
    if ctx.tense == "past" and (nearest - ctx.dct).days > TENSE_REACH:
        nearest = days[days.index(nearest) - 1]
    elif ctx.tense == "future" and (ctx.dct - nearest).days > TENSE_REACH and nearest != days[-1]:
        nearest = days[days.index(nearest) + 1]
    return Reading("DATE", nearest.isoformat())


def _holiday_day(name: str, year: int) -> dt.date | None:
    if name == "thanksgiving":  # the fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    fixed = HOLIDAYS.get(name)
    return dt.date(year, *fixed) if fixed else None


def reference(match: re.Match[str], ctx: Context) -> Reading:
    word = " ".join(match.group(0).lower().split())
    if word in PRESENT:
        return Reading("DATE", "PRESENT_REF")
    return Reading("DATE", "PAST_REF" if word in PAST else "FUTURE_REF")


def span(match: re.Match[str], ctx: Context) -> Reading:
    """'three years', 'the past two months', 'a 48-hour', 'the first nine months', 'years'."""
    count = number(match["n"]) if match["n"] else "X"
    if match["n"] is None and not match["plural"]:
        count = 1
    return Reading("DURATION", duration(count, match["unit"]), _mod(match))


def unit_adjective(match: re.Match[str], ctx: Context) -> Reading:
    """'a two-year plan', 'a 48-hour strike'."""
    return Reading("DURATION", duration(number(match["n"]), match["unit"]))


def set_adverb(match: re.Match[str], ctx: Context) -> Reading:
    return Reading("SET", SET_ADVERBS[match.group(0).lower()])


def every(match: re.Match[str], ctx: Context) -> Reading:
    unit = match["unit"].lower()
    if unit in PARTS_OF_DAY:
        return Reading("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}")
    if unit in WEEKDAYS:
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS.index(unit) + 1}")
    count = number(match["n"]) if match["n"] else 1
    return Reading("SET", duration(count, unit))


def clock(match: re.Match[str], ctx: Context) -> Reading:
    """'10:35 a.m.', '9 a.m. Tuesday', '14:30 GMT': the time on the date it names (or the document's)."""
    hour = int(match["h"])
    minute = int(match["min"] or 0)
    half = (match["ampm"] or "").lower().replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return Reading("TIME", "XXXX-XX-XXTXX:XX")
    day = ctx.dct
    if match["wd"]:
        day = dt.date.fromisoformat(weekday(match, ctx).value)
    elif match["dw"]:
        day = ctx.dct + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[match["dw"].lower()])
    return Reading("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}")


def noon(match: re.Match[str], ctx: Context) -> Reading:
    return Reading("TIME", ctx.dct.isoformat() + ("T12:00" if match.group(0).lower().endswith("noon") else "T24:00"))


def weekend(match: re.Match[str], ctx: Context) -> Reading:
    rel = (match["rel"] or "").lower()
    offset = {"last": -1, "next": 1, "this": 0, "the": 0}.get(rel, 0)
    anchor = ctx.dct + dt.timedelta(weeks=offset)
    if not rel or rel == "the":
        anchor = ctx.dct - dt.timedelta(days=7) if ctx.dct.weekday() < 4 and ctx.tense == "past" else ctx.dct
    return Reading("DATE", week(anchor) + "-WE")


def unit_count(letter_unit: str) -> str:
    return unit_of(letter_unit)[0]
