"""The development corpus: three stories the code was not written for, each told by six outlets. The full
scores are in bench/devcorpus.py; these tests hold what must not regress."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.build.pipeline import build_site_data
from generator.core.model import Site, TimelineEntry

CORPUS = Path(__file__).parent / "fixtures" / "devcorpus"
HOLDOUT = Path(__file__).parent / "fixtures" / "holdout"  # written after the tuning, by a writer who saw no code
STORIES = (CORPUS / "crime", CORPUS / "disaster", CORPUS / "negotiation", HOLDOUT / "strike")


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


def _cites(entry: TimelineEntry, source: str, quote: str) -> bool:
    wanted = _norm(quote)  # a gold quote may run over two sentences as the splitter reads them ('Sto. Niño')
    return any(
        c.source == source and (wanted in _norm(c.text) or (len(c.text) > 20 and _norm(c.text) in wanted))
        for c in entry.citations
    )


@pytest.fixture(scope="module", params=STORIES, ids=lambda folder: folder.name)
def story(request: pytest.FixtureRequest) -> tuple[Site, dict]:
    folder = request.param
    return build_site_data(folder, None), yaml.safe_load((folder / "gold.yml").read_text(encoding="utf-8"))


def test_no_statistic_age_time_caption_or_link_becomes_an_entry(story: tuple[Site, dict]) -> None:
    site, gold = story
    real = {
        e.id
        for e in site.timeline
        for ev in gold["events"]
        for r in ev["reports"]
        if _cites(e, r["source"], r["quote"])
    }
    kinds = ("statistic-year", "year-range", "time-of-day", "opening-hours", "caption", "related-links", "quote-today")
    for entry in site.timeline:
        if entry.id in real:
            continue
        found = [  # the phrase dated the entry ('shortly after 10 a.m.' beside a clause dated 'Friday' did not)
            n["kind"] for n in gold["not_events"]
            if n["kind"] in kinds and _cites(entry, n["source"], n["text"]) and entry.date.expression in n["text"]
        ]  # fmt: skip
        assert found == [], entry.summary


def test_every_event_is_found_and_most_multi_outlet_ones_are_one_entry(story: tuple[Site, dict]) -> None:
    site, gold = story
    several = [ev for ev in gold["events"] if len({r["source"] for r in ev["reports"]}) > 1]
    single = 0
    for event in gold["events"]:
        holding = {e.id for e in site.timeline for r in event["reports"] if _cites(e, r["source"], r["quote"])}
        missed = ("pensioner-protest", "mourning-declared", "offer-improved")  # bench/devcorpus.py --notes says why
        assert holding or event["id"] in missed, event["id"]
        single += event in several and len(holding) == 1
    # By this strict count (an entry citing a sentence that reports two events counts for both) 26 of 40 across
    # the three tuned stories and 5 of 14 on the held-out one; bench/devcorpus.py, which credits such a sentence
    # to the event whose date the entry carries, has 32 of 38 and 8 of 13
    assert single >= len(several) * 0.35


def test_headlines_are_short_and_their_quotation_marks_pair_up(story: tuple[Site, dict]) -> None:
    site, _gold = story
    for entry in site.timeline:
        quoted = re.sub(r"“[^”]*”", "", entry.summary)  # a quotation is kept whole, so it may run long
        assert len([w for w in quoted.split() if re.search(r"\w", w)]) <= 20, entry.summary
        assert entry.summary.count("“") == entry.summary.count("”") and '"' not in entry.summary, entry.summary
        assert not entry.summary.endswith(("…", ",", " and", " but")), entry.summary


def test_no_figure_verdict_says_differ_where_the_gold_does_not(story: tuple[Site, dict]) -> None:
    site, gold = story
    for figure in gold.get("figures", []):
        if figure["verdict"] == "differ":
            continue
        texts = [(v["source"], _norm(v["text"])) for v in figure["values"]]
        for row in site.comparison.figure_rows:
            held = sum(any(_norm(f.text) in t for f in row.by_source.get(s, [])) for s, t in texts)
            assert not (row.verdict == "differ" and held >= 2), (figure["measure"], row.unit)
