"""The word lists more than one stage reads, in one place: spelled-out numbers and reporting verbs.

A rule family that needs one of these imports it from here, so a better list (or a model) replaces it once.
"""

from __future__ import annotations

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
