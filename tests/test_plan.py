"""Plan provisions: phrases, paraphrase, stances with negation, history, and the review queue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build.pipeline import build_site_data, generate
from generator.config import parse_story
from generator.core.model import Article, Block, PlanMention, Site, SourceMeta
from generator.nlp.pipeline import parse_article
from tests.conftest import ROOT, StoryReader, seed_folder

STORY_FILE = """
actors:
  - {name: Northland, kind: country}
  - {name: Southland, kind: country}
plan:
  title: The Lakeside peace plan
  provisions:
    - id: troop-cap
      number: 1
      title: "Northland's army capped at 50,000 troops"
      phrases: ["cap* .. army", "troop limit"]
    - {id: buffer-zone, number: 2, title: "A demilitarised buffer zone along the river", phrases: ["buffer zone"]}
    - {id: port-access, number: 3, title: "Southland keeps access to the northern port", phrases: ["port access"]}
"""
STORY = parse_story(STORY_FILE)
READER = StoryReader(STORY)  # the model loads when a test first reads it


def extract(*paragraphs: str):  # type: ignore[no-untyped-def]
    blocks = tuple(Block("paragraph", p, i + 2) for i, p in enumerate(paragraphs))
    article = Article("t", "t.txt", "Title", None, blocks, (), (), SourceMeta(), "\n".join(paragraphs))
    return READER.extractor.extract(parse_article(READER.pipeline, article))


def stances(text: str) -> list[tuple[str, str | None, str]]:
    mentions: tuple[PlanMention, ...] = extract(text).facts.plan_mentions
    return [(m.provision, m.actor, m.stance) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Northland agreed to the troop limit.", [("troop-cap", "Northland", "accepts")]),
        ("Northland could not agree to the buffer zone.", [("buffer-zone", "Northland", "could not agree")]),
        ("Northland did not accept the buffer zone.", [("buffer-zone", "Northland", "rejects")]),
        ("Southland rejects the buffer zone outright.", [("buffer-zone", "Southland", "rejects")]),
        (
            "Neither Northland nor Southland is willing to accept the buffer zone.",
            [("buffer-zone", "Northland", "rejects"), ("buffer-zone", "Southland", "rejects")],
        ),
        ("The buffer zone was removed from the draft.", [("buffer-zone", None, "removed")]),
        ("Southland insisted on port access.", [("port-access", "Southland", "demands")]),
        ("The draft proposes a buffer zone.", [("buffer-zone", None, "proposes")]),
        ("Northland is not ready to accept port access.", [("port-access", "Northland", "rejects")]),
        ("The buffer zone is on the table.", [("buffer-zone", None, "mentioned")]),
        (
            "Northland agreed to cap its army but could not agree to the buffer zone.",
            [("troop-cap", "Northland", "accepts"), ("buffer-zone", "Northland", "could not agree")],
        ),
    ],
)
def test_stances_with_negation(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert stances(text) == expected


def test_figure_stated_with_the_stance_is_kept() -> None:
    mention = extract("Northland agreed to cap its army at 60,000 troops, officials said.").facts.plan_mentions[0]
    assert mention.detail == "60,000 troops"


def test_paraphrase_without_an_editors_phrase() -> None:
    facts = extract("Under the plan, Northland's army would shrink to 50,000 soldiers.").facts
    assert [(m.provision, m.paraphrase) for m in facts.plan_mentions] == [("troop-cap", True)]


def test_unrelated_sentence_is_not_a_paraphrase() -> None:
    assert extract("The army held a parade in the capital on Monday.").facts.plan_mentions == ()


def test_plan_like_sentence_matching_nothing_goes_to_review() -> None:
    extraction = extract("The draft plan would also require both sides to hold a referendum.")
    assert extraction.facts.plan_mentions == () and len(extraction.review) == 1


def test_seed_army_cap_reported_with_its_figure(site: Site) -> None:
    army = next(p for p in site.provisions if p.id == "army-cap")
    reported = [m for m in army.mentions if m.actor == "Ukraine"]  # 'media would report that Ukraine had agreed'
    assert [(m.stance, m.detail) for m in reported] == [("mentioned", "600,000–800,000 troops")]


def test_seed_status_history_and_coverage(site: Site) -> None:
    army = next(p for p in site.provisions if p.id == "army-cap")
    assert [step.status for step in army.history] == ["discussed"]  # a media report and a range: no acceptance
    territory = next(p for p in site.provisions if p.id == "cede-unoccupied-territory")
    assert "contested" in [step.status for step in territory.history]
    assert set(army.coverage) == {"000_a5c0679ffe64ab60", "004_3dea35721438ec08"}
    deadline = next(p for p in site.provisions if p.id == "signing-deadline")
    assert "open to change" in [step.status for step in deadline.history]
    assert next(p for p in site.provisions if p.id == "amnesty").status == "not mentioned"


def test_a_history_is_dated_by_each_reports_publication_else_by_the_event_it_tells(tmp_path: Path) -> None:
    seeds = seed_folder(tmp_path / "seeds", {
        "a.md": "---\npublished: 2026-03-02\n---\n# Troop talks\n\nNorthland agreed to the troop limit on Sunday.\n",
        "b.txt": "Buffer talks\n\nOn March 5, 2026, Southland rejected the buffer zone outright.\n",
    })  # fmt: skip
    (tmp_path / "story.yml").write_text(STORY_FILE, encoding="utf-8")
    site = build_site_data(seeds, tmp_path / "story.yml")
    history = {p.id: [(s.date.date if s.date else None, s.status) for s in p.history] for p in site.provisions}
    assert history == {
        "troop-cap": [("2026-03-02", "accepted")], "buffer-zone": [("2026-03-05", "contested")], "port-access": [],
    }  # fmt: skip


def test_without_a_plan_there_is_no_tracker_and_the_review_queue_is_data() -> None:
    files = generate(ROOT / "seeds", None, ROOT / "templates")
    assert "plan.md" not in files  # a reader is not shown an empty page type, nor an editor's hint
    assert "plan.html" not in files["index.md"] and "story file" not in files["index.md"]
    queue = json.loads(files["data/plan.json"])["review_queue"]
    assert any("downsizing the armed forces" in item["sentence"] for item in queue)


def test_tracker_page_has_matrix_and_filter(built_site) -> None:  # type: ignore[no-untyped-def]
    page = (built_site / "plan.html").read_text(encoding="utf-8")
    assert "Who covers what" in page and page.count(">covered</a>") >= 11
    assert 'data-filter-select="tracker"' in page
    assert 'data-status="not mentioned"' in page


@pytest.mark.parametrize(
    ("phrase", "text", "matches"),
    [
        ("disarm*", "the plan says ukraine would disarm", True),  # a final wildcard word matches the stem itself
        ("disarm*", "disarmament talks", True),
        ("annex*", "russia wants to annex the region", True),
        ("compensat*", "the us would be compensated", True),
        ("cap* .. army", "a cap on the size of the army", True),
        ("cap* .. army", "a cap on one two three four five six army", False),  # more than five words between
        ("troop limit", "the troop limits", False),  # a plain word is a whole word
    ],
)
def test_phrase_patterns(phrase: str, text: str, matches: bool) -> None:
    from generator.extract.plan import phrase_pattern

    assert bool(phrase_pattern(phrase).search(text)) is matches


def test_a_phrase_with_the_most_gaps_allowed_matches_in_linear_steps() -> None:
    from generator.extract.plan import phrase_pattern

    pattern = phrase_pattern("a .. a .. a .. b")  # the schema allows 3 gaps; possessive words cap retries
    assert pattern.search("a " * 20 + "b") and not pattern.search("a " * 2_000)
