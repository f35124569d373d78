"""Assemble: cross-source work — merge events, build actor profiles, provision status, comparison."""

from __future__ import annotations

from collections import defaultdict

from generator.assemble.actors import unify
from generator.assemble.compare import build_comparison, figure_label, spellings
from generator.assemble.framing import frame_sources
from generator.assemble.keydates import Corpus, KeyRequest, default_count, key_dates
from generator.assemble.merge import merge_events
from generator.assemble.profiles import build_actors
from generator.assemble.statements import agree_on_speakers, attribute_by_role, attribute_by_wording
from generator.assemble.tracker import build_plan_sizes, build_provisions, review_queue
from generator.config import Story
from generator.core.kept import Kept
from generator.core.keydate import KeyDate
from generator.core.model import (
    Article,
    DateValue,
    EventMention,
    PlanMention,
    Quote,
    Sentence,
    Site,
    SourceSummary,
)
from generator.core.refs import sentence_key
from generator.extract import Extraction


def _sentence_facts(extraction: Extraction, titles: dict[str, str]) -> dict[str, list[str]]:
    facts = extraction.facts
    notes: dict[str, list[str]] = defaultdict(list)
    for event in facts.events:
        notes[event.sentences[0]].append(f"event · {event.date.expression or event.date.precision}")
    for quote in facts.quotes:
        notes[quote.sentence].append(f"quote · {quote.speaker or 'speaker unknown'}")
    for figure in facts.figures:
        notes[figure.sentence].append(f"figure · {figure_label(figure)}")
    for mention in facts.plan_mentions:
        who = f" · {mention.actor} {mention.stance}" if mention.actor else ""
        notes[mention.sentence].append(f"provision · {titles.get(mention.provision, mention.provision)}{who}")
    return {k: sorted(set(v)) for k, v in notes.items()}


def known_roles(story: Story, extractions: list[Extraction]) -> dict[str, str]:
    """Each person's role: the story file's, else the first the text gives."""
    roles = {d.name: d.role for x in extractions for d in x.discovered if d.role}
    return {**roles, **{a.name: a.role for a in story.actors if a.role}}


def reported_dates(
    extractions: list[Extraction], events: list[EventMention], mentions: list[PlanMention]
) -> dict[str, DateValue]:
    """When the sentence of each mention was reported: its article's publication date; with none, the date of the
    event the sentence tells (never a deadline it names: that is not when anything was said)."""
    wanted, sources = {sentence_key(m.source, m.sentence) for m in mentions}, {m.source for m in mentions}
    told = {
        key: e.date for e in events if e.kind != "scheduled" for sid in e.sentences
        if (key := sentence_key(e.source, sid)) in wanted
    }  # fmt: skip
    dates: dict[str, DateValue] = {}
    for extraction in extractions:
        parsed, published = extraction.facts.parsed, extraction.dates.published
        if parsed.article.id not in sources:
            continue
        for sentence in parsed.sentences:
            key = sentence_key(parsed.article.id, sentence.id)
            if key not in wanted:
                continue
            if published is not None and published.precision == "day" and not extraction.dates.published_inferred:
                dates[key] = published
            elif key in told:
                dates[key] = told[key]
    return dates


