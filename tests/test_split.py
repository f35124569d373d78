"""Splitting a group of reports into events (`assemble.split`): a report goes to the part it shares most with, and
the parts passed by on their ceiling (what a part's reports hold between them) never change which part that is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.assemble.split import BLOCK, CANDIDATES_PER_TERM, _best, _Parts, _Report, _Union

BITS = st.integers(min_value=0, max_value=(1 << 12) - 1)
REPORT = st.builds(_Report, st.booleans(), BITS, BITS, st.sampled_from(["", "class:meeting", "strike", "reporting"]),
                   BITS, BITS, BITS, st.integers(min_value=0, max_value=(1 << 24) - 1))  # fmt: skip
HEADS = st.lists(st.lists(REPORT, min_size=1, max_size=6), min_size=1, max_size=8)


def every_part(report: _Report, heads: list[list[_Report]], sizes: list[int], floor: int) -> int | None:
    """The first part with the most shared, then the most reports: every report of every part compared."""
    scores = [(max(report.shared(other) for other in head), size) for head, size in zip(heads, sizes, strict=True)]
    best = max(range(len(scores)), key=scores.__getitem__)
    return best if scores[best][0] >= floor else None


@settings(max_examples=300, deadline=None)
@given(REPORT, HEADS, st.data())
def test_parts_passed_by_on_their_ceiling_leave_the_answer_as_comparing_every_report(
    report: _Report, heads: list[list[_Report]], data: st.DataObject
) -> None:
    floor = data.draw(st.integers(min_value=0, max_value=8))
    unions = [_Union.of(head) for head in heads]
    assert all(u.ceiling(report) >= max(map(report.shared, head)) for u, head in zip(unions, heads, strict=True))
    reports = [member for head in heads for member in head]  # each head a whole part
    starts = [sum(map(len, heads[:k])) for k in range(len(heads))]
    parts = [list(range(start, start + len(head))) for start, head in zip(starts, heads, strict=True)]
    block = data.draw(st.sampled_from([1, 2, BLOCK]))
    found = _Parts(reports, parts, block).best(report, floor)
    assert found == every_part(report, heads, [len(head) for head in heads], floor) == _best(
        report, heads, [len(head) for head in heads], floor
    )


def every_placement(reports: list[_Report], parts: list[list[int]], floors: list[int]) -> list[list[int]]:
    """Each report not in `parts` placed in turn where `_best` puts it comparing every part, or alone."""
    parts = [list(part) for part in parts]
    placed = {i for part in parts for i in part}
    for i, report in enumerate(reports):
        if i not in placed:
            heads = [[reports[j] for j in part[:CANDIDATES_PER_TERM]] for part in parts]
            home = _best(report, heads, [len(part) for part in parts], floors[i])
            parts.append([i]) if home is None else parts[home].append(i)
    return parts


# Reports drawn from few bits, so that many share some and tie: what tells the blocks of `_Parts` apart
FEW = st.integers(min_value=0, max_value=(1 << 5) - 1)
ALIKE = st.builds(_Report, st.booleans(), FEW, FEW, st.sampled_from(["", "strike"]), FEW, FEW, FEW, FEW)


@settings(max_examples=200, deadline=None)
@given(st.lists(ALIKE, min_size=1, max_size=120), st.data())
def test_parts_placed_block_by_block_are_those_placed_comparing_every_part(
    reports: list[_Report], data: st.DataObject
) -> None:
    count = data.draw(st.integers(min_value=1, max_value=min(6, len(reports))))
    anchors = [[i] for i in range(count)]  # parts of one report, and of several
    for i in range(count, min(len(reports), count + data.draw(st.integers(min_value=0, max_value=4)))):
        anchors[data.draw(st.integers(min_value=0, max_value=count - 1))].append(i)
    floors = [data.draw(st.sampled_from([0, 3, 6])) for _ in reports]
    parts = _Parts(reports, anchors, data.draw(st.sampled_from([1, 2, 3, BLOCK])))  # small blocks: many of them
    placed = {i for anchor in anchors for i in anchor}
    for i, report in enumerate(reports):
        if i not in placed:
            parts.add(i, parts.best(report, floors[i]))
    assert parts.parts == every_placement(reports, anchors, floors)


def test_a_tie_between_parts_of_one_report_in_two_blocks_goes_to_the_first() -> None:
    def report(actors: int, keywords: int) -> _Report:
        return _Report(False, 0, 0, "", actors, 0, keywords, 0)

    reports = [report(1, 0), report(1, 0), report(0, 0b1110), report(0, 0b1110), report(0, 0b1110)]
    floors = [0, 0, 6, 6, 0]  # reports 2 and 3 share too little to join a part; report 4 joins the first of them
    parts = _Parts(reports, [[0, 1]], block=1)
    for i in (2, 3, 4):
        parts.add(i, parts.best(reports[i], floors[i]))
    assert parts.parts == every_placement(reports, [[0, 1]], floors) == [[0, 1], [2, 4], [3]]


def test_a_part_whose_ceiling_only_ties_is_still_compared_and_wins_a_tie_as_the_first() -> None:
    def report(actors: int) -> _Report:
        return _Report(False, 0, 0, "", actors, 0, 0, 0)

    reports = [report(0b01), report(0b01), report(0b01), report(0b10)]  # the second part's ceiling is higher
    heads = [reports[:2], reports[2:]]
    assert _Parts(reports, [[0, 1], [2, 3]]).best(report(0b11), 0) == _best(report(0b11), heads, [2, 2], 0) == 0
