"""Event frames read from a sentence's parse: what happened (the trigger's lemma), who did it, to whom or what,
where, and the sentence that says so.

A frame is built from the stored parse (`core.syntax.Word`, with spaCy's lemmas) and a trigger word; the
caller may add the date (`with_date`). Whether two frames report one event is `assemble.identity`'s question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from generator.core.syntax import Parse, Parsed

WHO = frozenset({"nsubj", "agent", "poss"})  # 'police arrested', 'arrested by police', "the police's raid"
WHAT = frozenset({"dobj", "nsubjpass", "attr", "dative", "oprd"})  # 'arrested him', 'he was arrested'
NAME_PARTS = frozenset({"compound", "flat", "nmod", "amod"})  # 'Tara Reid', 'Malibu police'
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside"})
CONTENT_TAGS = ("NN", "VB", "JJ", "CD")  # nouns, verbs, adjectives, numbers: the words a sentence is about
STOP_LEMMAS = frozenset({"be", "have", "do", "say", "will", "would", "can", "could", "may", "get", "go", "%"})
WORD = re.compile(r"\w")
NOT_NAMES = ("PRP", "WP", "WDT", "DT", "EX")  # 'he', 'who', 'which', 'this': words that name nobody by themselves


class Named(Protocol):
    """A named span of a sentence: a `core.model.Mention`, or any entity with character offsets and a label."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def label(self) -> str: ...


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


def lemma(parse: Parse, i: int) -> str:
    """A word's lemma, lower case (its text where the parse has no lemma)."""
    return parse.words[i].lemma or parse.lower(i)


def phrase(parse: Parse, i: int) -> frozenset[str]:
    """The lemmas of an argument's name: the word and its compound or modifier parts ('Tara Reid', 'Malibu')."""
    found = {lemma(parse, i)} if not parse.words[i].tag.startswith(NOT_NAMES) else set()
    for child in parse.children(i):
        if parse.words[child].dep in NAME_PARTS and WORD.search(parse.text(child)):
            found.add(lemma(parse, child))
        elif parse.words[child].dep == "appos":
            found |= phrase(parse, child)
    return frozenset(w for w in found if WORD.search(w))


def _objects_of(parse: Parse, preposition: int) -> list[int]:
    return [c for c in parse.children(preposition) if parse.words[c].dep in ("pobj", "pcomp")]


def arguments(parse: Parse, trigger: int) -> tuple[list[int], list[int], list[int]]:
    """Who, what and where words of a trigger, from its dependents (and a nominal's 'of' and 'by' phrases)."""
    who: list[int] = []
    what: list[int] = []
    where: list[int] = []
    nominal = parse.words[trigger].tag.startswith("NN")
    subject = parse.subject(trigger)
    for child in parse.children(trigger):
        dep = parse.words[child].dep
        if dep == "agent" or (nominal and dep == "prep" and parse.lower(child) == "by"):
            who.extend(_objects_of(parse, child))
        elif dep in WHO:
            who.append(child)
        elif dep in WHAT:
            what.append(child)
        elif dep == "prep" and parse.lower(child) == "of":
            what.extend(_objects_of(parse, child))
        elif dep == "prep" and parse.lower(child) in PLACE_PREPOSITIONS:
            where.extend(_objects_of(parse, child))
    if subject is not None and subject not in who and subject not in what:
        (what if parse.words[subject].dep == "nsubjpass" else who).append(subject)
    if not who and not what and parse.words[trigger].dep in ("dobj", "pobj", "nsubj", "attr"):
        head = parse.head(trigger)  # 'carried out an attack': the light verb's subject did it
        if head is not None and parse.is_verb(head):
            who.extend(c for c in parse.children(head) if parse.words[c].dep == "nsubj")
    return who, what, where


def places_in(parse: Parse, entities: Iterable[Named], around: Sequence[int]) -> set[str]:
    """Lemmas of the places the sentence names inside the trigger's clause (GPE, LOC and FAC entities)."""
    inside = {w for i in around for w in parse.subtree(i)}
    found: set[str] = set()
    for entity in entities:
        if entity.label not in PLACE_LABELS:
            continue
        for i, word in enumerate(parse.words):
            if entity.start <= word.start and word.end <= entity.end and i in inside and WORD.search(parse.text(i)):
                found.add(lemma(parse, i))
    return found


def content_lemmas(parse: Parse, skip: int | None = None) -> frozenset[str]:
    """The sentence's content words as lemmas: nouns, verbs, adjectives and numbers, without light verbs."""
    return frozenset(
        lemma(parse, i)
        for i, word in enumerate(parse.words)
        if i != skip and word.tag.startswith(CONTENT_TAGS) and lemma(parse, i) not in STOP_LEMMAS
        and WORD.search(parse.text(i))
    )


def frame_of(
    sentence: Parsed,
    trigger: int,
    *,
    source: str = "",
    sentence_id: str = "",
    entities: Iterable[Named] = (),
) -> EventFrame:
    """The frame of the event a trigger word names, read from its sentence's parse."""
    parse = Parse(sentence)
    who, what, where = arguments(parse, trigger)
    clause = [trigger, *([h] if (h := parse.head(trigger)) is not None and parse.is_verb(h) else [])]
    place = {w for i in where for w in phrase(parse, i)} | places_in(parse, entities, clause)
    word = parse.words[trigger]
    return EventFrame(
        source=source,
        sentence=sentence_id,
        start=word.start,
        end=word.end,
        trigger=parse.text(trigger),
        lemma=lemma(parse, trigger),
        nominal=word.tag.startswith("NN"),
        who=frozenset(w for i in who for w in phrase(parse, i)),
        what=frozenset(w for i in what for w in phrase(parse, i)),
        place=frozenset(place),
        words=content_lemmas(parse, trigger),
    )
