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
from typing import Any, TypeVar

from rapidfuzz import fuzz

from generator.config import ActorSpec, Story
from generator.core.kept import Kept
from generator.core.model import DiscoveredActor, Mention, Sentence
from generator.core.text import plain
from generator.core.types import ActorKind
from generator.extract import Extraction
from generator.nlp.entities import common_words, link_names, place_kind, ship_names
from generator.nlp.gazetteer import capital_of, known_place
from generator.nlp.kinds import decide_kind

T = TypeVar("T")
SAME_SPELLING = 90  # rapidfuzz ratio for two multi-word person names to be one ('Tchaikovsky' / 'Tchaikovski')


def _by_stem(names: list[str]) -> dict[str, set[str]]:
    """One-word names of five letters or more, by their first five (plain) letters."""
    found: dict[str, set[str]] = defaultdict(set)
    for name in names:
        letters = plain(name)
        if " " not in name and len(name) >= 5 and len(letters) >= 5:
            found[letters[:5]].add(name)
    return found


def _demonym_target(word: str, stems: dict[str, set[str]]) -> str | None:
    """'Israeli' -> 'Israel', 'Brazilian' -> 'Brazil': one place or country sharing its first five letters (`stems`:
    the places and countries by `_by_stem`)."""
    stem = plain(word)
    if len(stem) < 6:
        return None
    hits = stems.get(stem[:5], set())
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


def _no_names(extractions: list[Extraction], counts: Counter[str], kinds: dict[str, ActorKind]) -> set[str]:
    """Names one article took for actors that the corpus shows are not: a ship another article names ('the
    Stellamar Aurora' where one says 'MV Stellamar Aurora'), a word another writes in lower case ('this Treaty')."""
    ships: set[str] = set()
    common: set[str] = set()
    for extraction in extractions:
        parsed = extraction.facts.parsed
        found = _KEPT_WORDS.call(parsed.article.id, _words, parsed.sentences)
        ships |= found[0]
        common |= found[1]
    one_word = {n for n in counts if " " not in n and kinds.get(n) is not ActorKind.PERSON and n.lower() in common}
    return (ships & set(counts)) | one_word


