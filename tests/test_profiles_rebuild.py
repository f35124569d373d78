"""Actor profiles in a server's rebuild: only the names whose evidence, record, quotes, stances, acting or timeline
entries changed are weighed and made again, and the profiles are those a build from nothing makes."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.assemble import evidence, profiles
from generator.assemble.profiles import build_actors
from generator.config import EMPTY_STORY, ActorSpec, Story
from generator.core import kept
from generator.core.model import (
    ActorProfile,
    Article,
    Citation,
    DateValue,
    DiscoveredActor,
    Mention,
    ParsedArticle,
    PlanMention,
    Quote,
    Sentence,
    SourceMeta,
    Speech,
    TimelineEntry,
)
from generator.core.types import ActorKind, EventKind, Precision, Stance, SubjectKind

ACTORS = ("Ann Envoy", "Bo Chen", "Bo-Chen", "Northland", "Council", "Cara Dune Vale")  # two share a slug
STORIES = (EMPTY_STORY, Story(actors=(ActorSpec(name="Council", kind=ActorKind.ORGANISATION, role="the body"),)))
SOURCES = ("a", "b", "c")
SENTENCES = 3


def _sentence_ids(source: str) -> list[str]:
    return [f"s-{source}{i}" for i in range(SENTENCES)]


@st.composite
def article(draw: st.DrawFn, source: str) -> SimpleNamespace:
    """One article's extraction as the profiles read it: its parse (mentions, reporting verbs) and the actors it
    introduces."""
    ids = _sentence_ids(source)
    sentences = tuple(Sentence(sid, source, 0, i, f"Sentence {i}.", "paragraph") for i, sid in enumerate(ids))
    mentions = tuple(
        Mention(actor, actor.split()[-1], draw(st.sampled_from(ids)), 0, 3, False, "PERSON", draw(st.booleans()))
        for actor in draw(st.lists(st.sampled_from(ACTORS), max_size=6))
    )
    speech = tuple(
        Speech(sid, 0, 1, 0, 1, SubjectKind.NAME, "x", 1, 0, 1) for sid in draw(st.sets(st.sampled_from(ids)))
    )
    named = sorted({m.actor for m in mentions})
    discovered = tuple(
        DiscoveredActor(name, draw(st.sampled_from((None, "envoy", "minister"))),
                        draw(st.sampled_from((ActorKind.PERSON, ActorKind.ORGANISATION))), source, ids[0])
        for name in (draw(st.lists(st.sampled_from(named), unique=True)) if named else [])
    )  # fmt: skip
    meta = Article(source, f"{source}.txt", "T", None, (), (), (), SourceMeta(), "")
    parsed = ParsedArticle(meta, sentences, mentions, discovered, speech)
    return SimpleNamespace(discovered=discovered, facts=SimpleNamespace(parsed=parsed))


def _keys(sources: list[str]) -> list[tuple[str, str]]:
    return [(s, sid) for s in sources for sid in _sentence_ids(s)]


@st.composite
def rest(draw: st.DrawFn, sources: list[str]) -> tuple[list[TimelineEntry], list[Quote], list[PlanMention]]:
    """The timeline, quotes and stances over the articles."""
    keys = _keys(sources)
    if not keys:
        return [], [], []
    cite = st.sampled_from(keys)
    actors = st.lists(st.sampled_from(ACTORS), unique=True, max_size=3)
    day = DateValue("2025-11-23", Precision.DAY)
    timeline = [
        TimelineEntry(f"e{i}", day, EventKind.EVENT, "Talks.", sorted(draw(actors)),
                      [Citation(s, sid, "x") for s, sid in draw(st.lists(cite, min_size=1, max_size=2))])
        for i in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    quotes = [Quote(f"quote {i}", draw(st.sampled_from((None, *ACTORS))), *draw(cite), "said")
              for i in range(draw(st.integers(0, 3)))]  # fmt: skip
    stances = [PlanMention("p1", *draw(cite), "ceasefire", draw(st.sampled_from((None, *ACTORS))), Stance.REJECTS)
               for _ in range(draw(st.integers(0, 2)))]  # fmt: skip
    return timeline, quotes, stances


Step = tuple[Story, list[Any], tuple[list[TimelineEntry], list[Quote], list[PlanMention]]]


@st.composite
def builds(draw: st.DrawFn) -> list[Step]:
    """A first build and up to three rebuilds: each edit changes one article (a new one), removes it or adds it,
    or gives an unchanged article new actors' records; every other article keeps its very objects, and the
    timeline, quotes and stances are drawn again; the story file mostly stays, sometimes changes."""
    corpus: dict[str, Any] = {s: draw(article(s)) for s in draw(st.lists(st.sampled_from(SOURCES), unique=True))}
    story = st.sampled_from(STORIES)
    made = [(draw(story), list(corpus.values()), draw(rest(sorted(corpus))))]
    for _ in range(draw(st.integers(1, 3))):
        source, edit = draw(st.sampled_from(SOURCES)), draw(st.sampled_from(("edit", "remove", "records", "none")))
        if edit == "edit":
            corpus[source] = draw(article(source))
        elif edit == "remove":
            corpus.pop(source, None)
        elif edit == "records" and source in corpus:  # the same parse, the actors' records made again
            old = corpus[source]
            records = tuple(DiscoveredActor(d.name, "aide", d.kind, d.source, d.sentence) for d in old.discovered)
            corpus[source] = SimpleNamespace(discovered=records, facts=old.facts)
        ordered = {s: corpus[s] for s in SOURCES if s in corpus}
        again = made[-1][0] if draw(st.integers(0, 3)) else draw(story)
        made.append((again, list(ordered.values()), draw(rest(sorted(ordered))) if edit != "none" else made[-1][2]))
    return made


def _build(
    extractions: list[Any], rest: tuple[list[TimelineEntry], list[Quote], list[PlanMention]], story: Story = EMPTY_STORY
) -> list[ActorProfile]:
    return build_actors(story, cast(list[Any], extractions), *rest)


@settings(max_examples=300, deadline=None)
@given(steps=builds())
def test_a_rebuild_remakes_the_profiles_whose_inputs_changed_and_reaches_what_a_build_from_nothing_does(
    steps: list[Step],
) -> None:
    _forget()
    fresh = [_build(extractions, rest, story) for story, extractions, rest in steps]
    try:
        for (story, extractions, rest), expected in zip(steps, fresh, strict=True):
            kept.start(True)
            assert _build(extractions, rest, story) == expected
    finally:
        _forget()


def _forget() -> None:
    """Nothing kept of the last build (hypothesis runs many builds in one test: the fixture resets once)."""
    kept.start(False)
    evidence._LAST, profiles._LAST = None, None


def test_a_rebuild_with_nothing_changed_gives_back_every_profile_without_weighing_a_name(
    monkeypatch: Any, forget_rebuilds: None
) -> None:
    corpus = [_fixed("a", ("Ann Envoy", "Ann Envoy", "Northland")), _fixed("b", ("Northland", "Bo Chen", "Bo Chen"))]
    entry = TimelineEntry("e0", DateValue("2025-11-23", Precision.DAY), EventKind.EVENT, "Talks.", ["Bo Chen"],
                          [Citation("b", "s-b0", "x")])  # fmt: skip
    inputs: tuple[list[TimelineEntry], list[Quote], list[PlanMention]] = ([entry], [], [])
    kept.start(True)
    first = _build(corpus, inputs)
    weighed: list[str] = []
    real = profiles.shown_because
    monkeypatch.setattr(profiles, "shown_because", lambda *a: weighed.append("x") or real(*a))
    kept.start(True)
    again = _build(corpus, inputs)
    assert [p.name for p in first] == ["Ann Envoy", "Bo Chen", "Northland"]
    assert all(a is b for a, b in zip(again, first, strict=True)) and weighed == []
    kept.start(True)
    moved = TimelineEntry("e0", entry.date, entry.kind, entry.summary, ["Ann Envoy"], entry.citations)
    third = _build(corpus, ([moved], [], []))
    assert len(weighed) == 2  # the entry's actor before and after: the two names weighed again
    assert [p.events for p in third] == [["e0"], [], []] and third[2] is first[2]


def _fixed(source: str, names: tuple[str, ...]) -> SimpleNamespace:
    """An article naming `names`, one sentence each (the first of each a person the article introduces)."""
    ids = _sentence_ids(source)
    sentences = tuple(Sentence(sid, source, 0, i, f"Sentence {i}.", "paragraph") for i, sid in enumerate(ids))
    mentions = tuple(Mention(n, n, ids[i % SENTENCES], 0, 3, False, "PERSON") for i, n in enumerate(names))
    found = tuple(DiscoveredActor(n, None, ActorKind.PERSON, source, ids[0]) for n in dict.fromkeys(names))
    parsed = ParsedArticle(Article(source, f"{source}.txt", "T", None, (), (), (), SourceMeta(), ""), sentences,
                           mentions, found)  # fmt: skip
    return SimpleNamespace(discovered=found, facts=SimpleNamespace(parsed=parsed))


def test_a_name_becomes_shown_when_the_timeline_comes_to_cite_the_sentence_it_is_the_subject_of(
    forget_rebuilds: None,
) -> None:
    # 'Cara Dune Vale' is named once, as a subject: shown only once a timeline entry cites that sentence
    corpus = [_fixed("a", ("Ann Envoy", "Ann Envoy"))]
    parsed = corpus[0].facts.parsed
    subject = Mention("Cara Dune Vale", "Vale", "s-a1", 0, 4, False, "PERSON", True)
    found = (*parsed.discovered, DiscoveredActor("Cara Dune Vale", None, ActorKind.PERSON, "a", "s-a1"))
    corpus[0] = SimpleNamespace(discovered=found, facts=SimpleNamespace(
        parsed=ParsedArticle(parsed.article, parsed.sentences, (*parsed.mentions, subject), found)))  # fmt: skip
    cited = TimelineEntry("e0", DateValue("2025-11-23", Precision.DAY), EventKind.EVENT, "Talks.", ["Ann Envoy"],
                          [Citation("a", "s-a1", "x")])  # fmt: skip
    kept.start(True)
    assert [p.name for p in _build(corpus, ([], [], []))] == ["Ann Envoy"]
    kept.start(True)
    shown = _build(corpus, ([cited], [], []))
    assert [(p.name, p.shown_because) for p in shown] == [
        ("Ann Envoy", "named 2 times"), ("Cara Dune Vale", "the subject of a statement or an event")
    ]


def test_a_name_left_out_gives_its_slug_to_the_name_numbered_after_it(forget_rebuilds: None) -> None:
    # 'Bo Chen' and 'Bo-Chen' share the slug bo-chen: the second is bo-chen-2 until the first has no page
    first, second = _fixed("a", ("Bo Chen", "Bo Chen")), _fixed("b", ("Bo-Chen", "Bo-Chen"))
    kept.start(True)
    assert [(p.name, p.slug) for p in _build([first, second], ([], [], []))] == [
        ("Bo Chen", "bo-chen"), ("Bo-Chen", "bo-chen-2")
    ]
    kept.start(True)
    assert [(p.name, p.slug) for p in _build([second], ([], [], []))] == [("Bo-Chen", "bo-chen")]
