"""Who speaks: the subject of a reporting verb resolved to a person, with the chain that resolved it.

A name is its own speaker; 'he' or 'she' the person `referents.Referents` finds nearest; a definite description
('the minister', 'the 62-year-old') the nearest person whose role or age it names; a group ('officials,
including Deputy Minister Ivan Petrov') the person inside it; an institution's staff ('Ministry officials') the
institution. The quote finder (`quotes`) places quotes, verbs and names in a paragraph and asks this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.core.model import Mention, ParsedArticle, Speech
from generator.core.types import SpeakerRule, SubjectKind
from generator.core.words import AGE_AFTER
from generator.extract.referents import Referents
from generator.nlp.gender import Gender
from generator.nlp.names import TITLE_WORDS, clean_name

RESOLVED_PRONOUNS = frozenset({"he", "she"})  # 'I', 'we', 'they' name no one the text has introduced
DEFINITE = re.compile(r"(?:the|this|that)\s", re.IGNORECASE)
AGE = re.compile(r"\b(\d{1,3})-year-old\b")
AGE_REACH = 4  # sentences back that 'the 62-year-old' may reach a person not given that age


@dataclass(frozen=True)
class Pronoun:
    """A 'he' or 'she' that is the subject of a clause outside quotes: what it refers to is noted as a subject."""

    head: str
    sentence: str


@dataclass(frozen=True)
class Placed:
    """A mention, a reporting verb or a pronoun subject placed in its paragraph's text."""

    start: int
    end: int
    item: Mention | Speech | Pronoun


@dataclass(frozen=True)
class Found:
    speaker: str | None
    mention: str
    cue: str
    rule: SpeakerRule
    chain: str = ""  # how a resolved speaker was found: '“she” → Ana Ortega, a clause's subject 2 sentences before'


UNKNOWN = Found(None, "", "no speaker found", SpeakerRule.UNKNOWN)


