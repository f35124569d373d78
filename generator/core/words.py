"""The word lists more than one stage reads, in one place: spelled-out numbers, the calendar's words and
reporting verbs.

A rule family that needs one of these imports it from here, so a better list (or a model) replaces it once.
"""

from __future__ import annotations

import re

ONES = dict(
    zip(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
        "eighteen nineteen".split(),
        range(1, 20),
        strict=True,
    )
)
TENS = dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10), strict=True))
DIGIT_WORDS = "|".join(word for word, value in ONES.items() if value < 10)  # 'one' … 'nine', as a pattern
TEEN_WORDS = "|".join(word for word, value in ONES.items() if value >= 10)  # 'ten' … 'nineteen'
TENS_WORDS = "|".join(TENS)  # 'twenty' … 'ninety'
# 'seven', 'seventeen', 'forty', 'forty-two', 'twenty one': a spelled-out count up to ninety-nine
COUNT_WORDS = rf"(?:(?:{TENS_WORDS})(?:[- ](?:{DIGIT_WORDS}))?|{DIGIT_WORDS}|{TEEN_WORDS})"

# The calendar's words, as counts and patterns: read by ingest (a dateline) and by the TIMEX3 tagger.
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d{2}|20\d{2}|21\d{2})"
# A dateline: ingest sets it apart from the body, extraction dates the report by its own stated date.
DATELINE = re.compile(  # 'MOSCOW, December 2. /TASS/.', 'ORMOC, Philippines, July 6 (Wire) -', 'GENEVA - '
    rf"^(?P<place>[A-Z][A-Z .'’-]{{2,40}}?)(?:,\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?"
    rf"(?:,\s+(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?\.?"
    rf"(?:\s*/[A-Za-z -]+/\.?)?(?:\s*\([^)]{{1,40}}\))?|\s+[-–—]\s)"
)

# Verbs that report speech or writing, in every form a news sentence uses them ('said', 'told', 'according to'
# is a preposition, read by the parse).
SPEECH_VERBS = frozenset(
    """say says said saying tell tells told telling add adds added state states stated note notes noted
    write writes wrote written warn warns warned argue argues argued insist insists insisted declare declares
    declared announce announces announced claim claims claimed remark remarks remarked emphasize emphasized
    emphasise emphasised stress stresses stressed explain explains explained assert asserted asserts confirm
    confirms confirmed deny denies denied reply replies replied respond responds responded tweet tweets tweeted
    post posted recall recalls recalled admit admits admitted acknowledge acknowledged acknowledges suggest
    suggests suggested promise promised vow vowed urge urged continue continued conclude concluded ask asks
    asked quip quipped joke joked boast boasted complain complained predict predicted charge charged contend
    contended counter countered testify testified observe observed concede conceded mock mocked proclaim
    proclaimed shout shouted yell yelled exclaim exclaimed scoff scoffed retort retorted muse mused told
    describe described describes call called calls read reads demand demanded demands wonder wondered wonders
    question questioned plead pleaded beg begged caution cautioned cautions sing sings sang chant chanted
    tweeting posting writing adding noting telling arguing insisting warning explaining declaring asking
    announcing claiming stating recalling replying responding boasting complaining predicting report reports
    reported reporting""".split()
)
