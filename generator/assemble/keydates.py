"""The story in its key dates: which days matter most, each told in the sentences that best say what happened.

A day's salience is what the corpus says about it:
- the articles that report an event on that day (a timeline entry's citations, one vote per article; a date
  read as a deadline or plan counts half, background and dates in passing not at all);
- the references made to it later ('the March 3 vote', 'since the quake on January 12'): every sentence of
  another article that names the day counts a little;
- the news cycle: every article published on the day counts as one report of it, and half a one of the day
  before (a day of heavy coverage is a day something happened, whether or not a sentence dates it).
Each chosen day is then told by the opening sentences of the articles that came out on it and the day after (a
news lead says what happened, in the words a timeline uses), or failing those by the sentences its timeline
entries cite: those nearest the centroid of the day's candidates, of a sentence's length (not a caption or a
page's run-together text), one per outlet where it can, none repeating another day's.

Measured on Timeline17's dev topics with bench/tls.py (news-tls's protocol).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.core.keydate import KeyDate
from generator.core.model import DateMention, Sentence, SourceSummary, TimelineEntry
from generator.core.refs import Citation, sentence_key
from generator.core.text import STOP_WORDS
from generator.core.types import DateRole, EventKind, Precision

REPORT_WEIGHT = 1.0  # an article reporting an event of the day
CITATION_WEIGHT = 0.25  # each further sentence of one article that reports it
REFERENCE_WEIGHT = 0.3  # another sentence naming the day
PUBLISHED_WEIGHT = 1.0  # an article that came out on the day
NEXT_DAY_WEIGHT = 0.5  # an article that came out the day after
SCHEDULED_WEIGHT = 0.5  # a deadline or plan for a day after the last article: it had not come
LEAD_SENTENCES = 4  # an article's opening sentences that say what its news is
REDUNDANT = 0.4  # a sentence this close to one already chosen adds nothing
MIN_WORDS, MAX_WORDS = 6, 35  # shorter says nothing ("17:30 local time"); longer is a caption or run-together text
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
BODY = ("paragraph", "standfirst")
COUNTED_ROLES = frozenset({DateRole.WHEN, DateRole.REFERENCE, DateRole.NAMED})  # not a dateline, not a number


@dataclass(frozen=True)
class KeyRequest:
    """How many key dates, told in how many sentences each, from which sentences (None: by the story's size)."""

    count: int | None = None
    per_date: int = 2
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Corpus:
    """What the key dates are read from: the timeline, every article and every date the articles state."""

    timeline: Sequence[TimelineEntry]
    sources: Sequence[SourceSummary]
    sentences: Mapping[str, Sentence]  # "source#sentence id" -> Sentence
    mentions: Sequence[tuple[str, DateMention]]  # (source, date mention)


def default_count(timeline: Sequence[TimelineEntry]) -> int:
    """How many key dates a story of this size gets: about the square root of its dated days, 4 to 12 (all of
    them when it has fewer)."""
    days = {e.date.date for e in timeline if e.kind != EventKind.BACKGROUND and e.date.precision == Precision.DAY}
    return min(len(days), max(4, min(12, math.ceil(math.sqrt(len(days))))))


def key_dates(corpus: Corpus, count: int, per_date: int, keywords: Sequence[str] = ()) -> list[KeyDate]:
    """The `count` most salient days, in date order, each with up to `per_date` sentences that say what happened
    (only sentences holding one of `keywords`, when given)."""
    scores = day_scores(corpus)
    if not scores:
        return []
    chosen = set(sorted(scores, key=lambda d: (-scores[d], d))[:count])
    candidates = _candidates(corpus, chosen, keywords)
    entries = _entries_by_day(corpus.timeline)
    taken: list[Counter[str]] = []
    out = []
    for day in sorted(chosen):
        picked = _summary(candidates.get(day, []), per_date, taken)
        out.append(KeyDate(day, round(scores[day], 3), tuple(picked), entries.get(day)))
    return out


def day_scores(corpus: Corpus) -> dict[str, float]:
    """Each day's salience (see the module's docstring); only days something reports, names or publishes on."""
    scores: dict[str, float] = defaultdict(float)
    reporters: dict[str, set[str]] = defaultdict(set)
    cited: set[tuple[str, str]] = set()
    published = Counter(s.published.date for s in corpus.sources if s.published and s.published.date)
    last = max(published, default="9999")
    for entry in corpus.timeline:
        day = entry.date.date
        if entry.date.precision != Precision.DAY or not day or entry.kind == EventKind.BACKGROUND:
            continue
        ahead = entry.kind == EventKind.SCHEDULED and day > last  # set for after the last article: not yet come
        weight = SCHEDULED_WEIGHT if ahead else REPORT_WEIGHT
        for citation in entry.citations:
            first = citation.source not in reporters[day]
            scores[day] += weight if first else weight * CITATION_WEIGHT
            reporters[day].add(citation.source)
            cited.add((citation.source, citation.sentence))
    for source, mention in corpus.mentions:
        day = mention.value.date
        counted = mention.value.precision == Precision.DAY and mention.role in COUNTED_ROLES
        if counted and day and (source, mention.sentence) not in cited:
            scores[day] += REFERENCE_WEIGHT
    days = set(scores) | {d for d in published if len(d) == 10}  # a day, not a month or a year
    for day in days:  # the news cycle: coverage on the day, and the day after
        scores[day] += PUBLISHED_WEIGHT * published.get(day, 0) + NEXT_DAY_WEIGHT * published.get(_next(day), 0)
    return dict(scores)


def _shift(day: str, days: int) -> str:
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return day


def _next(day: str) -> str:
    return _shift(day, 1)


def _previous(day: str) -> str:
    return _shift(day, -1)


def _entries_by_day(timeline: Iterable[TimelineEntry]) -> dict[str, str]:
    """Each day's first timeline entry (the one a key date links to)."""
    out: dict[str, str] = {}
    for entry in timeline:
        if entry.date.precision == Precision.DAY and entry.date.date and entry.kind != EventKind.BACKGROUND:
            out.setdefault(entry.date.date, entry.id)
    return out


def _candidates(corpus: Corpus, days: set[str], keywords: Sequence[str]) -> dict[str, list[Sentence]]:
    """Per chosen day, the sentences that may tell it: the opening sentences of the articles published on it or
    the day after (news leads say what happened, in the words a timeline uses); failing those, the sentences
    its timeline entries cite."""
    leads: dict[str, dict[str, Sentence]] = defaultdict(dict)
    for summary in corpus.sources:
        day = summary.published.date if summary.published else None
        targets = [d for d in (day, _previous(day) if day else None) if d in days]
        body = [s for s in summary.sentences if s.kind in BODY][:LEAD_SENTENCES]
        for target in targets:
            for sentence in body:
                leads[target].setdefault(sentence_key(sentence.source, sentence.id), sentence)
    cited: dict[str, dict[str, Sentence]] = defaultdict(dict)
    for entry in corpus.timeline:
        day = entry.date.date
        if day in days and entry.date.precision == Precision.DAY:
            for citation in entry.citations:
                key = sentence_key(citation.source, citation.sentence)
                if key in corpus.sentences:
                    cited[day][key] = corpus.sentences[key]
    wanted = [k.casefold() for k in keywords if k.strip()]

    def kept(items: dict[str, Sentence]) -> list[Sentence]:
        return [s for _, s in sorted(items.items()) if not wanted or any(w in s.text.casefold() for w in wanted)]

    return {day: kept(leads[day]) or kept(cited[day]) for day in days}


@lru_cache(maxsize=1 << 13)  # more than the candidates of a story's key dates
def _bag(text: str) -> Counter[str]:
    """A sentence's words, counted: kept for a process's next build (a bag is only read, never changed)."""
    return Counter(w for w in (m.group(0).casefold() for m in WORD.finditer(text)) if w not in STOP_WORDS)


def _length(bag: Counter[str]) -> float:
    return math.sqrt(sum(n * n for n in bag.values()))


def _cosine(a: Counter[str], b: Counter[str], b_length: float | None = None) -> float:
    """The cosine of two bags of words; `b_length`: `_length(b)`, for a `b` compared with many bags."""
    dot = sum(n * b[w] for w, n in a.items() if w in b)
    norm = _length(a) * (_length(b) if b_length is None else b_length)
    return dot / norm if norm else 0.0


def _fit(text: str, bag: Counter[str]) -> bool:
    return len(bag) >= MIN_WORDS and sum(1 for _ in WORD.finditer(text)) <= MAX_WORDS


def _summary(candidates: list[Sentence], per_date: int, taken: list[Counter[str]]) -> list[Citation]:
    """Up to `per_date` sentences nearest the day's centroid, other outlets first, none close to one already
    chosen for this day or another (`taken` grows)."""
    bags = [_bag(s.text) for s in candidates]
    centroid: Counter[str] = Counter()
    for bag in bags:
        centroid.update(bag)
    length = _length(centroid)
    order = sorted(range(len(candidates)), key=lambda i: (-_cosine(bags[i], centroid, length), candidates[i].source, i))
    picked: list[Citation] = []
    outlets: set[str] = set()
    for pass_ in (0, 1):  # first one sentence per outlet, then any
        for i in order:
            if len(picked) >= per_date:
                return picked
            sentence = candidates[i]
            if (pass_ == 0 and sentence.source in outlets) or not _fit(sentence.text, bags[i]):
                continue
            if any(_cosine(bags[i], other) >= REDUNDANT for other in taken):
                continue
            picked.append(Citation(sentence.source, sentence.id, sentence.text))
            outlets.add(sentence.source)
            taken.append(bags[i])
    return picked
