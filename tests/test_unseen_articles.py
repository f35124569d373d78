"""Articles in other outlets' styles (a wire story with a stamp, a dateline report): general news English."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.pipeline import build_site_data
from generator.core.model import Site

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


@pytest.fixture(scope="module")
def unseen() -> Site:
    return build_site_data(UNSEEN, ROOT / "story.yml")


def _entry(site: Site, words: str):  # type: ignore[no-untyped-def]
    return next(e for e in site.timeline if any(words in c.text for c in e.citations))


def test_published_dates_inferred_from_stamp_and_dateline(unseen: Site) -> None:
    published = {s.article.id: s.published for s in unseen.sources}
    assert published["reuters"].date == "2025-11-24" and published["reuters"].rule == "time stamp in the text"
    assert published["tass"].date == "2025-12-02" and published["tass"].rule == "dateline"


def test_stamp_and_dateline_set_aside_from_the_body(unseen: Site) -> None:
    reasons = {(d.reason, d.text) for s in unseen.sources for d in s.article.dropped}
    assert ("time stamp", "Updated November 24, 2025 at 6:02 AM GMT") in reasons
    assert ("dateline (where and when filed)", "MOSCOW, December 2. /TASS/.") in reasons
    assert ("dateline (where and when filed)", "GENEVA -") in reasons


@pytest.mark.parametrize(
    ("words", "date", "kind"),
    [
        ("they had drafted", "2025-11-23", "event"),  # "said on Sunday"
        ("said on Friday the plan", "2025-11-21", "event"),
        ("said on Saturday that Ukraine", "2025-11-22", "event"),
        ("expected to travel to the United States on Thursday", "2025-11-27", "scheduled"),
        ("arrived in Moscow", "2025-11-30", "event"),
        ("the next day, according to", "2025-12-01", "event"),
        ("told reporters on Tuesday", "2025-12-02", "event"),  # past verb: not "next Tuesday"
    ],
)
def test_weekdays_and_relative_dates_in_unseen_articles(unseen: Site, words: str, date: str, kind: str) -> None:
    entry = _entry(unseen, words)
    assert (entry.date.date, entry.date.precision, entry.kind) == (date, "day", kind)


def test_last_week_is_the_calendar_week_before_publication(unseen: Site) -> None:
    entry = _entry(unseen, "first reported by Axios last week")  # published Monday 24 November
    assert (entry.date.precision, entry.date.after, entry.date.before) == ("approx", "2025-11-17", "2025-11-23")


def test_summaries_drop_leading_date_phrases(unseen: Site) -> None:
    assert _entry(unseen, "arrived in Moscow").summary == "US envoy Steve Witkoff arrived in Moscow"
    # the pronoun takes the name of the person the sentence before named, the date phrase goes, the comma stays
    assert (
        _entry(unseen, "the next day, according to").summary == "Steve Witkoff met with Putin, according to the Kremlin"
    )


def test_people_with_titles_are_discovered(unseen: Site) -> None:
    found = {a.name: a for a in unseen.actors if not a.registered}
    assert {"Rustem Umerov", "Yuri Ushakov"} <= set(found)
