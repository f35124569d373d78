"""Merge reports of the same event into one timeline entry.

Reports are compared only when their dates share a window (blocked by day, month or year) and they share
a key term: never all pairs, so the cost stays linear in the number of reports.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from generator.core.model import Citation, DateValue, EventMention, Figure, Sentence, TimelineEntry
from generator.core.refs import sentence_key

PRECISION_RANK = {"day": 0, "range": 1, "month": 2, "year": 3, "approx": 4, "undated": 5}
MAX_WINDOW_DAYS = 10  # a window wider than this is too vague to merge on
TERMS_PER_REPORT = 6  # the rarest key terms of a report that may pair it with another
CANDIDATES_PER_TERM = 40  # bounds the work per report when a term is very common


def window_keys(value: DateValue) -> list[str]:
    """The blocking keys of a date: every day it may fall on, or its month or year."""
    if value.precision == "day" and value.date:
        return [value.date]
    if value.precision in ("range", "approx"):
        start = value.date or value.after
        end = value.end or value.before
        if start and end and len(start) == len(end) == 10:
            first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
            span = (last - first).days
            if 0 <= span <= MAX_WINDOW_DAYS:
                return [(first + dt.timedelta(days=d)).isoformat() for d in range(span + 1)]
        return []
    if value.precision in ("month", "year") and value.date:
        return [f"{value.precision}:{value.date}"]
    return []


def _compatible(a: DateValue, b: DateValue) -> bool:
    return bool(set(window_keys(a)) & set(window_keys(b)))


def similar(a: EventMention, b: EventMention, people: set[str]) -> bool:
    """Two reports of one event: same kind, overlapping dates, and a shared person or enough shared words."""
    if a.kind != b.kind or not _compatible(a.date, b.date):
        return False
    if a.source == b.source:
        # one article restating a scheduled date ("the November 27 deadline") is one entry
        return a.kind == "scheduled" and a.date.date == b.date.date and bool(set(a.keywords) & set(b.keywords))
    if set(a.actors) & set(b.actors) & people:
        return True
    words_a, words_b = set(a.keywords), set(b.keywords)
    return len(words_a & words_b) / max(1, len(words_a | words_b)) >= 0.2


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _blocking_terms(event: EventMention, frequency: dict[str, int], people: set[str]) -> list[str]:
    """The report's rarest terms that some other report in the block shares."""
    terms = [t for t in [f"@{a}" for a in event.actors if a in people] + list(event.keywords) if frequency[t] > 1]
    return sorted(terms, key=lambda t: (frequency[t], t))[:TERMS_PER_REPORT]


def group_reports(events: list[EventMention], people: set[str]) -> list[list[EventMention]]:
    """Groups of reports of the same event, each group in input order."""
    union = _UnionFind(len(events))
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(events):
        for key in window_keys(event.date):
            buckets[key].append(i)
    for members in buckets.values():
        frequency: dict[str, int] = defaultdict(int)
        for i in members:
            for term in {f"@{a}" for a in events[i].actors if a in people} | set(events[i].keywords):
                frequency[term] += 1
        postings: dict[str, list[int]] = defaultdict(list)
        for i in members:
            compared: set[int] = set()
            for term in _blocking_terms(events[i], frequency, people):
                for j in postings[term][-CANDIDATES_PER_TERM:]:
                    if j not in compared and union.find(i) != union.find(j):
                        compared.add(j)
                        if similar(events[i], events[j], people):
                            union.union(i, j)
                postings[term].append(i)
    groups: dict[int, list[EventMention]] = defaultdict(list)
    for i, event in enumerate(events):
        groups[union.find(i)].append(event)
    return [groups[root] for root in sorted(groups)]


def _conflicts(citations: list[Citation], figures: dict[str, list[Figure]]) -> list[str]:
    """Figures of the same kind that the merged sources give differently ('seven' vs 'six' killed)."""
    by_unit: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for citation in citations:
        for figure in figures.get(sentence_key(citation.source, citation.sentence), []):
            by_unit[figure.unit][citation.source].add(figure.text)
    details = []
    for unit, per_source in sorted(by_unit.items()):
        if len(per_source) > 1 and len({frozenset(v) for v in per_source.values()}) > 1:
            sides = " vs ".join(f"{', '.join(sorted(v))} ({s})" for s, v in sorted(per_source.items()))
            details.append(f"{unit}: {sides}")
    return details


def merge_events(
    events: list[EventMention], sentences: dict[str, Sentence], figures: list[Figure], people: set[str]
) -> list[TimelineEntry]:
    """One timeline entry per event, with every report's citations and its most precise date."""
    figures_by_sentence: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        figures_by_sentence[sentence_key(figure.source, figure.sentence)].append(figure)
    entries = []
    for group in group_reports(sorted(events, key=lambda e: e.id), people):
        best = min(group, key=lambda e: (PRECISION_RANK[e.date.precision], e.date.sort_key, e.id))
        citations = [
            Citation(event.source, sid, sentences[sentence_key(event.source, sid)].text)
            for event in [best] + [e for e in group if e is not best]
            for sid in event.sentences
        ]
        actors = sorted({a for event in group for a in event.actors})
        lead = min(  # the headline of the report that states it earliest in its article: news comes first
            group,
            key=lambda e: (
                PRECISION_RANK[e.date.precision],
                sentences[sentence_key(e.source, e.sentences[0])].index,
                e.source,
            ),
        )
        entries.append(
            TimelineEntry(
                best.id,
                best.date,
                best.kind,
                lead.summary,
                actors,
                citations,
                _conflicts(citations, figures_by_sentence),
            )
        )
    return sorted(entries, key=lambda e: (e.date.sort_key, PRECISION_RANK[e.date.precision], e.id))
