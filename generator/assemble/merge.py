"""Merge reports of the same event into one timeline entry.

Reports are compared only when their dates share a window (blocked by day, month or year) and they share
a key term: never all pairs, so the cost stays linear in the number of reports. Two reports join when their
dates meet and they tell the same happening (shared words and participants, or `assemble.identity.same_event`
on their frames), never across articles about different happenings (`identity.group_documents`). A group
that then tells several events (a strike and a negotiating session of one day, sharing actors) is split by
trigger (`assemble.split.split_positions`): each meaning of a trigger that two outlets use is an event of its
own, and every other report goes with the event it shares most with (the hour of the day, a trigger its sentence
names, participants, words) or stands alone."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Set as AbstractSet

from generator.assemble.identity import document_terms, group_documents, same_event
from generator.assemble.split import CANDIDATES_PER_TERM, split_positions, trigger_meaning
from generator.assemble.verdicts import entry_differences, window_keys
from generator.core.kept import Kept, keeping
from generator.core.model import Citation, DateValue, EventMention, Figure, Sentence, TimelineEntry
from generator.core.refs import sentence_key
from generator.core.text import plain
from generator.core.types import EventKind
from generator.core.words import REPORTING_VERBS
from generator.extract.events import CLOCK_TIME
from generator.extract.wording import CUT_MARK

PRECISION_RANK = {"day": 0, "range": 1, "month": 2, "year": 3, "approx": 4, "undated": 5}
TERMS_PER_REPORT = 6  # the rarest key terms of a report that may pair it with another
COMMON_FROM, COMMON_SHARE = 3, 0.1  # a word in more reports than both of these says little about which event
MAX_GROUPED_ARTICLES = 150  # 0.3 s at 100 articles, 7.6 s at 300 (identity.group_documents)


def _overlap(a: DateValue, b: DateValue) -> str:
    """How two dates meet: 'same' (a day or window in common), 'within' (a day inside the other's month), ''."""
    keys_a, keys_b = set(window_keys(a)), set(window_keys(b))
    common = keys_a & keys_b
    if {k for k in common if not k.startswith("month:")} or (a.precision == b.precision == "month" and common):
        return "same"
    if a.precision == b.precision == "day":
        return ""  # two days of one month
    if common:
        return "within"
    years = {v.precision: (v.date or "")[:4] for v in (a, b)}
    inside = "year" in years and len(years) == 2 and len(set(years.values())) == 1 and "approx" not in years
    return "within" if inside else ""  # a day or month inside the other's year


def _same_frame(a: EventMention, b: EventMention) -> bool:
    """Two outlets' frames of one event: a trigger that means something, the same meaning, nothing disagreeing."""
    key = trigger_meaning(a.frame)
    return bool(key) and key != "reporting" and a.frame is not None and b.frame is not None and (
        same_event(a.frame, b.frame))


def similar(
    a: EventMention, b: EventMention, people: AbstractSet[str], common: frozenset[str] = frozenset()
) -> str:
    """Two reports of one event: same kind (or announced ahead and then reported), dates that meet, and the same
    happening in other words.

    On the same day (or window), reports from two sources are one event when they share two words of what
    happened ('arrested', 'charged', 'reopened', by lemma) or one word and a participant; a report dated only by
    its month joins a dated one when it shares more (half the words of the shorter, at least two). One article
    restating an event it reported ('the Sept. 3 walkout') is one entry when it shares as much. On one
    calendar day, one shared word is enough when few reports of the story use it ('break-in', not 'fund')."""
    if a.reference != b.reference:  # 'the July 5 sinking' and a report of July 5: it may be that one
        day = a.date.precision == b.date.precision == "day" and a.date.date == b.date.date
        return "within" if day and a.kind == b.kind else ""
    if a.reference:
        return ""  # two mentions in passing make no entry between them
    kinds = {a.kind, b.kind}
    meet = (
        _overlap(a.date, b.date)
        if len(kinds) == 1 or kinds in ({"event", "scheduled"}, {"event", "background"})
        else ""
    )
    if not meet:
        return ""
    words_a, words_b = set(a.keywords), set(b.keywords)
    shared = len(words_a & words_b)
    ratio = shared / max(1, min(len(words_a), len(words_b)))
    strong = (shared >= 3 and ratio >= 0.35) or (shared == 2 and ratio >= 0.5)
    if a.source == b.source:  # a restatement, or "the November 27 deadline" again
        same = meet == "same" and a.date.precision == "day" and (strong or a.kind == b.kind == "scheduled")
        return meet if same else ""
    if meet == "within":
        return meet if strong else ""
    participants = set(a.actors) & set(b.actors)
    distinctive = bool((words_a & words_b) - common) and a.date.precision == b.date.precision in ("day", "year")
    joined = shared >= 2 or (shared >= 1 and bool(participants)) or bool(participants & people) or distinctive
    return meet if joined or (meet == "same" and _same_frame(a, b)) else ""


_KEPT_SETTING: Kept[tuple[frozenset[str], frozenset[str]]] = Kept("event grouping's people and common words")
_KEPT_PAIRS: Kept[str] = Kept("report comparisons")  # whether two reports tell one event, by their ids
_KEPT_WINDOWS: Kept[tuple[tuple[bool, int, int], ...]] = Kept("report comparisons by date window")
_KEPT_TERMS: Kept[frozenset[str]] = Kept("what a report may share with another")  # by report, for that very report


class _UnionFind:
    """Groups of reports; reports of articles about different happenings (`documents`) are never joined. A group's
    first report (the smallest position) stands for it."""

    def __init__(self, events: list[EventMention], documents: dict[str, int]) -> None:
        self.parent = list(range(len(events)))
        self.document = [documents.get(e.source, 0) for e in events]

    def joinable(self, i: int, j: int) -> bool:
        return self.document[self.find(i)] == self.document[self.find(j)]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _terms(event: EventMention, people: AbstractSet[str]) -> frozenset[str]:
    """What a report may share with another of its event: people, words, and (for a date an article sets
    ahead) the article itself, which may name that date twice in other words."""
    own = {f"#{event.source}"} if event.kind == "scheduled" else set()
    day = {f"~{event.date.date}"} if event.date.precision == "day" else set()  # a reference meets its day's events
    key = trigger_meaning(event.frame)
    trigger = {f"!{key}"} if key and key != "reporting" else set()  # two outlets' words for one arrest
    return frozenset({f"@{a}" for a in event.actors if a in people} | set(event.keywords) | own | day | trigger)


def _blocking_terms(own: frozenset[str], frequency: dict[str, int]) -> list[str]:
    """The report's rarest terms (`own`: its `_terms`) that some other report in the block shares."""
    terms = [t for t in own if frequency[t] > 1]
    return sorted(terms, key=lambda t: (frequency[t], t))[:TERMS_PER_REPORT]


def _fit(coarse: dict[int, tuple[int, int]], events: list[EventMention], i: int, j: int) -> None:
    """Note that one of two reports (dated by its month only, or naming its event in passing) may be the other's
    event; keep its best fit."""
    if events[i].reference or events[j].reference:
        loose, dated = (i, j) if events[i].reference else (j, i)
    elif PRECISION_RANK[events[i].date.precision] > PRECISION_RANK[events[j].date.precision]:
        loose, dated = i, j
    else:
        loose, dated = j, i
    shared = len(set(events[i].keywords) & set(events[j].keywords)) + 1  # a reference fits with no word in common
    if shared > coarse.get(loose, (0, -1))[0]:
        coarse[loose] = (shared, dated)


def _window_joins(
    members: tuple[EventMention, ...], groups: tuple[int, ...], documents: tuple[int, ...],
    people: frozenset[str], common: frozenset[str],
) -> tuple[tuple[bool, int, int], ...]:
    """The reports of one date window compared: each pair found to tell one event (True) or found to be one's
    looser report of the other's event (False), as positions in `members`, in the order found. `groups` is each
    member's group as the window is entered (numbered in the order of the groups' first reports, which the union
    keeps) and `documents` each group's article group: a function of its arguments alone, so a window whose reports
    and groups are as in the last build gives back its pairs without comparing them again."""
    parent = list(range(len(documents)))

    def find(group: int) -> int:
        while parent[group] != group:
            group = parent[group]
        return group

    # a window an edit touched holds mostly others' reports: their terms are the last build's
    terms = [_KEPT_TERMS.call_on(event.id, _terms, event, people) for event in members]
    frequency: dict[str, int] = defaultdict(int)
    for own in terms:
        for term in own:
            frequency[term] += 1
    postings: dict[str, list[int]] = defaultdict(list)
    found: list[tuple[bool, int, int]] = []
    for i, event in enumerate(members):
        compared: set[int] = set()
        for term in _blocking_terms(terms[i], frequency):
            for j in postings[term][-CANDIDATES_PER_TERM:]:
                a, b = find(groups[i]), find(groups[j])
                if j not in compared and a != b and documents[a] == documents[b]:
                    compared.add(j)
                    other = members[j]
                    meet = _KEPT_PAIRS.call((event.id, other.id), similar, event, other, people, common)
                    if meet == "same":
                        parent[max(a, b)] = min(a, b)
                        found.append((True, i, j))
                    elif meet == "within":
                        found.append((False, i, j))
            postings[term].append(i)
    return tuple(found)


def group_reports(
    events: list[EventMention], people: set[str], documents: dict[str, int] | None = None
) -> list[list[EventMention]]:
    """Groups of reports of the same event, each group in input order; `documents` (article id -> group of
    articles about one happening) keeps reports of different happenings apart."""
    union = _UnionFind(events, documents or {})
    buckets: dict[str, list[int]] = defaultdict(list)
    years = {e.date.date for e in events if e.date.precision == "year" and e.date.date}
    for i, event in enumerate(events):
        for key in window_keys(event.date):
            buckets[key].append(i)
        year = (event.date.date or "")[:4]
        if year in years and event.date.precision in ("day", "month"):
            buckets[f"year:{year}"].append(i)  # 'the 1987 accord' may be the one signed in May 1987
    usage: Counter[str] = Counter(term for event in events for term in set(event.keywords))
    common = frozenset(t for t, n in usage.items() if n > max(COMMON_FROM, len(events) * COMMON_SHARE))
    known, common = _KEPT_SETTING.same("corpus", (frozenset(people), common))  # last build's, when equal
    coarse: dict[int, tuple[int, int]] = {}  # a month-dated report -> (shared words, the dated report it fits best)
    for key, members in buckets.items():
        roots = [union.find(i) for i in members]
        first = sorted(set(roots))
        number = {root: n for n, root in enumerate(first)}
        told = tuple(events[i] for i in members)
        entered = tuple(number[root] for root in roots), tuple(union.document[root] for root in first)
        for join, i, j in _KEPT_WINDOWS.call(key, _window_joins, told, *entered, known, common):
            if join:
                union.union(members[i], members[j])
            else:
                _fit(coarse, events, members[i], members[j])
    for i, (_shared, j) in sorted(coarse.items()):  # after the days are grouped, so a month joins one day only
        if union.joinable(i, j):
            union.union(i, j)
    groups: dict[int, list[EventMention]] = defaultdict(list)
    for i, event in enumerate(events):
        groups[union.find(i)].append(event)
    return [groups[root] for root in sorted(groups)]


def _hours(event: EventMention, sentences: dict[str, Sentence]) -> set[int]:
    """The hours of the day a report's sentences tell ('at 8:40 p.m.', '20:40' -> 20)."""
    found = set()
    for sid in event.sentences:
        for match in CLOCK_TIME.finditer(sentences[sentence_key(event.source, sid)].text):
            hour = int(re.match(r"\d+", match.group(0)).group(0))  # type: ignore[union-attr]
            evening = re.search(r"p\.?m", match.group(0), re.I) and hour < 12
            found.add(hour + 12 if evening else hour % 24)
    return found


def participants(event: EventMention) -> tuple[str, ...]:
    """The actors an event happened to or was done by: those its frame's who or what names ('Judge Teresa Lacerda
    ordered Vasco Pimentel held', not the prosecutor who announced it); every actor the report names when the
    parse gives no frame or names none of them."""
    frame = event.frame
    if frame is None:
        return event.actors
    if frame.lemma in REPORTING_VERBS:  # 'the prosecutor announced that the judge ordered him held': the
        named = tuple(a for a in event.actors if not set(plain(a).split()) & frame.who)  # news is what was said
    else:
        named = tuple(a for a in event.actors if set(plain(a).split()) & (frame.who | frame.what))
    return named or event.actors


def _article_groups(sentences: dict[str, Sentence]) -> dict[str, int]:
    """Article id -> its group of articles about one happening (`identity.group_documents`); one group for more
    than `MAX_GROUPED_ARTICLES` articles, as the clustering's cost grows with the cube of their number."""
    by_source: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences.values():
        by_source[sentence.source].append(sentence)
    if len(by_source) > MAX_GROUPED_ARTICLES:
        return {}
    return group_documents({source: document_terms(own) for source, own in by_source.items()})


_KEPT_ENTRIES: Kept[list[TimelineEntry]] = Kept("timeline entries")  # a group of reports' entries, by its first report
_KEPT_SPLITS: Kept[tuple[tuple[int, ...], ...]] = Kept("events of a group")  # `split_positions`, by its first report


def _group_entries(
    group: tuple[EventMention, ...], keys: tuple[str, ...], told: tuple[Sentence, ...],
    figures: tuple[tuple[Figure, ...], ...],
) -> list[TimelineEntry]:
    """The entries of one group of reports: one per event it tells (`split_positions`), each with its most precise
    date, every report's citations, and the headline of the report that states it earliest (`keys`: the
    sentences of the group's reports, in order; `told` each one, and `figures` the figures of each)."""
    sentences = dict(zip(keys, told, strict=True))
    figures_by_sentence = {key: list(found) for key, found in zip(keys, figures, strict=True) if found}
    hours = {e.id: _hours(e, sentences) for e in group}
    entries = []
    for positions in _KEPT_SPLITS.call(group[0].id, split_positions, group, hours):  # as last build's if its reports
        part = [group[i] for i in positions]  # are: the group an edited article is in is mostly others' reports
        best = min(part, key=lambda e: (PRECISION_RANK[e.date.precision], e.date.sort_key, e.id))
        citations = [
            Citation(event.source, sid, sentences[sentence_key(event.source, sid)].text)
            for event in [best] + [e for e in part if e is not best]
            for sid in event.sentences
        ]
        actors = sorted({a for event in part for a in participants(event)})
        lead = min(  # the headline of the report that states it earliest in its article: news comes first; a
            part,  # summary of a sentence the source cut off only when no report has a whole one
            key=lambda e: (
                e.summary.endswith(CUT_MARK),
                e.frame is not None and e.frame.sentence != e.sentences[0],  # titled by a sentence without the date
                PRECISION_RANK[e.date.precision],
                sentences[sentence_key(e.source, e.sentences[0])].index,
                e.source,
            ),
        )
        happened = any(e.kind == "event" for e in part)  # announced ahead, then reported: it happened
        entries.append(
            TimelineEntry(
                best.id,
                best.date,
                EventKind.EVENT if happened and best.kind == "scheduled" else best.kind,
                lead.summary,
                actors,
                citations,
                entry_differences(citations, figures_by_sentence),
            )
        )
    return entries


_LAST_ENTRIES: dict[str, TimelineEntry] = {}  # a process that builds again: the last build's entries, by id (not a
# `Kept`: that gives back only what the last build asked it for, and most entries come back whole with their group)


def _same_entries(
    group: tuple[EventMention, ...], keys: tuple[str, ...], told: tuple[Sentence, ...],
    figures: tuple[tuple[Figure, ...], ...],
) -> list[TimelineEntry]:
    """`_group_entries`, an entry equal to the last build's entry of its id given back as that very object: later
    stages and the page memo then find it unchanged at once (one edit made a group of 1,700 reports again, and 500
    actor pages compared its entries field by field)."""
    made = _group_entries(group, keys, told, figures)
    if not keeping():
        return made
    return [last if (last := _LAST_ENTRIES.get(entry.id)) is not None and last == entry else entry for entry in made]


def merge_events(
    events: list[EventMention], sentences: dict[str, Sentence], figures: list[Figure], people: set[str]
) -> list[TimelineEntry]:
    """One timeline entry per event, with every report's citations and its most precise date."""
    figures_by_sentence: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        figures_by_sentence[sentence_key(figure.source, figure.sentence)].append(figure)
    entries = []
    for group in group_reports(sorted(events, key=lambda e: e.id), people, _article_groups(sentences)):
        keys = tuple(sentence_key(e.source, sid) for e in group for sid in e.sentences)
        told = tuple(sentences[k] for k in keys), tuple(tuple(figures_by_sentence.get(k, ())) for k in keys)
        entries += _KEPT_ENTRIES.call(group[0].id, _same_entries, tuple(group), keys, *told)
    _LAST_ENTRIES.clear()
    if keeping():
        _LAST_ENTRIES.update((entry.id, entry) for entry in entries)

    def story_order(entry: TimelineEntry) -> tuple[str, int, str, int, str]:
        """By date; within one date or window, in the order the first report tells them."""
        lead = entry.citations[0]
        index = sentences[sentence_key(lead.source, lead.sentence)].index
        return (entry.date.sort_key, PRECISION_RANK[entry.date.precision], lead.source, index, entry.id)

    return sorted(entries, key=story_order)
