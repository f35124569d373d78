"""Splitting a group of reports into events (`assemble.split`): a report goes to the part it shares most with, and
the parts passed by on their ceiling (what a part's reports hold between them) never change which part that is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.assemble.split import _best, _Report, _Union

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
    sizes = [len(head) + data.draw(st.integers(min_value=0, max_value=3)) for head in heads]  # ties on size too
    floor = data.draw(st.integers(min_value=0, max_value=8))
    unions = [_Union.of(head) for head in heads]
    assert all(u.ceiling(report) >= max(map(report.shared, head)) for u, head in zip(unions, heads, strict=True))
    assert _best(report, heads, sizes, floor, unions) == every_part(report, heads, sizes, floor)