def _words(sentences: tuple[Sentence, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """An article's ship names and the words it writes in lower case (`nlp.entities`)."""
    return frozenset(ship_names(sentences)), frozenset(common_words(sentences))


_KEPT_WORDS: Kept[tuple[frozenset[str], frozenset[str]]] = Kept("ship names and common words")  # by article


STATE_FORMS = ("Republic of ", "Kingdom of ", "State of ", "Federation of ")
FEATURES = frozenset("river lake dam reservoir mountains mountain island islands sea bay valley desert".split())


def _same_place(names: list[str], kinds: dict[str, ActorKind]) -> dict[str, str]:
    """Two names of one place -> the one shown: 'Republic of Tervania' -> 'Tervania'; 'Velna' -> 'Velna River'
    (a one-word name and the one name of a river, lake, dam ... that it begins)."""
    same: dict[str, str] = {}
    known = set(names)
    features: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        state = next((form for form in STATE_FORMS if name.startswith(form)), None)
        if state and name[len(state) :] in known:
            same[name] = name[len(state) :]
        elif len(words) == 2 and words[1].lower() in FEATURES:
            features[words[0]].append(name)
    for name in names:
        if kinds.get(name) is not ActorKind.PERSON and len(features.get(name, [])) == 1:
            same[name] = features[name][0]
    return same


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


def _majority(votes: Counter[ActorKind]) -> ActorKind:
    """The kind most articles give a name, a person's on a tie (a name the recogniser doubts is most often one);
    a place that one article shows to be a country is one."""
    votes = Counter(votes)
    if votes[ActorKind.COUNTRY]:
        votes[ActorKind.COUNTRY] += votes.pop(ActorKind.PLACE, 0)
    return max(votes, key=lambda kind: (votes[kind], kind is ActorKind.PERSON, kind))


def corpus_kinds(extractions: list[Extraction]) -> dict[str, ActorKind]:
    """Each text-found name's kind over the corpus: the evidence of all its mentions in every article weighed
    together (`nlp.kinds`); a name whose last word is elsewhere a person's name alone ('Karim Belhadj' where
    'Belhadj' is a person) is a person's."""
    return _KEPT_KINDS.call("corpus", _corpus_kinds, tuple(x.discovered for x in extractions))


def _corpus_kinds(discovered: tuple[tuple[DiscoveredActor, ...], ...]) -> dict[str, ActorKind]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    roles: dict[str, str] = {}
    for found in discovered:
        for actor in found:
            votes[actor.name].update(dict(actor.votes))
            if actor.role:
                roles.setdefault(actor.name, actor.role)
    kinds = {
        name: place_kind(name, roles.get(name), decide_kind(name, roles.get(name), v)) for name, v in votes.items()
    }
    for name in kinds:
        words = name.split()
        if len(words) == 2 and kinds.get(words[-1]) is ActorKind.PERSON and words[0][:1].isupper():
            kinds[name] = ActorKind.PERSON
    return kinds


def name_map(story: Story, extractions: list[Extraction], kinds: dict[str, ActorKind] | None = None) -> dict[str, str]:
    """Every text-found name -> the one name the site shows it under (names that stay the same left out)."""
    kinds = corpus_kinds(extractions) if kinds is None else kinds
    counts: Counter[str] = Counter()
    for extraction in extractions:  # each article's counts kept: adding them is a step per name, not per mention
        parsed = extraction.facts.parsed
        counts.update(_KEPT_COUNTS.call_on(parsed.article.id, _found_names, parsed.mentions))
    dropped = _no_names(extractions, counts, kinds)
    return _KEPT_NAMES.call(
        "corpus", _display_names, story.actors, tuple(counts.items()), tuple(kinds.items()), tuple(sorted(dropped))
    )


_KEPT_KINDS: Kept[dict[str, ActorKind]] = Kept("actor kinds")
_KEPT_COUNTS: Kept[Counter[str]] = Kept("text-found names of an article, counted")  # by article, for its mentions
_KEPT_NAMES: Kept[dict[str, str]] = Kept("display names")


def _found_names(mentions: tuple[Mention, ...]) -> Counter[str]:
    """How often an article names each actor the text found (not the story file's)."""
    return Counter(m.actor for m in mentions if not m.registered)


def _display_names(
    actors: tuple[ActorSpec, ...],
    counted: tuple[tuple[str, int], ...],
    decided: tuple[tuple[str, ActorKind], ...],
    no_names: tuple[str, ...],
) -> dict[str, str]:
    """`name_map` from what it reads of the corpus: the story file's actors, how often each name is met, each
    name's kind, and the names that are none."""
    counts, dropped = Counter(dict(counted)), set(no_names)
    kinds = {name: kind for name, kind in decided if name not in dropped}
    persons = {n for n, kind in kinds.items() if kind is ActorKind.PERSON}
    organisations = frozenset(
        n for n, kind in kinds.items() if kind in (ActorKind.ORGANISATION, ActorKind.MEDIA) and " " in n
    )
    settled = frozenset(n for n, kind in kinds.items() if kind is ActorKind.COUNTRY or known_place(n))
    mapping = link_names(counts, persons, organisations, settled)
    mapping.update({drop: mapping.get(keep, keep) for drop, keep in _fuzzy_people(sorted(persons)).items()})
    registered = [n for a in actors for n in (a.name, *a.aliases)]
    for short, long in _initials(sorted({*counts, *registered})).items():
        if short in counts and short not in registered:
            mapping[short] = mapping.get(long, long)
    for long, short in _same_place(sorted(counts), kinds).items():
        mapping[long] = mapping.get(short, short)
    mapping.update(dict.fromkeys(dropped, ""))
    places = sorted({n for n, k in kinds.items() if k in (ActorKind.PLACE, ActorKind.COUNTRY)})
    places += [a.name for a in actors if a.kind in (ActorKind.COUNTRY, ActorKind.PLACE)]
    countries = {n for n, k in kinds.items() if k is ActorKind.COUNTRY}
    countries |= {a.name for a in actors if a.kind is ActorKind.COUNTRY}
    stems = _by_stem(places)
    for name in sorted(set(counts) - dropped):
        if kinds.get(name) is ActorKind.PLACE and capital_of(name) in countries:  # 'Nairobi' for its government
            mapping[name] = capital_of(name) or name
        elif name not in kinds:  # an adjective of nationality, kept by the article for this step
            mapping[name] = _demonym_target(name, stems) or ""
        elif kinds[name] is ActorKind.GROUP:  # 'Brazilians' with the country the corpus names
            mapping[name] = _demonym_target(name, stems) or mapping.get(name, name)
    return {name: target for name, target in mapping.items() if target != name}


def unify(story: Story, extractions: list[Extraction]) -> list[Extraction]:
    """The extractions with every text-found name replaced by its one display name ('' drops a mention)."""
    kinds = corpus_kinds(extractions)
    mapping = name_map(story, extractions, kinds)
    if not mapping:
        return extractions
    unified = []
    for extraction in extractions:
        names = _KEPT_NAMES_IN.call_on(extraction.facts.parsed.article.id, _names_in, extraction)
        renaming = tuple((name, mapping[name]) for name in names if name in mapping)
        unified.append(_KEPT_UNIFIED.call_on(extraction.facts.parsed.article.id, _renamed, extraction, renaming))
    return _one_kind(unified, kinds)


def _names_in(extraction: Extraction) -> tuple[str, ...]:
    """Every name an article's extraction gives (what `_renamed` may rename)."""
    facts = extraction.facts
    return tuple(sorted({
        *(m.actor for m in facts.parsed.mentions), *(a.name for a in extraction.discovered),
        *(q.speaker for q in facts.quotes if q.speaker), *(a for e in facts.events for a in e.actors),
        *(p.actor for p in facts.plan_mentions if p.actor), *extraction.framing.about,
    }))  # fmt: skip


def _renamed(extraction: Extraction, renaming: tuple[tuple[str, str], ...]) -> Extraction:
    """An article's extraction with its names renamed (`renaming`: each of its names that changes, and to what;
    '' drops a mention)."""
    mapping = dict(renaming)

    def rename(name: str | None) -> str | None:
        return mapping.get(name, name) if name else name

    def renamed(actors: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(a for a in map(rename, actors) if a)

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
        quotes=tuple(_with(q, speaker=rename(q.speaker)) for q in facts.quotes),
        events=tuple(_with(e, actors=renamed(e.actors)) for e in facts.events),
        plan_mentions=tuple(_with(p, actor=rename(p.actor)) for p in facts.plan_mentions),
    )
    about: dict[str, Counter[str]] = defaultdict(Counter)
    for actor, words in extraction.framing.about.items():
        if rename(actor):
            about[rename(actor) or actor].update(words)
    framing = replace(extraction.framing, about=dict(about))
    return replace(extraction, facts=facts, discovered=discovered, framing=framing)


_KEPT_NAMES_IN: Kept[tuple[str, ...]] = Kept("names of an article")  # by article
_KEPT_UNIFIED: Kept[Extraction] = Kept("renamed extractions")  # by article
_KEPT_SETTLED: Kept[Extraction] = Kept("extractions with the corpus's kinds")  # by article


def _one_kind(extractions: list[Extraction], decided: dict[str, ActorKind]) -> list[Extraction]:
    """Every article's record of an actor with the corpus's kind (`corpus_kinds`; for a name only the renaming
    made, a person if any article gives a role, else the kind most articles give) and role."""
    kinds: dict[str, Counter[ActorKind]] = defaultdict(Counter)
    roles: dict[str, str] = {}
    for extraction in extractions:
        for actor in extraction.discovered:
            kinds[actor.name][actor.kind] += 1
            if actor.role:
                roles.setdefault(actor.name, actor.role)
    chosen = {
        name: decided.get(name)
        or (ActorKind.PERSON if ActorKind.PERSON in votes and name in roles else _majority(votes))
        for name, votes in kinds.items()
    }
    return [
        _KEPT_SETTLED.call_on(x.facts.parsed.article.id, _settled, x,
                              tuple((chosen[a.name], roles.get(a.name)) for a in x.discovered))
        for x in extractions
    ]  # fmt: skip


def _settled(extraction: Extraction, settled: tuple[tuple[ActorKind, str | None], ...]) -> Extraction:
    """An article's records of actors with the kind and role the corpus settled for each (`settled`, in order)."""
    actors = zip(extraction.discovered, settled, strict=True)
    return replace(extraction, discovered=tuple(_with(a, kind=kind, role=a.role or role) for a, (kind, role) in actors))


def _with(record: T, **values: Any) -> T:
    """`record` with these values: itself when it has them all already (a record kept from the last build stays
    the same object, which later stages compare at once)."""
    if all(type(old := getattr(record, name)) is type(value) and old == value for name, value in values.items()):
        return record
    return replace(record, **values)  # type: ignore[type-var]


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
