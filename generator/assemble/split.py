"""Split a group of reports that tells several events (an overnight strike, a negotiating session and a deadline
of one day, sharing actors) into one group per event: each meaning of a trigger that two outlets use is an event of
its own (an anchor), and every other report goes with the anchor it shares most with (the hour of the day, a
trigger its sentence names, participants, words) or stands alone."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from generator.assemble.identity import trigger_key
from generator.core.model import EventFrame, EventMention
from generator.core.words import SPEECH_VERBS
from generator.extract.frames import LIGHT_VERBS

CANDIDATES_PER_TERM = 40  # bounds the work per report when a term is very common
MIN_SHARED = 3  # a report that shares less with every event of its group is an event of its own
BLOCK = 32  # parts of one report bounded together when a report is placed (`_Parts`)


def trigger_meaning(frame: EventFrame | None) -> str:
    """What a report's trigger means, for telling events apart: its class or lemma, 'reporting' for a speaker's
    verb ('charged' names a kind of happening first), '' when it says nothing by itself (no parse, a light verb
    with no noun)."""
    if frame is None or frame.lemma in LIGHT_VERBS or not frame.lemma:
        return ""
    key = trigger_key(frame)
    return "reporting" if frame.lemma in SPEECH_VERBS and not key.startswith("class:") else key


@dataclass(frozen=True)
class _Report:
    """What `_closest` compares of a report, worked out once per group rather than once per comparison: each set
    as the bits of its members (`_Bits`), so a comparison counts shared bits and makes no set."""

    named: bool  # the parse gave a frame with a trigger
    lemma: int  # the trigger's lemma, as a bit
    words: int  # the words of its sentence
    trigger: str
    actors: int
    participants: int
    keywords: int
    hours: int

    @classmethod
    def of(cls, event: EventMention, hours: dict[str, set[int]], bits: _Bits) -> _Report:
        frame = event.frame
        return cls(
            frame is not None and frame.lemma is not None,
            bits.of([frame.lemma] if frame is not None and frame.lemma is not None else []),
            bits.of(frame.words if frame is not None else ()), trigger_meaning(frame), bits.of(event.actors),
            bits.of(_participants(event)), bits.of(event.keywords), sum(1 << hour for hour in hours.get(event.id, ())),
        )  # fmt: skip

    def shared(self, other: _Report) -> int:
        """The hour of the day, a trigger one names in the other's sentence, participants, words."""
        named = self.named and other.named and bool(other.lemma & self.words or self.lemma & other.words)
        same = bool(self.trigger) and self.trigger == other.trigger
        actors = (self.actors & other.actors).bit_count() + (self.participants & other.participants).bit_count()
        hour, keywords = bool(self.hours & other.hours), (self.keywords & other.keywords).bit_count()
        return _score(hour, same, named, actors, keywords)


def _score(hour: bool, same: bool, named: bool, actors: int, keywords: int) -> int:
    """What two reports share, weighed (`_Report.shared`; `_Union.ceiling` bounds it term by term)."""
    return 6 * hour + 5 * same + 3 * named + 2 * actors + keywords


@dataclass
class _Union:
    """What a part's first reports hold between them (their sets joined): `ceiling` bounds what a report shares
    with any of them, so a part that cannot beat the best one found so far is passed by without comparing."""

    named: bool
    lemma: int
    words: int
    triggers: set[str]
    actors: int
    participants: int
    keywords: int
    hours: int

    @classmethod
    def of(cls, head: list[_Report]) -> _Union:
        union = cls(False, 0, 0, set(), 0, 0, 0, 0)
        for report in head:
            union.add(report)
        return union

    def add(self, report: _Report) -> None:
        self.named |= report.named
        self.lemma, self.words = self.lemma | report.lemma, self.words | report.words
        self.triggers.add(report.trigger)
        self.actors, self.participants = self.actors | report.actors, self.participants | report.participants
        self.keywords, self.hours = self.keywords | report.keywords, self.hours | report.hours

    def ceiling(self, report: _Report) -> int:
        """At least `report.shared(member)` for every member: each term of `_Report.shared` against the union."""
        named = report.named and self.named and bool(self.lemma & report.words or report.lemma & self.words)
        same = bool(report.trigger) and report.trigger in self.triggers
        actors = (report.actors & self.actors).bit_count() + (report.participants & self.participants).bit_count()
        hour, keywords = bool(report.hours & self.hours), (report.keywords & self.keywords).bit_count()
        return _score(hour, same, named, actors, keywords)


