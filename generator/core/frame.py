"""An event frame: what one report says happened (trigger, participants, place, date) and where it says so.

Built by `extract.frames` from a sentence's parse, carried on `core.model.EventMention`, compared by
`assemble.identity`. Kept in core, apart from `model.py`, so the extraction cache and every stage read one type.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class EventFrame:
    """One report of an event: the trigger word, its participants, place and date, and the sentence it cites."""

    source: str  # article id
    sentence: str  # Sentence.id
    start: int  # the trigger's character offsets inside the sentence
    end: int
    trigger: str  # the trigger as written: 'arrested'
    lemma: str  # its lemma: 'arrest'
    nominal: bool  # a noun ('the arrest') rather than a verb ('arrested')
    who: frozenset[str] = frozenset()  # lemmas of the doer's name or head: {'police'}
    what: frozenset[str] = frozenset()  # lemmas of whom or what it was done to: {'tara', 'reid'}
    place: frozenset[str] = frozenset()  # lemmas of where: {'malibu'}
    words: frozenset[str] = frozenset()  # the sentence's content lemmas (the trigger's own excluded)
    date: str = ""  # ISO date or '', when the caller knows it (the TIMEX3 value of the event's date)

    def with_date(self, date: str) -> EventFrame:
        return replace(self, date=date)
