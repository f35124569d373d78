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
