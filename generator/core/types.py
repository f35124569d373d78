"""The closed sets of values that cross stages and reach the published data: one enum each.

They are `StrEnum`s, so a value is also its plain string: templates, JSON and CSV see `"day"`, and the
published JSON Schema lists each set's members.
"""

from __future__ import annotations

from enum import StrEnum


class Precision(StrEnum):
    """How exactly a date is known."""

    DAY = "day"
    RANGE = "range"  # a span of days: `date` to `end`
    MONTH = "month"
    YEAR = "year"
    APPROX = "approx"  # somewhere between `after` and `before`
    UNDATED = "undated"


class DateRole(StrEnum):
    """What a date in a sentence does there."""

    WHEN = "when"  # when what the sentence reports happened
    REFERENCE = "reference"  # names another date ("the November 27 deadline", "by 2030")
    NAMED = "named"  # part of an event's name ("the 2014 annexation")
    DATELINE = "dateline"  # when and where the report was filed
    NONE = ""  # a number that only looks like a year


class EventKind(StrEnum):
    EVENT = "event"
    SCHEDULED = "scheduled"  # announced for a later date
    BACKGROUND = "background"  # history the story refers to


class ActorKind(StrEnum):
    PERSON = "person"
    COUNTRY = "country"
    ORGANISATION = "organisation"
    GROUP = "group"
    PLACE = "place"
    MEDIA = "media"  # a news organisation: cited as a source more than it acts in the story
    OTHER = "other"


class SubjectKind(StrEnum):
    """What the subject of a reporting verb is."""

    NAME = "name"  # 'Ana Ortega said'
    PRONOUN = "pronoun"  # 'he said'
    DESCRIPTION = "description"  # 'a spokeswoman said', 'the prosecutor said'
    NONE = "none"  # no subject found


class SpeakerRule(StrEnum):
    """How a quote's speaker was found."""

    NAMED = "named"  # the reporting verb's subject names the speaker
    RESOLVED = "resolved"  # a pronoun or a description resolved to a named person
    CONTEXT = "context"  # no reporting verb: the person the paragraph is about, or the previous paragraph's quote
    WORDING = "wording"  # the same words quoted with a speaker in another source
    UNKNOWN = "unknown"


class Stance(StrEnum):
    """What an actor does with a plan's provision in one sentence."""

    PROPOSES = "proposes"
    ACCEPTS = "accepts"
    REJECTS = "rejects"
    COULD_NOT_AGREE = "could not agree"
    DEMANDS = "demands"
    REMOVED = "removed"
    OPEN_TO_CHANGE = "open to change"
    MENTIONED = "mentioned"


class ProvisionState(StrEnum):
    """A provision's status, from the stances reported on it."""

    NOT_MENTIONED = "not mentioned"
    REPORTED_REMOVED = "reported removed"
    CONTESTED = "contested"
    ACCEPTED = "accepted"
    OPEN_TO_CHANGE = "open to change"
    PROPOSED = "proposed"
    DISCUSSED = "discussed"


class Bound(StrEnum):
    """How a figure bounds its value."""

    EXACT = "exact"
    AT_LEAST = "at least"
    MORE_THAN = "more than"
    AT_MOST = "at most"
    ABOUT = "about"
    RANGE = "range"
    VAGUE = "vague"


class Verdict(StrEnum):
    """Whether the sources' figures for one thing agree."""

    AGREE = "agree"
    COMPATIBLE = "compatible"
    DIFFER = "differ"
    DIFFERENT_TIMES = "different times"  # the sources tie their figures to different days or events
    NOT_COMPARED = "not compared"  # no two sources give the figure for one event: nothing like for like
    ONE_SOURCE = "one source"


class Tone(StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


class DateRule(StrEnum):
    """The families of date rules that code tests (`DateValue.rule`, which the site shows a reader): a rule is of a
    family when it starts with its value, or holds it for the families marked 'inside'. The rest of a rule's text
    says how, for the reader; the finders that write a family and the code that tests it both name it here."""

    METADATA = "metadata"  # the published date given with the article
    ORDER_WORD = "order word"  # 'Then', 'After that': after the latest date so far
    SHIFTED = "than the previous date"  # inside: '5 day(s) later than the previous date' ('five days later')
    PREVIOUS_DATE = "previous date"  # inside: read off the date before it in the text ('the next day')
    SAME_DAY = "same day"  # inside: 'that same day'
    WEEKDAY_AHEAD = "weekday ahead of the published date"  # a weekday after a cue such as 'by'
    WEEKDAY_BEFORE = "weekday, latest on or before the published date"
    YEAR_INFERRED = ", year inferred"  # inside, at the end: the finder gave a year-less date the published year