class _Bits:
    """One bit per string a group's reports use."""

    def __init__(self) -> None:
        self.bit: dict[str, int] = {}

    def of(self, items: Iterable[str]) -> int:
        mask = 0
        for item in items:
            mask |= 1 << self.bit.setdefault(item, len(self.bit))
        return mask


def _closest(reports: list[_Report], i: int, parts: list[list[int]], floor: int = 0) -> int | None:
    """The part whose reports share most with report `i` (`_Report.shared`); the largest part on a tie; None when
    no part shares enough. Only a part's first reports are compared: the work stays bounded per report."""
    heads = [[reports[j] for j in part[:CANDIDATES_PER_TERM]] for part in parts]
    return _best(reports[i], heads, [len(part) for part in parts], floor)


def _best(report: _Report, heads: list[list[_Report]], sizes: list[int], floor: int) -> int | None:
    """`_closest` given each part's first reports (`heads`) and its size: the first part with the most shared and,
    on a tie, the most reports, every part compared (`_Parts.best` gives the same answer comparing fewer)."""
    shared = report.shared
    best, top = None, (-1, -1)
    for k, (head, size) in enumerate(zip(heads, sizes, strict=True)):
        score = (max(map(shared, head)), size)
        if score > top:
            best, top = k, score
    return best if top[0] >= floor else None


