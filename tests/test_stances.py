"""Stances with polarity, from the parse: who holds a position on a provision, and which way."""

from __future__ import annotations

import itertools

import pytest

from generator.config import parse_story
from generator.core.model import Article, Block, SourceMeta
from generator.nlp.pipeline import parse_article
from tests.conftest import StoryReader

STORY = parse_story(
    """
actors:
  - {name: Kenya, kind: country}
  - {name: Uganda, kind: country}
  - {name: Ana Ortega, kind: person, aliases: [Ortega]}
plan:
  title: River accord
  provisions:
    - {id: min-flow, title: Minimum dry-season flow, phrases: [minimum flow]}
    - {id: no-troops, title: No foreign troops at the dam, phrases: [foreign troops]}
    - {id: fund, title: Compensation fund, phrases: [compensation fund]}
    - {id: land, title: Transfer of the northern land, phrases: [gives up .. land, northern land]}
"""
)
READER = StoryReader(STORY)  # the model loads when a test first reads it


def stances(text: str) -> set[tuple[str, str | None, str]]:
    article = Article("t", "t.txt", "Title", None, (Block("paragraph", text, 2),), (), (), SourceMeta(), text)
    found = READER.extractor.extract(parse_article(READER.pipeline, article)).facts.plan_mentions
    return {(m.provision, m.actor, m.stance) for m in found}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya accepted the minimum flow on Monday.", ("min-flow", "Kenya", "accepts")),
        ("Kenya did not accept the minimum flow.", ("min-flow", "Kenya", "rejects")),
        ("Kenya refused to accept the minimum flow.", ("min-flow", "Kenya", "rejects")),
        ("Uganda rejects any deployment of foreign troops.", ("no-troops", "Uganda", "accepts")),  # supports the ban
        ("Uganda demanded the compensation fund.", ("fund", "Uganda", "demands")),
        # others' wish, not the subject's stance
        ("Kenya was expected to accept the minimum flow.", ("min-flow", None, "mentioned")),
        # a critic's sentence: the provision sits in a 'while' clause, governed by no stance verb
        (
            "Kenya was expected to accept a scenario against its interests, while the compensation fund would be cut.",
            ("fund", None, "mentioned"),
        ),
        # wanting something the treaty lacks is not rejecting it
        (
            "They warn that a treaty negotiated without a minimum flow for Kenya will not hold.",
            ("min-flow", None, "mentioned"),
        ),
        ("Accepting the minimum flow would mean surrender, critics say.", ("min-flow", None, "mentioned")),
    ],
)
def test_stance(text: str, expected: tuple[str, str | None, str]) -> None:
    assert expected in stances(text), stances(text)


def test_neither_nor_with_this_explained_after_a_colon() -> None:
    found = stances("Neither Kenya nor Uganda is willing to accept this: no country gives up its northern land.")
    assert {("land", "Kenya", "rejects"), ("land", "Uganda", "rejects")} <= found


def test_a_pronoun_holds_no_stance() -> None:
    assert stances("It accepted the minimum flow.") == {("min-flow", None, "mentioned")}


def test_seed_tracker_has_no_inverted_stance(site) -> None:  # type: ignore[no-untyped-def]
    provisions = {p.id: p for p in site.provisions}
    assert provisions["sanctions-relief"].status != "accepted"  # from a sentence that criticises it
    assert "rejects" not in provisions["security-guarantees"].stances.values()  # the speakers want them
    assert "Ukraine" not in provisions["army-cap"].stances  # 'media would report that Ukraine had agreed': hearsay
    assert provisions["cede-unoccupied-territory"].stances == {"Europe": "rejects", "Ukraine": "rejects"}


def test_seed_histories_are_dated_by_report_and_show_no_false_reversal(site) -> None:  # type: ignore[no-untyped-def]
    provisions = {p.id: p for p in site.provisions}
    deadline = provisions["signing-deadline"]
    assert all(step.date is None or step.date.date != "2025-11-27" for step in deadline.history)  # not the deadline
    for provision in site.provisions:
        statuses = [step.status for step in provision.history]
        assert all(b != "discussed" for b in statuses[1:]), (provision.id, statuses)
        assert all(a != b for a, b in itertools.pairwise(statuses)), (provision.id, statuses)
