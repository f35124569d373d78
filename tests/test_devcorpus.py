"""The development corpus: three stories the code was not written for, each told by six outlets. The full
scores are in bench/devcorpus.py; these tests hold what must not regress."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml

from generator.build.pipeline import build_site_data
from generator.core.model import Site, TimelineEntry

CORPUS = Path(__file__).parent / "fixtures" / "devcorpus"
HOLDOUT = Path(__file__).parent / "fixtures" / "holdout"  # written after the tuning, by a writer who saw no code
STORIES = (CORPUS / "crime", CORPUS / "disaster", CORPUS / "negotiation", HOLDOUT / "strike")
ACTOR_STORIES = (*STORIES, HOLDOUT / "museum")  # the museum story's gold lists every name (issue 27)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


def _cites(entry: TimelineEntry, source: str, quote: str) -> bool:
    wanted = _norm(quote)  # a gold quote may run over two sentences as the splitter reads them ('Sto. Niño')
    return any(
        c.source == source and (wanted in _norm(c.text) or (len(c.text) > 20 and _norm(c.text) in wanted))
        for c in entry.citations
    )


@functools.cache
def _built(folder: Path) -> tuple[Site, dict]:
    return build_site_data(folder, None), yaml.safe_load((folder / "gold.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=STORIES, ids=lambda folder: folder.name)
def story(request: pytest.FixtureRequest) -> tuple[Site, dict]:
    return _built(request.param)


@pytest.fixture(scope="module", params=ACTOR_STORIES, ids=lambda folder: folder.name)
def actors_story(request: pytest.FixtureRequest) -> tuple[Site, dict]:
    return _built(request.param)


def _owners(gold: dict) -> dict[str, str]:
    owners: dict[str, str] = {}
    for actor in gold["actors"]:
        for spelling in (actor["name"], *(actor.get("aliases") or [])):
            owners.setdefault(spelling.casefold().replace("’", "'").removeprefix("the "), actor["name"])
    return owners


def test_every_actor_shown_is_a_name_and_no_one_is_shown_twice(actors_story: tuple[Site, dict]) -> None:
    site, gold = actors_story
    owners, clutter = _owners(gold), {n.casefold() for n in gold.get("not_actors", [])}
    shown: dict[str, list[str]] = {}
    for actor in site.actors:
        key = actor.name.casefold().replace("’", "'").removeprefix("the ")
        assert key not in clutter, actor.name
        if key in owners:
            shown.setdefault(owners[key], []).append(actor.name)
    assert {owner: names for owner, names in shown.items() if len(names) > 1} == {}
    known = sum(len(names) for names in shown.values())
    assert known >= 0.9 * len(site.actors), sorted(a.name for a in site.actors)


def test_actor_kinds_agree_with_the_gold(actors_story: tuple[Site, dict]) -> None:
    site, gold = actors_story
    owners, kinds = _owners(gold), {a["name"]: a["kind"] for a in gold["actors"]}
    pairs = [(a, kinds[owners[k]]) for a in site.actors if (k := a.name.casefold().replace("’", "'")) in owners]
    right = [a for a, kind in pairs if a.kind == kind or (a.kind, kind) == ("media", "organisation")]
    assert len(right) >= 0.8 * len(pairs), [(a.name, a.kind, kind) for a, kind in pairs if a not in right]
    people = [a for a, kind in pairs if kind == "person"]
    assert sum(a.kind == "person" for a in people) >= 0.9 * len(people)


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
