"""Source comparison: figures aligned by what they count and when, coverage, naming, and what each reports alone."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from generator.assemble.statements import quote_variants
from generator.assemble.verdicts import figure_verdict
from generator.core.kept import Kept
from generator.core.model import (
    ActorProfile,
    Comparison,
    DateValue,
    Figure,
    FigureRow,
    Mention,
    NamingDifference,
    ParsedArticle,
    PlanMention,
    Quote,
    QuoteVariant,
    TimelineEntry,
)
from generator.core.refs import sentence_key


def figure_label(figure: Figure) -> str:
    """'more than 460 drones', 'hundreds of drones' (a vague count takes 'of')."""
    vague = figure.text.lower().endswith(("dozens", "scores", "hundreds", "thousands", "millions"))
    return f"{figure.text} of {figure.unit}" if vague else f"{figure.text} {figure.unit}"


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


Spellings = tuple[tuple[str, frozenset[str]], ...]  # actor -> the one-word names an article gives it


def spellings(parsed: ParsedArticle) -> Spellings:
    """The one-word names an article gives each actor (kept by article: a rebuild reads an edited one alone)."""
    return _KEPT_SPELLINGS.call_on(parsed.article.id, _spellings, parsed.mentions)


def _spellings(mentions: tuple[Mention, ...]) -> Spellings:
    found: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if " " not in mention.text and mention.text[:1].isupper():
            found[mention.actor].add(re.sub(r"['’]s$", "", mention.text))
    return tuple((actor, frozenset(words)) for actor, words in found.items())


_KEPT_SPELLINGS: Kept[Spellings] = Kept("one-word names")  # by article


def naming_differences(source_ids: list[str], by_source: Iterable[tuple[str, Spellings]]) -> list[NamingDifference]:
    """Actors whose one-word names are spelled differently by different sources (`by_source`: each source's
    `spellings`)."""
    spelled: dict[str, dict[str, frozenset[str]]] = defaultdict(dict)
    for source, own in by_source:
        for actor, words in own:
            spelled[actor][source] = words
    differences = []
    for actor, per_source in sorted(spelled.items()):
        if len(per_source) < 2:
            continue
        used = sorted({word for words in per_source.values() for word in words})
        variants = {w for w in used for v in used if _variant(w, v)}
        if not variants:
            continue
        shown = {s: sorted(per_source[s] & variants) for s in source_ids if per_source.get(s, frozenset()) & variants}
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
    actor_names: Iterable[tuple[str, Spellings]],
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
        naming=naming_differences(source_ids, actor_names),
    )
