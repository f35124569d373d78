"""Reports of one event from several sources become one timeline entry; different events stay apart."""

from __future__ import annotations

from pathlib import Path

from generator.build.pipeline import build_site_data

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
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in (("a", A), ("b", B), ("c", C)):
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
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


def test_other_dates_are_not_merged(tmp_path: Path) -> None:
    site = _site(tmp_path)
    flood = [e for e in site.timeline if any("flood" in c.text for c in e.citations)]
    assert len(flood) == 1 and [c.source for c in flood[0].citations] == ["c"]
