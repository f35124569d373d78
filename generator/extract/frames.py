"""Event frames read from a sentence's parse: what happened (the trigger's lemma), who did it, to whom or what,
where, and the sentence that says so.

A frame is built from the stored parse (`core.syntax.Word`, with spaCy's lemmas) and a trigger word; the
caller may add the date (`with_date`). Whether two frames report one event is `assemble.identity`'s question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from generator.core.frame import EventFrame
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


# Verbs that say little of what happened by themselves: the noun they take is the event ('held talks', 'carried
# out a raid', 'the meeting took place').
LIGHT_VERBS = frozenset("be have do make take hold give carry conduct stage get go come begin start".split())


STARTS = frozenset({"take", "begin", "start", "come"})  # 'the walkout began', 'the agreement came'
EVENT_NOUN_ENDINGS = ("tion", "sion", "ment", "ing", "ure", "al", "out")  # 'inspection', 'walkout', 'closure'


def _happening(word: str) -> bool:
    """Whether a noun names a happening: of a class of `EVENT_CLASSES`, or made from a verb ('inspection')."""
    return word in CLASS_OF or (len(word) > 5 and word.endswith(EVENT_NOUN_ENDINGS))


def dated_trigger(parse: Parse, clause: int, date_words: Sequence[int], speech: frozenset[str]) -> int:
    """The trigger of the event a date belongs to, from the clause a headline is made of: a speaker's verb gives
    way to the clause the date sits in ('said that on Monday police arrested …', '… since the ferry capsized on
    Sunday'), a light verb to the noun it takes ('held talks' -> talks, 'went on strike' -> strike)."""
    trigger = clause
    if date_words:  # 'relatives kept vigil since the ferry capsized late on Sunday': the capsizing
        verb, found = parse.clause_verb(min(date_words))
        own = verb if found else min(date_words)
        if own != clause and clause in parse.path_up(own) and lemma(parse, own) not in speech:
            trigger = own
    if lemma(parse, trigger) in LIGHT_VERBS:
        nouns = [c for c in parse.children(trigger) if parse.words[c].dep in ("dobj", "attr")
                 and parse.words[c].tag.startswith("NN") and parse.lower(c) != "place"]  # fmt: skip
        subjects = [c for c in parse.children(trigger) if parse.words[c].dep == "nsubj"
                    and parse.words[c].tag in ("NN", "NNS") and lemma(parse, trigger) in STARTS
                    and _happening(lemma(parse, c))]  # 'the walkout began'; not 'the case came to light'  # fmt: skip
        objects = [o for c in parse.children(trigger) if parse.words[c].dep == "prep" for o in _objects_of(parse, c)
                   if parse.words[o].tag in ("NN", "NNS") and _happening(lemma(parse, o))]  # fmt: skip
        # 'went on strike', 'went through an inspection'; not 'took it at a table', 'held in port', 'at 4 p.m.'
        trigger = (nouns or subjects or objects or [trigger])[0]
    return trigger


def named_trigger(parse: Parse, date_words: Sequence[int]) -> int | None:
    """The noun an event named by its date is ('the July 5 sinking' -> sinking): the date phrase's head."""
    inside = set(date_words)
    for i in sorted(inside):
        head = parse.head(i)
        if head is not None and head not in inside and parse.words[head].tag.startswith("NN"):
            return head
    return None


# Words that name one kind of happening in news, verb and noun alike (general, not any one story's): two
# triggers of a class are one event when nothing else disagrees. A word is in one class at most.
EVENT_CLASSES: tuple[frozenset[str], ...] = tuple(
    frozenset(line.split())
    for line in (
        "die death dead kill killing murder slay fatal fatality homicide",
        "shoot shooting shot gunfire gunshot",
        "fire blaze burn inferno",
        "win victory defeat beat triumph lose loss",
        "earthquake quake tremor temblor shake jolt",
        "hit strike",
        "injure injury wound hurt",
        "damage destroy destruction devastate ruin",
        "protest demonstration riot rally unrest clash",
        "arrest detain detention apprehend custody capture nab",
        "charge accuse indict indictment allegation",
        "resign resignation quit step",
        "appoint appointment hire nominate nomination",
        "buy acquire acquisition purchase takeover",
        "negotiate negotiation talk meet meeting session",
        "stop stoppage halt",
        "escape flee breakout",
        "attack assault raid",
        "crash collision collide",
        "explode explosion blast bomb bombing",
        "sentence sentencing",
        "convict conviction verdict",
        "check enter admit admission",
        "rob robbery heist steal theft burglary",
        "find discover discovery",
        "cut sever",
        "fix repair patch plug",
        "keep retain",
        "issue release unveil launch",
        "depart departure leave sail",
        "capsize overturn sink sinking",
        "close closure shut shutdown",
        "reopen reopening",
        "resume resumption",
        "inspect inspection",
        "vote ballot referendum",
    )
)
CLASS_OF = {word: index for index, words in enumerate(EVENT_CLASSES) for word in words}


def main_trigger(parse: Parse) -> int | None:
    """The trigger of a sentence without a date of its own: of its main clauses ('Judge X released Hofer on bail;
    Reindl and Koller remain in custody'), the first whose verb names a kind of happening, else the root."""
    root = next((i for i, w in enumerate(parse.words) if w.head == i), None)
    if root is None:
        return None
    clauses = [root, *(c for c in parse.children(root) if parse.words[c].dep in ("ccomp", "conj"))]
    return next((c for c in sorted(clauses) if parse.is_verb(c) and lemma(parse, c) in CLASS_OF), root)
