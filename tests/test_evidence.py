"""The evidence on actors added up over the articles: a server's rebuild updates last build's sums by the articles
that changed, and reaches what adding every article up from nothing reaches."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.assemble.evidence import Evidence, Said
from generator.core.model import Citation

ACTORS = ("Ann Envoy", "Bo Chen", "Northland", "the Council")
SOURCES = ("a", "b", "c", "d")


@st.composite
def shares(draw: st.DrawFn, source: str) -> Said:
    """One article's share, as `evidence._said` makes it: counts, words, first sentences, pairs and subjects."""
    named = draw(st.lists(st.sampled_from(ACTORS), unique=True))
    together = st.lists(st.sampled_from(named), unique=True, min_size=2) if len(named) > 1 else None
    sentences = draw(st.lists(together, max_size=3)) if together is not None else []
    pairs: dict[tuple[str, str], int] = {}
    for names in sentences:
        for name in names:
            for other in names:
                if other != name:
                    pairs[name, other] = pairs.get((name, other), 0) + 1
    return Said(
        tuple((a, draw(st.integers(1, 3))) for a in named),
        tuple((a, frozenset(draw(st.lists(st.sampled_from((a, a.split()[-1], "he")), min_size=1)))) for a in named),
        tuple((a, Citation(source, f"s{draw(st.integers(0, 4))}", f"{a} in {source}.")) for a in named),
        tuple(sorted((a, b, n) for (a, b), n in pairs.items())),
        tuple((a, f"{source}#{draw(st.integers(0, 3))}", draw(st.booleans())) for a in named if draw(st.booleans())),
    )


CORPUS = st.fixed_dictionaries({}, optional={source: shares(source) for source in SOURCES})


def _seen(evidence: Evidence, told: set[str]) -> tuple[object, ...]:
    """Everything a profile reads of the sums, and the sums themselves (no cell left at nothing)."""
    return (
        {a: (evidence.mentions(a), evidence.first_mentions(a), evidence.names(a), evidence.co_actors(a))
         for a in ACTORS},
        evidence.acting(told), evidence.counts, evidence.aliases, evidence.pairs, evidence.stated, evidence.subjects,
    )  # fmt: skip


EDITS = st.lists(st.sampled_from(SOURCES).flatmap(lambda s: st.tuples(st.just(s), st.none() | shares(s))), max_size=4)


@settings(max_examples=200, deadline=None)
@given(first=CORPUS, edits=EDITS, order=st.permutations(SOURCES),
       told=st.sets(st.sampled_from([f"{s}#{i}" for s in SOURCES for i in range(4)])))  # fmt: skip
def test_sums_updated_by_the_articles_that_changed_are_those_added_up_afresh(
    first: dict[str, Said], edits: list[tuple[str, Said | None]], order: list[str], told: set[str]
) -> None:
    # each edit changes one article (a new share), removes it (None) or adds it; the others keep their very share
    builds = [first]
    for source, share in edits:
        changed = {s: v for s, v in builds[-1].items() if s != source}
        builds.append(changed if share is None else {**changed, source: share})
    kept = Evidence()
    for drawn in builds:
        corpus = {source: drawn[source] for source in order if source in drawn}  # the articles in their order
        kept.update(corpus)
        fresh = Evidence()
        fresh.update(corpus)
        assert _seen(kept, told) == _seen(fresh, told)
        assert [list(kept.first_mentions(a)) for a in ACTORS] == [list(fresh.first_mentions(a)) for a in ACTORS]


def test_an_edited_article_is_taken_out_and_added_again() -> None:
    cited = Citation("a", "s0", "Ann Envoy met Bo Chen.")
    pairs = (("Ann Envoy", "Bo Chen", 1), ("Bo Chen", "Ann Envoy", 1))
    before = Said((("Ann Envoy", 2), ("Bo Chen", 1)), (("Ann Envoy", frozenset({"Envoy"})),), (("Ann Envoy", cited),),
                  pairs, (("Ann Envoy", "a#0", True),))  # fmt: skip
    after = Said((("Bo Chen", 1),), (), (), (), ())
    evidence = Evidence()
    evidence.update({"a": before, "b": after})
    assert evidence.mentions("Ann Envoy") == (("a", 2),) and evidence.co_actors("Bo Chen") == (("Ann Envoy", 1),)
    assert evidence.acting(set())["Ann Envoy"] == 1
    evidence.update({"a": after, "b": after})  # the article no longer names her
    assert evidence.mentions("Ann Envoy") == () and evidence.co_actors("Bo Chen") == ()
    assert evidence.mentions("Bo Chen") == (("a", 1), ("b", 1)) and evidence.acting(set())["Ann Envoy"] == 0
    assert "Ann Envoy" not in evidence.counts and "Ann Envoy" not in evidence.first
