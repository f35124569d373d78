"""What a news timeline reads beside the TIMEX3 rules, and the cues that give a date its role.

The expressions: day ranges ('November 29-30', 'between November 23 and 27': a window), a holiday given its
date ('Thanksgiving Day—November 27'), the narrative's own days ('the next day', 'five days later', 'At 8:40
p.m.'), and the weekday, month and year readings with the guards the event finder needs. Dates on the calendar
('March 3, 2025', '3 March', '2025-03-03') are the tagger's patterns, not written again here.

The cues: what makes a date a deadline or a reference ('the November 27 deadline', 'by 2030', 'than … did in
2019'), a named event ('the 2004 Orange Revolution'), the start of a span ('since 2014') or no date at all
('on a Wednesday', 'No. 214/2026', '2000 drones').
"""

from __future__ import annotations

import re

from generator.core.words import COUNT_WORDS, DAY, MONTH, WEEKDAY, YEAR
from generator.extract.timex.tagger import RULES

TAGGER = {name: pattern for name, pattern, _handler in RULES}
DASH = r"\s*[-–—]\s*"
RANGE_SEP = r"(?:\s*[-–—]\s*|\s+(?:to|through|until|and)\s+)"
HOLIDAY = (
    r"(?P<holiday>(?:[A-Z][a-z]+(?:['’]s)?\s+){1,3}(?:Day|Eve)|Thanksgiving|Christmas|Easter|Hanukkah|Ramadan"
    r"|Diwali|Passover|Eid(?:\s+al-[A-Z][a-z]+)?)"
)

# Ordered by priority: where spans overlap, the longer wins, then the earlier pattern. Dates on the calendar are
# the tagger's own patterns; the others read what TIMEX3 has no rule for.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso-date", TAGGER["iso-date"]),
    ("numeric-dmy", TAGGER["numeric-dmy"]),
    (
        "holiday-date",
        re.compile(
            rf"\b{HOLIDAY}\s*(?:[—–-]|,|\(|\s+on|\s+falls\s+on|\s+is)\s*(?P<mon>{MONTH})\s+(?P<d>{DAY})\b\)?"
            rf"(?:,?\s+(?P<y>{YEAR})\b)?"
        ),
    ),
    (
        "month-day-range",
        re.compile(
            rf"\b(?:(?P<between>[Bb]etween|[Ff]rom)\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY}){RANGE_SEP}(?P<d2>{DAY})\b"
            rf"(?![,.]?\d)(?:,?\s+(?P<y>{YEAR})\b)?"
        ),
    ),
    (
        "month-day-month-day",
        re.compile(
            rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY}){RANGE_SEP}(?P<mon2>{MONTH})\s+(?P<d2>{DAY})\b(?:,?\s+(?P<y>{YEAR})\b)?"
        ),
    ),
    ("day-range-month", re.compile(rf"\b(?P<d>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR})\b)?")),
    ("month-day-year", TAGGER["full-date"]),
    ("day-month-year", TAGGER["day-month-year"]),
    ("month-day", TAGGER["month-day"]),
    ("day-month", TAGGER["day-month"]),
    ("month-year", TAGGER["month-year"]),
    (
        "month-alone",
        re.compile(
            rf"\b(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Tt]his|[Ll]ast|[Nn]ext|[Ee]nd\s+of|[Ss]tart\s+of"
            rf"|[Bb]eginning\s+of)\s+|[Mm]id-\s*)(?P<mon>{MONTH})(?!\s*\d)"
        ),
    ),
    ("weekday", TAGGER["weekday"]),
    (
        "relative-day",
        re.compile(
            r"\b(?:(?:the|that)\s+(?:very\s+)?(?P<same>same\s+day)|(?P<samedayon>on\s+this\s+day|that\s+day)"
            r"|(?:the\s+)?(?P<next>next|following)\s+day|(?P<later>a|one)\s+day\s+later"
            r"|the\s+(?P<prev>day\s+before|previous\s+day)|(?P<yest>yesterday|last\s+night)|(?P<today>today|tonight|this\s+morning)"
            r"|(?P<tomorrow>tomorrow))\b(?:\s+in\s+(?P<y>" + YEAR + r"))?",
            re.I,
        ),
    ),
    (
        "shifted",  # 'Five days later', 'two weeks earlier': from the date the narrative last gave
        re.compile(
            rf"\b(?P<n>a|an|{COUNT_WORDS}|\d{{1,2}})\s+"
            r"(?P<unit>minutes?|hours?|days?"
            r"|weeks?)\s+(?P<dir>later|earlier)\b",
            re.I,
        ),
    ),
    (
        "relative-span",
        re.compile(
            r"\b(?P<span>(?:over\s+)?the\s+(?:past|last)\s+(?:week|few\s+days|month)|last\s+(?:week|month|year)"
            r"|earlier\s+this\s+(?:week|month|year)|this\s+(?:week|month|year)|(?:in\s+)?recent\s+(?:days|weeks))\b",
            re.I,
        ),
    ),
    (
        "clock-lead",  # 'At 8:40 p.m. the ferry left', 'Shortly after 11 p.m., …': the narrative's day goes on
        re.compile(
            r"^(?:(?:Shortly|Just|Soon)\s+)?(?:At|After|Before|By|Around|About)\s+(?:around\s+|about\s+)?"
            r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b\.?",
            re.I,
        ),
    ),
    ("year", re.compile(rf"(?<![\d,.$£€-])(?P<y>{YEAR})(?![\d%]|,\d|\s*(?:-|–)\s*\d)")),
]

