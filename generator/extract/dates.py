"""Temporal tagging for news English: find date expressions and resolve them to ISO dates.

Every resolved value keeps the expression and the name of the rule that produced it. Nothing is read
from today's clock: year-less dates take their year from the article's published date, else the
nearest explicit year in the article, else the story file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.model import DateMention, DateValue

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d{2}|20\d{2}|21\d{2})"
DASH = r"\s*[-–—]\s*"

# Ordered by priority: earlier patterns win where spans overlap with equal length.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso-date", re.compile(rf"\b(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])\b")),
    ("numeric-dmy", re.compile(rf"\b(?P<d>[0-2]?\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{YEAR})\b")),
    (
        "month-day-range",
        re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY}){DASH}(?P<d2>{DAY})\b(?:,?\s+(?P<y>{YEAR})\b)?"),
    ),
    ("day-range-month", re.compile(rf"\b(?P<d>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR})\b)?")),
    ("month-day-year", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})\b")),
    ("day-month-year", re.compile(rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})\b")),
    ("month-day", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})\b(?![,.]?\d|\s*(?:%|percent|per cent))")),
    ("day-month", re.compile(rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})(?!\s*\d)")),
    (
        "month-year",
        re.compile(
            rf"\b(?:(?P<part>early|mid|late|the end of|the beginning of|the start of)[\s-]+)?"
            rf"(?P<mon>{MONTH})\s+(?P<y>{YEAR})\b"
        ),
    ),
    (
        "month-alone",
        re.compile(
            rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]his|[Ll]ast|[Nn]ext"
            rf"|[Ee]nd of|[Ss]tart of|[Bb]eginning of)\s+(?P<mon>{MONTH})(?!\s*\d)"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<dir>next|last|this|coming|past)\s+)?(?P<wd>{WEEKDAY})(?:['’]s)?\b"
            rf"(?P<nextweek>\s+of\s+next\s+week)?"
        ),
    ),
    (
        "relative-day",
        re.compile(
            r"\b(?:(?:the|that)\s+(?:very\s+)?(?P<same>same\s+day)|(?P<samedayon>on\s+this\s+day|that\s+day)"
            r"|(?:the\s+)?(?P<next>next|following)\s+day|(?P<later>a|one)\s+day\s+later"
            r"|the\s+(?P<prev>day\s+before|previous\s+day)|(?P<yest>yesterday)|(?P<today>today|tonight|this\s+morning)"
            r"|(?P<tomorrow>tomorrow))\b(?:\s+in\s+(?P<y>" + YEAR + r"))?",
            re.I,
        ),
    ),
    (
        "relative-span",
        re.compile(
            r"\b(?P<span>(?:over\s+)?the\s+(?:past|last)\s+(?:week|few\s+days|month)|last\s+(?:week|month)"
            r"|earlier\s+this\s+(?:week|month)|this\s+(?:week|month)|(?:in\s+)?recent\s+(?:days|weeks))\b",
            re.I,
        ),
    ),
    ("year", re.compile(rf"(?<![\d,.$£€-])(?P<y>{YEAR})(?![\d,%]|\s*(?:-|–)\s*\d)")),
]

ORDER_WORDS = re.compile(
    r"^(?:(?:And\s+)?(?:Then|Later|Afterwards?|Subsequently|Shortly\s+after(?:wards)?|Soon\s+after(?:wards)?"
    r"|Hours\s+later|Days\s+later)\b|(?:After|Following)\s+(?!\d)(?P<what>[^,]{3,60}?),)",
)
YEAR_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|before|after|during|early|late|mid|the|year|spring|summer|autumn|fall"
    r"|winter|between|and|to)|[,(—–-])\s*$",
    re.I,
)
STATISTIC_AFTER = re.compile(r"^\s*alone\b|^\s*so far\b", re.I)
SPAN_BEFORE = re.compile(r"\b(?:since|for|over)\s+(?:the\s+)?$", re.I)
NAMED_EVENT_AFTER = re.compile(
    r"^\s+((?:[A-Z][\w’'-]+)(?:\s+(?:of|the|and|for|[A-Z][\w’'-]+))*[A-Z][\w’'-]*|[A-Z][\w’'-]+)"
)
REFERENCE_AFTER = re.compile(r"^[\s,]*(?:deadline|cut-?off)\b", re.I)
FORWARD_CONTEXT = re.compile(
    r"\b(?:until|till|by|before|no later than|deadline|due|will|scheduled|expected)\b[^.]*$", re.I
)


@dataclass
class DateContext:
    """What relative expressions resolve against."""

    published: dt.date | None = None
    year_for: Callable[[int], int | None] = lambda position: None
    anchor: DateValue | None = None  # the previous dated anchor in the text


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month(token: str) -> int:
    return MONTHS[token.strip(".").lower()[:3]]


def _day(token: str) -> int:
    return int(re.match(r"\d+", token).group(0))  # type: ignore[union-attr]


def _undated(expression: str, rule: str) -> DateValue:
    return DateValue(None, "undated", expression=expression, rule=rule + " (no year known)")


def _from_anchor(anchor: DateValue | None, expression: str, rule: str, shift: int = 0) -> DateValue:
    """Resolve 'the next day', 'that same day' against the previous dated anchor."""
    if anchor is None:
        return DateValue(None, "approx", expression=expression, rule=rule + " (no earlier date in the text)")
    if anchor.precision == "day" and anchor.date and shift:
        day = dt.date.fromisoformat(anchor.date) + dt.timedelta(days=shift)
        return DateValue(_iso(day), "day", expression=expression, rule=rule)
    if shift == 0:
        return replace(anchor, expression=expression, rule=rule)
    bound = anchor.date or anchor.after
    return DateValue(
        None,
        "approx",
        after=bound if shift > 0 else None,
        before=bound if shift < 0 else None,
        expression=expression,
        rule=rule,
    )


def _resolve(rule: str, match: re.Match[str], ctx: DateContext, position: int) -> DateValue | None:
    text = match.group(0)
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    if rule in ("iso-date", "numeric-dmy"):
        day = _date(year, int(groups["m"]), int(groups["d"]))
        return DateValue(_iso(day), "day", expression=text, rule=rule) if day else None
    if rule in ("month-day-range", "day-range-month"):
        month = _month(groups["mon"])
        year = year or ctx.year_for(position)
        start, end = _date(year, month, _day(groups["d"])), _date(year, month, _day(groups["d2"]))
        if start is None or end is None or end <= start:
            return _undated(text, rule) if year is None else None
        return DateValue(
            _iso(start),
            "range",
            end=_iso(end),
            expression=text,
            rule=rule if groups.get("y") else rule + ", year inferred",
        )
    if rule in ("month-day-year", "day-month-year", "month-day", "day-month"):
        inferred = year is None
        year = year or ctx.year_for(position)
        if year is None:
            return _undated(text, rule)
        day = _date(year, _month(groups["mon"]), _day(groups["d"]))
        if day is None:
            return None
        return DateValue(_iso(day), "day", expression=text, rule=rule + (", year inferred" if inferred else ""))
    if rule == "month-year":
        return DateValue(f"{year:04d}-{_month(groups['mon']):02d}", "month", expression=text, rule=rule)
    if rule == "month-alone":
        year = ctx.year_for(position)
        if year is None:
            return _undated(text, rule)
        return DateValue(
            f"{year:04d}-{_month(groups['mon']):02d}", "month", expression=text, rule=rule + ", year inferred"
        )
    if rule == "weekday":
        return _weekday(groups, text, ctx)
    if rule == "relative-day":
        return _relative_day(groups, text, ctx)
    if rule == "relative-span":
        return _relative_span(groups["span"].lower(), text, ctx)
    if rule == "year":
        return DateValue(f"{year:04d}", "year", expression=text, rule=rule)
    return None


def _weekday(groups: dict, text: str, ctx: DateContext) -> DateValue:
    if ctx.published is None:
        return DateValue(None, "approx", expression=text, rule="weekday (published date unknown)")
    target = WEEKDAYS.index(groups["wd"].lower())
    direction = (groups.get("dir") or "").lower()
    ahead = direction in ("next", "coming") or bool(groups.get("nextweek")) or groups.get("forward", False)
    if ahead:
        delta = (target - ctx.published.weekday()) % 7 or 7
        if groups.get("nextweek"):
            monday = ctx.published + dt.timedelta(days=7 - ctx.published.weekday())
            day = monday + dt.timedelta(days=target)
        else:
            day = ctx.published + dt.timedelta(days=delta)
        return DateValue(_iso(day), "day", expression=text, rule="weekday, forward from published date")
    delta = (ctx.published.weekday() - target) % 7
    if direction in ("last", "past") and delta == 0:
        delta = 7
    day = ctx.published - dt.timedelta(days=delta)
    return DateValue(_iso(day), "day", expression=text, rule="weekday, latest on or before published date")


def _relative_day(groups: dict, text: str, ctx: DateContext) -> DateValue:
    if groups.get("same") or groups.get("samedayon"):
        value = _from_anchor(ctx.anchor, text, "same day as the previous date")
        if groups.get("y") and value.date and value.precision == "day":
            moved = _date(int(groups["y"]), int(value.date[5:7]), int(value.date[8:10]))
            if moved:
                return DateValue(_iso(moved), "day", expression=text, rule="same day, in the year named")
        return value
    if groups.get("next") or groups.get("later"):
        return _from_anchor(ctx.anchor, text, "day after the previous date", 1)
    if groups.get("prev"):
        return _from_anchor(ctx.anchor, text, "day before the previous date", -1)
    shift = -1 if groups.get("yest") else 1 if groups.get("tomorrow") else 0
    if ctx.published is None:
        return DateValue(None, "approx", expression=text, rule="relative to the published date (unknown)")
    day = ctx.published + dt.timedelta(days=shift)
    return DateValue(_iso(day), "day", expression=text, rule="relative to the published date")


def _relative_span(span: str, text: str, ctx: DateContext) -> DateValue:
    if ctx.published is None:
        return DateValue(None, "approx", expression=text, rule="span before the published date (unknown)")
    pub = ctx.published
    if "month" in span:
        if "earlier this" in span or span.startswith("this"):
            start = pub.replace(day=1)
        else:
            start = (pub.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return DateValue(
            None, "approx", after=_iso(start), before=_iso(pub), expression=text, rule="span before the published date"
        )
    days = 7 if "week" in span else 4 if "few days" in span else 21 if "weeks" in span else 7
    return DateValue(
        None,
        "approx",
        after=_iso(pub - dt.timedelta(days=days)),
        before=_iso(pub),
        expression=text,
        rule="span before the published date",
    )


def _year_role(sentence: str, match: re.Match[str]) -> str | None:
    """Decide whether a bare year is a date at all, and what kind: None drops it."""
    before, after = sentence[: match.start()], sentence[match.end() :]
    if STATISTIC_AFTER.match(after):
        return None  # "In 2025 alone, ... killed": a yearly statistic, not an event
    if SPAN_BEFORE.search(before):
        return None  # "since 2014": the start of a duration
    if NAMED_EVENT_AFTER.match(after) and re.search(r"\bthe\s+$", before, re.I):
        return "named"  # "the 2004 Orange Revolution"
    if not YEAR_CONTEXT_BEFORE.search(before) and not re.match(r"^\s*(?:[,.;:)]|$)", after):
        return None  # "2000 drones": a count
    return "when"


def find_dates(sentence_id: str, text: str, ctx: DateContext, position: int = 0) -> list[DateMention]:
    """All date expressions of one sentence, resolved, in text order. Updates nothing."""
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    for priority, (rule, pattern) in enumerate(PATTERNS):
        for match in pattern.finditer(text):
            candidates.append((match.start(), -(match.end() - match.start()), priority, rule, match))
    candidates.sort(key=lambda c: (c[1], c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[str, re.Match[str]]] = []
    for start, _neg, _p, rule, match in candidates:
        if any(start < end and match.end() > begin for begin, end in taken):
            continue
        taken.append((start, match.end()))
        chosen.append((rule, match))
    chosen.sort(key=lambda c: c[1].start())
    mentions: list[DateMention] = []
    for rule, match in chosen:
        role = "when"
        if rule == "year":
            role = _year_role(text, match)
            if role is None:
                continue
        if rule == "weekday" and FORWARD_CONTEXT.search(text[: match.start()]):
            groups = dict(match.groupdict(), forward=True)
            value = _weekday(groups, match.group(0), ctx)
        else:
            value = _resolve(rule, match, ctx, position)
        if value is None:
            continue
        if REFERENCE_AFTER.match(text[match.end() :]):
            role = "reference"  # "the November 27 deadline": names a date, does not date the sentence
        mentions.append(DateMention(sentence_id, match.start(), match.end(), value, role))
    order = ORDER_WORDS.match(text)
    if order and not any(m.role == "when" and m.start < 40 and m.value.precision != "year" for m in mentions):
        anchor = ctx.anchor
        bound = (anchor.end or anchor.date or anchor.after) if anchor else None
        value = DateValue(
            None,
            "approx",
            after=bound,
            expression=order.group(0).rstrip(","),
            rule="order word: after the previous date",
        )
        mentions.insert(0, DateMention(sentence_id, order.start(), order.end(), value, "when"))
    return mentions


def sentence_when(mentions: list[DateMention]) -> DateMention | None:
    """The expression that dates the sentence itself: explicit dates beat relative ones."""
    whens = [m for m in mentions if m.role == "when"]
    if not whens:
        return None
    explicit = [
        m
        for m in whens
        if m.value.precision in ("day", "range", "month")
        and "previous date" not in m.value.rule
        and "same day" not in m.value.rule
    ]
    leading = whens[0]
    if explicit and (leading.value.precision in ("approx", "undated", "year") or leading is explicit[0]):
        if leading.value.precision == "approx" and leading.value.rule.startswith("order word"):
            return leading
        return explicit[0]
    return leading


def bound_approximations(dated: list[tuple[int, DateMention]]) -> dict[int, DateMention]:
    """Give 'after X' approximations an upper bound: the next explicit later date in the text."""
    bounded: dict[int, DateMention] = {}
    for i, (position, mention) in enumerate(dated):
        value = mention.value
        if value.precision != "approx" or value.after is None or value.before is not None:
            continue
        for _pos, later in dated[i + 1 :]:
            candidate = later.value.date if later.value.precision in ("day", "range") else None
            if candidate and candidate > value.after:
                bounded[position] = replace(mention, value=replace(value, before=candidate))
                break
    return bounded


def year_resolver(
    explicit_years: list[tuple[int, int]], published: dt.date | None, fallback: int | None
) -> Callable[[int], int | None]:
    """Year for a year-less date: the published year, else the article's latest explicit year, else the story's.

    The latest year rather than the nearest: news articles name earlier years for background ("February 24,
    2022"), while their year-less dates speak of the reporting period.
    """
    if published is not None:
        return lambda position: published.year
    if explicit_years:
        latest = max(year for _position, year in explicit_years)
        return lambda position: latest
    return lambda position: fallback


STAMP_PATTERNS = [
    re.compile(
        rf"\b(?:Updated|Published|Posted|Last updated)[:\s]+(?:on\s+)?(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH})\s+"
        rf"(?P<d>{DAY}),?\s+(?P<y>{YEAR})"
    ),
    re.compile(rf"\b(?:Updated|Published|Posted)[:\s]+(?P<d>{DAY})\s+(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})"),
    re.compile(
        rf"\b\d{{1,2}}:\d{{2}}\s*(?:GMT|UTC|CET|EET|MSK|ET|EST|EDT)?,?\s+(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{YEAR})\b"
    ),
]
DATELINE = re.compile(rf"^[A-Z][A-Z .'-]{{2,40}},\s+(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?\b")


def infer_published(raw_text: str, year_for: Callable[[int], int | None]) -> DateValue | None:
    """Read a published date off the text: time stamps, then a dateline."""
    head = raw_text[:3000]
    for pattern in STAMP_PATTERNS:
        match = pattern.search(head)
        if match:
            groups = match.groupdict()
            month = int(groups["m"]) if groups.get("m") else _month(groups["mon"])
            day = _date(int(groups["y"]), month, _day(groups["d"]))
            if day:
                return DateValue(_iso(day), "day", expression=match.group(0), rule="time stamp in the text")
    for line in head.split("\n")[:6]:
        match = DATELINE.match(line.strip())
        if match:
            groups = match.groupdict()
            year = int(groups["y"]) if groups.get("y") else year_for(0)
            day = _date(year, _month(groups["mon"]), _day(groups["d"]))
            if day:
                return DateValue(_iso(day), "day", expression=match.group(0), rule="dateline")
    return None
