"""What is not an event: each kind of date-looking phrase that must not become a timeline entry."""

from __future__ import annotations

import pytest

from generator.config import parse_story
from generator.core.model import Article, Block, EventMention, SourceMeta
from generator.ingest.clean import clean
from generator.ingest.readers import RawLine
from generator.nlp.pipeline import parse_article
from tests.conftest import StoryReader

STORY = parse_story("actors: []")
READER = StoryReader(STORY)  # the model loads when a test first reads it


def events_of(*paragraphs: str) -> tuple[EventMention, ...]:
    """The dated events of an article published on Thursday 19 March 2026."""
    blocks = tuple(Block("paragraph", p, i + 2) for i, p in enumerate(paragraphs))
    article = Article("t", "t.txt", "Title", None, blocks, (), (), SourceMeta(published="2026-03-19"), "")
    return READER.extractor.extract(parse_article(READER.pipeline, article)).facts.events


def entries(*paragraphs: str) -> list[str]:
    """The dated events of the article, as 'date: summary'."""
    return [f"{e.date.date or e.date.after}: {e.summary}" for e in events_of(*paragraphs)]


def only_event(text: str) -> EventMention:
    (event,) = events_of(text)
    return event


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("statistic year", "The fund paid 2.1 million pensions in 2025 without a single late payment."),
        ("range of years", "Annual reports show losses of €41 million between 2019 and 2023."),
        ("range of years", "Cotton yields fell by a third over the 2024–2026 seasons."),
        ("number with a slash", "Ministry of Foreign Affairs, press release 214/2026"),
        ("opening days", "The office is open 8 a.m. to 4 p.m., Sunday through Thursday."),
        ("indefinite day", "She sent her findings to the compliance office on a Wednesday."),
        ("today inside a quote", "“We owe the pensioners answers today, not excuses,” the governor said."),
        ("today, present tense", "The governor is not at his office today."),
        ("hope inside a quote", "“Our farmers will judge us in August, not tonight,” she said."),
        ("order word in a quote", "“The boat tilted. Then I found the second one,” the diver said."),
        ("order word, pronoun", "Then it went back."),
        ("a described season", "That is what we had in the worst summer of my life."),
        ("a bound, not a date", "They deserved a chief executive who focused on them before March 5, not after."),
        ("statistic year, figure after", "According to its report, in 2025 the port handled 3.4 million containers."),
        ("a season that starts a span", "Pay talks had been going nowhere since the spring."),
    ],
)
def test_not_an_event(kind: str, text: str) -> None:
    assert entries(text) == [], kind


def test_a_real_event_beside_them_still_is_one() -> None:
    found = entries("Police arrested two men on Tuesday.", "The fund paid 2.1 million pensions in 2025.")
    assert found == ["2026-03-17: Police arrested two men"]


def test_later_is_counted_from_the_narrative_not_the_publication() -> None:
    found = entries("The break-in happened on March 4.", "Five days later, police arrested a suspect.")
    assert "2026-03-09: Police arrested a suspect" in found


def test_an_event_named_in_passing_is_a_reference_not_a_new_event() -> None:
    text = "A month after the March 9 break-in, questions remain."
    article = Article(
        "t", "t.txt", "T", None, (Block("paragraph", text, 2),), (), (), SourceMeta(published="2026-04-09"), ""
    )
    events = READER.extractor.extract(parse_article(READER.pipeline, article)).facts.events
    assert [(e.date.date, e.summary, e.reference) for e in events] == [("2026-03-09", "The March 9 break-in", True)]


def test_captions_and_bylines_are_set_aside_at_ingest() -> None:
    lines = [
        RawLine("Fund boss arrested", 1),
        RawLine("By Jana Novak, Staff Writer", 2),
        RawLine("FILE PHOTO: The fund's headquarters, June 3, 2024. (Photo: Archive/Tagespost)", 3),
        RawLine("Police officers carry boxes out of the offices. (Photo: Nina Pölzl/Tagespost)", 4),
        RawLine("Police arrested the fund's investment chief on Thursday, prosecutors said.", 5),
    ]
    body = clean(lines, "fallback")
    assert [b.text for b in body.blocks] == [
        "Police arrested the fund's investment chief on Thursday, prosecutors said."
    ]
    assert {d.reason for d in body.dropped} == {"byline", "photo caption"}


def test_a_narrative_goes_on_through_its_day() -> None:
    """The day a text named an event by ('the March 9 break-in') dates 'the morning after the break-in'; a time of
    day that opens a sentence stays on the narrative's day; 'after a short recess' too."""
    found = entries(
        "A month after the March 9 break-in, questions remain.",
        "On the morning after the break-in, the fund called the police.",
        "At 8:40 p.m. the fund's director left the building.",
    )
    assert "2026-03-10: The fund called the police" in found
    assert "2026-03-10: The fund's director left the building" in found
    court = entries(
        "The three men were charged on Tuesday.",
        "She said the break-in of March 9 had been staged.",  # a flashback does not move the story's present
        "After a short recess, the judge granted one of them bail.",
        "His detention will be reviewed on March 27.",  # a hearing ahead bounds nothing
    )
    assert "2026-03-17: The judge granted one of them bail" in court


def test_last_night_is_the_day_before_publication() -> None:
    assert entries("A ferry capsized in the strait last night.") == ["2026-03-18: A ferry capsized in the strait"]


@pytest.mark.parametrize(
    "text",
    [
        "Our correspondent Tom Ashby will have full analysis on the site tomorrow.",
        "We will bring you updates from the summit on Monday.",
        "Our live blog continues on Tuesday with reaction from the region.",
    ],
)
def test_an_outlet_speaking_of_its_own_coverage_is_no_event(text: str) -> None:
    assert entries(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("In March 2019, the company paid a fine and had the route back within weeks.", "background"),
        ("In 2023, the company paid a fine and had the route back within weeks.", "background"),
        ("In April 2025, the company paid a fine and had the route back within weeks.", "event"),
        ("In July 2024, the company paid a fine and had the route back within weeks.", "background"),
        ("On December 30, 2025, the company paid a fine.", "event"),
    ],
)
def test_without_a_story_year_what_happened_years_before_the_article_is_background(text: str, kind: str) -> None:
    assert only_event(text).kind == kind


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The walkout began at 6 a.m. on Thursday, the union said.", "walkout"),
        ("Some 3,800 workers have been on strike since March 1.", "strike"),
        ("Rowena Tabada took it at 10:52 p.m. on March 5, at a cafeteria table on the upper deck.", "take"),
        ("The minister ordered the ships held in port on Monday.", "hold"),
        ("The case came to light after a break-in at the fund's headquarters on Monday.", "come"),
    ],
)
def test_a_light_verb_gives_way_only_to_a_noun_that_names_a_happening(text: str, trigger: str) -> None:
    frame = only_event(text).frame
    assert frame is not None and frame.lemma == trigger


def test_how_long_something_lasted_in_a_season_is_no_event() -> None:
    # 'this autumn' after 'for twenty days' says how long, not when; and 'did' alone says nothing
    assert entries("For twenty days this autumn, the whole country did.") == []
