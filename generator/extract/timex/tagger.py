"""The TIMEX3 tagger: every temporal expression of a text, its type (DATE, TIME, DURATION, SET) and value.

Each rule is a pattern and a function (`rules.py`, `relative.py`); where matches overlap, the longest wins,
then the rule listed first. Values are read against the document's date, in the direction of the tense
around the expression ("Friday" in "will meet Friday" is the next one; in "met Friday" the last one).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right, insort
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.core.words import DIGIT_WORDS, TEEN_WORDS, TENS_WORDS, TIME_ZONES
from generator.extract.timex import relative as rel
from generator.extract.timex import rules as cal
from generator.extract.timex.rules import ANCHOR, PART, QUALIFIER, Context, Rule
from generator.extract.timex.vocab import DAY, MONTH, NUMBER, ORDINALS, WEEKDAY, YEAR

FULL_MONTH = r"(?:January|February|March|April|June|July|August|September|October|November|December)"
IN_MAY = r"(?:(?<=\bin )|(?<=\bof )|(?<=\bby )|(?<=since )|(?<=until )|(?<=early )|(?<=late )|(?<=last )|(?<=next ))"
UNIT_WORD = r"(?P<unit>second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))(?P<plural>s)?"
POD = r"(?:\s+(?P<pod>morning|afternoon|evening|night))?"
ZONE = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|BST|CET))?"
IGNORE_CASE = re.I


def _rule(name: str, pattern: str, handler: Rule, flags: int = 0) -> tuple[str, re.Pattern[str], Rule]:
    return name, re.compile(pattern, flags), handler


CLOCK_ZONE = "|".join(sorted(TIME_ZONES)) + r"|local\s+time|hours\b|hrs\b"  # after a 24-hour time


RULES: list[tuple[str, re.Pattern[str], Rule]] = [
    _rule("clock", rf"\b{QUALIFIER}(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b){ZONE}"
          rf"(?:,?\s+(?:(?P<rel>)(?P<wd>{WEEKDAY})|(?P<dw>today|yesterday|tomorrow)))?", rel.clock),
    _rule("clock-24h", rf"\b(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)\s*(?P<ampm>)(?:GMT|UTC|[ECMP][SD]T)"
          rf"(?:,?\s+(?:(?P<rel>)(?P<wd>{WEEKDAY})|(?P<dw>today|yesterday|tomorrow)))?", rel.clock),
    _rule("noon", r"\b(?:noon|midnight)\b", rel.noon, IGNORE_CASE),
    _rule("weekday-date", rf"\b{WEEKDAY},?\s+(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?\b",
          cal.weekday_date),
    _rule("full-date", rf"\b{PART}(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})\b", cal.full_date),
    _rule("day-month-year", rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})\b", cal.full_date),
    _rule("iso-date", rf"\b(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])\b", cal.numeric_date),
    _rule("us-date", rf"\b(?P<m>0?[1-9]|1[0-2])/(?P<d>[0-2]?\d|3[01])/(?P<y>{YEAR})\b", cal.numeric_date),
    _rule("numeric-dmy", rf"\b(?P<d>[0-2]?\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{YEAR})\b", cal.numeric_date),
    _rule("month-day", rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})\b(?![,.]?\d|\s*(?:%|percent|per cent))", cal.month_day),
    _rule("day-month", rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})\b(?!\s*\d)", cal.month_day),
    _rule("month-year", rf"\b{PART}(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})\b", cal.month_year),
    _rule("month-rel-year", rf"\b(?P<mon>{MONTH})\s+(?:of\s+)?(?P<rel>last|next|this)\s+year\b", cal.month_of_year),
    _rule("month", rf"\b{PART}(?:(?P<rel>last|next|this)\s+)?(?P<mon>{FULL_MONTH}|Sept\.)(?![\w-])", cal.month_alone),
    _rule("may", rf"{IN_MAY}(?P<part>)(?P<rel>)(?P<mon>May)\b", cal.month_alone),
    _rule("rel-may", r"\b(?P<part>)(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<mon>May)\b", cal.month_alone),
    _rule("fiscal-year", rf"\bfiscal(?:\s+year)?\s+(?P<y>{YEAR})\b", cal.fiscal, IGNORE_CASE),
    _rule("quarter", rf"\b(?:the\s+)?(?:(?:fiscal|calendar)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
          rf"[- ](?:fiscal[- ])?quarter(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR}))?\b", cal.quarter_of, IGNORE_CASE),
    _rule("half", rf"\b(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+of\s+(?P<y>{YEAR}))?\b", cal.half_of, IGNORE_CASE),
    _rule("season", rf"\b{PART}(?:(?P<rel>last|this|next)\s+)?(?P<season>spring|summer|autumn|winter)"
          rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b", cal.season, IGNORE_CASE),
    _rule("fall", rf"\b{PART}(?:(?P<rel>last|this|next)\s+|(?<=the )|(?<=in )|(?<=this ))(?P<season>fall)"
          rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b", cal.season, IGNORE_CASE),
    _rule("decade", rf"\b{PART}(?:the\s+)?(?:mid-?)?(?P<dec>(?:1[89]|20)\d0)['’]?s\b", cal.decade, IGNORE_CASE),
    _rule("decade-short", rf"{PART}(?:the\s+)?['’](?P<dec>\d0)s\b", cal.decade, IGNORE_CASE),
    _rule("year", rf"(?<![$€£\d.,-]){PART}\b(?<!\bat\s)(?:(?:the\s+)?year\s+)?(?P<y>{YEAR})\b"
          rf"(?![.,]?\d|\s*(?:%|percent|{CLOCK_ZONE}))", cal.year_alone),  # not 'at 1653 (2153 GMT)': a time
    _rule("year-range-end", rf"(?<=\b(?:1[89]|20)\d\d[-–])(?P<y2>{YEAR}|\d\d)\b(?![-–]?\d)", cal.year_range_end),
    _rule("day-word", rf"\b(?P<dw>today|yesterday|tomorrow|tonight){POD}\b", rel.day_word, IGNORE_CASE),
    _rule("last-night", r"\blast\s+(?P<pod>night)\b", rel.last_night, IGNORE_CASE),
    _rule("this-part", r"\bthis\s+(?P<pod>morning|afternoon|evening)\b", rel.this_part, IGNORE_CASE),
    _rule("weekday", rf"\b{PART}(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>{WEEKDAY}){POD}\b"
          r"(?P<nextweek>\s+of\s+next\s+week\b)?", rel.weekday),
    _rule("weekend", r"\b(?P<rel>last|next|this|the)\s+weekend\b", rel.weekend, IGNORE_CASE),
    _rule("relative-unit", rf"\b{PART}(?:(?:earlier|later)\s+)?(?P<rel>last|this|next|coming|current|previous"
          r"|latest|recent|most recent|same)\s+(?P<unit>week|month|year|quarter)\b", rel.relative_unit, IGNORE_CASE),
    _rule("the-period", r"\bthe\s+(?:(?P<rel>latest|current|previous|recent|same|last|most recent)\s+)?"
          r"(?:(?:fiscal|calendar)\s+)?(?P<unit>quarter|period|week|month)\b", rel.relative_unit, IGNORE_CASE),
    _rule("year-quarter", r"\b(?P<rel>this|last|next)\s+year['’]s\s+(?P<ord>first|second|third|fourth)[- ]quarter\b",
          rel.year_quarter, IGNORE_CASE),
    _rule("anchored-day", r"\b(?:(?:the\s+)?(?P<rel>next|following|previous|preceding)\s+day|(?P<same>that\s+"
          r"(?:very\s+)?(?:same\s+)?day|the\s+(?:very\s+)?same\s+day|on\s+this\s+day)"
          r"|the\s+day\s+(?P<dir>before|after))\b", rel.anchored_day, IGNORE_CASE),
    _rule("that-unit", r"\b(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?(?P<unit>day|week|month|year)\b",
          rel.that_unit, IGNORE_CASE),
    _rule("year-end", r"\b(?:the\s+)?year[- ]end\b", rel.year_end, IGNORE_CASE),
    _rule("holiday", r"\b(?:(?P<rel>last|next|this)\s+)?(?P<name>Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?"
          r"|New Year['’]s(?: Day| Eve)?|Election Day|Independence Day|Labor Day|Memorial Day|Easter)\b", rel.holiday),
    _rule("spoken-year", rf"\b(?P<c>nineteen|twenty)[- ](?P<y>(?:{TEEN_WORDS})|(?:{TENS_WORDS})"
          rf"(?:[- ](?:{DIGIT_WORDS}))?)\b", cal.spoken_year, IGNORE_CASE),
    _rule("century", r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century\b|\bthis\s+century\b", cal.century,
          IGNORE_CASE),
    _rule("ago", rf"\b{QUALIFIER}(?P<n>{NUMBER})\s+(?P<unit>(?:second|minute|hour|day|week|fortnight|month|year"
          r"|decade)s?)\s+(?P<dir>ago|earlier|later|from now|hence)\b", rel.ago, IGNORE_CASE),
    _rule("year-ago", r"\b(?:the\s+)?(?:year-ago|year-earlier|year-before)(?:\s+(?P<period>quarter|period))?\b",
          rel.year_ago_adjective, IGNORE_CASE),
    _rule("reference", r"\b(?:right now|now|currently|current|nowadays|at present|these days|recently|lately"
          r"|the past|the future)\b", rel.reference, IGNORE_CASE),
    _rule("recent-units", r"\b(?:in\s+)?recent\s+(?:years|months|weeks|days|decades)\b", rel.reference_past,
          IGNORE_CASE),
    _rule("span", rf"\b{QUALIFIER}(?:(?:the|its|their)\s+)?(?:(?P<which>first|last|past|next|previous|coming|final"
          rf"|latest|recent|following|initial)\s+)?(?:(?P<n>{NUMBER})\s+)?(?:(?:more|additional|full|straight"
          rf"|consecutive|long|fiscal)\s+)?{UNIT_WORD}\b", rel.span, IGNORE_CASE),
    _rule("unit-adjective", rf"\b(?P<n>\d+|{NUMBER})-(?P<unit>second|minute|hour|day|week|month|year|decade)\b"
          r"(?!-old)", rel.unit_adjective, IGNORE_CASE),
    _rule("set-adverb", r"\b(?:daily|nightly|weekly|monthly|yearly|hourly|biweekly)\b",
          rel.set_adverb, IGNORE_CASE),
    _rule("every", rf"\b(?:every|each)\s+(?:(?P<n>{NUMBER})\s+)?(?P<unit>(?:second|minute|hour|day|week|month"
          r"|quarter|year)s?|morning|afternoon|evening|night|monday|tuesday|wednesday|thursday|friday|saturday"
          r"|sunday)\b", rel.every, IGNORE_CASE),
]  # fmt: skip
BARE_SINGULAR = re.compile(r"^(?:the\s+)?(?:second|minute|hour|day|week|month|quarter|decade|century)$", re.I)
FUTURE = re.compile(
    r"\b(?:will|won't|'ll|shall|going to|plans? to|planned|planning|scheduled|expected to|expects? to|intends? to"
    r"|would|could|might|next|upcoming|is to|are to|due to|set to|aims? to|hopes? to|as soon as|as early as|until"
    r"|(?:(?:is|are|be) |, )(?:expected|due|scheduled) (?:at|on|by|in|for)|should(?! have))\b"
    r"|\b(?:meets?|begins?|starts?|opens?|resumes?|leaves?|arrives?|returns?|travels?) $",
    re.I,
)
PAST = re.compile(  # regular past tenses in lower case (not 'United'), and the commonest irregular ones
    r"\b(?:[Ww]as|[Ww]ere|[Hh]ad|[Dd]id|[a-z]\w{2,}ed|said|says|told|began|came|went|took|made|held|met|left|fell"
    r"|rose|won|lost|saw|gave|fought|struck|broke|ran|led|hit|brought|sought|found|became|kept|sent|spent|stood"
    r"|wrote|spoke|chose|drove|flew|grew|knew|threw|shot|got|put|set off|began|paid|sold|bought|built|meant)\b"
)
PASSIVE = re.compile(r"\b(?:be|being)\s+$", re.I)  # "will be held": a participle, not a past tense
POSSESSIVE = re.compile(r"['’]s\b")
TENSE_WINDOW = 70  # characters before an expression that decide its tense
SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+(?=[A-Z\"“‘'(])|\n+")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    rule: str
    mod: str = ""


def _sentence_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in SENTENCE_END.finditer(text))]


def _tense(text: str, starts: list[int], start: int) -> str:
    """'future' or 'past', from the nearest tense cue before the expression in its sentence; '' for none."""
    i = bisect_right(starts, start) - 1
    window = text[max(starts[i], start - TENSE_WINDOW) : start]
    future = [m.end() for m in FUTURE.finditer(window)]
    past = [m.end() for m in PAST.finditer(window) if not PASSIVE.search(window, 0, m.start())]
    if not future and not past:
        return ""  # no cue: the nearest reading wins
    return "future" if future and (not past or future[-1] >= past[-1]) else "past"


QUARTER_REACH = 400  # characters back in which the quarter a passage reports on is looked for
QUARTER = re.compile(r"\b(first|second|third|fourth)[- ]quarter\b|\bquarter", re.I)


SENTENCE_YEAR = re.compile(
    rf"(?<![\d$€£.,-])(?:in|of|since|during)\s+(?:(?:early|late|mid)[\s-]+)?(?:{MONTH}\s+)?({YEAR})\b", re.I
)


class _Sentences:
    """Where sentences start, and the quarters and years they name: found once per text, looked up by
    bisection, so tagging stays linear in the text's length however long a sentence is."""

    def __init__(self, text: str, dct: dt.date) -> None:
        self.text, self.dct = text, dct
        self.starts = _sentence_starts(text)
        self.quarters = list(QUARTER.finditer(text))
        self.quarter_starts = [m.start() for m in self.quarters]
        self.years = [(m.end(), int(m.group(1))) for m in SENTENCE_YEAR.finditer(text)]
        self.year_ends = [end for end, _year in self.years]

    def bounds(self, position: int) -> tuple[int, int]:
        i = bisect_right(self.starts, position) - 1
        return self.starts[i], self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)

    def quarter(self, position: int) -> int:
        """The quarter the passage reports on ('third-quarter profit ... a year earlier'), 0 if it names none:
        the last one named within QUARTER_REACH before, else the first after in the sentence. A quarter without
        its number is the last one before the document's date (the one being reported)."""
        _first, end = self.bounds(position)
        i = bisect_right(self.quarter_starts, position)
        before = i - 1 if i and self.quarter_starts[i - 1] >= position - QUARTER_REACH else None
        after = i if i < len(self.quarters) and self.quarter_starts[i] < end else None
        index = before if before is not None else after
        if index is None:
            return 0
        word = (self.quarters[index].group(1) or "").lower()
        return ORDINALS.get(word, 0) or (self.dct.month - 1) // 3 or 4

    def year(self, position: int) -> int:
        """The last year written earlier in the sentence after 'in', 'of', 'since' or 'during', 0 if none."""
        first, _end = self.bounds(position)
        i = bisect_right(self.year_ends, position) - 1
        return self.years[i][1] if i >= 0 and self.years[i][0] > first else 0


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps none of the sorted, disjoint spans in `taken`."""
    i = bisect_right(taken, (start, 10**12))
    return (i == 0 or taken[i - 1][1] <= start) and (i == len(taken) or taken[i][0] >= end)


@lru_cache(maxsize=2048)  # an article's sentences are read twice (its years first, then its dates): scan once
def _candidates(text: str) -> tuple[tuple[int, int, int, str, re.Match[str], Rule], ...]:
    found = []
    for priority, (name, pattern, handler) in enumerate(RULES):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                found.append((match.start(), match.end(), priority, name, match, handler))
    found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    return tuple(found)


def _keep(name: str, match: re.Match[str]) -> bool:
    """Readings too ambiguous to tag alone: a bare 'the day', 'a week' inside 'twice a week' is a set."""
    if name == "span" and not match["n"] and not match["which"] and not match["plural"]:
        return match.group(0).lower() in ("the year",)
    return not (name == "span" and BARE_SINGULAR.match(match.group(0)))


def tag(text: str, dct: dt.date) -> list[Timex]:
    """Every temporal expression of `text`, in text order, read against the document date `dct`."""
    sentences = _Sentences(text, dct)
    taken: list[tuple[int, int]] = []  # sorted, disjoint
    found: list[Timex] = []
    for start, end, _priority, name, match, handler in _candidates(text):
        if not _free(taken, start, end) or not _keep(name, match):
            continue
        tense = "past" if POSSESSIVE.match(text, end) else _tense(text, sentences.starts, start)  # "Monday's vote"
        context = Context(dct, tense, sentences.quarter(start), sentences.year(start))
        try:
            reading = handler(match, context)
        except (OverflowError, ValueError):  # a date past the calendar's ends ('9999 years later'): not read
            reading = None
        if reading is None:
            continue
        insort(taken, (start, end))
        found.append(Timex(start, end, text[start:end], reading.type, reading.value, name, reading.mod))
    return _anchored(sorted(found, key=lambda t: t.start), dct)


def _anchored(found: list[Timex], dct: dt.date) -> list[Timex]:
    """Resolve 'the next day', 'that same day' against the last full date before them in the text."""
    anchor = dct
    out = []
    for item in found:
        if item.value.startswith(ANCHOR):
            try:
                day = (anchor + dt.timedelta(days=int(item.value[len(ANCHOR) :]))).isoformat()
            except OverflowError:
                day = "XXXX-XX-XX"
            item = replace(item, value=day)
        elif item.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", item.value):
            anchor = dt.date.fromisoformat(item.value)
        out.append(item)
    return out
