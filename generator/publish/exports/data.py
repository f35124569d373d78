"""The data contract: the site's facts as JSON files under data/, each citation with its exact sentence."""

from __future__ import annotations

import json
from dataclasses import asdict

from generator.core.model import Citation, DateValue, Figure, Quote, Site
from generator.core.refs import sentence_key
from generator.publish.urls import citation_url

DATA_VERSION = 1


def _citation(citation: Citation) -> dict:
    return {
        "source": citation.source,
        "sentence": citation.text,
        "sentence_id": citation.sentence,
        "url": citation_url(citation.source, citation.sentence),
    }


def _date_fields(value: DateValue) -> dict:
    return {
        "date": value.date,
        "end": value.end,
        "precision": value.precision,
        "after": value.after,
        "before": value.before,
        "expression": value.expression,
        "rule": value.rule,
    }


def _quote(quote: Quote, site: Site) -> dict:
    sentence = site.sentences[sentence_key(quote.source, quote.sentence)]
    return {
        "text": quote.text,
        "speaker": quote.speaker,
        "source": quote.source,
        "sentence": sentence.text,
        "sentence_id": quote.sentence,
        "url": citation_url(quote.source, quote.sentence),
        "cue": quote.cue,
        "partial": quote.partial,
    }


def _figure(figure: Figure, site: Site) -> dict:
    fields = asdict(figure)
    fields["sentence_id"] = figure.sentence
    fields["sentence"] = site.sentences[sentence_key(figure.source, figure.sentence)].text
    fields["url"] = citation_url(figure.source, figure.sentence)
    return fields


def _dump(data: dict) -> str:
    return json.dumps({"version": DATA_VERSION, **data}, ensure_ascii=False) + "\n"


def export_data(site: Site) -> dict[str, str]:
    """data/*.json keyed by docs-relative path."""
    timeline = {
        "events": [
            {
                "id": e.id,
                **_date_fields(e.date),
                "kind": e.kind,
                "summary": e.summary,
                "actors": e.actors,
                "details": e.details,
                "citations": [_citation(c) for c in e.citations],
            }
            for e in site.timeline
        ]
    }
    actors = {
        "actors": [
            {
                "name": a.name,
                "slug": a.slug,
                "kind": a.kind,
                "role": a.role,
                "affiliation": a.affiliation,
                "aliases": a.aliases,
                "reviewed": a.registered,
                "mentions": a.mentions,
                "quotes": [_quote(q, site) for q in a.quotes],
                "stances": [
                    {
                        "provision": s.provision,
                        "stance": s.stance,
                        "source": s.source,
                        "sentence": site.sentences[sentence_key(s.source, s.sentence)].text,
                        "url": citation_url(s.source, s.sentence),
                    }
                    for s in a.stances
                ],
                "events": a.events,
            }
            for a in site.actors
        ]
    }
    plan = {
        "title": site.plan_title,
        "review_queue": [_citation(c) for c in site.review_queue],
        "points": [
            {
                "id": p.id,
                "number": p.number,
                "title": p.title,
                "status": p.status,
                "stances": p.stances,
                "mentions": [
                    {
                        "source": m.source,
                        "sentence": site.sentences[sentence_key(m.source, m.sentence)].text,
                        "sentence_id": m.sentence,
                        "url": citation_url(m.source, m.sentence),
                        "phrase": m.phrase,
                        "actor": m.actor,
                        "stance": m.stance,
                        "detail": m.detail,
                        "paraphrase": m.paraphrase,
                    }
                    for m in p.mentions
                ],
                "history": [{"when": _date_fields(h.date) if h.date else None, "status": h.status} for h in p.history],
                "coverage": {source: citation_url(source, sid) for source, sid in p.coverage.items()},
            }
            for p in site.provisions
        ],
        "sizes": [
            {
                "value": v.label,
                "when": _date_fields(v.when) if v.when else None,
                "citations": [_citation(c) for c in v.citations],
            }
            for v in site.plan_size
        ],
    }
    sources = {
        "sources": [
            {
                "id": s.article.id,
                "file": s.article.path,
                "title": s.article.title,
                "category": s.article.category,
                "outlet": s.article.meta.outlet,
                "url": s.article.meta.url,
                "published": s.published.date if s.published else None,
                "published_inferred": bool(s.published) and not s.article.meta.published,
                "words": s.article.words,
                "sentences": len(s.sentences),
                "dropped": [d.text for d in s.article.dropped],
                "dropped_reasons": [{"line": d.line, "text": d.text, "reason": d.reason} for d in s.article.dropped],
                "related": [{"text": r.text, "outlet": r.outlet, "age": r.age} for r in s.article.related],
            }
            for s in site.sources
        ]
    }
    comparison = {
        "figures": [
            {
                "unit": row.unit,
                "verdict": row.verdict,
                "by_source": {src: [_figure(f, site) for f in figs] for src, figs in row.by_source.items()},
            }
            for row in site.comparison.figure_rows
        ],
        "quote_variants": [
            {"speaker": v.speaker, "similarity": v.similarity, "quotes": [_quote(q, site) for q in v.quotes]}
            for v in site.comparison.quote_variants
        ],
        "only_in": site.comparison.only_in,
        "shared": site.comparison.shared,
        "naming": [{"actor": n.actor, "spellings": n.spellings} for n in site.comparison.naming],
        "framing": [
            {
                "source": f.source,
                "tone": f.tone,
                "label": f.label,
                "words": [
                    {
                        "word": w.word,
                        "valence": w.valence,
                        "count": w.count,
                        "url": citation_url(f.source, w.sentence) if w.sentence else None,
                    }
                    for w in f.drivers
                ],
                "about": {actor: [w.word for w in words] for actor, words in f.about.items()},
            }
            for f in site.comparison.framing
        ],
    }
    return {
        "data/timeline.json": _dump(timeline),
        "data/actors.json": _dump(actors),
        "data/plan.json": _dump(plan),
        "data/sources.json": _dump(sources),
        "data/comparison.json": _dump(comparison),
    }
