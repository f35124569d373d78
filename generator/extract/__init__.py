"""Extract (stage 3): one module per kind of fact, per article; `Extractor.extract` runs them all on one article."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.config import Story
from generator.core.model import ArticleFacts, DiscoveredActor, ParsedArticle
from generator.extract.events import ArticleDates, build_events, tag_dates
from generator.extract.figures import find_figures
from generator.extract.framing import FramingCounts, count_framing
from generator.extract.paraphrase import Vocabulary
from generator.extract.plan import CompiledProvision, compile_plan, find_plan_mentions, plan_sizes
from generator.extract.quotes import find_quotes
from generator.nlp.registry import role_nouns

if TYPE_CHECKING:
    from generator.nlp.pipeline import Pipeline


@dataclass(frozen=True)
class Extraction:
    """An article's facts plus what assemble needs beside them."""

    facts: ArticleFacts
    dates: ArticleDates
    discovered: tuple[DiscoveredActor, ...]
    plan_sizes: tuple[tuple[str, str], ...]  # (sentence id, size label)
    review: tuple[str, ...]  # sentences that read like plan content but match no provision
    framing: FramingCounts


@dataclass(frozen=True)
class Extractor:
    """Story-derived settings compiled once and shared by every article."""

    story: Story
    provisions: tuple[CompiledProvision, ...]
    people: frozenset[str]
    roles: dict[str, str]
    vocabulary: Vocabulary

    @classmethod
    def for_story(cls, story: Story, pipeline: Pipeline | None = None) -> Extractor:
        """The settings of a story; `pipeline` (the nlp stage's, built when not given and the story has a plan)
        reads the plan's words as it reads the articles'."""
        people = frozenset(a.name for a in story.actors if a.kind == "person")
        names = {n for a in story.actors for n in (a.name, *a.aliases, *a.metonyms)}
        if pipeline is None and story.plan is not None:
            from generator.nlp.pipeline import build_pipeline  # spaCy loads only when a plan needs reading

            pipeline = build_pipeline(story)
        lemmatise = pipeline.lemmas if pipeline else lambda texts: [[] for _ in texts]
        vocabulary = Vocabulary.for_plan(story.plan, lemmatise, names)
        return cls(story, tuple(compile_plan(story.plan)), people, role_nouns(story), vocabulary)

    def extract(self, parsed: ParsedArticle) -> Extraction:
        discovered = parsed.discovered
        people = set(self.people) | {d.name for d in discovered if d.kind == "person"}
        reference_year = self.story.reference_year
        dates = tag_dates(parsed, reference_year)
        unit_words = self.story.plan.unit_words if self.story.plan else ("points",)
        sizes = tuple(
            (s.id, size)
            for s in parsed.sentences
            if s.kind in ("paragraph", "standfirst")
            for size in plan_sizes(s, unit_words)
        )
        plan_mentions, review = find_plan_mentions(parsed, list(self.provisions), self.vocabulary)
        facts = ArticleFacts(
            parsed=parsed,
            dates=dates.mentions,
            events=tuple(build_events(parsed, dates, reference_year, people)),
            quotes=tuple(find_quotes(parsed, people, self.roles)),
            plan_mentions=tuple(plan_mentions),
            figures=tuple(find_figures(parsed)),
        )
        framing = count_framing(parsed.article.title, parsed.sentences, parsed.mentions)
        return Extraction(facts, dates, tuple(discovered), sizes, tuple(review), framing)
