"""One actor per real entity across all articles, for the names found in the text (not the story file's).

Each article already names its own people canonically; across articles the same person may still be
'Muller' here and 'Thomas Müller' there, 'Tchaikovsky' and 'Tchaikovski', and a country's adjective ('Israeli')
stands for the country another article names, as its capital ('Nairobi') does. `unify` maps every such name
to one display name (the longest, then the most used) and rewrites the extractions once, before anything is
assembled.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from rapidfuzz import fuzz

from generator.config import Story
from generator.core.model import DiscoveredActor
from generator.core.text import plain
from generator.core.types import ActorKind
from generator.extract import Extraction
from generator.nlp.entities import link_names
from generator.nlp.gazetteer import capital_of

SAME_SPELLING = 90  # rapidfuzz ratio for two multi-word person names to be one ('Tchaikovsky' / 'Tchaikovski')


def _demonym_target(word: str, names: list[str]) -> str | None:
    """'Israeli' -> 'Israel', 'Brazilian' -> 'Brazil': one place or country sharing its first five letters."""
    stem = plain(word)
    if len(stem) < 6:
        return None
    hits = {n for n in names if " " not in n and len(n) >= 5 and plain(n)[:5] == stem[:5] and len(plain(n)) >= 5}
    return next(iter(hits)) if len(hits) == 1 else None


def _initials(names: list[str]) -> dict[str, str]:
    """'WHO' -> 'World Health Organization': an all-capitals name that spells the
    initials of exactly one longer name."""
    spelled: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = [w for w in name.split() if w[:1].isupper()]
        if len(words) >= 2:
            spelled["".join(w[0] for w in words)].add(name)
    found: dict[str, str] = {}
    for name in names:
        letters = name.replace(".", "")
        if letters.isupper() and len(spelled.get(letters, ())) == 1:
            found[name] = next(iter(spelled[letters]))
    return found


def _fuzzy_people(people: list[str]) -> dict[str, str]:
    """Multi-word person names spelled alike ('Pyotr Tchaikovsky', 'Pyotr Tchaikovski') -> the longer."""
    buckets: dict[str, list[str]] = defaultdict(list)
    for name in people:
        if " " in name:
            buckets[plain(name.split()[-1])[:4]].append(name)
    same: dict[str, str] = {}
    for names in buckets.values():
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if a[0] == b[0] and fuzz.ratio(plain(a), plain(b)) >= SAME_SPELLING:
                    keep, drop = sorted((a, b), key=lambda n: (-len(n), n))
                    same.setdefault(drop, keep)
    return same


def name_map(story: Story, extractions: list[Extraction]) -> dict[str, str]:
    """Every text-found name -> the one name the site shows it under (names that stay the same left out)."""
    counts: Counter[str] = Counter()
    kinds: dict[str, ActorKind] = {}
    for extraction in extractions:
        for actor in extraction.discovered:
            kinds.setdefault(actor.name, actor.kind)
        counts.update(m.actor for m in extraction.facts.parsed.mentions if not m.registered)
    persons = {n for n, kind in kinds.items() if kind is ActorKind.PERSON}
    organisations = frozenset(n for n, kind in kinds.items() if kind is ActorKind.ORGANISATION and " " in n)
    mapping = link_names(counts, persons, organisations)
    mapping.update({drop: mapping.get(keep, keep) for drop, keep in _fuzzy_people(sorted(persons)).items()})
    registered = [n for a in story.actors for n in (a.name, *a.aliases)]
    for short, long in _initials(sorted({*counts, *registered})).items():
        if short in counts and short not in registered:
            mapping[short] = mapping.get(long, long)
    places = sorted({n for n, k in kinds.items() if k in (ActorKind.PLACE, ActorKind.COUNTRY)})
    places += [a.name for a in story.actors if a.kind in (ActorKind.COUNTRY, ActorKind.PLACE)]
    countries = {n for n, k in kinds.items() if k is ActorKind.COUNTRY}
    countries |= {a.name for a in story.actors if a.kind is ActorKind.COUNTRY}
    for name in counts:
        if kinds.get(name) is ActorKind.PLACE and capital_of(name) in countries:  # 'Nairobi' for its government
            mapping[name] = capital_of(name) or name
        elif name not in kinds:  # an adjective of nationality, kept by the article for this step
            mapping[name] = _demonym_target(name, places) or ""
        elif kinds[name] is ActorKind.GROUP:  # 'Brazilians' with the country the corpus names
            mapping[name] = _demonym_target(name, places) or mapping.get(name, name)
    return {name: target for name, target in mapping.items() if target != name}


def unify(story: Story, extractions: list[Extraction]) -> list[Extraction]:
    """The extractions with every text-found name replaced by its one display name ('' drops a mention)."""
    mapping = name_map(story, extractions)
    if not mapping:
        return extractions

    def rename(name: str | None) -> str | None:
        return mapping.get(name, name) if name else name

    unified = []
    for extraction in extractions:
        facts = extraction.facts
        parsed = facts.parsed
        mentions = tuple(
            replace(m, actor=mapping[m.actor]) if m.actor in mapping else m
            for m in parsed.mentions
            if mapping.get(m.actor, m.actor)
        )
        discovered = _merge_discovered(extraction.discovered, mapping)
        parsed = replace(parsed, mentions=mentions, discovered=discovered)
        facts = replace(
            facts,
            parsed=parsed,
            quotes=tuple(replace(q, speaker=rename(q.speaker)) for q in facts.quotes),
            events=tuple(replace(e, actors=tuple(a for a in map(rename, e.actors) if a)) for e in facts.events),
            plan_mentions=tuple(replace(p, actor=rename(p.actor)) for p in facts.plan_mentions),
        )
        about: dict[str, Counter[str]] = defaultdict(Counter)
        for actor, words in extraction.framing.about.items():
            if rename(actor):
                about[rename(actor) or actor].update(words)
        framing = replace(extraction.framing, about=dict(about))
        unified.append(replace(extraction, facts=facts, discovered=discovered, framing=framing))
    return _one_kind(unified)


def _one_kind(extractions: list[Extraction]) -> list[Extraction]:
    """Every article's record of an actor with the corpus's kind and role: a person if any article gives a
    role, else the kind most articles give (the first on a tie)."""
    kinds: dict[str, Counter[ActorKind]] = defaultdict(Counter)
    roles: dict[str, str] = {}
    for extraction in extractions:
        for actor in extraction.discovered:
            kinds[actor.name][actor.kind] += 1
            if actor.role:
                roles.setdefault(actor.name, actor.role)
    chosen = {
        name: ActorKind.PERSON if ActorKind.PERSON in votes and name in roles else votes.most_common(1)[0][0]
        for name, votes in kinds.items()
    }

    def settled(actor: DiscoveredActor) -> DiscoveredActor:
        return replace(actor, kind=chosen[actor.name], role=actor.role or roles.get(actor.name))

    return [replace(x, discovered=tuple(map(settled, x.discovered))) for x in extractions]


def _merge_discovered(found: tuple[DiscoveredActor, ...], mapping: dict[str, str]) -> tuple[DiscoveredActor, ...]:
    merged: dict[str, DiscoveredActor] = {}
    for actor in found:
        name = mapping.get(actor.name, actor.name)
        if not name:
            continue
        aliases = tuple(sorted({*actor.aliases, actor.name} - {name}))
        if name in merged:
            kept = merged[name]
            if actor.name == name:  # the entity's own record gives the kind ('Kenya' over its capital's)
                kept, actor = replace(actor, aliases=kept.aliases), kept
            merged[name] = replace(kept, role=kept.role or actor.role, aliases=tuple(sorted({*kept.aliases, *aliases})))
        else:
            merged[name] = replace(actor, name=name, aliases=aliases)
    return tuple(merged[n] for n in sorted(merged))