def _anchors(group: list[EventMention]) -> list[list[int]]:
    """The events a group of reports tells, by trigger: the reports whose trigger's meaning (class or lemma) two
    outlets or more use, one anchor per meaning and per participant ('the search was suspended', 'Tiu was
    suspended': neither patient nor actor in common). Other reports' triggers (a speaker's verb, 'happened',
    'heard a bang') decide nothing."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(group):
        key = trigger_meaning(event.frame)
        if key and key != "reporting" and not event.reference:
            by_key[key].append(i)
    anchors: list[list[int]] = []
    bits = _Bits()
    reports = [_Report.of(event, {}, bits) for event in group] if by_key else []
    for _key, members in sorted(by_key.items()):
        if len({group[i].source for i in members}) < 2:
            continue
        own: list[list[int]] = []
        for i in sorted(members, key=lambda i: (not _what(group[i]), i)):  # those that name a patient first
            what, actors = _what(group[i]), set(group[i].actors)
            homes = [
                part for part in own
                if not what or any(_what(group[j]) & what or _meet(actors, set(group[j].actors)) for j in part)
            ]  # fmt: skip
            if homes:
                homes[_closest(reports, i, homes) or 0].append(i)
            else:
                own.append([i])
        anchors += own
    merged: list[list[int]] = []
    for anchor in anchors:  # 'issued a gale warning', 'the warning had been raised': one patient, one event
        patients = {w for i in anchor for w in _what(group[i])}
        home = next((m for m in merged if patients & {w for i in m for w in _what(group[i])}), None)
        if home is None:
            merged.append(list(anchor))
        else:
            home += anchor
    return merged


def _meet(a: set[str], b: set[str]) -> bool:
    """Participants that may be the same: one side names none, or both name one in common."""
    return not a or not b or bool(a & b)


def _participants(event: EventMention) -> frozenset[str]:
    return event.frame.who | event.frame.what if event.frame is not None else frozenset()


def _what(event: EventMention) -> frozenset[str]:
    return event.frame.what if event.frame is not None else frozenset()


def split_positions(group: tuple[EventMention, ...], hours: dict[str, set[int]]) -> tuple[tuple[int, ...], ...]:
    """A group of reports that tells several events (an overnight strike, a negotiating session and a deadline of
    one day, sharing actors) split into one part per event, as the positions of each part's reports in `group`: the
    anchors' triggers, every other report with the anchor it shares most with (`hours`: report id -> the hours of
    the day its sentences tell), or alone. A function of its arguments alone (the order of `hours` does not
    matter), so a rebuild gives it back."""
    anchors = _anchors(list(group))
    if len(anchors) < 2:
        return (tuple(range(len(group))),)
    placed = {i for anchor in anchors for i in anchor}
    bits = _Bits()
    reports = [_Report.of(event, hours, bits) for event in group]
    parts = _Parts(reports, anchors)
    for i in range(len(group)):
        if i not in placed:
            parts.add(i, parts.best(reports[i], 0 if group[i].reference else MIN_SHARED))
    return tuple(tuple(sorted(part)) for part in parts.parts)


class _Parts:
    """A group's parts as its reports are placed, each with its first reports (`heads`, what `_closest` compares),
    size and union. The parts of one report (most, in a large group of reports that share little) are also kept
    in blocks of `BLOCK`, each with the union of its reports, so that `best` passes a block that cannot beat the
    best part so far by whole: it gives `_best`'s answer without comparing every part."""

    def __init__(self, reports: list[_Report], parts: list[list[int]], block: int = BLOCK) -> None:
        self.reports, self.parts, self.block = reports, [list(part) for part in parts], block
        self.heads = [[reports[j] for j in part[:CANDIDATES_PER_TERM]] for part in self.parts]
        self.sizes = [len(part) for part in self.parts]
        self.unions = [_Union.of(head) for head in self.heads]
        self.several = [k for k, size in enumerate(self.sizes) if size > 1]
        self.blocks: list[tuple[list[int], _Union]] = []  # parts of one report as made, in order
        for k, size in enumerate(self.sizes):
            if size == 1:
                self._single(k)

    def _single(self, k: int) -> None:
        if not self.blocks or len(self.blocks[-1][0]) == self.block:
            self.blocks.append(([], _Union.of([])))
        self.blocks[-1][0].append(k)
        self.blocks[-1][1].add(self.heads[k][0])

    def best(self, report: _Report, floor: int) -> int | None:
        """`_best(report, heads, sizes, floor)` over every part: the parts of several reports first, from the
        highest ceiling down, then those of one report, block by block. A part of one report beats the best so far
        only by sharing more (it is the smallest), and among those the first wins, as in `_best`; a part of one
        report that grew keeps its place in its block, whose union then bounds more than it needs to."""
        shared = report.shared
        best, top = None, (-1, -1)
        # the part that may share most first (the first of those that may share as much): the others are passed by
        # once no part's ceiling reaches the best found. On a tie the first part wins.
        bounds = sorted(((self.unions[k].ceiling(report), self.sizes[k]), -k) for k in self.several)
        while bounds and bounds[-1][0] >= top:
            bound, k = bounds.pop()
            k = -k
            if bound == top and best is not None and k > best:  # (`best` is None only before the first part)
                continue
            score = (max(map(shared, self.heads[k])), self.sizes[k])
            if score > top or (score == top and best is not None and k < best):
                best, top = k, score
        for members, union in self.blocks:
            if (union.ceiling(report), 1) <= top:
                continue
            for k in members:
                if self.sizes[k] == 1 and (score := (shared(self.heads[k][0]), 1)) > top:
                    best, top = k, score
        return best if top[0] >= floor else None

    def add(self, i: int, home: int | None) -> None:
        """Report `i` placed in part `home`, or in a part of its own (None)."""
        report = self.reports[i]
        if home is None:
            self.parts.append([i])
            self.heads.append([report])
            self.sizes.append(1)
            self.unions.append(_Union.of([report]))
            self._single(len(self.parts) - 1)
            return
        self.parts[home].append(i)
        self.sizes[home] += 1
        if self.sizes[home] == 2:
            self.several.append(home)
        if len(self.heads[home]) < CANDIDATES_PER_TERM:
            self.heads[home].append(report)
            self.unions[home].add(report)
