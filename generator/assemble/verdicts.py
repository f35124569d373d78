"""Whether sources agree on a figure: the one verdict the comparison page and a timeline entry both show.

Figures are compared like for like (one unit, one event where events are known); a count of people in
general ('412 people' aboard, 'dozens of people' searched for) is not one measure and is never said to differ.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict

from generator.core.model import Citation, DateValue, Figure
from generator.core.refs import sentence_key
from generator.core.types import Bound, Verdict

MAX_WINDOW_DAYS = 10  # a window wider than this is too vague to merge on


def window_keys(value: DateValue) -> list[str]:
    """The blocking keys of a date: every day it may fall on, or its month or year (a day is also in its month,
    so 'in early September' meets 'on Sept. 1')."""
    if value.precision == "day" and value.date:
        return [value.date, f"month:{value.date[:7]}"]
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


def interval(figure: Figure) -> tuple[float, float]:
    """The values a figure allows: 'more than 460' is (460, ∞), 'nearly 20' is (0, 20), 'about 50' ±20%."""
    low = figure.low or 0.0
    high = figure.high if figure.high is not None else math.inf
    if figure.bound == Bound.MORE_THAN:
        return low, math.inf
    if figure.bound == Bound.AT_MOST:
        return 0.0, high
    if figure.bound == Bound.ABOUT:
        return low * 0.8, high * 1.2
    return low, high


TALLIES = frozenset({"killed", "injured", "killed or wounded", "missing", "arrested", "rescued", "dead"})
GENERIC_UNITS = frozenset({"people", "persons", "residents", "civilians", "men", "women", "children", "others"})


def figure_verdict(
    by_source: dict[str, list[Figure]], dates: dict[str, DateValue], occasions: dict[str, str] | None = None
) -> Verdict:
    """Do the sources agree on a count? 'agree', 'compatible', 'differ', 'different times', 'not compared' or
    'one source'.

    Only like for like: figures of a related-coverage headline and the old value of a change ('down from 28')
    take no part; with `occasions` (sentence key -> timeline entry), figures are set against each other only
    within one event, and figures no event holds ('in 2025 alone, … killed') against none. Linear in the
    figures: each source is summed up by the hull of its values; intervals on a line all overlap when the
    largest low end is below the smallest high end.
    """
    voting = {s: [f for f in fs if not f.related and not f.earlier] for s, fs in by_source.items()}
    voting = {s: fs for s, fs in voting.items() if fs}
    if len(by_source) < 2:
        return Verdict.ONE_SOURCE
    if occasions is not None:
        return _by_occasion(voting, dates, occasions)
    return hull_verdict(voting, dates)


def _by_occasion(voting: dict[str, list[Figure]], dates: dict[str, DateValue], occasions: dict[str, str]) -> Verdict:
    """The verdict over the one event that most sources give this figure for."""
    per_event: dict[str, dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for source, figures in voting.items():
        for figure in figures:
            event = occasions.get(sentence_key(figure.source, figure.sentence))
            if event:
                per_event[event][source].append(figure)
    shared = [sources for sources in per_event.values() if len(sources) > 1]
    if shared:
        verdicts = [hull_verdict(dict(sources), {}) for sources in shared]
        units = {f.unit for figures in voting.values() for f in figures}
        if Verdict.DIFFER in verdicts and units <= TALLIES:
            return Verdict.DIFFERENT_TIMES  # a toll counted at different moments of one event rises, it does not differ
        if Verdict.DIFFER in verdicts and units & GENERIC_UNITS:
            return Verdict.NOT_COMPARED  # '412 people' aboard and '31 people' dead: people, but not one measure
        return next((v for v in (Verdict.DIFFER, Verdict.COMPATIBLE, Verdict.AGREE) if v in verdicts), verdicts[0])
    exact = [{f.low for f in figures if f.bound == Bound.EXACT and f.low == f.high} for figures in voting.values()]
    if len(exact) > 1 and set.intersection(*exact):
        return Verdict.AGREE  # the same number for the same thing, whatever event it belongs to
    dated = {
        s for s, figures in voting.items() if any(occasions.get(sentence_key(f.source, f.sentence)) for f in figures)
    }
    return Verdict.DIFFERENT_TIMES if len(dated) > 1 else Verdict.NOT_COMPARED


def hull_verdict(by_source: dict[str, list[Figure]], dates: dict[str, DateValue]) -> Verdict:
    if len(by_source) < 2:
        return Verdict.NOT_COMPARED
    days_seen: Counter[str] = Counter()
    all_dated = bool(dates)
    lows, highs = [], []
    exact: Counter[float] = Counter()
    for figures in by_source.values():
        days: set[str] = set()
        for figure in figures:
            value = dates.get(sentence_key(figure.source, figure.sentence))
            keys = window_keys(value) if value else []
            all_dated = all_dated and bool(keys)
            days.update(keys)
        days_seen.update(days)
        spans = [interval(f) for f in figures]
        lows.append(min(low for low, _ in spans))
        highs.append(max(high for _, high in spans))
        exact.update({f.low for f in figures if f.bound == Bound.EXACT and f.low is not None and f.low == f.high})
    if all_dated and all(count == 1 for count in days_seen.values()):
        return Verdict.DIFFERENT_TIMES
    if max(lows) > min(highs):
        return Verdict.DIFFER
    return Verdict.AGREE if any(count > 1 for count in exact.values()) else Verdict.COMPATIBLE


def entry_differences(citations: list[Citation], figures: dict[str, list[Figure]]) -> list[str]:
    """The figures a timeline entry's reports give differently ('seven' vs 'six' killed), by the comparison's own
    verdict: only where their values cannot both be right, each source gives one value, and never for a count of
    people in general."""
    by_unit: dict[str, dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for citation in citations:
        for figure in figures.get(sentence_key(citation.source, citation.sentence), []):
            if not figure.related and not figure.earlier and figure not in by_unit[figure.unit][citation.source]:
                by_unit[figure.unit][citation.source].append(figure)
    details = []
    for unit, per_source in sorted(by_unit.items()):
        if unit in GENERIC_UNITS or len(per_source) < 2 or hull_verdict(dict(per_source), {}) != Verdict.DIFFER:
            continue
        if any(len({f.text for f in figures}) > 1 for figures in per_source.values()):
            continue  # a source giving several amounts of one unit speaks of several things: not one to compare
        sides = " vs ".join(f"{', '.join(sorted({f.text for f in v}))} ({s})" for s, v in sorted(per_source.items()))
        details.append(f"{unit}: {sides}")
    return details
