"""The shared word lists and the lemmas reports of one event are matched on (`core.words`, `events.keywords`)."""

from __future__ import annotations

import pytest

from generator.config import parse_story
from generator.core.model import Article, Block, SourceMeta
from generator.core.words import REPORTING_VERBS, SPEECH_VERBS, event_word
from generator.nlp.pipeline import parse_article
from tests.conftest import StoryReader

STORY = parse_story("actors: []")
READER = StoryReader(STORY)  # the model loads when a test first reads it


def keywords(text: str) -> tuple[str, ...]:
    """The keywords of the one event a paragraph of an article published on 19 March 2026 reports."""
    article = Article("t", "t.txt", "Title", None, (Block("paragraph", text, 2),), (), (),
                      SourceMeta(published="2026-03-19"), "")  # fmt: skip
    (event,) = READER.extractor.extract(parse_article(READER.pipeline, article)).facts.events
    return event.keywords


@pytest.mark.parametrize(
    ("one", "other", "shared"),
    [
        ("Police arrested two men on Monday.", "Two arrests were made on Monday.", "arrest"),
        ("The gunman killed four people on Monday.", "The killing of four people on Monday shocked the town.", "kill"),
        ("Both delegations agreed the text on Monday.", "The agreement was reached on Monday.", "agree"),
        ("Two men were detained on Monday.", "Police arrested two men on Monday.", "arrest"),  # one class
        ("The ferry sank on Monday.", "A second ferry had sunk on Monday.", "sink"),  # irregular forms
    ],
)
def test_reports_of_one_event_share_a_lemma(one: str, other: str, shared: str) -> None:
    assert shared in set(keywords(one)) & set(keywords(other))


def test_reporting_verbs_and_days_are_no_keywords() -> None:
    found = keywords("Officials said on Monday that the bridge had collapsed.")
    assert "collapse" in found and not {"say", "said", "official", "monday"} & set(found)


def test_a_stem_no_longer_joins_unrelated_words() -> None:
    """'suspects' and 'suspended' shared the five-letter stem 'suspe'."""
    assert event_word("suspects", "suspect") != event_word("suspended", "suspend")


def test_reporting_verbs_are_speech_verbs_but_two() -> None:
    assert {"reveal", "disclose"} == REPORTING_VERBS - SPEECH_VERBS
