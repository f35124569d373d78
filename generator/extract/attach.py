"""Which clause of a sentence each of its dates belongs to, read from the parse.

A sentence such as "Officials said on Monday that on March 3 the delegations met" carries two dates: one
attached to the reporting verb ('said': when it was reported) and one to the verb of the reported clause
('met': when it happened). The reported clause's date dates the event; the reporting time does not, and
makes no entry of its own. Without a parse, or without a date under the reporting verb, nothing changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from generator.core.model import DateMention, Sentence
from generator.core.syntax import Parse
from generator.core.types import DateRole, DateRule, Precision
from generator.core.words import SPEECH_VERBS
from generator.extract.dates import chained

CALENDAR = (Precision.DAY, Precision.RANGE, Precision.MONTH)


@dataclass(frozen=True)
class Attachment:
    """The date of what a sentence reports, and the dates that only say when it was reported."""

    event: DateMention
    reporting: tuple[DateMention, ...]


def attached_verb(parse: Parse, start: int) -> int | None:
    """The verb whose clause holds the word at character `start` (the first verb up the tree)."""
    word = next((i for i, w in enumerate(parse.words) if w.start <= start < w.end or w.start >= start), None)
    while word is not None and not parse.is_verb(word):
        word = parse.head(word)
    return word


def _reports(parse: Parse, verb: int) -> bool:
    return parse.lower(verb) in SPEECH_VERBS or parse.words[verb].lemma in SPEECH_VERBS


def _stated(mention: DateMention) -> bool:
    value = mention.value
    return mention.role == DateRole.WHEN and value.precision in CALENDAR and not chained(value)


def reported_event_time(sentence: Sentence, mentions: list[DateMention]) -> Attachment | None:
    """The date attached to a clause that a reporting verb governs, when another date attaches to that
    reporting verb itself; None when the sentence has no such pair (or no parse)."""
    stated = [m for m in mentions if _stated(m)]
    if len(stated) < 2 or not sentence.words:
        return None
    parse = Parse(sentence)
    verbs = {id(m): attached_verb(parse, m.start) for m in stated}
    reporting = [m for m in stated if verbs[id(m)] is not None and _reports(parse, verbs[id(m)])]  # type: ignore[arg-type]
    for mention in stated:
        verb = verbs[id(mention)]
        if verb is None or mention in reporting:
            continue
        above = [m for m in reporting if verbs[id(m)] in parse.path_up(verb)[1:]]
        if above:
            return Attachment(mention, tuple(above))
    return None


def _in_past(parse: Parse, verb: int) -> bool:
    """'were waiting', 'met': the clause is told in the past tense (no modal: 'would meet' looks ahead)."""
    helpers = [c for c in parse.children(verb) if parse.words[c].dep in ("aux", "auxpass")]
    if any(parse.words[c].tag == "MD" for c in helpers):
        return False
    return parse.words[verb].tag == "VBD" or any(parse.words[c].tag == "VBD" for c in helpers)


def past_weekdays(sentence: Sentence, mentions: list[DateMention]) -> list[DateMention]:
    """A weekday read ahead of the published date because of a cue before it ('By Friday, 27 ships were
    waiting'), whose own clause is in the past: the week before, the latest such day on or before publication."""
    if not sentence.words or not any(m.value.rule == DateRule.WEEKDAY_AHEAD for m in mentions):
        return mentions
    parse = Parse(sentence)
    out = []
    for mention in mentions:
        ahead = mention.value.rule == DateRule.WEEKDAY_AHEAD and mention.value.date
        verb = attached_verb(parse, mention.start) if ahead else None
        if verb is not None and _in_past(parse, verb):
            day = (dt.date.fromisoformat(mention.value.date) - dt.timedelta(days=7)).isoformat()  # type: ignore[arg-type]
            rule = f"{DateRule.WEEKDAY_BEFORE} (its clause is in the past)"
            mention = replace(mention, value=replace(mention.value, date=day, rule=rule))
        out.append(mention)
    return out
