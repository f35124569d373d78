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
from typing import Any

from generator.assemble.evidence import gather
from generator.config import ActorSpec, Story
from generator.core.kept import Kept
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
    evidence earns a page."""
    specs = {a.name: a for a in story.actors}
    discovered = {d.name: d for x in extractions for d in x.discovered if d.name not in specs}
    evidence = gather(x.facts.parsed for x in extractions)
    acting = evidence.acting({sentence_key(c.source, c.sentence) for entry in timeline for c in entry.citations})
    events_by_actor: dict[str, list[str]] = defaultdict(list)
    for entry in timeline:
        for actor in entry.actors:
            events_by_actor[actor].append(entry.id)
    quotes_by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        quotes_by_speaker[quote.speaker or ""].append(quote)
    stances_by_actor: dict[str, list[PlanMention]] = defaultdict(list)
    for stance in stances:
        stances_by_actor[stance.actor or ""].append(stance)
    shown: dict[str, str] = {}  # name -> why it is shown
    for name in sorted(set(specs) | set(discovered)):
        events = len(events_by_actor[name]) if _definite(name, discovered.get(name)) else 0
        because = shown_because(
            name in specs, sum(evidence.counts.get(name, {}).values()), len(quotes_by_speaker[name]),
            len(stances_by_actor[name]), acting[name], events,
        )  # fmt: skip
        if because:
            shown[name] = because
    profiles: list[ActorProfile] = []
    for name, slug_ in zip(shown, _unique_slugs(list(shown)), strict=True):
        spec, found = specs.get(name), discovered.get(name)
        facts = (
            evidence.mentions(name), evidence.first_mentions(name), tuple(sorted(evidence.names(name) - {name})),
            tuple(quotes_by_speaker[name]), tuple(stances_by_actor[name]), tuple(events_by_actor[name]),
            evidence.co_actors(name),
        )  # fmt: skip
        profiles.append(_KEPT_PROFILES.call(name, _profile, name, slug_, spec, found, shown[name], *facts))
    return profiles


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
