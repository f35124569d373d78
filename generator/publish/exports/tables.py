"""CSV exports for spreadsheets: the timeline, actors, plan provisions and figures, one row per item.

Cells that a spreadsheet would run as a formula (starting with = + - @) are prefixed with an apostrophe:
article text is untrusted, in a spreadsheet as much as on a web page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from generator.core.model import Site
from generator.core.refs import sentence_key
from generator.publish.labels import date_label
from generator.publish.urls import citation_url

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(header: list[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


def timeline_csv(site: Site) -> str:
    header = [
        "id",
        "date",
        "end",
        "after",
        "before",
        "precision",
        "shown_as",
        "kind",
        "summary",
        "actors",
        "sources",
        "first_sentence",
        "first_sentence_url",
    ]
    rows = []
    for e in site.timeline:
        first = e.citations[0] if e.citations else None
        rows.append(
            [
                e.id,
                e.date.date,
                e.date.end,
                e.date.after,
                e.date.before,
                e.date.precision,
                date_label(e.date),
                e.kind,
                e.summary,
                "; ".join(e.actors),
                "; ".join(sorted({c.source for c in e.citations})),
                first.text if first else "",
                citation_url(first.source, first.sentence) if first else "",
            ]
        )
    return _csv(header, rows)


def actors_csv(site: Site) -> str:
    header = ["name", "kind", "role", "affiliation", "aliases", "reviewed", "mentions", "sources", "quotes", "events"]
    rows = [
        [
            a.name,
            a.kind,
            a.role,
            a.affiliation,
            "; ".join(a.aliases),
            "yes" if a.registered else "no",
            sum(a.mentions.values()),
            len(a.mentions),
            len(a.quotes),
            len(a.events),
        ]
        for a in site.actors
    ]
    return _csv(header, rows)


def provisions_csv(site: Site) -> str:
    header = ["id", "number", "title", "status", "stances", "mentions", "sources", "first_sentence_url"]
    rows = []
    for p in site.provisions:
        first = p.mentions[0] if p.mentions else None
        rows.append(
            [
                p.id,
                p.number,
                p.title,
                p.status,
                "; ".join(f"{actor}: {stance}" for actor, stance in p.stances.items()),
                len(p.mentions),
                len(p.coverage),
                citation_url(first.source, first.sentence) if first else "",
            ]
        )
    return _csv(header, rows)


def figures_csv(site: Site) -> str:
    header = ["source", "unit", "text", "low", "high", "bound", "related_headline", "sentence", "sentence_url"]
    rows = []
    for row in site.comparison.figure_rows:
        for source, figures in sorted(row.by_source.items()):
            for f in figures:
                sentence = site.sentences[sentence_key(f.source, f.sentence)].text
                rows.append(
                    [
                        source,
                        f.unit,
                        f.text,
                        f.low,
                        f.high,
                        f.bound,
                        "yes" if f.related else "no",
                        sentence,
                        citation_url(f.source, f.sentence),
                    ]
                )
    return _csv(header, rows)


def csv_files(site: Site) -> dict[str, str]:
    """data/*.csv keyed by docs-relative path."""
    return {
        "data/timeline.csv": timeline_csv(site),
        "data/actors.csv": actors_csv(site),
        "data/provisions.csv": provisions_csv(site),
        "data/figures.csv": figures_csv(site),
    }
