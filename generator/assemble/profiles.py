"""Actor profiles: who the site shows, with the evidence that earns each a page.

An actor the story file lists is always shown. An actor found in the text is shown when the text gives enough
to trust the name: two mentions, a quote, a stance, a part in an event the timeline tells (its doer or whom
it was done to: `assemble.merge.participants`), or one mention as the subject of a statement ('Foreign
Minister Ana Ortega said on Monday that ...'). A name met once in passing
may be a misreading ('FILE - Police'), and a page about it would say nothing.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.assemble.evidence import Evidence, gather
from generator.config import ActorSpec, Story
from generator.core.kept import Kept, keeping
from generator.core.model import (
    ActorProfile,
    DiscoveredActor,
    PlanMention,
    Quote,
    TimelineEntry,
)
from generator.core.refs import sentence_key
from generator.core.text import slug, unreserved
from generator.core.types import ActorKind
from generator.extract import Extraction
from generator.nlp.gazetteer import known_place

MIN_MENTIONS = 2  # an actor the text names once, and who says nothing, is not shown


def _definite(name: str, found: DiscoveredActor | None) -> bool:
    """Whether one event is evidence enough for a name: a person's, a name of two words or more, or a place the
    gazetteer knows; a one-word thing ('Mass', 'Treaty') needs more."""
    return found is None or found.kind is ActorKind.PERSON or " " in name or known_place(name)


def shown_because(
    registered: bool, mentions: int, quotes: int, stances: int, acting: int = 0, events: int = 0
) -> str:
    """Why an actor is shown, or '' when the evidence is too thin (see the module's docstring)."""
    if registered:
        return "in the story file"
    if quotes:
        return f"speaks in {quotes} quote{'s' * (quotes > 1)}"
    if stances:
        return f"takes a stance in {stances} sentence{'s' * (stances > 1)}"
    if mentions >= MIN_MENTIONS:
        return f"named {mentions} times"
    if events:
        return f"takes part in {events} timeline event{'s' * (events > 1)}"
    return "the subject of a statement or an event" if acting else ""


def build_actors(
    story: Story,
    extractions: list[Extraction],
    timeline: list[TimelineEntry],
    quotes: list[Quote],
    stances: list[PlanMention],
) -> list[ActorProfile]:
    """A profile per registered actor and per person, organisation, place or group found in the text that the
    evidence earns a page. A server's rebuild weighs and makes again only the names whose inputs changed
    (`_Inputs.changed`)."""
    global _LAST
    last, _LAST = _LAST if keeping() else None, None  # what a failed build left half-made is not kept
    specs = {a.name: a for a in story.actors}
    discovered = {d.name: d for x in extractions for d in x.discovered if d.name not in specs}
    evidence = gather(x.facts.parsed for x in extractions)
    told = {sentence_key(c.source, c.sentence) for entry in timeline for c in entry.citations}
    now = _Inputs(story, discovered, evidence.acting(told), _grouped(timeline), _by(quotes, "speaker"),
                  _by(stances, "actor"))  # fmt: skip
    updating = last if last is not None and last.follows(evidence, story) else None  # else every name afresh
    changed = now.changed(updating.inputs, evidence.changed) if updating else set()
    shown = dict(updating.shown) if updating else {}
    for name in changed if updating else sorted(set(specs) | set(discovered)):
        if name not in specs and name not in discovered:  # no longer found (or never an actor: no speaker)
            shown.pop(name, None)
            continue
        events = len(now.events.get(name, ())) if _definite(name, discovered.get(name)) else 0
        because = shown_because(
            name in specs, sum(evidence.counts.get(name, {}).values()), len(now.quotes.get(name, ())),
            len(now.stances.get(name, ())), now.acting[name], events,
        )  # fmt: skip
        if because:
            shown[name] = because
        else:
            shown.pop(name, None)
    if updating and shown.keys() != updating.shown.keys():
        shown = {name: shown[name] for name in sorted(shown)}  # a name shown or left out: in order again
    slugs = last.slugs if last is not None and shown.keys() == last.slugs.keys() else _slugs(list(shown))
    profiles: list[ActorProfile] = []
    for name, because in shown.items():
        unchanged = updating is not None and name not in changed and slugs is updating.slugs
        profile = _KEPT_PROFILES.carry(name) if unchanged else None  # nothing it is made of changed
        if profile is None:
            spec, found = specs.get(name), discovered.get(name)
            facts = (
                evidence.mentions(name), evidence.first_mentions(name), tuple(sorted(evidence.names(name) - {name})),
                tuple(now.quotes.get(name, ())), tuple(now.stances.get(name, ())), tuple(now.events.get(name, ())),
                evidence.co_actors(name),
            )  # fmt: skip
            profile = _KEPT_PROFILES.call(name, _profile, name, slugs[name], spec, found, because, *facts)
        profiles.append(profile)
    _LAST = _Last(now, evidence, evidence.updates, shown, slugs) if keeping() else None
    return profiles


def _grouped(timeline: list[TimelineEntry]) -> dict[str, list[str]]:
    """Each actor's timeline entries (their ids, in the timeline's order)."""
    events: dict[str, list[str]] = defaultdict(list)
    for entry in timeline:
        for actor in entry.actors:
            events[actor].append(entry.id)
    return dict(events)


def _by(items: list[Quote] | list[PlanMention], field: str) -> dict[str, list[Any]]:
    """Quotes by speaker, or stances by actor ('' for none)."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        grouped[getattr(item, field) or ""].append(item)
    return dict(grouped)


@dataclass(frozen=True)
class _Inputs:
    """What the profiles are weighed and made from besides the evidence's sums, by name."""

    story: Story
    discovered: dict[str, DiscoveredActor]
    acting: Counter[str]
    events: dict[str, list[str]]
    quotes: dict[str, list[Quote]]
    stances: dict[str, list[PlanMention]]

    def changed(self, was: _Inputs, evidence: set[str]) -> set[str]:
        """The names any of whose inputs differ from the last build's `was` (`evidence`: those whose sums
        changed)."""
        changed = set(evidence)
        changed.update(_differing(self.discovered, was.discovered, same=True))
        for new, old in ((self.acting, was.acting), (self.events, was.events), (self.quotes, was.quotes),
                         (self.stances, was.stances)):  # fmt: skip
            changed.update(_differing(new, old))
        return changed


def _differing(new: Mapping[str, Any], old: Mapping[str, Any], same: bool = False) -> list[str]:
    """The keys whose values differ between two mappings (`same`: not the very object), either missing included."""
    if same:
        return [key for key in new.keys() | old.keys() if new.get(key) is not old.get(key)]
    return [key for key in new.keys() | old.keys() if new.get(key) != old.get(key)]


@dataclass(frozen=True)
class _Last:
    """What a process that builds again made of its actors last build: its inputs, the sums it read (and after
    how many updates), who was shown and why, and their slugs (the profiles are `_KEPT_PROFILES`')."""

    inputs: _Inputs
    evidence: Evidence
    updates: int
    shown: dict[str, str]
    slugs: dict[str, str]

    def follows(self, evidence: Evidence, story: Story) -> bool:
        """Whether this build updates the last one: the sums the last build read, updated once since (their
        `changed` is that update's), and the same story file."""
        return self.evidence is evidence and self.updates + 1 == evidence.updates and self.inputs.story is story


_LAST: _Last | None = None


_KEPT_PROFILES: Kept[ActorProfile] = Kept("actor profiles")  # by name


def _profile(
    name: str, slug_: str, spec: ActorSpec | None, found: DiscoveredActor | None, because: str,
    *facts: tuple[Any, ...],
) -> ActorProfile:
    """One actor's profile from the story file's entry, the text's record and the evidence (`build_actors`)."""
    mentions, first, aliases, quotes, stances, events, co_actors = facts
    return ActorProfile(
        name=name,
        slug=slug_,
        kind=ActorKind(spec.kind if spec else found.kind if found else "person"),
        role=spec.role if spec else found.role if found else None,
        affiliation=spec.affiliation if spec else None,
        aliases=list(aliases),
        registered=spec is not None,
        mentions=dict(mentions),
        first_mentions=dict(first),
        quotes=list(quotes),
        stances=list(stances),
        events=list(events),
        co_actors=list(co_actors),
        shown_because=because,
    )


def _slugs(names: list[str]) -> dict[str, str]:
    """Each shown name's page slug."""
    return dict(zip(names, _unique_slugs(names), strict=True))


def _unique_slugs(names: list[str]) -> list[str]:
    """Each name's page slug, a number added to a slug an earlier name has."""
    slugs, taken = [], Counter[str]()
    for name in names:
        base = _page_slug(name)
        taken[base] += 1
        slugs.append(f"{base}-{taken[base]}" if taken[base] > 1 else base)
    return slugs


@functools.cache
def _page_slug(name: str) -> str:
    """A name's page slug before numbering (kept for the process: a server asks for the same names each build)."""
    return unreserved(slug(name, "actor"), "actor")
