"""The data contract: the site's facts as JSON files under data/, each citation with its exact sentence.

Each file is an instance of its model in `models.py` (validated as it is built), written as compact JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter

from generator.core import model as m
from generator.core.kept import Kept
from generator.core.refs import sentence_key
from generator.publish.exports import models as out
from generator.publish.urls import citation_url

DATA_VERSION = 1


def _citation(citation: m.Citation) -> out.Citation:
    return out.Citation(
        source=citation.source,
        sentence=citation.text,
        sentence_id=citation.sentence,
        url=citation_url(citation.source, citation.sentence),
    )


def _date_fields(value: m.DateValue) -> dict[str, object]:
    return {
        "date": value.date,
        "end": value.end,
        "precision": value.precision,
        "after": value.after,
        "before": value.before,
        "expression": value.expression,
        "rule": value.rule,
    }


def _when(value: m.DateValue | None) -> out.DateFields | None:
    return out.DateFields.model_validate(_date_fields(value)) if value else None


def _text(site: m.Site, source: str, sentence: str) -> str:
    return site.sentences[sentence_key(source, sentence)].text


def _quote_in(quote: m.Quote, sentence: str) -> out.Quote:
    """A quote's record, with the text of its sentence."""
    return out.Quote(
        text=quote.text,
        speaker=quote.speaker,
        source=quote.source,
        sentence=sentence,
        sentence_id=quote.sentence,
        url=citation_url(quote.source, quote.sentence),
        cue=quote.cue,
        partial=quote.partial,
    )


def _event(e: m.TimelineEntry) -> out.TimelineEvent:
    return out.TimelineEvent.model_validate(
        {
            "id": e.id,
            **_date_fields(e.date),
            "kind": e.kind,
            "summary": e.summary,
            "actors": e.actors,
            "details": e.details,
            "citations": [_citation(c) for c in e.citations],
        }
    )


def keydates_file(site: m.Site) -> out.KeyDatesFile:
    dates = [
        out.KeyDate(
            date=k.date,
            score=k.score,
            entry=k.entry,
            sentences=[_citation(s) for s in k.sentences],
        )
        for k in site.key_dates
    ]
    return out.KeyDatesFile(version=DATA_VERSION, dates=dates)


def _actor_of(a: m.ActorProfile, texts: tuple[str, ...]) -> out.Actor:
    """An actor's record (`texts`: the sentence of each of its stances, then of each of its quotes)."""
    stances = [
        out.ActorStance(
            provision=s.provision, stance=s.stance, reported=s.reported, source=s.source, sentence=text,
            url=citation_url(s.source, s.sentence),
        )
        for s, text in zip(a.stances, texts[: len(a.stances)], strict=True)
    ]  # fmt: skip
    quotes = [_quote_in(q, text) for q, text in zip(a.quotes, texts[len(a.stances) :], strict=True)]
    return out.Actor(
        name=a.name, slug=a.slug, kind=a.kind, role=a.role, affiliation=a.affiliation, aliases=a.aliases,
        reviewed=a.registered, mentions=a.mentions, quotes=quotes, stances=stances, events=a.events,
    )  # fmt: skip


def _point(p: m.ProvisionStatus, site: m.Site) -> out.Point:
    mentions = [
        out.PointMention(
            source=x.source,
            sentence=_text(site, x.source, x.sentence),
            sentence_id=x.sentence,
            url=citation_url(x.source, x.sentence),
            phrase=x.phrase,
            actor=x.actor,
            stance=x.stance,
            reported=x.reported,
            detail=x.detail,
            paraphrase=x.paraphrase,
        )
        for x in p.mentions
    ]
    return out.Point(
        id=p.id, number=p.number, title=p.title, status=p.status, stances=p.stances, mentions=mentions,
        history=[out.HistoryStep(when=_when(h.date), status=h.status) for h in p.history],
        coverage={source: citation_url(source, sid) for source, sid in p.coverage.items()},
    )  # fmt: skip