ORDER_WORDS = re.compile(
    r"^(?:(?:And\s+|But\s+)?(?:Then|Later|Afterwards?|Subsequently|Shortly\s+after(?:wards)?|Soon\s+after(?:wards)?"
    r"|Hours\s+later|Days\s+later)\b(?!\s+\d)|(?:After|Following)\s+(?!\d)(?P<what>[^,]{3,60}?),)",
)
BRIEF = re.compile(r"\b(?:short|brief|few\s+minutes|an?\s+hour|hours?)\b", re.I)  # 'After a short recess,'
YEAR_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|before|after|during|early|late|mid|the|year|spring|summer|autumn|fall"
    r"|winter|between|and|to)|[,(—–-])\s*$",
    re.I,
)
STATISTIC_AFTER = re.compile(r"^\s*alone\b|^\s*so far\b|^\s*to date\b", re.I)
# What makes a date-looking phrase no date of an event (each kind has a test in tests/test_not_events.py):
QUANTITY = re.compile(r"\d[\d,.]*\s*(?:million|billion|thousand|per\s?cent|%)|\b\d{1,3}(?:,\d{3})+\b", re.I)
STATISTIC_YEAR_BEFORE = re.compile(r"\bin\s+$", re.I)  # '… paid 2.1 million pensions in 2025'
YEAR_RANGE_BEFORE = re.compile(r"(?:\b(?:between|from)\s+|\d{4}\s*(?:-|–|to|and)\s*)$", re.I)
YEAR_RANGE_AFTER = re.compile(r"^\s*(?:-|–|to|and)\s*\d{2,4}\b", re.I)  # 'between 2019 and 2023', '2024–2026'
NUMBER_SLASH = re.compile(r"/\s*$|^\s*/")  # 'No. 214/2026'
INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|every|each|any|one)\s+(?:[a-z]+\s+){0,2}$", re.I)  # 'on a Wednesday'
WEEKDAY_SPAN_AFTER = re.compile(rf"^\s*(?:through|to|-|–)\s*{WEEKDAY}", re.I)  # 'Sunday through Thursday'
WEEKDAY_SPAN_BEFORE = re.compile(rf"{WEEKDAY}\s*(?:through|to|-|–)\s*$", re.I)
WEEKDAY_OF_DATE_AFTER = re.compile(
    rf"^,?\s+(?:(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}|{MONTH}\s+{DAY})"
)  # 'Monday, March 9'
WEEKDAY_OF_DATE_BEFORE = re.compile(rf"(?:{MONTH}\s+{DAY}|{DAY}\s+{MONTH}),?\s+(?:a\s+)?$")  # 'March 9, a Monday'
NARRATIVE_WEEKDAY_BEFORE = re.compile(r"\b(?:the|that)\s+(?:following\s+)?$", re.I)  # 'On the Saturday', 'that Friday'
BOUND_BEFORE = re.compile(r"\b(?:before|until|till)\s+$", re.I)  # 'focused on them before July 5'
EVENT_NAME_AFTER = re.compile(  # 'the July 5 sinking', 'the Sept. 3 walkout': an event named by its date
    r"^\s+(?!(?:and|or|to|in|on|at|of|for|with|by|as|when|was|is|were|had|has|have|will|would|the|a|an)\b)"
    r"[a-z][a-z-]{3,}\b(?!\s+(?:of|to)\b)"
)
SPAN_BEFORE = re.compile(r"\b(?:since|for|over)\s+(?:the\s+)?$", re.I)
FUTURE_BEFORE = re.compile(r"\b(?:by|until|till|through|before)\s+(?:the\s+end\s+of\s+)?$", re.I)
COMPARISON_BEFORE = re.compile(r"\bthan\b[^.;:]{0,80}\b(?:in|during)\s+$", re.I)  # 'more than they did in 2019'
NAMED_EVENT_AFTER = re.compile(
    r"^\s+((?:[A-Z][\w’'-]+)(?:\s+(?:of|the|and|for|[A-Z][\w’'-]+))*[A-Z][\w’'-]*|[A-Z][\w’'-]+)"
)
REFERENCE_AFTER = re.compile(r"^[\s,]*(?:deadline|cut-?off)\b", re.I)
FORWARD_CONTEXT = re.compile(
    r"\b(?:until|till|by|before|no later than|deadline|due|will|scheduled|expected|next|planned)\b", re.I
)
CLOCK = re.compile(r"\b([ap])\.m\.", re.I)