class Speakers:
    """Resolves the subject of a reporting verb to an actor."""

    def __init__(
        self, people: set[str], roles: dict[str, str], holders: dict[str, set[str]], genders: dict[str, Gender],
        index: dict[str, int],
    ) -> None:  # fmt: skip
        self.people = people
        self.roles = roles  # lowercase role word -> the one person who holds it ('prosecutor' -> 'Ana Ortega')
        self.holders = holders  # role word or age -> the article's people who hold it
        self.referents = Referents(genders)
        self.index = index  # sentence id -> its position in the article
        self.reporting: set[tuple[str, int]] = set()  # (sentence, start) of names that are a reporting verb's subject

    def referent(self, pronoun: str, sentence: str) -> str | None:
        """The person 'he' or 'she' in a sentence refers to (`referents.Referents`)."""
        return self.referents.referent(pronoun, self.index[sentence])

    def holder(self, sentence_id: str, phrase: str, head: str) -> str | None:
        """The person a definite description names: 'the minister' is the nearest person whose role says
        minister ('Interior Minister Henrique Salgado', not the culture minister named before him); 'the
        62-year-old' the person given that age, else the person just named ('Margaret Ellison ... the
        62-year-old said'). 'A spokesman' or 'one visitor' names no one."""
        if not DEFINITE.match(phrase):
            return None
        sentence = self.index[sentence_id]
        age = AGE.search(phrase)
        if age:
            aged = self.holders.get(age.group(1), set())
            return self.referents.nearest(aged or set(self.referents.traces), sentence, AGE_REACH)
        holders = self.holders.get(head, set())
        unique = self.roles.get(head)
        return self.referents.nearest(holders, sentence) or unique

    def why(self, person: str, sentence_id: str) -> str:
        return self.referents.why(person, self.index[sentence_id])

    def chain(self, phrase: str, holder: str, sentence_id: str) -> str:
        """'“the minister” → Henrique Salgado: Interior Minister, named 1 sentence before'."""
        role = next((word for word, names in self.holders.items() if holder in names and word in phrase.lower()), "")
        why = self.referents.why(holder, self.index[sentence_id])
        return f"“{phrase}” → {holder}: {'holds the role “' + role + '”, ' if role else ''}{why}"

    def spoke(self, found: Found, sentence: str) -> None:
        if found.speaker in self.people:
            self.referents.spoke(found.speaker, self.index[sentence])

    def named(self, speech: Speech, at: int, text: str, mentions: list[Placed]) -> Found:
        """The speaker named by a speech's subject, which starts at `at` in the paragraph `text`."""
        start, end = at, at + speech.subject_end - speech.subject_start
        group_end = at + speech.group_end - speech.subject_start
        phrase = text[start:end]
        if speech.subject_kind is SubjectKind.PRONOUN:
            referent = self.referent(speech.head, speech.sentence) if speech.head in RESOLVED_PRONOUNS else None
            if referent:
                chain = f"“{phrase}” → {referent}: {self.why(referent, speech.sentence)}"
                return Found(referent, phrase, "", SpeakerRule.RESOLVED, chain)
            return Found(None, phrase, "", SpeakerRule.UNKNOWN)
        inside = [p for p in mentions if start <= p.start < end]
        persons = [p for p in inside if actor_of(p) in self.people]
        if persons:  # the last is the phrase's head: 'Ortega campaign spokesman Jan Novak said'
            rule = SpeakerRule.NAMED if is_named(persons[-1]) else SpeakerRule.RESOLVED
            return Found(actor_of(persons[-1]), phrase, "", rule)
        if speech.subject_kind is SubjectKind.NAME:
            if inside:
                return Found(actor_of(inside[-1]), phrase, "", SpeakerRule.NAMED)
            name, _title = clean_name(phrase, "PERSON")
            if name and name.lower() not in TITLE_WORDS:  # a name the recogniser missed ('WALLACE:', 'O’Donnell')
                return Found(name, phrase, "", SpeakerRule.NAMED)
        around = [p for p in mentions if end <= p.start < group_end and actor_of(p) in self.people]
        if around:  # 'officials, including Deputy Minister Ivan Petrov, said'
            return Found(actor_of(around[0]), text[start:group_end].strip(" ,"), "", SpeakerRule.RESOLVED)
        bodies = [p for p in inside if speech.subject_kind is not SubjectKind.DESCRIPTION or not is_place(p)]
        if bodies:  # 'Ministry officials said': the institution they speak for (a person in the group may
            # still be recognised by role across articles, so the whole group is kept as the mention); a place in
            # a description ('the New York businessman') says where the speaker is from, not who speaks
            return Found(actor_of(bodies[-1]), text[start:group_end].strip(" ,"), "", SpeakerRule.NAMED)
        holder = (
            self.holder(speech.sentence, phrase, speech.head)
            if speech.subject_kind is SubjectKind.DESCRIPTION
            else None
        )
        if holder:
            return Found(holder, phrase, "", SpeakerRule.RESOLVED, self.chain(phrase, holder, speech.sentence))
        return Found(None, text[start:group_end].strip(" ,"), "", SpeakerRule.UNKNOWN)

    def passed(self, seen: list[Placed]) -> None:
        """Note the people named and the pronoun subjects (outside quotes) since the last call, in text order."""
        for placed in seen:
            item = placed.item
            if isinstance(item, Mention):
                self.referents.named(item.actor, self.index[item.sentence], item.subject)
                if (item.sentence, item.start) in self.reporting:  # 'Ortega said Novak would wait. “…,” he said'
                    self.referents.spoke(item.actor, self.index[item.sentence])
            elif isinstance(item, Pronoun):
                person = self.referent(item.head, item.sentence)
                if person:
                    self.referents.named(person, self.index[item.sentence], subject=True)


def actor_of(placed: Placed) -> str:
    assert isinstance(placed.item, Mention)
    return placed.item.actor


def is_subject(placed: Placed, people: set[str]) -> bool:
    assert isinstance(placed.item, Mention)
    return placed.item.subject and placed.item.actor in people


def is_place(placed: Placed) -> bool:
    assert isinstance(placed.item, Mention)
    return placed.item.label in ("GPE", "LOC", "FAC", "NORP")


def is_named(placed: Placed) -> bool:
    """Whether a mention is a name ('Ortega'), not a description the story file resolves ('a deputy minister')."""
    assert isinstance(placed.item, Mention)
    return placed.item.text[:1].isupper()


def article_roles(parsed: ParsedArticle, people: set[str]) -> dict[str, set[str]]:
    """Role words and ages of the article's own people ('prosecutor' -> {'Ana Ortega'}, '47' -> {'Jan Novak'}:
    'Jan Novak, 47,' or 'Jan Novak, a 47-year-old')."""
    holders: dict[str, set[str]] = {}
    for actor in parsed.discovered:
        if actor.role and actor.name in people:
            for word in re.findall(r"[a-z][a-z-]+", actor.role.lower()):
                holders.setdefault(word, set()).add(actor.name)
    text = {s.id: s.text for s in parsed.sentences}
    for mention in parsed.mentions:
        age = AGE_AFTER.match(text[mention.sentence], mention.end) if mention.actor in people else None
        if age:
            holders.setdefault(age.group(1), set()).add(mention.actor)
    return holders
