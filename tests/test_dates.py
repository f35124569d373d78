"""The date tagger, expression by expression: normalisation, relative dates, and the traps."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.config import parse_story
from generator.core.model import DateValue
from generator.extract.dates import DateContext, find_dates, sentence_when
from generator.extract.published import infer_published, year_resolver
from tests.conftest import StoryReader

PUB = "2025-11-25"  # a Tuesday


def when(text: str, published: str | None = None, year: int | None = 2025, anchor: DateValue | None = None):
    ctx = DateContext(
        published=dt.date.fromisoformat(published) if published else None,
        year_for=lambda position: year,
        anchor=anchor,
    )
    return sentence_when(find_dates("s", text, ctx))


DAY_CASES = [
    ("On November 19, American media published reports", "2025-11-19"),
    ("November 19 saw reports", "2025-11-19"),
    ("It happened on February 24, 2022, from occupied areas", "2022-02-24"),
    ("Talks on Nov. 23 went on late", "2025-11-23"),
    ("Talks on Sept. 5 went on late", "2025-09-05"),
    ("The meeting of 23 November 2025 ended", "2025-11-23"),
    ("The meeting of 23rd November ended", "2025-11-23"),
    ("They met on November 23rd in Geneva", "2025-11-23"),
    ("By November 23, representatives met in Geneva", "2025-11-23"),
    ("Officials said on December 2. Nothing more", "2025-12-02"),
    ("The record of 2025-11-23 shows", "2025-11-23"),
    ("Filed 25.11.2025 at noon", "2025-11-25"),
    ("the very day, Thanksgiving Day—November 27, set as the deadline", "2025-11-27"),
    ("The vote falls on May 5 this time", "2025-05-05"),
]


@pytest.mark.parametrize(("text", "expected"), DAY_CASES)
def test_day_precision_dates(text: str, expected: str) -> None:
    value = when(text).value
    assert (value.date, value.precision) == (expected, "day")


RANGE_CASES = [
    ("As recently as November 29-30 2025, a massive assault", ("2025-11-29", "2025-11-30")),
    ("Strikes on November 29–30 hit Kyiv", ("2025-11-29", "2025-11-30")),
    ("Talks from December 1 to 3 in Berlin", ("2025-12-01", "2025-12-03")),
    ("On 29-30 November drones struck", ("2025-11-29", "2025-11-30")),
    ("Talks ran November 30 – December 2 in Florida", ("2025-11-30", "2025-12-02")),
]


@pytest.mark.parametrize(("text", "expected"), RANGE_CASES)
def test_ranges(text: str, expected: tuple[str, str]) -> None:
    value = when(text).value
    assert (value.date, value.end, value.precision) == (*expected, "range")


def test_between_two_days_is_a_window_not_a_range() -> None:
    value = when("The strike came between November 23 and 27, officials said").value
    assert (value.precision, value.after, value.before) == ("approx", "2025-11-23", "2025-11-27")


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("And already in November, Russia showed its face", "2025-11", "month"),
        ("In mid-November the plan leaked", "2025-11", "month"),
        ("In November 2025 the plan leaked", "2025-11", "month"),
        ("Early December 2025 brought snow", "2025-12", "month"),
        ("In 2025, the talks began", "2025", "year"),
        ("the 2004 Orange Revolution", "2004", "year"),
    ],
)
def test_months_and_years(text: str, expected: str, precision: str) -> None:
    mentions = find_dates("s", text, DateContext(year_for=lambda p: 2025))
    value = mentions[0].value
    assert (value.date, value.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zelensky said Friday that talks went well", "2025-11-21"),
        ("Sunday's talks in Geneva ended late", "2025-11-23"),
        ("The envoys met on Tuesday", "2025-11-25"),  # the published day itself
        ("They met last Tuesday in Abu Dhabi", "2025-11-18"),
        ("They will meet next Thursday", "2025-11-27"),
        ("Talks resume Thursday of next week", "2025-12-04"),
        ("He has until 6 p.m. ET on Sunday to answer", "2025-11-30"),
        ("The deadline is Friday", "2025-11-28"),
    ],
)
def test_weekdays_resolve_against_the_published_date(text: str, expected: str) -> None:
    value = when(text, published=PUB).value
    assert (value.date, value.precision) == (expected, "day")


def test_weekday_without_published_date_is_uncertain() -> None:
    value = when("Zelensky said Friday that talks went well", published=None).value
    assert value.precision == "approx" and value.date is None
    assert "published date unknown" in value.rule


ANCHOR = DateValue("2025-11-19", "day", expression="November 19", rule="month-day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The next day, more details emerged", "2025-11-20"),
        ("The next day, November 20, more details emerged", "2025-11-20"),
        ("The following day the plan leaked", "2025-11-20"),
        ("A day later it was published", "2025-11-20"),
        ("That same day, Zelensky spoke", "2025-11-19"),
        ("The day before, envoys had met", "2025-11-18"),
        ("On the same day in 2024, a strike hit", "2024-11-19"),
    ],
)
def test_relative_days_resolve_against_the_previous_anchor(text: str, expected: str) -> None:
    value = when(text, anchor=ANCHOR).value
    assert (value.date, value.precision) == (expected, "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She was called on the evening of Monday, November 17, hours later", "2025-11-17"),  # not the last Monday
        ("They met on November 17, a Monday, in Abu Dhabi", "2025-11-17"),
        ("On the Saturday, officers stopped him near the border", "2025-11-22"),  # the narrative's Saturday
        ("That Friday the envoy flew home", "2025-11-21"),
    ],
)
def test_a_weekday_beside_a_date_or_in_the_narrative_follows_them(text: str, expected: str) -> None:
    value = when(text, published="2025-12-09", anchor=ANCHOR).value  # published weeks later, a Tuesday
    assert (value.date, value.precision) == (expected, "day")


def test_same_day_copies_an_uncertain_anchor() -> None:
    anchor = DateValue(None, "approx", after="2025-11-23", expression="Then", rule="order word")
    value = when("That same day, Zelenskyy announced he was ready to fly", anchor=anchor).value
    assert (value.precision, value.after) == ("approx", "2025-11-23")


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("Then, what many had expected happened", "2025-11-23"),
        ("After the Geneva talks, Rubio appeared before journalists", "2025-11-23"),
        ("Later, media would report that Ukraine had agreed", "2025-11-23"),
        ("Following the talks, officials spoke", "2025-11-23"),
    ],
)
def test_order_words_give_an_approximate_date_after_the_anchor(text: str, after: str) -> None:
    anchor = DateValue("2025-11-23", "day", expression="November 23", rule="month-day")
    value = when(text, anchor=anchor).value
    assert (value.date, value.precision, value.after) == (None, "approx", after)


def test_order_word_governs_a_sentence_that_names_a_deadline() -> None:
    anchor = DateValue("2025-11-23", "day", expression="November 23", rule="month-day")
    mention = when("After the Geneva talks, Rubio noted the possibility of extending the November 27 deadline",
                   anchor=anchor)  # fmt: skip
    assert mention.value.precision == "approx"


@pytest.mark.parametrize(
    ("text", "after", "before"),
    [
        ("Over the past week, delegations were in Geneva", "2025-11-18", "2025-11-25"),
        ("In recent days the front moved", "2025-11-18", "2025-11-25"),
        ("Last week, envoys met", "2025-11-17", "2025-11-23"),  # the previous calendar week, Monday to Sunday
        ("This week, envoys met", "2025-11-24", "2025-11-30"),
    ],
)
def test_spans_before_the_published_date(text: str, after: str, before: str) -> None:
    value = when(text, published=PUB).value
    assert (value.precision, value.after, value.before) == ("approx", after, before)


@pytest.mark.parametrize(
    ("text", "precision", "date"),
    [
        ("Earlier this month, the plan leaked", "month", "2025-11"),
        ("Last month, the plan leaked", "month", "2025-10"),
        ("Last year, the plan leaked", "year", "2024"),
    ],
)
def test_calendar_units_of_the_published_date(text: str, precision: str, date: str) -> None:
    value = when(text, published=PUB).value
    assert (value.precision, value.date) == (precision, date)


def test_span_without_published_date_is_approx_without_bounds() -> None:
    value = when("Over the past week, Ukrainian delegations have been in Geneva").value
    assert (value.precision, value.after, value.before) == ("approx", None, None)


@pytest.mark.parametrize(
    "text",
    [
        "The number of plan points was no longer 28 but between 19 and 24.",
        "In 2025 alone, Russian attacks killed more than half a thousand children",
        "they have been unable to take this region for nearly four years",
        "Kremlin says proposal does not work for Russia6 days ago",
        "a 28-point peace plan",
        "more than 2000 drones were launched",
        "fighting has gone on since 2014",
        "The army would shrink to 600,000 troops",
        "Marco Rubio met them in March",  # 'Marco' is not a month
        "Up 20 percent on November 19 2024 levels",
        "Meanwhile, the posture remains intact",  # "meanwhile" is not "after"
    ],
)
def test_traps_are_not_event_dates(text: str) -> None:
    mention = when(text)
    if text.startswith("Up 20"):
        assert mention is not None and mention.value.date == "2024-11-19"
        return
    if "March" in text:
        assert mention is not None and mention.value.date == "2025-03" and "Marco" not in mention.value.expression
        return
    assert mention is None, mention


def test_target_year_is_a_reference_not_the_sentence_date() -> None:
    assert when("Ukraine aims to join the EU by 2030") is None


def test_deadline_date_is_a_reference() -> None:
    mentions = find_dates(
        "s", "noting the previously stated November 27 deadline", DateContext(year_for=lambda p: 2025)
    )
    assert [m.role for m in mentions] == ["reference"]


def test_dateline_date_is_not_the_event_date() -> None:
    mentions = find_dates("s", "MOSCOW, December 2. /TASS/. Talks went on", DateContext(year_for=lambda p: 2025))
    assert mentions[0].role == "dateline" and mentions[0].value.date == "2025-12-02"


def test_holiday_named_with_its_date_resolves_later_mentions() -> None:
    ctx = DateContext(year_for=lambda p: 2025)
    find_dates("a", "Potential dates included Thanksgiving Day—November 27, the deadline", ctx)
    later = sentence_when(find_dates("b", "He hoped to fly on Thanksgiving to meet Trump", ctx))
    assert later is not None and later.value.date == "2025-11-27"
    assert "holiday named earlier" in later.value.rule


def test_every_value_keeps_its_expression_and_rule() -> None:
    value = when("On November 19, American media published").value
    assert value.expression == "November 19"
    assert value.rule == "month-day, year inferred"


def test_year_less_dates_never_use_the_clock() -> None:
    value = when("On November 19, media reported", year=None).value
    assert value.precision == "undated" and value.date is None


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("Updated November 25, 2025 at 10:11 AM EST\nBody", "2025-11-25", "time stamp in the text"),
        ("Top story\n10:31 GMT 25.11.2025\nBody", "2025-11-25", "time stamp in the text"),
        ("MOSCOW, December 2. /TASS/. Russian officials said", "2025-12-02", "dateline"),
        ("Published: 3 December 2025\nText", "2025-12-03", "time stamp in the text"),
    ],
)
def test_published_date_read_off_the_text(text: str, expected: str, rule: str) -> None:
    value = infer_published(text, lambda position: 2025)
    assert value is not None and (value.date, value.rule) == (expected, rule)


def test_geneva_dateline_without_a_date_gives_no_published_date() -> None:
    assert infer_published("GENEVA - Delegations met on Sunday.", lambda p: 2025) is None


def test_year_inference_order() -> None:
    assert year_resolver([(0, 2004), (5, 2025)], dt.date(2024, 1, 1), 2020)(3) == 2024
    assert year_resolver([(0, 2004), (5, 2025), (9, 2022)], None, 2020)(1) == 2025
    assert year_resolver([], None, 2020)(1) == 2020
    assert year_resolver([], None, None)(1) is None


# The timeline's dates come from the TIMEX3 tagger's reading and from the clause each date attaches to (issue 25).


_READER = StoryReader(parse_story("actors: []"))  # one model for every `_timeline`, loaded at its first


def _timeline(*lines: str, published: str = "2025-03-18") -> list[str]:
    """The dated entries of an article (title first, then body lines) as 'date: summary'; 2025-03-18 is a Tuesday."""
    from generator.core.model import Article, SourceMeta
    from generator.ingest.clean import clean
    from generator.ingest.readers import RawLine
    from generator.nlp.pipeline import parse_article

    body = clean([RawLine(text, number) for number, text in enumerate(("Talks", *lines), start=1)], "Talks")
    article = Article("t", "t.txt", body.title, None, tuple(body.blocks), tuple(body.dropped), (),
                      SourceMeta(published=published), "")  # fmt: skip
    facts = _READER.extractor.extract(parse_article(_READER.pipeline, article)).facts
    return [f"{e.date.date or e.date.after}: {e.summary}" for e in facts.events]


def test_an_explicit_date_beats_the_day_it_was_reported() -> None:
    for reported in ("Officials said on Monday", "The foreign ministry said today"):
        found = _timeline(f"{reported} that on March 3 the delegations met in Lisbon.")
        assert [entry[:10] for entry in found] == ["2025-03-03"], found


def test_a_date_inside_a_clause_dates_that_clause() -> None:
    found = _timeline("The ministry said on Monday that the call, held on January 9, lasted an hour.")
    assert [entry[:10] for entry in found] == ["2025-01-09"], found


def test_a_meeting_expected_on_a_weekday_is_the_coming_one() -> None:
    for text in ("Ministers said on Monday the cabinet would meet at 10:00 on Thursday.",
                 "A cabinet meeting is expected at 10:00 on Thursday."):  # fmt: skip
        found = _timeline(text)
        assert [entry[:10] for entry in found] == ["2025-03-20"], (text, found)


def test_a_dateline_dates_its_report_by_its_own_date() -> None:
    """Filed on Monday 3 March, published a month later: 'on Monday' is the dateline's Monday."""
    found = _timeline("LISBON, March 3 (Wire) - The delegations met on Monday and agreed a timetable for the talks.",
                      published="2025-04-02")  # fmt: skip
    assert [entry[:10] for entry in found] == ["2025-03-03"], found


def test_a_year_less_date_across_the_new_year_takes_the_year_of_its_tense() -> None:
    """Published on 5 January: 'met on December 30' is the December before, 'will resume on January 12' this one."""
    assert _timeline("The delegations met in Lisbon on December 30.", published="2026-01-05")[0][:10] == "2025-12-30"
    assert _timeline("The talks will resume on January 12.", published="2025-12-29")[0][:10] == "2026-01-12"


def test_a_weekday_after_by_in_a_clause_told_in_the_past_has_happened() -> None:
    """'By Friday … were waiting': the Friday before publication; 'will … by Friday' stays the coming one."""
    assert _timeline("By Friday, 27 ships were waiting at anchor in the bay.")[0][:10] == "2025-03-14"
    assert _timeline("The port will reopen by Friday, the harbour master said.")[0][:10] == "2025-03-21"


def test_a_year_in_a_comparison_does_not_date_the_event() -> None:
    """'… more than any of his predecessors did in 2019': a yardstick, not when this happened."""
    text = "The secretary grounded the fleet, which is more than any of his predecessors did in 2019."
    assert when(text, "2026-07-10", 2026) is None
    assert when("The secretary grounded the fleet in 2019.", "2026-07-10", 2026).value.date == "2019"