def assemble(
    story: Story, extractions: list[Extraction], warnings: list[str], request: KeyRequest | None = None
) -> Site:
    """Cross-source assembly of everything the site shows."""
    extractions = unify(story, extractions)
    sentences: dict[str, Sentence] = {}
    for x in extractions:  # each article's kept: joining them is a copy, not a key made per sentence
        source = x.facts.parsed.article.id
        sentences.update(_KEPT_SENTENCES.call_on(source, _keyed, x.facts.parsed.sentences, source))
    people = {a.name for a in story.actors if a.kind == "person"} | {
        d.name for x in extractions for d in x.discovered if d.kind == "person"
    }
    events = [e for x in extractions for e in x.facts.events]
    figures = [f for x in extractions for f in x.facts.figures]
    quotes = _KEPT_QUOTES.call(
        "corpus", _speakers, tuple(q for x in extractions for q in x.facts.quotes),
        tuple(known_roles(story, extractions).items()), tuple(sorted(people)),
    )  # fmt: skip
    mentions = [m for x in extractions for m in x.facts.plan_mentions]
    timeline = merge_events(events, sentences, figures, people)
    sentence_dates = {sentence_key(e.source, sid): e.date for e in events for sid in e.sentences}
    titles = {p.id: p.title for p in story.plan.provisions} if story.plan else {}
    source_ids = [x.facts.parsed.article.id for x in extractions]
    actors = build_actors(story, extractions, timeline, quotes, mentions)
    actor_names = [(x.facts.parsed.article.id, spellings(x.facts.parsed)) for x in extractions]
    comparison = build_comparison(
        source_ids, timeline, figures, quotes, mentions, titles, sentence_dates, actor_names, actors
    )
    comparison.framing = frame_sources(
        {x.facts.parsed.article.id: x.framing for x in extractions}, [a.name for a in comparison.actors]
    )
    summaries = [_source_summary(x, titles, comparison.only_in[x.facts.parsed.article.id]) for x in extractions]
    corpus = Corpus(timeline, summaries, sentences, [(x.facts.parsed.article.id, m) for x in extractions
                                                      for m in x.dates.mentions])  # fmt: skip
    return Site(
        title=story.title,
        summary=story.summary,
        sources=summaries,
        timeline=timeline,
        actors=actors,
        provisions=build_provisions(story, mentions, reported_dates(extractions, events, mentions)),
        plan_title=story.plan.title if story.plan else None,
        plan_size=build_plan_sizes(extractions, sentence_dates),
        review_queue=review_queue(extractions),
        comparison=comparison,
        quotes=quotes,
        sentences=sentences,
        sentence_dates=sentence_dates,
        warnings=warnings,
        key_dates=_key_dates(corpus, story, request or KeyRequest()),
    )


def _speakers(
    quotes: tuple[Quote, ...], roles: tuple[tuple[str, str], ...], people: tuple[str, ...]
) -> list[Quote]:
    """Every quote with the speaker the corpus gives it: by a near-identical quote's, by the role its subject
    describes (`roles`: each person's), and by what most sources say."""
    return agree_on_speakers(attribute_by_role(attribute_by_wording(list(quotes)), dict(roles), set(people)))


_KEPT_QUOTES: Kept[list[Quote]] = Kept("quote speakers")  # while no quote, role or person changes
_KEPT_SENTENCES: Kept[dict[str, Sentence]] = Kept("sentences by key")  # by article, for its very sentences
_KEPT_SUMMARIES: Kept[SourceSummary] = Kept("source summaries")  # by article, for its very sentences
_KEPT_FACTS: Kept[tuple[tuple[str, list[str]], ...]] = Kept("facts by sentence")  # by article, for its very extraction


def _keyed(sentences: tuple[Sentence, ...], source: str) -> dict[str, Sentence]:
    """An article's sentences by their corpus-wide key (`source`: the article's id)."""
    return {sentence_key(source, s.id): s for s in sentences}


def _fact_notes(x: Extraction, titles: dict[str, str]) -> tuple[tuple[str, list[str]], ...]:
    """`_sentence_facts` as items, in its order (what a source summary is made of)."""
    return tuple(_sentence_facts(x, titles).items())


def _source_summary(x: Extraction, titles: dict[str, str], only_here: dict[str, list[str]]) -> SourceSummary:
    parsed = x.facts.parsed
    facts = _KEPT_FACTS.call_on(parsed.article.id, _fact_notes, x, titles)
    return _KEPT_SUMMARIES.call_on(
        parsed.article.id, _summary, parsed.sentences, parsed.article, x.dates.published, facts,
        tuple(only_here.items()),
    )  # fmt: skip


def _summary(
    sentences: tuple[Sentence, ...],
    article: Article,
    published: DateValue | None,
    facts: tuple[tuple[str, list[str]], ...],
    only_here: tuple[tuple[str, list[str]], ...],
) -> SourceSummary:
    """What a source page shows of one article (mappings passed as their items, in order: two equal mappings may
    list them in another order, and the page prints them in theirs)."""
    return SourceSummary(article, published, sentences, dict(facts), dict(only_here))


def _key_dates(corpus: Corpus, story: Story, request: KeyRequest) -> list[KeyDate]:
    """The key dates asked for; by default as many as the story file says, else by the story's size."""
    count = request.count or story.key_dates or default_count(corpus.timeline)
    return key_dates(corpus, count, request.per_date, request.keywords)
