"""The word lists more than one stage reads, in one place: spelled-out numbers, the calendar's words, reporting
verbs, and the words of events (derivations and classes) that reports of one event are matched on.

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
    suggests suggested promise promised vow vowed urge urged continue continued conclude concludes concluded ask asks
    asked quip quipped joke joked boast boasted complain complained predict predicted charge charged contend
    contended counter countered testify testified observe observed concede conceded mock mocked proclaim
    proclaimed shout shouted yell yelled exclaim exclaimed scoff scoffed retort retorted muse mused told
    describe described describes call called calls read reads demand demanded demands wonder wondered wonders
    question questioned plead pleaded beg begged caution cautioned cautions sing sings sang chant chanted
    tweeting posting writing adding noting telling arguing insisting warning explaining declaring asking
    announcing claiming stating recalling replying responding boasting complaining predicting report reports
    reported reporting surmise surmised opine opined reiterate reiterated recount recounted lament lamented
    whisper whispered assure assured remind reminded interject interjected clarify clarified""".split()
)  # the parse's lemma is matched too, so 'concludes' and 'mocks' are found by 'conclude' and 'mock'

# The verbs that do nothing but report, as lemmas: a clause one heads is about what was said, a trigger one is
# names a statement, and no report of an event is told from another by one. Narrower than SPEECH_VERBS, which
# also holds verbs that report in one use and do something in another ('charged', 'called', 'asked'); wider in
# 'reveal' and 'disclose', which report a fact but introduce no quotation.
REPORTING_VERBS = frozenset("say tell report add announce state claim confirm reveal disclose write".split())
# The nouns of a statement ('in a statement', 'the announcement', 'according to'): what a statement's trigger may
# also be.
REPORTING_NOUNS = frozenset("statement announcement accord".split())

# Words that name the happening a verb names, with that verb: reports of one event match on lemmas ('arrests',
# 'arrested' -> arrest), and where the parse gives the noun and the verb different lemmas ('the agreement' and
# 'agreed', 'the killing' and 'killed') this table joins them. General English, not any one story's.
DERIVATIONS = {
    noun: verb
    for line in (
        "abduct abduction",
        "acquire acquisition",
        "agree agreement",
        "announce announcement",
        "appoint appointment",
        "approve approval",
        "arrive arrival",
        "bomb bombing bomber",
        "capsize capsizing",
        "close closure",
        "collide collision",
        "convict conviction",
        "decide decision",
        "demonstrate demonstration demonstrator",
        "depart departure",
        "detain detention detainee",
        "die death",
        "disappear disappearance",
        "discover discovery",
        "elect election",
        "evacuate evacuation evacuee",
        "expel expulsion",
        "explode explosion",
        "fail failure",
        "hear hearing",
        "indict indictment",
        "injure injury",
        "inspect inspection inspector",
        "invade invasion invader",
        "investigate investigation investigator",
        "judge judgment judgement",
        "kidnap kidnapping kidnapper",
        "kill killing killer",
        "meet meeting",
        "negotiate negotiation negotiator",
        "occupy occupation",
        "pay payment",
        "picket picketer",
        "propose proposal",
        "protest protester protestor",
        "ratify ratification",
        "recover recovery",
        "refuse refusal",
        "reject rejection",
        "reopen reopening",
        "resign resignation",
        "rob robbery robber",
        "seize seizure",
        "sentence sentencing",
        "settle settlement",
        "shoot shooting shooter",
        "sign signing signatory",
        "sink sinking",
        "strike striker",
        "suspend suspension",
        "testify testimony",
        "withdraw withdrawal",
    )
    for verb, *nouns in [line.split()]
    for noun in nouns
}

# News English says one happening in several words: reports of one event match on each class's first word. Each
# line lists lemmas (and a few forms a tagger may leave unlemmatised).
_EVENT_WORD_CLASSES = (
    "talk talks negotiate",
    "open begin began begun start launch kick",
    "close shut shutter",
    "resume reconvene restart",
    "arrest detain apprehend",
    "charge indict",
    "resign quit",
    "capsize overturn keel",
    "sink sank sunk",
    "suspend halt pause",
    "sign ink",
    "inquiry investigate probe",
    "kill dead die died",
    "walkout walk walked",
    "agree initial initialled initialed finalise finalised finalize finalized",
)
EVENT_WORDS = {word: line.split()[0] for line in _EVENT_WORD_CLASSES for word in line.split()}


def event_word(word: str, lemma: str) -> str:
    """The word reports of one event share for a word of one of them and its lemma: the lemma, the verb of a noun
    derived from one, or the first word of its class ('detained' -> arrest, 'the agreement' -> agree)."""
    base = DERIVATIONS.get(lemma, lemma)
    return EVENT_WORDS.get(word) or EVENT_WORDS.get(base, base)

# Time-zone abbreviations: after a 24-hour time ('1653 (2153 GMT)') they make it no year, and they are no actor.
TIME_ZONES = frozenset("GMT UTC BST CET CEST EET EEST EST EDT CST CDT MST MDT PST PDT IST JST AEST".split())

# An age set beside a name: 'Vasco Pimentel, 41,' or 'Vasco Pimentel, a 41-year-old' (group 1: the age). Read
# after a name's end: for its kind (a person), for names the recogniser missed, for 'the 41-year-old said'.
AGE_AFTER = re.compile(r",\s*(?:an? )?(\d{1,3})(?:\s*[,.)]|-year-old\b)")
