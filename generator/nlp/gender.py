"""Which pronoun the text uses for each person, so that 'she said' is not credited to the man named last.

The evidence is mostly the article's own: an honorific before a name ('Mr. Obama', 'Ms. Moore'), a gendered
role word ('spokeswoman', 'congressman'), and the pronouns of sentences that name one person only ('Clinton
said her plan ...'; 'Ortega arrived. He said ...' when the next sentence names no one else). A first name
that almost always has one gender (US Census name frequencies, `data/first_names.tsv`) counts as a few
pronouns would. A person with no evidence, or evidence both ways, has no known gender, and any pronoun may
refer to them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from enum import StrEnum
from functools import cache
from importlib.resources import files

from generator.core.model import Mention, ParsedArticle


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


PRONOUN_GENDER = {
    **dict.fromkeys(("he", "him", "his", "himself"), Gender.MALE),
    **dict.fromkeys(("she", "her", "hers", "herself"), Gender.FEMALE),
}
HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady)\.?\s+$")
HONORIFIC_GENDER = {"mr": Gender.MALE, "sir": Gender.MALE, "lord": Gender.MALE,
                    "mrs": Gender.FEMALE, "ms": Gender.FEMALE, "miss": Gender.FEMALE, "dame": Gender.FEMALE,
                    "lady": Gender.FEMALE}  # fmt: skip
ROLE_GENDER = re.compile(r"(?:wo)?m[ae]n\b|\b(?:queen|princess|king|prince|wife|husband|mother|father)\b")
PRONOUN = re.compile(r"\b(" + "|".join(PRONOUN_GENDER) + r")\b", re.IGNORECASE)
QUOTED = re.compile(r"[“\"][^“”\"]*[”\"]")
STRONG = 10  # an honorific or a role word outweighs the pronouns of a few sentences
FIRST_NAME = 3  # a first name weighs as much as three pronouns


@cache
def _first_names() -> dict[str, Gender]:
    text = (files("generator") / "nlp" / "data" / "first_names.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {name: Gender.MALE if mark == "m" else Gender.FEMALE for name, mark in rows}


def first_name_gender(name: str) -> Gender | None:
    """The gender a person's first name almost always has ('Lily Batchelder' -> female), or None."""
    words = name.split()
    return _first_names().get(words[0]) if len(words) > 1 else None


def _role_gender(role: str) -> Gender | None:
    match = ROLE_GENDER.search(role.lower())
    if not match:
        return None
    word = match.group(0)
    if word.startswith("wom") or word in ("queen", "princess", "wife", "mother"):
        return Gender.FEMALE
    return Gender.MALE


def person_genders(parsed: ParsedArticle, people: set[str]) -> dict[str, Gender]:
    """The gender the article's pronouns and titles give each person, where the evidence is one-sided."""
    votes: dict[str, Counter[Gender]] = defaultdict(Counter)
    by_sentence: dict[str, list[Mention]] = defaultdict(list)
    for mention in parsed.mentions:
        if mention.actor in people:
            by_sentence[mention.sentence].append(mention)
    sentences = parsed.sentences
    for index, sentence in enumerate(sentences):
        named = by_sentence.get(sentence.id, [])
        for mention in named:
            honorific = HONORIFIC.search(sentence.text[max(0, mention.start - 6) : mention.start])
            if honorific:
                votes[mention.actor][HONORIFIC_GENDER[honorific.group(1).lower()]] += STRONG
        if len({m.actor for m in named}) != 1:
            continue
        person = named[0].actor
        texts = [sentence.text[named[0].end :]]
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        if following and following.block == sentence.block and not by_sentence.get(following.id):
            texts.append(following.text)
        for text in texts:
            for word in PRONOUN.findall(QUOTED.sub(" ", text)):
                votes[person][PRONOUN_GENDER[word.lower()]] += 1
    for actor in parsed.discovered:
        gender = _role_gender(actor.role or "") if actor.name in people else None
        if gender:
            votes[actor.name][gender] += STRONG
    for person in people:
        given = first_name_gender(person)
        if given:
            votes[person][given] += FIRST_NAME
    genders: dict[str, Gender] = {}
    for person, count in votes.items():
        male, female = count[Gender.MALE], count[Gender.FEMALE]
        if max(male, female) > 3 * min(male, female):  # one-sided: three to one or more
            genders[person] = Gender.MALE if male > female else Gender.FEMALE
    return genders
