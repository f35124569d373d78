"""One actor per real entity within an article: the names the recogniser found, linked and given a kind.

'Ana Ortega', 'Ms Ortega' and 'Ortega' are one person, shown by the longest name; 'Müller' and 'Muller'
one spelling; 'Lula' the 'Luiz Inácio Lula da Silva' the article introduced; 'U.K.' the country of that code.
The kind is the majority of the recogniser's labels over every mention, unless the words settle it ('Times',
'a newspaper') or the gazetteer does (a country; a large city the recogniser took for a person).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from generator.core.model import DiscoveredActor, Mention, ParsedArticle, Sentence
from generator.core.text import plain
from generator.core.types import ActorKind
from generator.nlp.gazetteer import capital_of, country_of, is_large_city, known_place
from generator.nlp.kinds import decide_kind, mention_votes

SHIP = re.compile(r"\b(?:MV|M/V|MS|MT|SS|RV|HMS|USS|FV) ((?:[A-Z][\w-]+ )?([A-Z][\w-]+))")  # and its last name
CORPORATE = frozenset("inc ltd llc corp co plc sa ag gmbh nv bv".split())  # a company's legal form
LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]{3,}(?![\w’'-])")


def _key(name: str) -> str:
    """A name as compared: 'Stellamar Shipping Lines, Inc.' and 'Stellamar Shipping Lines' are one."""
    words = plain(name).replace("-", " ").replace("'", "").replace(",", " ").split()
    while len(words) > 1 and words[-1].rstrip(".") in CORPORATE:
        words.pop()
    return " ".join(words)


def _contained(short: list[str], long: list[str]) -> bool:
    """'Lula da Silva' in 'Luiz Inácio Lula da Silva': the short name's words, in order, inside the long one."""
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def link_names(
    names: Counter[str],
    persons: set[str],
    organisations: frozenset[str] = frozenset(),
    places: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Each name -> the longest name it is part of, when exactly one person name of the article contains it (or,
    for a one-word name that is no place, exactly one organisation name begins with it, else ends with it,
    six words at most: 'Federation' of 'Dockers' Federation'; or, for a longer name, exactly one organisation
    name holds its words: 'Court of Audit' of 'Styrian Court of Audit')."""
    keys = {name: _key(name).split() for name in names}
    longest: dict[str, str] = {}
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_key[" ".join(keys[name])].append(name)
    for spellings in by_key.values():  # 'Müller' and 'Muller': the commoner spelling, then the accented one
        best = max(spellings, key=lambda n: (names[n], n != plain(n), n))
        longest.update({n: best for n in spellings})
    by_first: dict[str, list[str]] = defaultdict(list)  # each many-word organisation under its first word
    by_last: dict[str, list[str]] = defaultdict(list)  # under its last
    by_any: dict[str, list[str]] = defaultdict(list)  # and under each of its words
    for organisation in sorted(organisations):
        if len(keys[organisation]) > 1:
            by_first[keys[organisation][0]].append(organisation)
            by_last[keys[organisation][-1]].append(organisation)
            for word in dict.fromkeys(keys[organisation]):
                by_any[word].append(organisation)
    for name in names:
        if name in persons or name in places or not keys[name]:
            continue
        n = len(keys[name])
        owners = [o for o in by_first.get(keys[name][0], []) if o != name] if n == 1 else []
        if not owners and n == 1:  # 'Stellamar' for 'Stellamar Shipping Lines'; 'Federation' for 'Dockers' Federation'
            owners = [o for o in by_last.get(keys[name][-1], []) if 1 < len(keys[o]) <= 6]
        elif not owners:  # 'Coast Guard' inside 'Philippine Coast Guard District Eastern Visayas'
            owners = [o for o in by_any.get(keys[name][0], []) if n < len(keys[o]) and _contained(keys[name], keys[o])]
        if len({longest[o] for o in owners}) == 1:  # 'X Lines, Inc' and 'X Lines' are one owner
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
    gpe = {m.actor for m in found if m.label == "GPE"}
    places = frozenset(m.actor for m in found if m.label == "GPE" and known_place(m.actor)) - persons
    link = link_names(names, persons, organisations, places)
    link.update({name: country for name in gpe if (country := country_of(name)) and link[name] == name})
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    text_of = {s.id: s.text for s in parsed.sentences}
    aliases: dict[str, set[str]] = defaultdict(set)
    first: dict[str, str] = {}
    for mention in found:
        actor = link[mention.actor]
        labels[actor] += mention_votes(mention, actor, persons, text_of[mention.sentence])
        aliases[actor].add(mention.actor)
        first.setdefault(actor, mention.sentence)
    discovered = []
    common, ships = common_words(parsed.sentences), ship_names(parsed.sentences)
    for actor in sorted(labels):
        role = next((roles[a] for a in sorted(aliases[actor], key=len, reverse=True) if roles.get(a)), None)
        if (actor.lower() in common and not role) or actor in ships:
            continue  # 'Board', 'Turnout': a word the article also writes in lower case is no name; nor a ship
        kind = place_kind(actor, role, decide_kind(actor, role, labels[actor]))
        if kind is ActorKind.GROUP and not actor.endswith("s"):
            continue  # an adjective ('Israeli') is an actor only once the corpus links it to a country
        discovered.append(
            DiscoveredActor(
                actor,
                role,
                kind,
                parsed.article.id,
                first[actor],
                tuple(sorted(aliases[actor] - {actor})),
                tuple(sorted(labels[actor].items())),
            )
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


def ship_names(sentences: Iterable[Sentence]) -> set[str]:
    """The names of ships an article gives ('MV Stellamar Pacifica' -> 'Stellamar Pacifica', 'Pacifica')."""
    return {part for s in sentences for m in SHIP.finditer(s.text) for part in (m.group(1), m.group(2))}


def common_words(sentences: Iterable[Sentence]) -> set[str]:
    """The words an article writes in lower case (a name is written capitalised wherever it stands)."""
    return {w for s in sentences if s.kind != "related" for w in LOWER_WORD.findall(s.text)}


def _name_parts(parsed: ParsedArticle, people: list[str], mentions: list[Mention]) -> list[Mention]:
    """Later mentions of a person by one part of the name ('Lula', 'Ortega') that the recogniser missed: each
    capitalised word of three letters or more that belongs to one person's name only ('Ham' of 'Norman Ham')."""
    owners: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for word in person.split()[1:]:
            if len(word) >= 3 and word[0].isupper():
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
                subject = _main_subject(sentence, start)
                extra.append(Mention(parts[match.group(1)], match.group(1), sentence.id, start, end, False, "PERSON",
                                     subject))  # fmt: skip
    return extra


def _main_subject(sentence: Sentence, start: int) -> bool:
    """Whether the word at `start` is the subject of a main clause ('Ortega has commented ...')."""
    words = sentence.words
    word = next((w for w in words if w.start == start), None)
    return word is not None and word.dep in ("nsubj", "nsubjpass") and words[word.head].dep in ("ROOT", "conj")


def place_kind(name: str, role: str | None, kind: ActorKind) -> ActorKind:
    """A place that is a country is a country; a one-word person or organisation with no role that is the name
    of a capital or a large city ('Mombasa', 'Ottawa') is that place."""
    if kind is ActorKind.PLACE and country_of(name):
        return ActorKind.COUNTRY
    one_word = kind in (ActorKind.PERSON, ActorKind.ORGANISATION) and " " not in name and not role
    return ActorKind.PLACE if one_word and (capital_of(name) or is_large_city(name)) else kind
