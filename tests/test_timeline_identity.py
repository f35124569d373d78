"""The timeline's event identity: one real event reported by several outlets is one entry citing every report,
and an entry never holds two events (assemble.merge with assemble.identity's frames)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.build.pipeline import build_site_data
from generator.core.model import Site, TimelineEntry

CORPUS = Path(__file__).parent / "fixtures" / "devcorpus"
STORIES = sorted(p for p in CORPUS.iterdir() if (p / "gold.yml").exists())


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


def _events_cited(entry: TimelineEntry, reports: list[tuple[str, str, str]]) -> set[str]:
    """The gold events an entry's citations report. A sentence that itself reports two events ('was arrested at
    his home and suspended the same day') belongs to both and is left out: the timeline cites whole sentences."""
    events: set[str] = set()
    for citation in entry.citations:
        text = _norm(citation.text)
        told = {event for event, source, quote in reports if source == citation.source and quote in text}
        if len(told) == 1:
            events |= told
    return events


def _largest(site: Site) -> list[TimelineEntry]:
    most = max(len(e.citations) for e in site.timeline)
    return [e for e in site.timeline if len(e.citations) == most]


@pytest.mark.parametrize("folder", STORIES, ids=lambda folder: folder.name)
def test_the_largest_entry_of_each_dev_story_is_one_event(folder: Path) -> None:
    gold = yaml.safe_load((folder / "gold.yml").read_text(encoding="utf-8"))
    reports = [
        (event["id"], r["source"], _norm(r["quote"]))
        for event in gold["events"]
        for r in event["reports"] + event.get("later_references", [])
    ]
    site = build_site_data(folder, None)
    for entry in _largest(site):
        assert len(_events_cited(entry, reports)) <= 1, entry.summary


def test_the_largest_entry_of_the_seeds_site_is_one_event(site: Site, gold: dict) -> None:
    reports = [(event["id"], event["source"], _norm(event["quote"])) for event in gold["events"]]
    for entry in _largest(site):
        assert len(_events_cited(entry, reports)) == 1, entry.summary


def _build(tmp_path: Path, articles: dict[str, tuple[str, str]]) -> Site:
    """A site from made-up articles (name -> (outlet, text)), published on 4 March 2026, with no story file."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, (outlet, text) in articles.items():
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
        (seeds / f"{name}.yml").write_text(f"outlet: {outlet}\npublished: 2026-03-04\n", encoding="utf-8")
    return build_site_data(seeds, None)


def _entries_citing(site: Site, words: str) -> list[TimelineEntry]:
    return [e for e in site.timeline if any(words in c.text for c in e.citations)]


def test_one_arrest_told_in_other_words_by_two_outlets_is_one_entry(tmp_path: Path) -> None:
    site = _build(tmp_path, {
        "wire": ("Wire", "Riverton man held\nPolice arrested Tom Baker, 42, at his home in Riverton on "
                         "Tuesday, March 3, 2026.\nHe is accused of fraud.\n"),
        "local": ("Local", "Fraud suspect in custody\nOn March 3, 2026, officers detained Tom Baker in Riverton, "
                           "a police spokesman said.\nThe case goes to court next month.\n"),
    })  # fmt: skip
    arrest = _entries_citing(site, "arrested Tom Baker")
    assert len(arrest) == 1
    assert {c.source for c in arrest[0].citations} == {"wire", "local"}
    assert arrest[0].date.date == "2026-03-03"


def test_a_strike_and_talks_on_one_day_sharing_actors_are_two_entries(tmp_path: Path) -> None:
    site = _build(tmp_path, {
        "wire": ("Wire", "Port strike\nOn March 2, 2026, Harbour Union dock workers went on strike at the port "
                         "of Easton.\nOn March 2, 2026, Harbour Union leaders negotiated with the Easton port "
                         "authority in the city hall.\n"),
        "local": ("Local", "Easton port at a standstill\nHarbour Union members at the port of Easton struck on "
                           "March 2, 2026.\nHarbour Union negotiators held talks with the Easton port authority "
                           "at the city hall on March 2, 2026.\n"),
    })  # fmt: skip
    strike = _entries_citing(site, "went on strike")
    talks = _entries_citing(site, "negotiated with")
    assert len(strike) == 1 and len(talks) == 1
    assert strike[0] is not talks[0]
    assert {c.source for c in strike[0].citations} == {"wire", "local"}
    assert {c.source for c in talks[0].citations} == {"wire", "local"}


def test_each_report_carries_its_frame_through_the_extraction_cache(tmp_path: Path) -> None:
    from pydantic import TypeAdapter

    from generator.build.pipeline import extract_corpus, read_corpus
    from generator.extract import Extraction

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "wire.txt").write_text("Riverton man held\nPolice arrested Tom Baker in Riverton on March 3, 2026.\n")
    story, articles, _warnings = read_corpus(seeds, None)
    extraction = extract_corpus(story, articles, None, 1)[0]
    frame = extraction.facts.events[0].frame
    assert frame is not None and (frame.lemma, frame.date) == ("arrest", "2026-03-03") and "baker" in frame.what
    adapter = TypeAdapter(Extraction)
    again = adapter.validate_json(adapter.dump_json(extraction))
    assert again == extraction and again.facts.events[0].frame == frame
    assert isinstance(again.facts.events[0].frame.what, frozenset)  # type: ignore[union-attr]
