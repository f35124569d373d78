"""The event finder: the TIMEX3 tagger's expressions of one sentence, each given its role and resolved for the
timeline.

The tagger (extract/timex) is the one reader of dates; this layer decides what each of its expressions does in
the sentence (the event's own time, a deadline or reference, a named event, a dateline; the cues are in
extract/timex/cues.py) and resolves relative ones against the narrative: the previous dated anchor ('the next
day', 'five days later', 'on the Saturday'), the holidays and events the text named with a date, and the
published date. Nothing is read from today's clock; every value keeps its expression and the rule that read it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from generator.core.model import DateMention, DateValue
from generator.core.types import DateRole, DateRule, Precision
from generator.core.words import DATELINE
from generator.extract.named_days import event_day_mentions, holiday_mentions
from generator.extract.timex.bridge import (
    NO_DOCUMENT_DATE,
    calendar_mentions,
    calendar_value,
    tagger_days,
    with_timex,
)
from generator.extract.timex.candidates import Family, Found, candidates
from generator.extract.timex.cues import (
    BOUND_BEFORE,
    BRIEF,
    CLOCK,
    COMPARISON_BEFORE,
    EVENT_NAME_AFTER,
    FORWARD_CONTEXT,
    FUTURE_BEFORE,
    INDEFINITE_BEFORE,
    NAMED_EVENT_AFTER,
    NARRATIVE_WEEKDAY_BEFORE,
    NUMBER_SLASH,
    ORDER_WORDS,
    QUANTITY,
    REFERENCE_AFTER,
    SPAN_BEFORE,
    STATISTIC_AFTER,
    STATISTIC_YEAR_BEFORE,
    WEEKDAY_OF_DATE_AFTER,
    WEEKDAY_OF_DATE_BEFORE,
    WEEKDAY_SPAN_AFTER,
    WEEKDAY_SPAN_BEFORE,
    YEAR_CONTEXT_BEFORE,
    YEAR_RANGE_AFTER,
    YEAR_RANGE_BEFORE,
)
from generator.extract.timex.tagger import tag
from generator.extract.timex.vocab import WEEKDAYS, day_number, iso, make_date, month_number, number, this_unit

CHAINED = (DateRule.PREVIOUS_DATE, DateRule.SAME_DAY, DateRule.ORDER_WORD)  # a date read off another date


def chained(value: DateValue) -> bool:
    """Whether a date was read off another date of the text ('the next day', 'that same day', 'Then') rather
    than stated in its sentence."""
    return any(marker in value.rule for marker in CHAINED)


@dataclass
class DateContext:
    """What relative expressions resolve against."""

    published: dt.date | None = None
    year_for: Callable[[int], int | None] = lambda position: None
    anchor: DateValue | None = None  # the previous dated anchor in the text
    latest: DateValue | None = None  # the latest day the text has reached so far (flashbacks do not move it back)
    holidays: dict[str, DateValue] = field(default_factory=dict)  # holidays the text has named with a date
    events: dict[str, DateValue] = field(default_factory=dict)  # 'sinking' -> its date, from 'the July 5 sinking'


def _undated(expression: str, rule: str) -> DateValue:
    return DateValue(None, Precision.UNDATED, expression=expression, rule=rule + " (no year known)")


def _from_anchor(anchor: DateValue | None, expression: str, rule: str, shift: int = 0) -> DateValue:
    """Resolve 'the next day', 'that same day' against the previous dated anchor."""
    if anchor is None:
        return DateValue(None, Precision.APPROX, expression=expression, rule=rule + " (no earlier date in the text)")
    if anchor.precision == "day" and anchor.date and shift:
        day = dt.date.fromisoformat(anchor.date) + dt.timedelta(days=shift)
        return DateValue(iso(day), Precision.DAY, expression=expression, rule=rule)
    if shift == 0:
        return replace(anchor, expression=expression, rule=rule)
    bound = anchor.end or anchor.date or anchor.after
    return DateValue(
        None,
        Precision.APPROX,
        after=bound if shift > 0 else None,
        before=bound if shift < 0 else None,
        expression=expression,
        rule=rule,
    )


def _day_value(groups: dict, text: str, rule: str, ctx: DateContext, position: int) -> DateValue | None:
    given = groups.get("y")
    year = int(given) if given else ctx.year_for(position)
    if year is None:
        return _undated(text, rule)
    day = make_date(year, month_number(groups["mon"]), day_number(groups["d"]))
    if day is None:
        return None
    return DateValue(iso(day), Precision.DAY, expression=text, rule=rule + ("" if given else DateRule.YEAR_INFERRED))


def _range_value(groups: dict, text: str, rule: str, ctx: DateContext, position: int) -> DateValue | None:
    given = groups.get("y")
    year = int(given) if given else ctx.year_for(position)
    if year is None:
        return _undated(text, rule)
    start_month = month_number(groups["mon"])
    end_month = month_number(groups["mon2"]) if groups.get("mon2") else start_month
    start = make_date(year, start_month, day_number(groups["d"]))
    end = make_date(year, end_month, day_number(groups["d2"]))
    if start is None or end is None or end <= start or (end - start).days > 62:
        return None
    rule = rule + ("" if given else DateRule.YEAR_INFERRED)
    if (groups.get("between") or "").lower() == "between":
        # "between November 23 and 27": one day somewhere in the window, not every day of it
        return DateValue(None, Precision.APPROX, after=iso(start), before=iso(end), expression=text, rule=rule)
    return DateValue(iso(start), Precision.RANGE, end=iso(end), expression=text, rule=rule)


def _resolve(rule: Family, match: Found, ctx: DateContext, position: int) -> DateValue | None:
    text = match.text
    groups = match.groupdict()
    if rule in (Family.ISO, Family.NUMERIC):
        day = make_date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        return DateValue(iso(day), Precision.DAY, expression=text, rule=rule) if day else None
    if rule in (Family.RANGE, Family.RANGE_DAY_FIRST, Family.RANGE_MONTHS):
        return _range_value(groups, text, rule, ctx, position)
    if rule in (Family.MONTH_DAY_YEAR, Family.DAY_MONTH_YEAR, Family.MONTH_DAY, Family.DAY_MONTH, Family.HOLIDAY):
        value = _day_value(groups, text, rule, ctx, position)
        if rule == Family.HOLIDAY and value and value.date:
            ctx.holidays[groups["holiday"].strip()] = value
        return value
    if rule == Family.MONTH_YEAR:
        return DateValue(
            f"{int(groups['y']):04d}-{month_number(groups['mon']):02d}", Precision.MONTH, expression=text, rule=rule
        )
    if rule == Family.MONTH:
        year = ctx.year_for(position)
        if year is None:
            return _undated(text, rule)
        month = f"{year:04d}-{month_number(groups['mon']):02d}"
        return DateValue(month, Precision.MONTH, expression=text, rule=rule + DateRule.YEAR_INFERRED)
    if rule == Family.WEEKDAY:
        return _weekday(groups, text, ctx)
    if rule == Family.RELATIVE_DAY:
        return _relative_day(groups, text, ctx)
    if rule == Family.CLOCK_LEAD:
        return _from_anchor(ctx.anchor, text, "a time of day: same day as the previous date")
    if rule == Family.SHIFTED:
        return _shifted(groups, text, ctx)
    if rule == Family.SPAN:
        return _relative_span(groups["span"].lower(), text, ctx)
    if rule == Family.YEAR:
        return DateValue(groups["y"], Precision.YEAR, expression=text, rule=rule)
    return None


def _weekday(groups: dict, text: str, ctx: DateContext) -> DateValue:
    if ctx.published is None:
        return DateValue(None, Precision.APPROX, expression=text, rule="weekday (published date unknown)")
    target = WEEKDAYS.index(groups["wd"].lower())
    direction = (groups.get("rel") or "").lower()
    pub = ctx.published
    if groups.get("nextweek"):
        monday = pub + dt.timedelta(days=7 - pub.weekday())
        day = monday + dt.timedelta(days=target)
        return DateValue(iso(day), Precision.DAY, expression=text, rule="weekday of next week, from the published date")
    if direction in ("next", "coming") or groups.get("forward"):
        delta = (target - pub.weekday()) % 7 or 7
        day = pub + dt.timedelta(days=delta)
        return DateValue(iso(day), Precision.DAY, expression=text, rule=DateRule.WEEKDAY_AHEAD)
    delta = (pub.weekday() - target) % 7
    if direction in ("last", "past") and delta == 0:
        delta = 7
    day = pub - dt.timedelta(days=delta)
    return DateValue(iso(day), Precision.DAY, expression=text, rule=DateRule.WEEKDAY_BEFORE)


def _narrative_weekday(name: str, text: str, ctx: DateContext) -> DateValue:
    """'On the Saturday', 'that Friday': the one nearest the narrative's last date (on or after it on a tie)."""
    anchor = ctx.anchor
    if anchor is None or anchor.precision != "day" or not anchor.date:
        return _weekday({"wd": name}, text, ctx)
    start = dt.date.fromisoformat(anchor.date)
    ahead = (WEEKDAYS.index(name.lower()) - start.weekday()) % 7
    day = start + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)
    return DateValue(iso(day), Precision.DAY, expression=text, rule="weekday, the nearest to the previous date")


