"""The rules: one pattern per family of temporal expression, each with the function that gives its value.

A rule reads its match and a `Context` (the document's creation date and the tense around the match) and
returns a `Reading` (TIMEX3 type, value, modifier) or None to drop the match.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.core.words import ONES, TENS
from generator.extract.timex.vocab import (
    ORDINALS,
    SEASONS,
    day_number,
    month_number,
    quarter,
)


@dataclass(frozen=True)
class Context:
    dct: dt.date  # the document's creation (publication) date
    tense: str  # "past", "present" or "future": the verbs around the expression
    quarter: int = 0  # the quarter the sentence reports on (financial results), if it names one
    year: int = 0  # an explicit year written earlier in the sentence ("In 2019 ... on March 3"), if any


@dataclass(frozen=True)
class Reading:
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str = ""  # START | MID | END | APPROX | MORE_THAN | LESS_THAN ...


Rule = Callable[[re.Match[str], Context], Reading | None]
ANCHOR = "ANCHOR"  # a value "ANCHOR+1" is a day after the text's last full date, resolved once all are read
MODS = {"early": "START", "mid": "MID", "late": "END", "the end of": "END", "the beginning of": "START",
        "the start of": "START", "the middle of": "MID", "end of": "END", "beginning of": "START"}  # fmt: skip
QUALIFIER = (
    r"(?:(?P<qual>more than|less than|fewer than|nearly|almost|about|around|roughly|some|at least|at most"
    r"|up to|approximately|just over|just under)\s+)?"
)
QUAL_MODS = {"more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "less than": "LESS_THAN",
             "fewer than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN", "nearly": "APPROX",
             "almost": "APPROX", "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "some": "APPROX",
             "approximately": "APPROX", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
             "up to": "EQUAL_OR_LESS"}  # fmt: skip
PART = r"(?:(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)[\s-]+)?"


TENSE_REACH = 90  # days: a date this far on the other side of the document's date than its tense is moved


def _year_for(month: int, day: int | None, ctx: Context) -> int:
    """The year of a date written without one: the one nearest the document's date, unless that lies more
    than TENSE_REACH days the other way than the sentence's tense ('met in August', written in February)."""
    if ctx.year and ctx.year != ctx.dct.year:
        return ctx.year
    target = dt.date(ctx.dct.year, ctx.dct.month, 15 if day is None else ctx.dct.day)

    def distance(year: int) -> int:
        return (dt.date(year, month, min(day or 15, 28)) - target).days

    year = min((ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1), key=lambda y: (abs(distance(y)), y != ctx.dct.year))
    if ctx.tense == "past" and distance(year) > TENSE_REACH:
        return year - 1
    if ctx.tense == "future" and distance(year) < (-15 if day else -TENSE_REACH):
        return year + 1
    return year


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _mod(match: re.Match[str]) -> str:
    groups = match.groupdict()
    return MODS.get((groups.get("part") or "").lower(), "") or QUAL_MODS.get((groups.get("qual") or "").lower(), "")


# ── dates on the calendar ──


def full_date(match: re.Match[str], ctx: Context) -> Reading | None:
    value = _valid(int(match["y"]), month_number(match["mon"]), day_number(match["d"]))
    return Reading("DATE", value) if value else None


def weekday_date(match: re.Match[str], ctx: Context) -> Reading | None:
    """'Monday, Oct. 26': the date decides."""
    return full_date(match, ctx) if match["y"] else month_day(match, ctx)


def month_day(match: re.Match[str], ctx: Context) -> Reading | None:
    month, day = month_number(match["mon"]), day_number(match["d"])
    value = _valid(_year_for(month, day, ctx), month, day)
    return Reading("DATE", value) if value else None


def month_year(match: re.Match[str], ctx: Context) -> Reading:
    return Reading("DATE", f"{int(match['y']):04d}-{month_number(match['mon']):02d}", _mod(match))


def month_alone(match: re.Match[str], ctx: Context) -> Reading:
    month = month_number(match["mon"])
    rel = (match["rel"] or "").lower()
    if rel == "last":
        year = ctx.dct.year - 1
    elif rel == "next":
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    else:
        year = _year_for(month, None, ctx)
    return Reading("DATE", f"{year:04d}-{month:02d}", _mod(match))


def month_of_year(match: re.Match[str], ctx: Context) -> Reading:
    """'June last year', 'March next year'."""
    offset = {"last": -1, "next": 1}.get(match["rel"].lower(), 0)
    return Reading("DATE", f"{ctx.dct.year + offset:04d}-{month_number(match['mon']):02d}")


def year_alone(match: re.Match[str], ctx: Context) -> Reading:
    return Reading("DATE", match["y"], _mod(match))


def year_range_end(match: re.Match[str], ctx: Context) -> Reading | None:
    """The second year of '2019-2020' or '1998-99' (the first is a year of its own)."""
    text = match["y2"]
    start_year = int(match.string[match.start() - 5 : match.start() - 1])
    year = int(text) if len(text) == 4 else start_year // 100 * 100 + int(text)
    return Reading("DATE", str(year)) if 0 < year - start_year <= 20 else None


def decade(match: re.Match[str], ctx: Context) -> Reading:
    digits = match["dec"]
    century = digits[:2] if len(digits) == 4 else ("19" if int(digits[0]) > 2 else "20")
    return Reading("DATE", century + digits[-2], _mod(match))


def numeric_date(match: re.Match[str], ctx: Context) -> Reading | None:
    groups = match.groupdict()
    value = _valid(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    return Reading("DATE", value) if value else None


def quarter_of(match: re.Match[str], ctx: Context) -> Reading:
    n = ORDINALS[match["ord"].lower()]
    if match["y"]:
        return Reading("DATE", f"{match['y']}-Q{n}")
    year = ctx.dct.year - (1 if n > quarter(ctx.dct) and ctx.tense != "future" else 0)
    return Reading("DATE", f"{year}-Q{n}")


def half_of(match: re.Match[str], ctx: Context) -> Reading:
    n = ORDINALS[match["ord"].lower()]
    later = n == 2 and ctx.dct.month <= 6 and ctx.tense != "future"  # the second half not yet begun: last year's
    year = int(match["y"]) if match["y"] else ctx.dct.year - (1 if later else 0)
    return Reading("DATE", f"{year}-H{n}")


def season(match: re.Match[str], ctx: Context) -> Reading:
    code = SEASONS[match["season"].lower()]
    rel = (match["rel"] or "").lower()
    year = ctx.dct.year - (1 if code == "WI" and ctx.dct.month <= 2 else 0)  # January's winter began last year
    if match["y"]:
        year = int(match["y"])
    else:
        year += {"last": -1, "next": 1}.get(rel, 0)
    return Reading("DATE", f"{year}-{code}", _mod(match))


SPOKEN = {**ONES, **TENS}


def spoken_year(match: re.Match[str], ctx: Context) -> Reading:
    """'nineteen ninety-six' -> 1996."""
    century = 19 if match["c"].lower() == "nineteen" else 20
    return Reading("DATE", str(century * 100 + sum(SPOKEN[w] for w in re.split(r"[- ]", match["y"].lower()))))


def century(match: re.Match[str], ctx: Context) -> Reading:
    n = int(match["n"]) if match["n"] else ctx.dct.year // 100 + 1
    return Reading("DATE", f"{n - 1:02d}")


def fiscal(match: re.Match[str], ctx: Context) -> Reading:
    return Reading("DATE", match["y"])
