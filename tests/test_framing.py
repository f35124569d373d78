"""Framing words count for the actor they describe (by the parse), not for every actor in the sentence."""

from __future__ import annotations

from generator.config import parse_story
from generator.core.model import Article, Block, Site, SourceMeta
from generator.nlp.pipeline import parse_article
from tests.conftest import StoryReader

STORY = parse_story(
    """
actors:
  - {name: Kenya, kind: country}
  - {name: Uganda, kind: country}
  - {name: Europe, kind: group}
"""
)
READER = StoryReader(STORY)  # the model loads when a test first reads it


def about(text: str) -> dict[str, set[str]]:
    article = Article("t", "t.txt", "Title", None, (Block("paragraph", text, 2),), (), (), SourceMeta(), text)
    counts = READER.extractor.extract(parse_article(READER.pipeline, article)).framing
    return {actor: set(words) for actor, words in counts.about.items()}


def test_the_loaded_word_goes_to_the_actor_it_describes() -> None:
    found = about("Europe has warned for months that Kenya is the aggressor in this war.")
    assert "aggressor" in found.get("Kenya", set())
    assert "aggressor" not in found.get("Europe", set())


def test_a_word_near_no_name_goes_to_no_one() -> None:
    found = about("Kenya and Uganda met on Monday. That is bullying, dressed up as diplomacy.")
    assert all("bullying" not in words for words in found.values())


def test_seed_framing_never_calls_europe_the_aggressor(site: Site) -> None:
    for framing in site.comparison.framing:
        assert "aggressor" not in {w.word for w in framing.about.get("Europe", [])}, framing.source


def test_a_servers_rebuild_gives_back_each_sources_framing_while_its_counts_and_the_corpus_words_are_as_before(
    forget_rebuilds: None,
) -> None:
    from collections import Counter

    from generator.assemble.framing import frame_sources
    from generator.core import kept
    from generator.extract.framing import FramingCounts

    def counts(tone: float, **words: int) -> FramingCounts:
        return FramingCounts(Counter(words), {w: "s-1" for w in words}, {"Ana": Counter(words)}, tone)

    a, b = counts(-0.4, crisis=3, brutal=1), counts(0.2, crisis=1, praise=2)
    kept.start(True)
    first = frame_sources({"a": a, "b": b}, ["Ana"])
    kept.start(True)
    edited = counts(0.1, crisis=1, praise=2)  # another tone, the same loaded words: a's framing is the same object
    second = frame_sources({"a": a, "b": edited}, ["Ana"])
    assert second[0] is first[0] and second[1] is not first[1] and second[1].tone == 0.1
    kept.start(True)
    more = counts(0.1, crisis=4, praise=2)  # the corpus's count of 'crisis' changed: a's weights change too
    third = frame_sources({"a": a, "b": more}, ["Ana"])
    assert third[0] is not second[0]
    kept.start(False)
    assert frame_sources({"a": a, "b": more}, ["Ana"]) == third  # as a build from nothing makes them