def _shifted(groups: dict, text: str, ctx: DateContext) -> DateValue:
    """'Five days later', 'two weeks earlier', 'twenty minutes later': from the narrative's last date."""
    count = int(number(groups["n"]))  # the pattern admits only words with a number
    unit = groups["unit"].lower().rstrip("s")
    days = 0 if unit in ("minute", "hour") else count * (7 if unit == "week" else 1)
    sign = 1 if groups["dir"].lower() == "later" else -1
    return _from_anchor(
        ctx.anchor, text, f"{count} {unit}(s) {groups['dir'].lower()} {DateRule.SHIFTED}", sign * days
    )


def _relative_day(groups: dict, text: str, ctx: DateContext) -> DateValue:
    if groups.get("same") or groups.get("samedayon"):
        value = _from_anchor(ctx.anchor, text, "same day as the previous date")
        if groups.get("y") and value.date and value.precision == "day":
            moved = make_date(int(groups["y"]), int(value.date[5:7]), int(value.date[8:10]))
            if moved:
                return DateValue(iso(moved), Precision.DAY, expression=text, rule="same day, in the year named")
        return value
    if groups.get("next") or groups.get("later"):
        return _from_anchor(ctx.anchor, text, "day after the previous date", 1)
    if groups.get("prev"):
        return _from_anchor(ctx.anchor, text, "day before the previous date", -1)
    shift = -1 if groups.get("yest") else 1 if groups.get("tomorrow") else 0
    if ctx.published is None:
        return DateValue(None, Precision.APPROX, expression=text, rule="relative to the published date (unknown)")
    day = ctx.published + dt.timedelta(days=shift)
    return DateValue(iso(day), Precision.DAY, expression=text, rule="relative to the published date")