def plan_file(site: m.Site) -> out.PlanFile:
    sizes = [
        out.PlanSize(value=v.label, when=_when(v.when), citations=[_citation(c) for c in v.citations])
        for v in site.plan_size
    ]
    return out.PlanFile(
        version=DATA_VERSION, title=site.plan_title, review_queue=[_citation(c) for c in site.review_queue],
        points=[_point(p, site) for p in site.provisions], sizes=sizes,
    )  # fmt: skip


def _source(s: m.SourceSummary) -> out.Source:
    article = s.article
    return out.Source(
        id=article.id, file=article.path, title=article.title, category=article.category,
        outlet=article.meta.outlet, url=article.meta.url, published=s.published.date if s.published else None,
        published_inferred=bool(s.published) and not article.meta.published, words=article.words,
        sentences=len(s.sentences), dropped=[d.text for d in article.dropped],
        dropped_reasons=[out.Dropped(line=d.line, text=d.text, reason=d.reason) for d in article.dropped],
        related=[out.Related(text=r.text, outlet=r.outlet, age=r.age) for r in article.related],
    )  # fmt: skip


def _figure_in(f: m.Figure, sentence: str) -> out.FigureOut:
    """A figure's record, with the text of its sentence."""
    return out.FigureOut(
        source=f.source, sentence=sentence, text=f.text, low=f.low, high=f.high,
        bound=f.bound, unit=f.unit, related=f.related, sentence_id=f.sentence, url=citation_url(f.source, f.sentence),
    )  # fmt: skip


def _framing(f: m.SourceFraming) -> out.Framing:
    words = [
        out.FramingWord(
            word=w.word,
            valence=w.valence,
            count=w.count,
            url=citation_url(f.source, w.sentence) if w.sentence else None,
        )
        for w in f.drivers
    ]
    about = {actor: [w.word for w in found] for actor, found in f.about.items()}
    return out.Framing(source=f.source, tone=f.tone, label=f.label, words=words, about=about)


def _figure_row(row: m.FigureRow, sentences: tuple[str, ...]) -> out.FigureRow:
    """A figure row's record (`sentences`: the sentence of each of its figures, source by source)."""
    told = iter(sentences)
    by_source = {src: [_figure_in(f, next(told)) for f in figs] for src, figs in row.by_source.items()}
    return out.FigureRow(unit=row.unit, verdict=row.verdict, by_source=by_source)


def _figure_sentences(row: m.FigureRow, site: m.Site) -> tuple[str, ...]:
    return tuple(_text(site, f.source, f.sentence) for figs in row.by_source.values() for f in figs)


def _variant(variant: m.QuoteVariant, sentences: tuple[str, ...]) -> out.QuoteVariant:
    """A quote variant's record (`sentences`: the sentence of each of its quotes)."""
    quotes = [_quote_in(q, sentence) for q, sentence in zip(variant.quotes, sentences, strict=True)]
    return out.QuoteVariant(speaker=variant.speaker, similarity=variant.similarity, quotes=quotes)


def comparison_text(site: m.Site) -> str:
    """data/comparison.json: its figure rows, quote variants and sources' framing written one by one, so a server
    writes again only those that changed."""
    comparison = site.comparison
    figures = [
        _KEPT_RECORDS.call(("figure row", i), _written, _figure_row, row, _figure_sentences(row, site))
        for i, row in enumerate(comparison.figure_rows)
    ]
    variants = [
        _KEPT_RECORDS.call(("quote variant", i), _written, _variant, v, tuple(_text(site, q.source, q.sentence)
                                                                              for q in v.quotes))
        for i, v in enumerate(comparison.quote_variants)
    ]  # fmt: skip
    framing = [_KEPT_RECORDS.call(("framing", f.source), _written, _framing, f) for f in comparison.framing]
    only_in = {s: _KEPT_RECORDS.call(("only in", s), _labels, tuple(kinds.items())) for s, kinds in
               comparison.only_in.items()}  # fmt: skip
    record = out.ComparisonFile(
        version=DATA_VERSION, figures=[], quote_variants=[], only_in={}, shared=comparison.shared,
        naming=[out.Naming(actor=n.actor, spellings=n.spellings) for n in comparison.naming], framing=[],
    )  # fmt: skip
    return _listed(record, {"figures": figures, "quote_variants": variants, "framing": framing, "only_in": only_in})


