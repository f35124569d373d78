"""The TIMEX3 tagger, rule family by rule family, and its public face `python -m generator dates`.

Dates are read against a document date of Wednesday 17 February 2021 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from xml.etree import ElementTree

import pytest

from generator.extract.timex.output import window
from generator.extract.timex.tagger import tag
from tests.commands import python_m
from tests.conftest import ROOT, SEEDS

DCT = dt.date(2021, 2, 17)


def read(text: str, dct: dt.date = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, dct)]


CASES = {
    "calendar dates": [
        ("It opened on Aug. 7, 1998, in Nairobi.", [("Aug. 7, 1998", "DATE", "1998-08-07")]),
        ("The deadline is 3 March 2021.", [("3 March 2021", "DATE", "2021-03-03")]),
        ("Filed 2021-02-10.", [("2021-02-10", "DATE", "2021-02-10")]),
        ("Prices fell in July 2019.", [("July 2019", "DATE", "2019-07")]),
        ("Sales in early 2019 rose.", [("early 2019", "DATE", "2019")]),
        ("A 2019 agreement and his 2016 campaign.", [("2019", "DATE", "2019"), ("2016", "DATE", "2016")]),
        ("In 2019-2020 and 1998-99.", [("2019", "DATE", "2019"), ("2020", "DATE", "2020"), ("1998", "DATE", "1998"),
                                       ("99", "DATE", "1999")]),
        ("Monday, Feb. 15, was cold.", [("Monday, Feb. 15", "DATE", "2021-02-15")]),
        ("The 1990s and the '80s.", [("The 1990s", "DATE", "199"), ("the '80s", "DATE", "198")]),
    ],
    "year of a date without one": [
        ("The strike began in late August.", [("late August", "DATE", "2020-08")]),  # past tense: the last one
        ("The strike began late last August.", [("late last August", "DATE", "2020-08")]),
        ("Talks will resume in March.", [("March", "DATE", "2021-03")]),
        ("Talks resumed on Feb. 10.", [("Feb. 10", "DATE", "2021-02-10")]),
        ("The vote will be held on Jan. 5.", [("Jan. 5", "DATE", "2022-01-05")]),
        ("It happened in May.", [("May", "DATE", "2021-05")]),
        ("Officials may decide.", []),  # the modal verb is no month
        ("In 2019, the talks began on March 3 and ended in May.",
         [("2019", "DATE", "2019"), ("March 3", "DATE", "2019-03-03"), ("May", "DATE", "2019-05")]),
    ],
    "relative days and weekdays": [
        ("Yesterday they met; today they sign; tomorrow they leave.",
         [("Yesterday", "DATE", "2021-02-16"), ("today", "DATE", "2021-02-17"), ("tomorrow", "DATE", "2021-02-18")]),
        ("Bombs exploded Friday.", [("Friday", "DATE", "2021-02-12")]),
        ("The council will vote Friday.", [("Friday", "DATE", "2021-02-19")]),
        ("Before Monday's vote, they met.", [("Monday", "DATE", "2021-02-15")]),
        ("Friday's attack killed six.", [("Friday", "DATE", "2021-02-12")]),
        ("They met last Tuesday and meet next Tuesday.",
         [("last Tuesday", "DATE", "2021-02-16"), ("next Tuesday", "DATE", "2021-02-23")]),  # the latest one
        ("Talks began Nov. 19. The next day, envoys left.",
         [("Nov. 19", "DATE", "2020-11-19"), ("The next day", "DATE", "2020-11-20")]),
    ],
    "calendar units": [
        ("This week the talks resumed; last month they stalled.",
         [("This week", "DATE", "2021-W07"), ("last month", "DATE", "2021-01")]),
        ("Earlier this week, and next year.",
         [("Earlier this week", "DATE", "2021-W07"), ("next year", "DATE", "2022")]),
        ("Two years ago, three weeks ago, a fortnight ago.",
         [("Two years ago", "DATE", "2019"), ("three weeks ago", "DATE", "2021-W04"),
          ("a fortnight ago", "DATE", "2021-W05")]),
        ("Third-quarter profit fell from a year earlier.",
         [("Third-quarter", "DATE", "2020-Q3"), ("a year earlier", "DATE", "2019-Q3")]),
        ("Last fall and this summer.", [("Last fall", "DATE", "2020-FA"), ("this summer", "DATE", "2021-SU")]),
        ("Prices fall.", []),  # the verb is no season
        ("On Thanksgiving Day we ate.", [("Thanksgiving Day", "DATE", "2020-11-26")]),
        ("This winter was cold; last winter was mild.", [("This winter", "DATE", "2020-WI"),
                                                          ("last winter", "DATE", "2019-WI")]),  # Feb: last year's
        ("Last May and last March.", [("Last May", "DATE", "2020-05"), ("last March", "DATE", "2020-03")]),
        ("It will grow in the second half.", [("the second half", "DATE", "2021-H2")]),
        ("The most recent quarter.", [("The most recent quarter", "DATE", "2020-Q4")]),
    ],
    "durations": [
        ("The truce held for 48 hours.", [("48 hours", "DURATION", "PT48H")]),
        ("It took three years and a month.", [("three years", "DURATION", "P3Y"), ("a month", "DURATION", "P1M")]),
        ("In the first nine months, and the past two weeks.",
         [("the first nine months", "DURATION", "P9M"), ("the past two weeks", "DURATION", "P2W")]),
        ("a three-day ceasefire", [("three-day", "DURATION", "P3D")]),
        ("It lasted years.", [("years", "DURATION", "PXY")]),
        ("a 40-year-old man", []),  # an age
    ],
    "sets": [
        ("They meet every week and talk daily.", [("every week", "SET", "P1W"), ("daily", "SET", "P1D")]),
        ("Every Monday they march.", [("Every Monday", "SET", "XXXX-WXX-1")]),
    ],
    "references": [
        ("Prices are now high and currently rising; recently they fell.",
         [("now", "DATE", "PRESENT_REF"), ("currently", "DATE", "PRESENT_REF"), ("recently", "DATE", "PAST_REF")]),
        ("In recent years and in the future.",
         [("In recent years", "DATE", "PAST_REF"), ("the future", "DATE", "FUTURE_REF")]),
    ],
    "clock times": [
        ("At 14:30 GMT Tuesday the vote began.", [("14:30 GMT Tuesday", "TIME", "2021-02-16T14:30")]),
        ("It ended at 10:35 a.m.", [("10:35 a.m.", "TIME", "2021-02-17T10:35")]),
        ("At 9 p.m. yesterday.", [("9 p.m. yesterday", "TIME", "2021-02-16T21:00")]),
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [case for family in CASES.values() for case in family],
    ids=[f"{family}: {text[:40]}" for family, cases in CASES.items() for text, _ in cases],
)
def test_rule_families(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert read(text) == expected


def test_extents_leave_out_prepositions_stops_and_possessives() -> None:
    found = tag("It happened in May. Friday's attack came early 2019.", DCT)
    assert [t.text for t in found] == ["May", "Friday", "early 2019"]


def test_windows_of_calendar_values() -> None:
    assert window("2021-W07") == ("2021-02-15", "2021-02-21")
    assert window("2021-02") == ("2021-02-01", "2021-02-28")
    assert window("2020-Q3") == ("2020-07-01", "2020-09-30")
    assert window("2020-WI") == ("2020-12-01", "2021-02-28")
    assert window("2021-02-17") == (None, None)


def run_dates(*args: str) -> subprocess.CompletedProcess[str]:
    return python_m("generator", "dates", *args, cwd=ROOT)


SEED = SEEDS / "000_a5c0679ffe64ab60.txt"


def test_dates_command_lists_every_date_of_a_seed() -> None:
    result = run_dates(str(SEED), "--published", "2025-11-26")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("temporal expressions (read against 2025-11-26)")
    assert any("DATE      2025-11-23  “November 23”  [month-day]" in line for line in lines)
    assert any("DATE      2025-11-20  “The next day”" in line for line in lines)
    assert any("DATE      2022-02-24  “February 24, 2022”  [full-date]" in line for line in lines)


def test_jsonl_follows_the_contract_and_offsets_index_the_file_text() -> None:
    result = run_dates(str(SEED), "--published", "2025-11-26", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    text = SEED.read_text(encoding="utf-8")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) >= 15
    keys = {"file", "start", "end", "text", "type", "value", "precision", "after", "before", "rule", "role", "mod"}
    for record in records:
        assert set(record) == keys and record["file"] == str(SEED)
        assert text[record["start"] : record["end"]] == record["text"]
        assert record["type"] in ("DATE", "TIME", "DURATION", "SET")
    november = next(r for r in records if r["text"] == "November")
    assert (november["value"], november["precision"]) == ("2025-11", "month")
    assert (november["after"], november["before"]) == ("2025-11-01", "2025-11-30")


def test_timeml_output_parses_and_keeps_the_text() -> None:
    result = run_dates(str(SEED), "--published", "2025-11-26", "--format", "timeml")
    assert result.returncode == 0, result.stderr
    root = ElementTree.fromstring(result.stdout)
    body = root.find("TEXT")
    assert body is not None and "".join(body.itertext()) == SEED.read_text(encoding="utf-8")
    values = {t.text: t.get("value") for t in body.iter("TIMEX3")}
    assert values["November 23"] == "2025-11-23" and values["At present"] == "PRESENT_REF"


def test_dates_command_mistakes_are_one_line() -> None:
    missing = run_dates(str(SEED))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "--published" in missing.stderr
    wrong = run_dates(str(SEED), "--published", "26/11/2025")
    assert wrong.returncode == 2 and "--published 26/11/2025: not a date" in wrong.stderr


def test_the_timeline_takes_calendar_units_as_uncertain_windows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from generator.build.pipeline import build_site_data

    (tmp_path / "a.txt").write_text(
        "Port talks\nNegotiators walked out of the port talks last week, officials said.\n"
        "Dockers struck for 48 hours two months ago, halting exports.\nThe talks go on now.\n",
        encoding="utf-8",
    )
    (tmp_path / "a.yml").write_text("published: 2021-02-17\n", encoding="utf-8")
    site = build_site_data(tmp_path, None)
    dates = {e.date.expression: e.date for e in site.timeline}
    assert (dates["last week"].after, dates["last week"].before) == ("2021-02-08", "2021-02-14")
    assert dates["last week"].precision == "approx"  # shown as uncertain
    assert (dates["two months ago"].date, dates["two months ago"].precision) == ("2020-12", "month")
    assert "now" not in dates and "48 hours" not in dates  # a reference and a duration are no events


@pytest.mark.parametrize("dct", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29)])
def test_no_date_arithmetic_breaks_at_the_calendars_ends(dct: dt.date) -> None:
    text = ("Yesterday, tomorrow, last week, next month, next year, Friday, the third quarter, last fall, "
            "Thanksgiving, Jan. 5, this week, 3 days later, the next day, Monday night, at 9 p.m. tomorrow. "
            "It was 9999999 weeks ago, or 99999999 years later.")  # fmt: skip
    found = tag(text, dct)
    assert len(found) >= 10 and all(t.value for t in found)


@pytest.mark.parametrize(
    "text",
    [
        "A cabinet meeting is expected at 10:00 on Thursday.",
        "The cabinet meeting, expected at 10:00 on Thursday, will decide.",
        "She added that the storm was moving away and conditions should ease by Thursday.",
    ],
)
def test_an_expected_day_is_read_ahead(text: str) -> None:
    """'expected at/on', 'should': the coming weekday, not the last one (published Tuesday 18 March 2025)."""
    assert [(t.text, t.value) for t in tag(text, dt.date(2025, 3, 18))] == [("Thursday", "2025-03-20")]


# One date engine (issue 25): what the event finder needed and the tagger now reads itself.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks resume Thursday of next week.", [("Thursday of next week", "DATE", "2021-02-25")]),
        ("Filed 25.11.2020 at noon.", [("25.11.2020", "DATE", "2020-11-25"), ("noon", "TIME", "2021-02-17T12:00")]),
        ("On Feb. 10 they met. That very same day the deal fell.",
         [("Feb. 10", "DATE", "2021-02-10"), ("That very same day", "DATE", "2021-02-10")]),
        ("Marked on Feb. 10. On this day, people remember.",
         [("Feb. 10", "DATE", "2021-02-10"), ("On this day", "DATE", "2021-02-10")]),
        ("Rates of March 3 per cent held.", [("March", "DATE", "2021-03")]),  # a rate, not March 3
    ],
)
def test_what_the_event_finder_reads_off_the_tagger(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert read(text) == expected


def test_the_finder_takes_its_expressions_from_the_tagger() -> None:
    """Every date the event finder reads is a tagger expression, but for what TIMEX3 has no rule for: day ranges,
    a holiday given its date, order words and days named by their event."""
    from generator.extract.dates import DateContext, find_dates

    ctx = DateContext(published=dt.date(2025, 11, 25), year_for=lambda position: 2025)
    own = ("month-day-range", "day-range-month", "month-day-month-day", "holiday-date", "order word", "named earlier")
    texts = ("On November 19, American media published reports", "They met last Tuesday in Abu Dhabi",
             "The next day, more details emerged", "Five days later, the ferry sank", "In mid-November it leaked",
             "Strikes on November 29–30 hit the city", "Thanksgiving Day—November 27 was the deadline",
             "Then, what many had expected happened", "In 2025, the talks began", "Over the past week they met")
    for text in texts:
        spans = [(t.start, t.end) for t in tag(text, dt.date(2025, 11, 25))]
        for mention in find_dates("s", text, ctx):
            if not mention.value.rule.startswith(own) and "named earlier" not in mention.value.rule:
                assert any(s < mention.end and mention.start < e for s, e in spans), (text, mention)


def test_stated_days_and_time_stamps_are_the_taggers() -> None:
    from generator.extract.published import infer_published
    from generator.extract.timex.bridge import stated_days

    assert [t.text for t in stated_days("resumed on 8 September and on Monday, March 9, 2026")] == [
        "8 September", "Monday, March 9, 2026"]  # fmt: skip
    assert stated_days("It rose 3 percent on Monday") == []
    stamp = infer_published("Top story\nUpdated on Tuesday, November 25, 2025 at 10:11 AM EST\nBody", lambda p: None)
    assert stamp is not None and (stamp.date, stamp.rule) == ("2025-11-25", "time stamp in the text")


def test_a_site_date_keeps_the_timex3_value_it_was_read_from() -> None:
    from generator.extract.dates import DateContext, find_dates

    ctx = DateContext(published=dt.date(2025, 11, 25), year_for=lambda position: 2025)
    quarter, day = find_dates("s", "Sales rose in the third quarter and on November 19", ctx)
    assert (quarter.timex, quarter.value.after, quarter.value.before) == ("2025-Q3", "2025-07-01", "2025-09-30")
    assert (day.timex, day.value.date) == ("2025-11-19", "2025-11-19")
    ranged = find_dates("s", "Strikes on November 29–30 hit the city", ctx)[0]
    assert ranged.timex == "2025-11-29"  # TIMEX3 reads its first day


def test_a_24_hour_time_with_its_zone_is_no_year() -> None:
    found = tag("The tremor hit at 1653 (2153 GMT), about 15km south-west of the capital.", dt.date(2010, 1, 13))
    assert not [t for t in found if t.value in ("1653", "2153")]
