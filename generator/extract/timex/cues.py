"""The cues around a date that give it its role in the sentence, for the event finder (extract/dates.py).

What makes a date a deadline or a reference ('the November 27 deadline', 'by 2030', 'than … did in 2019'), a
named event ('the 2004 Olympic Games', 'the July 5 sinking'), the start of a span ('since 2014'), a
weekday read ahead ('will … on Thursday'), or no date at all ('on a Wednesday', 'No. 214/2026', '2000 drones',
'Sunday through Thursday'); and the order words that date a sentence after the one before ('Then', 'After the
talks,'). The expressions themselves are the TIMEX3 tagger's (extract/timex/candidates.py).
"""

from __future__ import annotations

import re

from generator.core.words import DAY, MONTH, WEEKDAY

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