_LABELS = TypeAdapter(dict[str, list[str]])  # what one source reports alone: kind -> labels


def _labels(labels: tuple[tuple[str, list[str]], ...]) -> str:
    """One source's labels of what it alone reports (kind, labels: a mapping's items, in its order), validated and
    written as `_dump` writes them in its file."""
    return json.dumps(_LABELS.dump_python(_LABELS.validate_python(dict(labels)), mode="json"), ensure_ascii=False)


def _json(record: out.Record) -> str:
    """A record as compact JSON on one line (its items in the order of its model)."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False)


def _dump(record: out.Record) -> str:
    return _json(record) + "\n"


def _dump_data(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False) + "\n"


def _listed(record: out.Record, lists: dict[str, list[str] | dict[str, str]]) -> str:
    """`record` as `_dump` writes it, with each list (or mapping) field of `lists` (the record holds it empty) made
    of the items given, each already written as JSON: a long one is written again only where its items changed."""
    data = record.model_dump(mode="json")
    markers = {field: f"\0{field}\0" for field in lists}  # the list's place (articles' control characters are dropped)
    if any(data.get(field) not in ([], {}) or type(data.get(field)) is not type(lists[field]) for field in lists):
        raise ValueError(f"{', '.join(lists)}: not empty lists or mappings of the record")
    text = _dump_data(data | markers)
    if any(text.count(json.dumps(marker)) != 1 for marker in markers.values()):  # a text holds one: written whole
        return _dump_data(data | {field: _loaded(items) for field, items in lists.items()})
    for field, items in lists.items():
        head, _marker, tail = text.partition(json.dumps(markers[field]))
        if isinstance(items, dict):
            joined = ", ".join(f"{json.dumps(key, ensure_ascii=False)}: {item}" for key, item in items.items())
            text = f"{head}{{{joined}}}{tail}"
        else:
            text = f"{head}[{', '.join(items)}]{tail}"
    return text


def _loaded(items: list[str] | dict[str, str]) -> list[Any] | dict[str, Any]:
    if isinstance(items, dict):
        return {key: json.loads(item) for key, item in items.items()}
    return [json.loads(item) for item in items]


def _written(make: Callable[..., out.Record], *arguments: Any) -> str:
    return _json(make(*arguments))


_KEPT_RECORDS: Kept[str] = Kept("exported records")  # an event's, an actor's or a source's JSON, by its id


def _cited(site: m.Site, actor: m.ActorProfile) -> tuple[str, ...]:
    """The sentence of each of an actor's stances, then of each of its quotes."""
    stances = tuple(_text(site, s.source, s.sentence) for s in actor.stances)
    return stances + tuple(_text(site, q.source, q.sentence) for q in actor.quotes)


def export_data(site: m.Site) -> dict[str, str]:
    """data/*.json keyed by docs-relative path (the timeline's events, the actors and the sources written one by
    one, so a server writes again only those that changed)."""
    files = {"keydates": keydates_file(site), "plan": plan_file(site)}
    dumped = {f"data/{name}.json": _dump(record) for name, record in files.items()}
    dumped["data/comparison.json"] = comparison_text(site)
    events = [_KEPT_RECORDS.call(("event", e.id), _written, _event, e) for e in site.timeline]
    actors = [
        _KEPT_RECORDS.call(("actor", a.name), _written, _actor_of, a, _cited(site, a)) for a in site.actors
    ]
    sources = [_KEPT_RECORDS.call(("source", s.article.id), _written, _source, s) for s in site.sources]
    dumped |= {
        "data/timeline.json": _listed(out.TimelineFile(version=DATA_VERSION, events=[]), {"events": events}),
        "data/actors.json": _listed(out.ActorsFile(version=DATA_VERSION, actors=[]), {"actors": actors}),
        "data/sources.json": _listed(out.SourcesFile(version=DATA_VERSION, sources=[]), {"sources": sources}),
    }
    return {path: dumped[path] for path in ORDER}


ORDER = [f"data/{name}.json" for name in ("timeline", "keydates", "actors", "plan", "sources", "comparison")]
