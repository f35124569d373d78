"""One actor per real entity within an article: the names the recogniser found, linked and given a kind.

'Ana Ortega', 'Ms Ortega' and 'Ortega' are one person, shown by the longest name; 'Müller' and 'Muller'
one spelling; 'Lula' the 'Luiz Inácio Lula da Silva' the article introduced; 'U.K.' the country of that code.
The kind is the majority of the recogniser's labels over every mention, unless the words settle it ('Times',
'a newspaper') or the gazetteer does (a country; a large city the recogniser took for a person).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from generator.core.model import DiscoveredActor, Mention, ParsedArticle
from generator.core.text import plain
from generator.core.types import ActorKind
from generator.nlp.gazetteer import capital_of, country_of, is_large_city
from generator.nlp.names import KIND_OF_LABEL, kind_from_words


def _key(name: str) -> str:
    return " ".join(plain(name).replace("-", " ").split())


def _contained(short: list[str], long: list[str]) -> bool:
    """'Lula da Silva' in 'Luiz Inácio Lula da Silva': the short name's words, in order, inside the long one."""
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def link_names(names: Counter[str], persons: set[str], organisations: frozenset[str] = frozenset()) -> dict[str, str]:
    """Each name -> the longest name it is part of, when exactly one person name of the article contains it (or,
    for a one-word name, exactly one organisation name begins with it)."""
    keys = {name: _key(name).split() for name in names}
    longest: dict[str, str] = {}
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_key[" ".join(keys[name])].append(name)
    for spellings in by_key.values():  # 'Müller' and 'Muller': the commoner spelling, then the accented one
        best = max(spellings, key=lambda n: (names[n], n != plain(n), n))
        longest.update({n: best for n in spellings})
    by_first: dict[str, list[str]] = defaultdict(list)  # each many-word organisation under its first word
    for organisation in sorted(organisations):
        if len(keys[organisation]) > 1:
            by_first[keys[organisation][0]].append(organisation)
    for name in names:  # 'Stellamar' for 'Stellamar Shipping Lines': the one organisation it begins
        if len(keys[name]) == 1 and name not in persons:
            owners = [o for o in by_first.get(keys[name][0], []) if o != name]
            if len(owners) == 1:
                longest[name] = longest[owners[0]]
    people = sorted({longest[p] for p in persons}, key=lambda n: (-len(keys[n]), n))
    by_word: dict[str, list[str]] = defaultdict(list)  # each person's name under each of its words, in order
    for person in people:
        for word in dict.fromkeys(keys[person]):
            by_word[word].append(person)
    for name in names:
        if name not in persons and len(keys[name]) > 1:
            continue  # a one-word organisation may be a surname; a longer one is its own name
        candidates = by_word.get(keys[name][0], []) if keys[name] else people  # a holder has the name's words
        holders = [p for p in candidates if p != longest[name] and len(keys[p]) > len(keys[name])]
        holders = [p for p in holders if _contained(keys[name], keys[p])]
        if len({longest[h] for h in holders}) == 1:
            longest[name] = longest[holders[0]]
    return longest


def canonical(parsed: ParsedArticle, roles: dict[str, str]) -> ParsedArticle:
    """The article with its text-found mentions named canonically and one DiscoveredActor per entity."""
    found = [m for m in parsed.mentions if not m.registered]
    if not found:
        return parsed
    names = Counter(m.actor for m in found)
    persons = {m.actor for m in found if m.label == "PERSON"}
    organisations = frozenset(m.actor for m in found if m.label == "ORG" and " " in m.actor)
    link = link_names(names, persons, organisations)
    gpe = {m.actor for m in found if m.label == "GPE"}
    link.update({name: country for name in gpe if (country := country_of(name)) and link[name] == name})
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    first: dict[str, str] = {}
    for mention in found:
        actor = link[mention.actor]
        labels[actor][mention.label] += 1
        aliases[actor].add(mention.actor)
        first.setdefault(actor, mention.sentence)
    discovered = []
    for actor in sorted(labels):
        role = next((roles[a] for a in sorted(aliases[actor], key=len, reverse=True) if roles.get(a)), None)
        kind = kind_from_words(actor, role) or _vote(labels[actor])
        kind = place_kind(actor, role, kind)
        if kind is ActorKind.GROUP and not actor.endswith("s"):
            continue  # an adjective ('Israeli') is an actor only once the corpus links it to a country
        discovered.append(
            DiscoveredActor(actor, role, kind, parsed.article.id, first[actor], tuple(sorted(aliases[actor] - {actor})))
        )
    kept = {d.name for d in discovered}
    mentions = [
        m if m.registered else replace(m, actor=link[m.actor])
        for m in parsed.mentions
        if m.registered or link[m.actor] in kept or m.label == "NORP"
    ]
    people = [d.name for d in discovered if d.kind is ActorKind.PERSON]
    mentions += _name_parts(parsed, people, mentions)
    order = {s.id: s.index for s in parsed.sentences}
    mentions.sort(key=lambda m: (order[m.sentence], m.start))
    return replace(parsed, mentions=tuple(mentions), discovered=tuple(discovered))


def _name_parts(parsed: ParsedArticle, people: list[str], mentions: list[Mention]) -> list[Mention]:
    """Later mentions of a person by one part of the name ('Lula', 'Ortega') that the recogniser missed: each
    capitalised word of four letters or more that belongs to one person's name only."""
    owners: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for word in person.split()[1:]:
            if len(word) >= 4 and word[0].isupper():
                owners[word].add(person)
    parts = {word: next(iter(names)) for word, names in owners.items() if len(names) == 1}
    if not parts:
        return []
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, sorted(parts, key=len, reverse=True))) + r")(?![\w-])"
    )
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for mention in mentions:
        covered[mention.sentence].append((mention.start, mention.end))
    extra = []
    for sentence in parsed.sentences:
        if sentence.kind == "related":
            continue
        for match in pattern.finditer(sentence.text):
            start, end = match.span(1)
            if not any(s < end and start < e for s, e in covered[sentence.id]):
                extra.append(Mention(parts[match.group(1)], match.group(1), sentence.id, start, end, False, "PERSON"))
    return extra


def place_kind(name: str, role: str | None, kind: ActorKind) -> ActorKind:
    """A place that is a country is a country; a one-word person or organisation with no role that is the name
    of a capital or a large city ('Mombasa', 'Ottawa') is that place."""
    if kind is ActorKind.PLACE and country_of(name):
        return ActorKind.COUNTRY
    one_word = kind in (ActorKind.PERSON, ActorKind.ORGANISATION) and " " not in name and not role
    return ActorKind.PLACE if one_word and (capital_of(name) or is_large_city(name)) else kind


def _vote(labels: Counter[str]) -> ActorKind:
    label = max(labels, key=lambda lab: (labels[lab], lab == "PERSON", lab))
    return KIND_OF_LABEL.get(label, ActorKind.OTHER)
