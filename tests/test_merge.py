"""Reports of one event from several sources become one timeline entry; different events stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.assemble.merge import group_reports
from generator.build.pipeline import build_site_data
from generator.core import kept
from generator.core.model import DateValue, EventMention
from generator.core.types import EventKind, Precision
from tests.conftest import seed_folder

STORY = """title: Talks
actors:
  - {name: Ann Envoy, kind: person, aliases: [Envoy]}
  - {name: Northland, kind: country}
"""
A = """Talks in Lakeside
On March 3, 2026, Ann Envoy met Northland's delegation in Lakeside for talks on the truce.
On March 3, 2026, a strike killed seven people in the capital, officials said.
"""
B = """Envoy meets Northland
Ann Envoy held talks with Northland in Lakeside on March 3, 2026, about the truce.
On March 3, 2026, a strike killed six people in the capital.
"""
C = """Something else
On March 5, 2026, a flood hit the coast of Southland.
"""


def _site(tmp_path: Path):  # type: ignore[no-untyped-def]
    seeds = seed_folder(tmp_path / "seeds", {"a.txt": A, "b.txt": B, "c.txt": C})
    story = tmp_path / "story.yml"
    story.write_text(STORY, encoding="utf-8")
    return build_site_data(seeds, story)


def test_same_event_from_two_sources_is_one_entry_with_both_citations(tmp_path: Path) -> None:
    site = _site(tmp_path)
    talks = [e for e in site.timeline if any("Lakeside" in c.text for c in e.citations)]
    assert len(talks) == 1
    assert {c.source for c in talks[0].citations} == {"a", "b"}
    assert talks[0].date.date == "2026-03-03"


def test_conflicting_figures_stay_visible(tmp_path: Path) -> None:
    site = _site(tmp_path)
    details = [d for e in site.timeline for d in e.details]
    assert any("killed" in d and "seven" in d and "six" in d for d in details), details


def test_figures_that_can_both_be_right_are_no_difference(tmp_path: Path) -> None:
    # '412 people' aboard against 'more than 400': compatible; 'dozens of people' missing: another measure
    seeds = seed_folder(tmp_path / "seeds", {
        "a.txt": "Ferry capsizes\nOn July 5, 2026, a ferry carrying 412 people capsized off Ormoc, killing seven, as"
        " boats searched for dozens of people still missing.\n",
        "b.txt": "Ferry sinks\nOn July 5, 2026, a ferry with more than 400 people on board capsized off Ormoc, killing"
        " six.\n",
    })  # fmt: skip
    (entry,) = [e for e in build_site_data(seeds, None).timeline if "capsized" in e.citations[0].text]
    assert {c.source for c in entry.citations} == {"a", "b"}
    assert entry.details == ["killed: seven (a) vs six (b)"]


def test_other_dates_are_not_merged(tmp_path: Path) -> None:
    site = _site(tmp_path)
    flood = [e for e in site.timeline if any("flood" in c.text for c in e.citations)]
    assert len(flood) == 1 and [c.source for c in flood[0].citations] == ["c"]


TWO_CLAUSES = """Arrests in the fraud case
The fund's treasurer Eva Stern was arrested on March 12, 2026; her husband, Paul Stern, followed on March 14.
"""
OTHER_WORDS = """Talks open
The negotiations between Westmark and Eastmark began in Porto on March 2, 2026, the mediator said.
"""
SAME_WORDS = """Round one
The talks between Westmark and Eastmark opened in Porto on March 2, 2026.
"""


def test_each_dated_clause_of_one_sentence_is_an_event_of_its_own(tmp_path: Path) -> None:
    seeds = seed_folder(tmp_path / "seeds", {"a.txt": TWO_CLAUSES})
    site = build_site_data(seeds, None)
    by_date = {e.date.date: e for e in site.timeline}
    assert {"2026-03-12", "2026-03-14"} <= set(by_date), [(e.date.date, e.summary) for e in site.timeline]
    assert "followed" in by_date["2026-03-14"].summary and "arrested" in by_date["2026-03-12"].summary
    # both cite the one sentence that reports them
    assert by_date["2026-03-12"].citations[0].sentence == by_date["2026-03-14"].citations[0].sentence


def test_one_happening_in_other_words_is_one_entry(tmp_path: Path) -> None:
    seeds = seed_folder(tmp_path / "seeds", {"a.txt": OTHER_WORDS, "b.txt": SAME_WORDS})
    site = build_site_data(seeds, None)
    opening = [e for e in site.timeline if e.date.date == "2026-03-02"]
    assert len(opening) == 1 and {c.source for c in opening[0].citations} == {"a", "b"}


def test_an_event_given_by_its_year_joins_the_one_given_by_its_month(tmp_path: Path) -> None:
    seeds = seed_folder(tmp_path / "seeds", {
        "a.txt": "Old treaty\nThe two countries signed their first water accord on the Lune in May 1987.\n",
        "b.txt": "Farmers\nFarmers still quote the 1987 Lune water accord, signed in another era, on March 3, 2026.\n",
    })  # fmt: skip
    site = build_site_data(seeds, None)
    accord = [e for e in site.timeline if (e.date.date or "").startswith("1987")]
    assert len(accord) == 1 and {c.source for c in accord[0].citations} == {"a", "b"}, [
        (e.date.date, e.summary, [c.source for c in e.citations]) for e in site.timeline
    ]
    assert accord[0].date.date == "1987-05"


def test_a_source_giving_several_amounts_is_no_disagreement(tmp_path: Path) -> None:
    seeds = seed_folder(tmp_path / "seeds", {
        "a.txt": "Aid pledged\nOn January 14, 2010, donors pledged aid after the quake: Britain $100m, the EU $200m.\n",
        "b.txt": "Aid\nOn January 14, 2010, donors pledged aid after the quake: $550m in all.\n",
    })  # fmt: skip
    entries = [e for e in build_site_data(seeds, None).timeline if len({c.source for c in e.citations}) == 2]
    assert entries and all(not e.details for e in entries)


DATES = st.sampled_from(
    [DateValue("2026-03-03", Precision.DAY), DateValue("2026-03-04", Precision.DAY),
     DateValue("2026-03", Precision.MONTH), DateValue("2026", Precision.YEAR), DateValue("2026-04-01", Precision.DAY)]
)  # fmt: skip
WORDS = st.lists(st.sampled_from(["talks", "truce", "strike", "killed", "met", "signed", "flood"]), max_size=4)
REPORTS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d"]), DATES, st.sampled_from(list(EventKind)), WORDS,
        st.lists(st.sampled_from(["Ann Envoy", "Northland", "Bo Lund"]), max_size=2), st.booleans(),
    ),
    min_size=2, max_size=24,
)  # fmt: skip


def _reports(drawn: list[tuple[str, DateValue, EventKind, list[str], list[str], bool]]) -> list[EventMention]:
    return [
        EventMention(f"{source}-e{n:02d}", source, (f"s{n}",), date, kind, "", tuple(actors), tuple(words), reference)
        for n, (source, date, kind, words, actors, reference) in enumerate(drawn)
    ]


@settings(max_examples=150, deadline=None)
@given(first=REPORTS, edits=st.lists(st.tuples(st.integers(0, 23), REPORTS.map(lambda r: r[0])), max_size=3),
       documents=st.booleans())  # fmt: skip
def test_a_rebuild_groups_reports_as_a_fresh_grouping_does(
    first: list[tuple[str, DateValue, EventKind, list[str], list[str], bool]],
    edits: list[tuple[int, tuple[str, DateValue, EventKind, list[str], list[str], bool]]],
    documents: bool,
) -> None:
    # a server's rebuild gives back each date window's comparisons when its reports and their groups are as they
    # were; after any edit (one report replaced), its groups are those of a grouping that keeps nothing
    articles = {"a": 0, "b": 0, "c": 1, "d": 1} if documents else {}
    people = {"Ann Envoy"}
    builds = [first]
    for position, report in edits:
        changed = list(builds[-1])
        changed[position % len(changed)] = report
        builds.append(changed)
    builds.append(first)
    kept.start(False)
    fresh = [[[e.id for e in group] for group in group_reports(_reports(drawn), people, articles)] for drawn in builds]
    try:
        for drawn, expected in zip(builds, fresh, strict=True):
            kept.start(True)
            again = group_reports(_reports(drawn), people, articles)
            assert [[e.id for e in group] for group in again] == expected
    finally:
        kept.start(False)


def test_a_rebuild_splits_a_group_again_only_when_its_reports_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forget_rebuilds: None
) -> None:
    """An edit that moves an article's sentences (a paragraph added above) changes the entries' sentences, not the
    groups' reports: their split into events is given back, and the entries are those of a merge from nothing."""
    import dataclasses

    from generator.assemble import merge
    from generator.build.pipeline import extract_corpus, read_corpus
    from generator.core.refs import sentence_key

    _site(tmp_path)
    story, articles, _ = read_corpus(tmp_path / "seeds", tmp_path / "story.yml")
    extractions = extract_corpus(story, articles)
    events = [e for x in extractions for e in x.facts.events]
    figures = [f for x in extractions for f in x.facts.figures]
    sentences = {sentence_key(s.source, s.id): s for x in extractions for s in x.facts.parsed.sentences}
    moved = {key: dataclasses.replace(s, index=s.index + 1) for key, s in sentences.items()}
    splits: list[int] = []
    split = merge.split_positions
    monkeypatch.setattr(merge, "split_positions", lambda group, hours: splits.append(len(group)) or split(group, hours))
    people = {"Ann Envoy"}
    kept.start(True)
    before = {e.id: e for e in merge.merge_events(events, sentences, figures, people)}
    first = len(splits)
    kept.start(True)
    again = merge.merge_events(events, moved, figures, people)
    assert first and len(splits) == first  # every group's entries made again, none split again
    equal = [e for e in again if before.get(e.id) == e]
    assert equal and all(before[e.id] is e for e in equal)  # an entry made again as it was is last build's object
    kept.start(False)
    assert again == merge.merge_events(events, moved, figures, people)