def _relative_span(span: str, text: str, ctx: DateContext) -> DateValue:
    """'last week', 'this month', 'earlier this year': the calendar unit (TIMEX3's reading); 'the past week',
    'recent days': the span that ends on the published date."""
    if ctx.published is None:
        return DateValue(None, Precision.APPROX, expression=text, rule="span before the published date (unknown)")
    pub = ctx.published
    unit = next((u for u in ("year", "month", "week") if u in span), "")
    calendar_unit = re.fullmatch(r"(?:last|this|earlier this)\s+(?:week|month|year)", " ".join(span.lower().split()))
    if unit and calendar_unit:
        timex = this_unit(pub, unit, -1 if span.lower().startswith("last") else 0)
        return calendar_value(timex, text, f"{'previous' if span.lower().startswith('last') else 'current'} "
                               f"calendar {unit} of the published date (TIMEX3 {timex})")  # fmt: skip
    rule = "span before the published date"
    if unit == "month":
        start = (pub.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return DateValue(None, Precision.APPROX, after=iso(start), before=iso(pub), expression=text, rule=rule)
    days = 7 if "week" in span and "weeks" not in span else 4 if "few days" in span else 21
    if "days" in span and "few" not in span:
        days = 7
    return DateValue(None, Precision.APPROX, after=iso(pub - dt.timedelta(days=days)), before=iso(pub), expression=text,
                     rule=rule)  # fmt: skip


def _year_role(sentence: str, match: Found) -> DateRole | None:
    """Decide whether a bare year is a date at all, and what kind: None drops it."""
    before, after = sentence[: match.start()], sentence[match.end() :]
    if STATISTIC_AFTER.match(after):
        return None  # "In 2025 alone, ... killed": a yearly statistic, not an event
    if SPAN_BEFORE.search(before):
        return None  # "since 2014": the start of a duration
    if NAMED_EVENT_AFTER.match(after) and re.search(r"\bthe\s+$", before, re.I):
        return DateRole.NAMED  # "the 2004 Orange Revolution"
    if FUTURE_BEFORE.search(before) or COMPARISON_BEFORE.search(before):
        return DateRole.REFERENCE  # "by 2030", "than … did in 2019": a target or a comparison, not this event
    if not YEAR_CONTEXT_BEFORE.search(before) and not re.match(r"^\s*(?:[,.;:)]|$)", after):
        return None  # "2000 drones": a count
    return DateRole.WHEN


PAST_VERB = re.compile(r"\b(?:said|told|met|spoke|wrote|[a-z]+ed)\b")


def _points_ahead(before: str) -> bool:
    """A forward-looking cue governs the weekday, with no past-tense verb in between ('will … told on Tuesday')."""
    cues = list(FORWARD_CONTEXT.finditer(before))
    if not cues:
        return False
    between = before[cues[-1].end() :]
    return "." not in between and not PAST_VERB.search(between)


def _no_date(rule: Family, text: str, match: Found) -> bool:
    """A phrase that looks like a date but dates nothing: a range of years behind a figure, a statistic's year,
    a number with a slash, 'on a Wednesday', opening days ('Sunday through Thursday'), and the weekday of a date
    given beside it ('Monday, March 9': the date says when)."""
    before, after = text[: match.start()], text[match.end() :]
    if NUMBER_SLASH.search(before) or NUMBER_SLASH.match(after):
        return True
    if rule == Family.YEAR:  # '… in 2025 it handled 3.4 million containers': a statistic's year, before or after
        clause_after = re.split(r"[,;]|\.\s", after)[0]
        ranged = YEAR_RANGE_BEFORE.search(before) or YEAR_RANGE_AFTER.match(after)
        return bool(ranged or (STATISTIC_YEAR_BEFORE.search(before) and QUANTITY.search(before + clause_after)))
    if rule in (Family.WEEKDAY, Family.MONTH) and INDEFINITE_BEFORE.search(before):
        return True
    if rule != Family.WEEKDAY:
        return False
    spans = WEEKDAY_SPAN_AFTER.match(after) or WEEKDAY_SPAN_BEFORE.search(before)
    return bool(spans or WEEKDAY_OF_DATE_AFTER.match(after) or WEEKDAY_OF_DATE_BEFORE.search(before))


def find_dates(sentence_id: str, text: str, ctx: DateContext, position: int = 0) -> list[DateMention]:
    """All date expressions of one sentence, resolved, in text order."""
    dateline = DATELINE.match(text)
    plain = CLOCK.sub(r"\1m ", text)  # "6 p.m." must not end the clause for forward-looking cues
    timexes = tag(text, ctx.published or NO_DOCUMENT_DATE)
    mentions: list[DateMention] = []
    for match in candidates(text, timexes):
        family, before = match.family, text[: match.start()]
        role = DateRole.WHEN
        if _no_date(family, text, match):
            continue
        if family == Family.YEAR:
            role = _year_role(text, match) or DateRole.NONE
            if not role:
                continue
        if family == Family.WEEKDAY and _points_ahead(plain[: match.start()]):
            value: DateValue | None = _weekday(dict(match.groupdict(), forward=True), match.text, ctx)
        elif family == Family.WEEKDAY and not match.group("rel") and NARRATIVE_WEEKDAY_BEFORE.search(before):
            value = _narrative_weekday(match.group("wd") or "", match.text, ctx)
        else:
            value = _resolve(family, match, ctx, position)
        if value is None:
            continue
        if REFERENCE_AFTER.match(text[match.end() :]) or BOUND_BEFORE.search(text[: match.start()]):
            role = DateRole.REFERENCE  # "the November 27 deadline": names a date, does not date the sentence
        elif re.search(r"\bthe\s+$", text[: match.start()], re.I) and EVENT_NAME_AFTER.match(text[match.end() :]):
            role = DateRole.NAMED  # "the July 5 sinking": an event reported before, named by its date
            noun = EVENT_NAME_AFTER.match(text[match.end() :]).group(0).split()[-1].lower()  # type: ignore[union-attr]
            ctx.events.setdefault(noun, value)
        if dateline and match.end() <= dateline.end():
            role = DateRole.DATELINE  # "MOSCOW, December 2. /TASS/.": when the report was filed
        mentions.append(DateMention(sentence_id, match.start(), match.end(), value, role))
    mentions += holiday_mentions(sentence_id, text, ctx.holidays, mentions)
    mentions += event_day_mentions(sentence_id, text, ctx.events, mentions)
    if ctx.published:
        mentions = tagger_days(timexes, ctx.published, mentions)  # the tagger's reading of a weekday ahead wins
        mentions += calendar_mentions(sentence_id, text, timexes, mentions)
    mentions = sorted(with_timex(mentions, timexes), key=lambda m: m.start)
    order = ORDER_WORDS.match(text)
    if order and not any(m.role == "when" and m.start < 40 and m.value.precision != "year" for m in mentions):
        anchor = ctx.latest or ctx.anchor  # after the story's present, not after a flashback
        bound = (anchor.end or anchor.date or anchor.after) if anchor else None
        order_word = DateRule.ORDER_WORD
        rule = f"{order_word}: after the latest date so far" if bound else f"{order_word} (no earlier date in the text)"
        expression = order.group(0).rstrip(",")
        value = DateValue(None, Precision.APPROX, after=bound, expression=expression, rule=rule)
        if anchor and anchor.precision == "day" and BRIEF.search(order.group("what") or ""):
            value = replace(anchor, expression=expression, rule=f"{order_word}: a short while after the latest date")
        mentions.insert(0, DateMention(sentence_id, order.start(), order.end(), value, DateRole.WHEN))
    return mentions


def sentence_when(mentions: list[DateMention]) -> DateMention | None:
    """The expression that dates the sentence itself: explicit dates beat relative ones, except that a
    leading order word ('After the talks, … the November 27 deadline') governs the whole sentence."""
    whens = [m for m in mentions if m.role == "when"]
    if not whens:
        return None
    leading = whens[0]
    if leading.value.rule.startswith(DateRule.ORDER_WORD):
        return leading
    explicit = [
        m for m in whens
        if m.value.precision in ("day", Precision.RANGE, Precision.MONTH) and not chained(m.value)
    ]  # fmt: skip
    if explicit and leading.value.precision in ("approx", Precision.UNDATED, Precision.YEAR):
        return explicit[0]
    return leading


def other_whens(mentions: list[DateMention], chosen: DateMention) -> list[DateMention]:
    """Calendar dates of the same sentence besides the one that dates it ('were arrested last Thursday;
    Koller followed on Saturday'): candidates for events of their own, if they date clauses of their own."""
    return [
        m for m in mentions
        if m is not chosen and m.role == "when" and m.value.precision in ("day", Precision.RANGE) and m.value.date
        and m.value.date != chosen.value.date and not chained(m.value)
    ]  # fmt: skip


def bound_approximations(dated: list[tuple[int, DateMention]], published: str | None = None) -> dict[int, DateMention]:
    """Give 'after X' approximations an upper bound: the next explicit later date in the text that has happened
    (a hearing set for after publication bounds nothing)."""
    bounded: dict[int, DateMention] = {}
    for i, (position, mention) in enumerate(dated):
        value = mention.value
        if value.precision != "approx" or value.after is None or value.before is not None:
            continue
        for _pos, later in dated[i + 1 :]:
            candidate = later.value.date if later.value.precision in ("day", Precision.RANGE) else None
            if candidate and candidate > value.after and (published is None or candidate <= published):
                bounded[position] = replace(mention, value=replace(value, before=candidate))
                break
    return bounded
