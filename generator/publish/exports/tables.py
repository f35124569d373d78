"""CSV exports for spreadsheets: the timeline, actors, plan provisions and figures, one row per item.

Cells that a spreadsheet would run as a formula (starting with = + - @) are prefixed with an apostrophe:
article text is untrusted, in a spreadsheet as much as on a web page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from generator.core.kept import Kept
from generator.core.model import ActorProfile, Figure, Site, TimelineEntry
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


def _line(row: Sequence[object]) -> str:
    """One row as `_csv` writes it."""
    return _csv([_cell(v) for v in row], ())


_KEPT_ROWS: Kept[str] = Kept("exported rows")  # an event's or an actor's row, by its id


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
    rows = [_KEPT_ROWS.call(("event", e.id), _timeline_row, e) for e in site.timeline]
    return _csv(header, ()) + "".join(rows)


def _timeline_row(e: TimelineEntry) -> str:
    first = e.citations[0] if e.citations else None
    return _line(
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


def actors_csv(site: Site) -> str:
    header = ["name", "kind", "role", "affiliation", "aliases", "reviewed", "mentions", "sources", "quotes", "events"]
    return _csv(header, ()) + "".join(_KEPT_ROWS.call(("actor", a.name), _actor_row, a) for a in site.actors)


def _actor_row(a: ActorProfile) -> str:
    return _line(
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
    )


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
    lines = []
    for i, row in enumerate(site.comparison.figure_rows):
        figures = tuple(f for _source, found in sorted(row.by_source.items()) for f in found)
        sentences = tuple(site.sentences[sentence_key(f.source, f.sentence)].text for f in figures)
        lines.append(_KEPT_ROWS.call(("figure row", i), _figure_lines, figures, sentences))
    return _csv(header, ()) + "".join(lines)


def _figure_lines(figures: tuple[Figure, ...], sentences: tuple[str, ...]) -> str:
    """The rows of one figure row's figures (`sentences`: the text of each one's sentence)."""
    return "".join(
        _line(
            [
                f.source,
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
        for f, sentence in zip(figures, sentences, strict=True)
    )


def csv_files(site: Site) -> dict[str, str]:
    """data/*.csv keyed by docs-relative path."""
    return {
        "data/timeline.csv": timeline_csv(site),
        "data/actors.csv": actors_csv(site),
        "data/provisions.csv": provisions_csv(site),
        "data/figures.csv": figures_csv(site),
    }
