"""The actor registry: every way the story file lets the text name an actor, as entity-ruler patterns.

Besides the names, aliases and metonyms an editor lists, it derives two kinds of pattern:
surnames of registered people ("Lagarde" after "Christine Lagarde"), and role descriptions that identify exactly
one registered person ("a deputy foreign minister", "the US president").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.config import ActorSpec, Story

FILLER = {"of", "the", "for", "and", "on"}


@dataclass(frozen=True)
class RoleDescription:
    actor: str
    head: tuple[str, ...]  # lowercase words of the role without its country: ("deputy", "foreign", "minister")
    modifiers: tuple[str, ...]  # lowercase words naming the affiliation: ("russian", "russia", "moscow", ...)


def _stem_match(word: str, names: set[str]) -> bool:
    """'Brazilian' names 'Brazil', 'Canadian' names 'Canada': words of six letters or more sharing five."""
    word = word.lower().strip(".,'’")
    return any(word == n or (len(word) >= 6 and len(n) >= 6 and word[:5] == n[:5]) for n in names)


def _affiliation_names(actor: ActorSpec, by_name: dict[str, ActorSpec]) -> set[str]:
    """Lowercase one-word names of a person's affiliation: its name's words, one-word aliases, metonyms."""
    if not actor.affiliation:
        return set()
    names = {w.lower() for w in actor.affiliation.split() if w.lower() not in FILLER}
    group = by_name.get(actor.affiliation)
    if group:
        names |= {n.lower() for n in (*group.aliases, *group.metonyms) if " " not in n}
    return names


def role_description(actor: ActorSpec, by_name: dict[str, ActorSpec]) -> RoleDescription | None:
    """Split a role into the office ('deputy foreign minister') and the words that name its country."""
    if actor.kind != "person" or not actor.role:
        return None
    names = _affiliation_names(actor, by_name)
    words = actor.role.replace(",", " ").split()
    head = [w.lower() for w in words if not (names and _stem_match(w, names))]
    while head and head[-1] in FILLER:
        head.pop()
    while head and head[0] in FILLER:
        head.pop(0)
    if len(head) > 1 and head[-2:] in (["of", "the"],):
        head = head[:-2]
    if not head:
        return None
    return RoleDescription(actor.name, tuple(head), tuple(sorted(names)))


def _modifier_regex(names: tuple[str, ...]) -> str:
    """Any of the names, or a word sharing their first five letters ('ukrainian' for 'ukraine')."""
    exact = [re.escape(n) for n in names]
    stems = sorted({re.escape(n[:5]) + r"\w{1,}" for n in names if len(n) >= 6})
    return "^(?:" + "|".join(exact + stems) + ")$"


def role_patterns(story: Story) -> list[dict]:
    """Patterns for role descriptions that pick out one registered person.

    'a deputy foreign minister' needs the office to be unique among registered people; 'the US president'
    needs office and country to be unique together.
    """
    by_name = {a.name: a for a in story.actors}
    roles = [r for a in story.actors if (r := role_description(a, by_name))]
    heads = Counter(r.head for r in roles)
    patterns = []
    for role in roles:
        head = [{"LOWER": w} for w in role.head]
        determiner = {"LOWER": {"IN": ["the", "a", "an"]}}
        if role.modifiers:
            same = [r for r in roles if r.head == role.head and set(r.modifiers) & set(role.modifiers)]
            if len(same) == 1:
                modifier = {"LOWER": {"REGEX": _modifier_regex(role.modifiers)}}
                patterns.append({"label": "ACTOR", "id": role.actor, "pattern": [determiner, modifier, *head]})
        if heads[role.head] == 1 and len(role.head) >= 2:
            # a one-word office ("president") alone is too common to name one person
            patterns.append({"label": "ACTOR", "id": role.actor, "pattern": [determiner, *head]})
    return patterns


def surname_aliases(story: Story) -> dict[str, str]:
    """Surnames of registered people that no other actor shares: 'Lagarde' -> 'Christine Lagarde'."""
    counts: Counter[str] = Counter()
    owner: dict[str, str] = {}
    listed = {alias for a in story.actors for alias in (a.name, *a.aliases, *a.metonyms)}
    for actor in story.actors:
        if actor.kind != "person" or " " not in actor.name:
            continue
        surname = actor.name.split()[-1]
        if re.fullmatch(r"[A-Z][\w'’-]+", surname):
            counts[surname] += 1
            owner[surname] = actor.name
    return {s: owner[s] for s, n in counts.items() if n == 1 and s not in listed}


def role_nouns(story: Story) -> dict[str, str]:
    """Offices that name one registered person when used alone ('the minister said'): last word of the role."""
    owners: dict[str, set[str]] = {}
    for actor in story.actors:
        if actor.kind == "person" and actor.role:
            noun = actor.role.split()[-1].lower()
            owners.setdefault(noun, set()).add(actor.name)
    return {noun: next(iter(names)) for noun, names in owners.items() if len(names) == 1}
