"""Source comparison: figures aligned by what they count and when, coverage, naming, and what each reports alone."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from generator.assemble.merge import window_keys
from generator.assemble.statements import quote_variants
from generator.core.model import (
    ActorProfile,
    Comparison,
    DateValue,
    Figure,
    FigureRow,
    Mention,
    NamingDifference,
    PlanMention,
    Quote,
    QuoteVariant,
    TimelineEntry,
)
from generator.core.refs import sentence_key
from generator.core.types import Bound, Verdict


def figure_label(figure: Figure) -> str:
    """'more than 460 drones', 'hundreds of drones' (a vague count takes 'of')."""
    vague = figure.text.lower().endswith(("dozens", "scores", "hundreds", "thousands", "millions"))
    return f"{figure.text} of {figure.unit}" if vague else f"{figure.text} {figure.unit}"


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
    return _hull_verdict(voting, dates)


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
        verdicts = [_hull_verdict(dict(sources), {}) for sources in shared]
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


def _hull_verdict(by_source: dict[str, list[Figure]], dates: dict[str, DateValue]) -> Verdict:
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
        exact.update({f.low for f in figures if f.bound == "exact" and f.low is not None and f.low == f.high})
    if all_dated and all(count == 1 for count in days_seen.values()):
        return Verdict.DIFFERENT_TIMES
    if max(lows) > min(highs):
        return Verdict.DIFFER
    return Verdict.AGREE if any(count > 1 for count in exact.values()) else Verdict.COMPATIBLE


def figure_rows(
    source_ids: list[str], figures: list[Figure], dates: dict[str, DateValue], occasions: dict[str, str] | None = None
) -> list[FigureRow]:
    """One row per thing counted; rows that several sources report first."""
    rows: dict[str, dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for figure in figures:
        rows[figure.unit][figure.source].append(figure)
    ordered = sorted(rows.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        FigureRow(
            unit,
            {s: per_source[s] for s in source_ids if s in per_source},
            figure_verdict(per_source, dates, occasions),
        )
        for unit, per_source in ordered
    ]


DERIVED_ENDINGS = {"", "e", "s", "n", "ns", "an", "ans", "ian", "ians", "ese", "ish", "i", "is"}


def _variant(a: str, b: str) -> bool:
    """Two spellings of one name ('Tbilisi'/'Tiflis', 'U.K.'/'UK'), not a derived form ('Canada'/'Canadian')."""
    plain_a, plain_b = re.sub(r"\W", "", a).lower(), re.sub(r"\W", "", b).lower()
    if plain_a == plain_b:
        return a != b
    common = next(
        (i for i, (x, y) in enumerate(zip(plain_a, plain_b, strict=False)) if x != y), min(len(plain_a), len(plain_b))
    )
    if plain_a[common:] in DERIVED_ENDINGS and plain_b[common:] in DERIVED_ENDINGS:
        return False
    return plain_a[0] == plain_b[0] and abs(len(plain_a) - len(plain_b)) <= 2 and common >= 1


def naming_differences(source_ids: list[str], mentions: Iterable[tuple[str, Mention]]) -> list[NamingDifference]:
    """Actors whose one-word names are spelled differently by different sources."""
    spellings: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for source, mention in mentions:
        if " " not in mention.text and mention.text[:1].isupper():
            spellings[mention.actor][source].add(re.sub(r"['’]s$", "", mention.text))
    differences = []
    for actor, per_source in sorted(spellings.items()):
        used = sorted({word for words in per_source.values() for word in words})
        variants = {w for w in used for v in used if _variant(w, v)}
        if not variants or len(per_source) < 2:
            continue
        shown = {s: sorted(per_source[s] & variants) for s in source_ids if per_source.get(s, set()) & variants}
        if len({tuple(v) for v in shown.values()}) > 1:
            differences.append(NamingDifference(actor, shown))
    return differences


def _labels_by_source(items: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for source, label in items:
        found[label].add(source)
    return found


def _quote_label(quote: Quote) -> str:
    return f"{quote.speaker or 'unknown speaker'}: “{quote.text}”"


def quote_labels(quotes: list[Quote], variants: list[QuoteVariant]) -> list[tuple[str, str]]:
    """(source, label) per quote; the quotes of one statement in several sources' words share one label, so the
    statement counts as reported by each of them, not as something each reports alone."""
    statement: dict[Quote, str] = {}
    for variant in variants:
        wordings = len({q.text for q in variant.quotes})
        label = _quote_label(variant.quotes[0]) + (f" (one statement, {wordings} wordings)" if wordings > 1 else "")
        statement.update(dict.fromkeys(variant.quotes, label))
    return [(q.source, statement.get(q) or _quote_label(q)) for q in quotes]


def build_comparison(
    source_ids: list[str],
    timeline: list[TimelineEntry],
    figures: list[Figure],
    quotes: list[Quote],
    mentions: list[PlanMention],
    titles: dict[str, str],
    dates: dict[str, DateValue],
    actor_mentions: Iterable[tuple[str, Mention]],
    actors: list[ActorProfile],
) -> Comparison:
    variants = quote_variants(quotes)
    kinds = {
        "events": _labels_by_source((c.source, e.summary) for e in timeline for c in e.citations),
        "figures": _labels_by_source((f.source, figure_label(f)) for f in figures if not f.related),
        "quotes": _labels_by_source(quote_labels(quotes, variants)),
        "provisions": _labels_by_source((m.source, titles.get(m.provision, m.provision)) for m in mentions),
    }
    only_in: dict[str, dict[str, list[str]]] = {s: {kind: [] for kind in kinds} for s in source_ids}
    for kind, found in kinds.items():
        for label, srcs in sorted(found.items()):
            if len(srcs) == 1:
                only_in[next(iter(srcs))][kind].append(label)  # one pass over the labels, not one per source
    shared = {kind: sorted(label for label, srcs in found.items() if len(srcs) > 1) for kind, found in kinds.items()}
    event_matrix = [e for e in timeline if len({c.source for c in e.citations}) >= 1]
    actor_matrix = sorted(
        (a for a in actors if a.mentions), key=lambda a: (-len(a.mentions), -sum(a.mentions.values()), a.name)
    )
    occasions = {sentence_key(c.source, c.sentence): e.id for e in timeline for c in e.citations}
    return Comparison(
        figure_rows=figure_rows(source_ids, figures, dates, occasions),
        quote_variants=variants,
        only_in=only_in,
        shared=shared,
        events=event_matrix,
        actors=actor_matrix,
        naming=naming_differences(source_ids, actor_mentions),
    )
